#!/usr/bin/env bash
# Accuracy on the evaluation corpus (not a test: it needs the fetched mirrors, see
# bench/corpus/README.md). Builds the articles from their pins, runs `snipcheck check` on
# them and scores the report against every group's labels with ../shared/tools/score.py,
# printing the misses and the confusion matrix (want -> got).
#   bench/accuracy.sh [GROUP...]      default: every labels/*.json
set -euo pipefail
cd "$(dirname "$0")/.."
build="${SNIPCHECK_BUILD_DIR:-build}"
score="${SNIPCHECK_SCORE:-../shared/tools/score.py}"
corpus=bench/corpus
out="$build/accuracy"; mkdir -p "$out"
bash "$corpus/build.sh" "$corpus/articles"
groups=("$@"); [ ${#groups[@]} -gt 0 ] || groups=($(cd "$corpus/labels" && ls *.json | sed 's/\.json$//'))
python3 - "$corpus" "$out/labels.json" "${groups[@]}" <<'PY'
import json, sys
corpus, dest, groups = sys.argv[1], sys.argv[2], sys.argv[3:]
labels = []
for g in groups:
    labels += json.load(open(f"{corpus}/labels/{g}.json"))
json.dump(labels, open(dest, "w"), indent=1)
print(f"accuracy: {len(labels)} labels from groups {', '.join(groups)}", file=sys.stderr)
PY
# Only the labelled articles are checked.
python3 -c "import json,sys; print('\n'.join(sorted({l['file'] for l in json.load(open(sys.argv[1]))})))" "$out/labels.json" \
  | sed "s|^|$corpus/articles/|" > "$out/articles.txt"
start=$(date +%s)
status=0
mapfile -t articles < "$out/articles.txt"
"${SNIPCHECK_BIN:-$build/cli/snipcheck}" check --color never --cache "${SNIPCHECK_CACHE:-$build/cache}" \
  --report "$out/report.json" "${articles[@]}" > "$out/check.txt" || status=$?
[ "$status" -le 1 ] || { tail -5 "$out/check.txt" >&2; echo "accuracy: snipcheck check failed ($status)" >&2; exit 1; }
echo "accuracy: check took $(( $(date +%s) - start )) s" >&2
python3 "$score" "$out/labels.json" "$out/report.json" | tee "$out/score.txt" | grep -v '^EXTRA'
python3 "$(dirname "$0")/class_recall.py" "$out/labels.json" "$out/report.json"
