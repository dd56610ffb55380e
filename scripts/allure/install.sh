#!/usr/bin/env bash
# Installs the Allure Report CLI (npm package "allure", version pinned in package-lock.json) that turns a
# run's allure-results into the single-file HTML report. Does nothing when it is already there. Without
# npm, runs still write every other report and say why there is no HTML.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -x "$here/node_modules/.bin/allure" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  echo "note: npm is not installed, so runs will have no HTML report (install Node.js and npm, then run $0)." >&2
  exit 0
fi
echo "Installing the Allure Report CLI…" >&2
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null 2>"$here/npm-install.log" \
  || { cat "$here/npm-install.log" >&2; echo "error: npm ci failed; runs will have no HTML report." >&2; exit 0; }
