#!/usr/bin/env bash
# The action's main step: turns the inputs into run.sh arguments, runs the suite, and records the exit code
# and where the reports are as step outputs; with compare-with, also what changed since that run. It does not fail the step itself, so the job summary, the
# artifact and the badge still happen; the action's last step fails the job per the exit code.
set -uo pipefail

args=()
[ -n "${INPUT_PROFILE:-}" ] && args+=(--profile "$INPUT_PROFILE")
[ -n "${INPUT_COMPLEMENT_IMAGE:-}" ] && args+=(--complement-image "$INPUT_COMPLEMENT_IMAGE")
if [ ${#args[@]} -eq 0 ]; then
  echo "::error::Set the input 'profile' (a target profile in your repository) or 'complement-image' (a Complement-ready image of your server)."
  echo "exit-code=2" >> "$GITHUB_OUTPUT"
  exit 0
fi
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_ONLY:-}" ] && args+=(--only "$INPUT_ONLY")
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<<"$INPUT_ARGS"
  args+=("${extra[@]}")
fi
out="${RUNNER_TEMP:-/tmp}/conformance-report"
rm -rf "$out"
args+=(--out "$out")
echo "report-dir=$out" >> "$GITHUB_OUTPUT"

echo "run.sh ${args[*]}"
"$GITHUB_ACTION_PATH/run.sh" "${args[@]}"
code=$?
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -f "$out/results.json" ]; then echo "results=$out/results.json" >> "$GITHUB_OUTPUT"; fi
if [ -n "${INPUT_COMPARE_WITH:-}" ] && [ -f "$out/results.json" ]; then
  "$GITHUB_ACTION_PATH/run.sh" diff "$INPUT_COMPARE_WITH" "$out/results.json" --markdown "$out/diff.md"
  case $? in
    0) echo "regressed=false" >> "$GITHUB_OUTPUT" ;;
    1) echo "regressed=true" >> "$GITHUB_OUTPUT" ;;
    *) echo "::warning::Could not compare with $INPUT_COMPARE_WITH (see above)." ;;
  esac
  if [ -f "$out/diff.md" ]; then echo "diff=$out/diff.md" >> "$GITHUB_OUTPUT"; fi
fi
if [ -f "$out/badge.json" ]; then
  echo "badge=$(sed -n 's/^ *"message": "\(.*\)",\{0,1\}$/\1/p' "$out/badge.json")" >> "$GITHUB_OUTPUT"
fi
exit 0
