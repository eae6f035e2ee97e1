#!/usr/bin/env bash
# Speed benchmark (not a test): 1,000 std-only snippets, timed side by side in one run:
#   snipcheck check --no-cache   (cold: every snippet through the ladder)
#   snipcheck check              (warm: the same, from the result cache)
#   rustdoc --test --edition 2024 over the same Markdown
# Goal: cold no slower than rustdoc while giving every snippet its verdict; warm < 10% of cold.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${SNIPCHECK_BUILD_DIR:-build}"
n="${1:-1000}"
order="${2:-grouped}"  # or interleaved
work="$build/bench"; rm -rf "$work"; mkdir -p "$work"
python3 bench/generate.py "$work/corpus.md" "$n" "$order"
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }

t0=$(now)
"$build/cli/snipcheck" check --no-cache --cache "$build/cache" --report "$work/cold.json" "$work/corpus.md" >/dev/null || true
t1=$(now)
"$build/cli/snipcheck" check --cache "$build/cache" --report "$work/prime.json" "$work/corpus.md" >/dev/null || true
t2=$(now)
"$build/cli/snipcheck" check --cache "$build/cache" --report "$work/warm.json" "$work/corpus.md" >/dev/null || true
t3=$(now)
(cd "$work" && rustdoc +stable --test --edition 2024 corpus.md >rustdoc.txt 2>&1) || true
t4=$(now)

cold=$(secs "$t0" "$t1"); warm=$(secs "$t2" "$t3"); rustdoc=$(secs "$t3" "$t4")
python3 - "$work/cold.json" "$work/warm.json" "$cold" "$warm" "$rustdoc" <<'PY'
import json, sys
cold, warm = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
c, w, r = map(float, sys.argv[3:6])
print("verdicts (cold):", cold["summary"]["by_verdict"])
same = all(a["verdict"] == b["verdict"] for a, b in zip(cold["snippets"], warm["snippets"]))
print(f"snippets: {cold['summary']['total']}; warm verdicts identical to cold: {same}")
print(f"cold check: {c:.1f} s | warm check: {w:.1f} s ({100 * w / c:.1f}% of cold) | rustdoc --test: {r:.1f} s")
print(f"goal cold <= rustdoc: {'met' if c <= r else 'NOT met'}; goal warm < 10% of cold: {'met' if w < 0.1 * c else 'NOT met'}")
PY
