#!/usr/bin/env bash
# Rebuilds the evaluation corpus's articles from fetched mirrors of public repositories.
# Each line of sources/*.tsv pins one article: REPO COMMIT PATH BLOB. The text is never
# committed; it is taken from the mirror (a bare git directory per repository, found under
# $SNIPCHECK_MIRRORS, default /work/.mirror, as OWNER+NAME/repo) and its blob id checked.
# Output: bench/corpus/articles/OWNER+NAME/PATH (git-ignored). Labels name files that way.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mirrors="${SNIPCHECK_MIRRORS:-/work/.mirror}"
out="${1:-$here/articles}"
missing=0; bad=0; n=0
while IFS=$'\t' read -r repo commit path blob; do
  case "$repo" in ''|'#'*) continue ;; esac
  gitdir="$mirrors/${repo/\//+}/repo"
  if [ ! -d "$gitdir" ]; then
    echo "corpus: no mirror of $repo at $gitdir (fetch it first)" >&2; missing=$((missing + 1)); continue
  fi
  got="$(git --git-dir="$gitdir" rev-parse "$commit:$path" 2>/dev/null || true)"
  if [ "$got" != "$blob" ]; then
    echo "corpus: $repo $commit:$path is ${got:-absent}, want $blob" >&2; bad=$((bad + 1)); continue
  fi
  dest="$out/${repo/\//+}/$path"
  mkdir -p "$(dirname "$dest")"
  git --git-dir="$gitdir" cat-file blob "$blob" > "$dest.tmp" && mv "$dest.tmp" "$dest"
  n=$((n + 1))
done < <(cat "$here"/sources/*.tsv)
echo "corpus: $n articles in $out ($missing without a mirror, $bad with a wrong blob)" >&2
[ "$missing" -eq 0 ] && [ "$bad" -eq 0 ]
