#!/usr/bin/env bash
# The action's last step: fails the job per the suite's exit code (README, "Exit codes"), after the job
# summary, the artifact and the badge are in place.
set -uo pipefail
code="${EXIT_CODE:-}"
case "$code" in
  "")  echo "::error::The suite did not run; see the steps above."; exit 1 ;;
  0)   echo "Exit code 0: no MUST failed (with a baseline: every result is as it expects)."; exit 0 ;;
  1)   echo "::error::Exit code 1: a MUST failed, or, with a baseline, a result differs from it. The job summary lists them." ;;
  2)   echo "::error::Exit code 2: the command line is wrong (check the action's inputs)." ;;
  3)   echo "::error::Exit code 3: the profile cannot be used." ;;
  4)   echo "::error::Exit code 4: the target is unavailable (unreachable, not a Matrix homeserver, or its container did not get ready)." ;;
  5)   echo "::error::Exit code 5: no MUST failed, but some checks could not be judged (errors)." ;;
  *)   echo "::error::Exit code $code." ;;
esac
exit "$code"
