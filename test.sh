#!/usr/bin/env bash
# The project's own tests: unit tests, the catalogue tests, the defect matrix (every check shown to
# fail on a defect of the reference server), CLI error paths, by-URL, secrets and clean-up tests.
# Extra arguments go to the xunit.v3 runner (e.g. -class Conformance.Tests.DefectTests).
# The last line is exactly "N passed, N failed" (what CI reads); skips are counted on the line before.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results="$root/artifacts/test-results"
mkdir -p "$results"

"$root/scripts/allure/install.sh"
if ! "$root/scripts/build.sh" Debug; then
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet "$root/artifacts/bin/Conformance.Tests/debug/Conformance.Tests.dll" -noLogo -noColor \
  -junit "$results/junit.xml" "$@" 2>&1 | tee "$results/output.log"
status=${PIPESTATUS[0]}

summary="$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+' "$results/output.log" | tail -n 1)"
if [[ -z "$summary" ]]; then
  echo "0 passed, 1 failed"
  exit 1
fi
num() { sed -E "s/.*$1: ([0-9]+).*/\\1/" <<<"$summary"; }
total=$(num Total); errors=$(num Errors); failed=$(num Failed); skipped=$(num Skipped); notrun=$(num 'Not Run')
passed=$((total - errors - failed - skipped - notrun))
echo "$((skipped + notrun)) skipped"
echo "$passed passed, $((failed + errors)) failed"
exit "$status"
