#!/usr/bin/env bash
# The action's browser step: finds a Chromium (or Chrome) for the browser checks, installing the distribution's
# chromium package when the runner has none, and exports CHROMIUM_PATH for the steps after it. Without a
# browser the browser checks skip, with the reason, so a failure here is a warning, not an error.
set -uo pipefail

usable() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

path="${CHROMIUM_INPUT:-}"
if [ -n "$path" ] && ! usable "$path"; then
  echo "::warning::The chromium input names $path, which does not run; looking for another browser."
  path=""
fi
if [ -z "$path" ]; then
  for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
    found="$(command -v "$candidate" 2>/dev/null)" && usable "$found" && { path="$found"; break; }
  done
fi
if [ -z "$path" ] && command -v apt-get >/dev/null 2>&1; then
  sudo_=(); [ "$(id -u)" -eq 0 ] || sudo_=(sudo)
  echo "No browser on this runner; installing chromium with apt-get."
  if "${sudo_[@]}" apt-get update -qq && "${sudo_[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    found="$(command -v chromium 2>/dev/null)" && usable "$found" && path="$found"
  fi
fi
if [ -z "$path" ]; then
  echo "::warning::No Chromium found or installed: the browser checks will skip, with that reason."
  exit 0
fi
echo "CHROMIUM_PATH=$path" >> "$GITHUB_ENV"
echo "Browser for the browser checks: $path ($("$path" --version 2>/dev/null | head -n 1))"
