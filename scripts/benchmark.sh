#!/usr/bin/env bash
# Measures the figures docs/development.md quotes ("Scripts"), on this machine:
#   warm ./run.sh against the embedded reference server, with and without the HTML report (3 runs each),
#   and with the locking and admin-lock-API checks only (the foundation's scope),
#   what each later family adds: a --no-html run without it, and its checks alone (suspension and the
#   admin suspend API; the OAuth 2.0 API and OAuth 2.0 aware servers),
#   ./run.sh --target synapse with the image cached (3 runs; from the results: container ready time and
#   suite time against the started container),
#   with --cold: the Synapse image build from scratch (removes the image first).
# Prints a Markdown table. Needs a Docker engine for the Synapse rows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/build.sh" Release

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
field() { python3 -c "import json,sys; r=json.load(open('$root/reports/latest/results.json')); print($1)"; }

echo "| measurement | run 1 | run 2 | run 3 |"
echo "|---|---|---|---|"
# One table row: the label, then the wall time of three runs of ./run.sh with the given arguments.
timed_row() {
  local label="$1" row=(); shift
  for _ in 1 2 3; do row+=("$(printf '%.1f s' "$(seconds ./run.sh "$@")")"); done
  echo "| $label | ${row[0]} | ${row[1]} | ${row[2]} |"
}
timed_row "warm ./run.sh (embedded reference, all checks, all reports)"
timed_row "warm ./run.sh --no-html (no Allure HTML)" --no-html
timed_row "warm ./run.sh --only locking,admin-lock-api (all reports)" --only locking,admin-lock-api
old_areas=locking,admin-lock-api,oauth-metadata,account-management
timed_row "warm ./run.sh --no-html, the wave-1 areas only" --no-html --only "$old_areas"
timed_row "warm ./run.sh --no-html, the wave-1 areas and suspension, admin suspend API" --no-html --only "$old_areas,suspension,admin-suspend-api"
timed_row "warm ./run.sh --no-html, the wave-1 areas and the OAuth 2.0 API, OAuth 2.0 aware" --no-html --only "$old_areas,oauth-api,oauth-aware"
timed_row "warm ./run.sh --no-html --only suspension,admin-suspend-api" --no-html --only suspension,admin-suspend-api
timed_row "warm ./run.sh --no-html --only oauth-api,oauth-aware" --no-html --only oauth-api,oauth-aware
row=(); for _ in 1 2 3; do ./run.sh --only account-management >/dev/null 2>&1 || true; row+=("$(field "r['features'].get('browser-time','no browser')")"); done
echo "| browser checks (embedded reference) | ${row[0]} | ${row[1]} | ${row[2]} |"

if docker info >/dev/null 2>&1; then
  if [[ "${1:-}" == "--cold" ]]; then
    docker rmi -f conformance/synapse:1.160-sid.2 >/dev/null 2>&1 || true
    printf '| Synapse image build, cold | %.0f s | | |\n' "$(seconds bash fixtures/targets/synapse/build-image.sh conformance/synapse:1.160-sid.2 benchmark)"
    docker rmi -f conformance/synapse:1.160-sid.2 >/dev/null 2>&1 || true
    ./run.sh --target synapse --only ADM-006 >/dev/null 2>&1 || true   # rebuild with the real recipe hash
  fi
  total=(); ready=(); suite=()
  for _ in 1 2 3; do
    total+=("$(printf '%.1f s' "$(seconds ./run.sh --target synapse)")")
    ready+=("$(field "round(r['target']['readyMs']/1000,1)") s")
    suite+=("$(field "round((r['run']['durationMs']-r['target']['readyMs'])/1000,1)") s")
  done
  echo "| ./run.sh --target synapse, image cached (wall) | ${total[0]} | ${total[1]} | ${total[2]} |"
  echo "| Synapse container ready | ${ready[0]} | ${ready[1]} | ${ready[2]} |"
  echo "| suite against the started Synapse container | ${suite[0]} | ${suite[1]} | ${suite[2]} |"
  total=()
  for _ in 1 2 3; do total+=("$(printf '%.1f s' "$(seconds ./run.sh --target complement-synapse --no-html)")"); done
  echo "| ./run.sh --target complement-synapse --no-html, image cached (wall) | ${total[0]} | ${total[1]} | ${total[2]} |"
else
  echo "| (no Docker engine: Synapse rows skipped) | | | |"
fi
