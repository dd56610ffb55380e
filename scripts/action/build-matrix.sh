#!/usr/bin/env bash
# The matrix action's step: one comparison page from the results of many runs (e.g. the artifacts of a job
# matrix, downloaded into one folder). The page goes beside the runs by default, so its links to each run's
# results.json and report still work when the folder is uploaded or published as a whole.
set -uo pipefail

read -r -a inputs <<<"${INPUT_RESULTS:-}"
if [ ${#inputs[@]} -eq 0 ]; then
  echo "::error::Set the input 'results': folders or results.json files, separated by spaces."
  exit 2
fi
out="${INPUT_OUT:-}"
if [ -z "$out" ]; then
  if [ -d "${inputs[0]}" ]; then out="${inputs[0]%/}/index.html"; else out="conformance-matrix/index.html"; fi
fi
args=(matrix "${inputs[@]}" --out "$out")
[ -n "${INPUT_TITLE:-}" ] && args+=(--title "$INPUT_TITLE")
"$GITHUB_ACTION_PATH/../run.sh" "${args[@]}"
code=$?
[ "$code" -eq 0 ] || exit "$code"
echo "page=$out" >> "$GITHUB_OUTPUT"
echo "folder=$(dirname "$out")" >> "$GITHUB_OUTPUT"
echo "Matrix page: $out" >> "$GITHUB_STEP_SUMMARY"
