#!/usr/bin/env bash
# The action's summary step: the run's Markdown summary on the job's page, and what changed since the run
# it was compared with.
set -uo pipefail
if [ -f "${REPORT_DIR:-}/summary.md" ]; then
  cat "$REPORT_DIR/summary.md" >> "$GITHUB_STEP_SUMMARY"
  if [ -f "$REPORT_DIR/diff.md" ]; then cat "$REPORT_DIR/diff.md" >> "$GITHUB_STEP_SUMMARY"; fi
else
  echo "Matrix account conformance: no summary, the run ended before writing its reports (exit code ${EXIT_CODE:-unknown}; see the log)." >> "$GITHUB_STEP_SUMMARY"
fi
