#!/usr/bin/env bash
# Runs the conformance suite. With no arguments it tests the embedded reference homeserver;
# ./run.sh --help lists the options; docs/profiles.md tells how to test your own server.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/build.sh" Release
"$root/scripts/allure/install.sh"
exec dotnet "$root/artifacts/bin/Conformance.Runner/release/conformance.dll" "$@"
