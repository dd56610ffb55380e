#!/usr/bin/env bash
# Compares two snapshots written by scripts/verdict-snapshot.sh: prints every (run, check, case) whose
# verdict differs, or that is in one snapshot only, and exits 1 when anything differs.
# Usage: scripts/compare-verdicts.sh BEFORE_DIR AFTER_DIR
set -uo pipefail
before="${1:?usage: compare-verdicts.sh BEFORE_DIR AFTER_DIR}"; after="${2:?usage: compare-verdicts.sh BEFORE_DIR AFTER_DIR}"
status=0; runs=0; results=0
for file in "$before"/*.tsv "$after"/*.tsv; do basename "$file"; done | sort -u | while read -r name; do
  if [[ ! -f "$before/$name" || ! -f "$after/$name" ]]; then echo "${name%.tsv}: only in $([[ -f "$before/$name" ]] && echo "$before" || echo "$after")"; continue; fi
  if ! diff -q "$before/$name" "$after/$name" >/dev/null; then
    diff "$before/$name" "$after/$name" | grep '^[<>]' | sed "s/^</${name%.tsv}: before/; s/^>/${name%.tsv}: after /"
  fi
done | tee /tmp/compare-verdicts.$$ 
[[ -s /tmp/compare-verdicts.$$ ]] && status=1
runs=$(ls "$after"/*.tsv | wc -l); results=$(cat "$after"/*.tsv | wc -l)
rm -f /tmp/compare-verdicts.$$
if [[ $status -eq 0 ]]; then echo "same verdicts: $runs runs, $results (check, case) results"; else echo "verdicts differ (see above)"; fi
exit $status
