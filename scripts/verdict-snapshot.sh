#!/usr/bin/env bash
# Records the verdict of every (check, case) for the runs that pin the suite's behaviour, so a change
# that should alter only the code's shape can be shown to alter no verdict:
#   the clean reference run, every defect of the defect matrix (with --only the checks it trips, as the
#   project's DefectTests run it), and, where a Docker engine answers, ./run.sh --target synapse.
# Usage: scripts/verdict-snapshot.sh DIR [--no-synapse]
#   writes DIR/<run>.tsv ("id<TAB>case<TAB>verdict", sorted); compare two snapshots with
#   scripts/compare-verdicts.sh BEFORE_DIR AFTER_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:?usage: verdict-snapshot.sh DIR [--no-synapse]}" && cd "$1" && pwd)"
synapse=yes; [[ "${2:-}" == "--no-synapse" ]] && synapse=no
runs="$out/runs"; mkdir -p "$runs"

tsv() { jq -r '.results[] | [.id, (.case // "-"), .verdict] | @tsv' "$1/results.json" | sort > "$2"; }

run() {
  local name="$1"; shift
  "$root/run.sh" --no-html --out "$runs/$name" "$@" >"$runs/$name.log" 2>&1 || true
  if [[ -f "$runs/$name/results.json" ]]; then tsv "$runs/$name" "$out/$name.tsv"; else echo "no-results" >"$out/$name.tsv"; fi
  echo "$name: $(wc -l <"$out/$name.tsv") results" >&2
}

run reference
# Each defect, with its name and the checks it trips, from the defect catalogue.
awk '/^  - name:/ { if (name) print name, checks; name=$3; checks="" }
     /check: / { match($0, /check: [A-Z]+-[0-9]+/); c=substr($0, RSTART+7, RLENGTH-7); if (index(","checks",", ","c",")==0) checks=checks (checks?",":"") c }
     END { if (name) print name, checks }' "$root/fixtures/reference-homeserver/defects.yaml" |
while read -r defect checks; do
  run "defect-$defect" --reference-defect "$defect" --only "$checks"
done
if [[ "$synapse" == yes ]] && docker info >/dev/null 2>&1; then run synapse --target synapse; fi
