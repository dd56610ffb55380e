#!/usr/bin/env bash
# Builds the solution in the given configuration (Release by default) when a source file changed since
# the last build, so a warm ./run.sh starts at once. Data under fixtures/ is read at run time and needs
# no rebuild.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${1:-Release}"
stamp="$root/artifacts/.built-${config,,}"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 (https://dotnet.microsoft.com/download)." >&2
  exit 2
fi

if [[ -f "$stamp" ]] && [[ -z "$(find "$root/harness" "$root/suites" "$root/tests" "$root/fixtures/reference-homeserver" "$root"/*.props "$root/Conformance.sln" \
      \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.sln' -o -name 'xunit.runner.json' \) \
      -newer "$stamp" -print -quit)" ]]; then
  exit 0
fi

echo "Building ($config)…" >&2
mkdir -p "$root/artifacts"
if ! build_log="$(dotnet build "$root/Conformance.sln" -c "$config" -v q --nologo 2>&1)"; then
  echo "$build_log" >&2
  echo "error: the build failed." >&2
  exit 5
fi
touch "$stamp"
