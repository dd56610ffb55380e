#!/usr/bin/env bash
# The action's badge step: commits the run's badge.json as BADGE_NAME.json to BADGE_BRANCH of the repository
# in the workspace (the one the job checked out, with the credentials actions/checkout left there), for a
# shields.io endpoint badge. Jobs of a matrix write different names and retry on a concurrent push.
set -euo pipefail

if [ ! -f "${BADGE_FILE:-}" ]; then
  echo "::warning::No badge.json to publish: the run ended before writing its reports."
  exit 0
fi
cd "${GITHUB_WORKSPACE:-.}"
git rev-parse --git-dir >/dev/null 2>&1 || { echo "::error::publish-badge needs the repository checked out in the workspace (actions/checkout)."; exit 1; }

tree="$(mktemp -d)/badge"
scratch="conformance-badge-$$"
cleanup() {
  git worktree remove --force "$tree" >/dev/null 2>&1 || true
  git branch -q -D "$scratch" >/dev/null 2>&1 || true
}
trap cleanup EXIT
if git fetch -q --depth 1 origin "+refs/heads/$BADGE_BRANCH:refs/remotes/origin/$BADGE_BRANCH" 2>/dev/null; then
  git worktree add -q --detach "$tree" "origin/$BADGE_BRANCH"
else
  # The branch does not exist yet: start it with no history and no files.
  git worktree add -q --no-checkout --detach "$tree"
  git -C "$tree" switch -q --orphan "$scratch"
fi
cp "$BADGE_FILE" "$tree/$BADGE_NAME.json"
git -C "$tree" add "$BADGE_NAME.json"
if git -C "$tree" diff --cached --quiet; then
  echo "The badge $BADGE_NAME.json on $BADGE_BRANCH is unchanged."
  exit 0
fi
message="$(sed -n 's/^ *"message": "\(.*\)",\{0,1\}$/\1/p' "$BADGE_FILE")"
git -C "$tree" -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
  commit -q -m "Conformance badge $BADGE_NAME: $message"
for attempt in 1 2 3; do
  if git -C "$tree" push -q origin "HEAD:refs/heads/$BADGE_BRANCH"; then
    echo "Published $BADGE_NAME.json ($message) to $BADGE_BRANCH."
    exit 0
  fi
  echo "Push to $BADGE_BRANCH refused (attempt $attempt); another job pushed first. Rebasing."
  git -C "$tree" fetch -q --depth 50 origin "+refs/heads/$BADGE_BRANCH:refs/remotes/origin/$BADGE_BRANCH"
  git -C "$tree" -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" rebase -q "origin/$BADGE_BRANCH"
done
echo "::error::Could not push the badge to $BADGE_BRANCH."
exit 1
