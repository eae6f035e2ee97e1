#!/usr/bin/env bash
# Verified fixes (issue 16), measured (not a test). For each set of articles, on a copy:
#   snipcheck check            -> before.json: the outdated-api snippets and their fixes
#   snipcheck fix              -> writes every verified fix into the copy
#   snipcheck check --no-cache -> after.json: a fresh run over the written articles
# and prints: the share of outdated-api snippets with a verified fix, the share of written
# fixes that compile when re-checked (must be 100%), and example diffs.
#   bench/fixes.sh [bench] [seeds] [corpus]      default: all three
# bench: bench/generate.py's 1,000 snippets; seeds: ../shared/seeds (profile ci/bookworm.toml,
# as ci/acceptance.sh); corpus: the labelled articles of bench/corpus (built by its build.sh, or
# SNIPCHECK_CORPUS_ARTICLES=/path/to/articles).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build="${SNIPCHECK_BUILD_DIR:-build}"
bin="$root/$build/cli/snipcheck"
cache="${SNIPCHECK_CACHE:-$root/$build/cache}"
seeds="${SNIPCHECK_SEEDS:-../shared/seeds}"
corpus_articles="${SNIPCHECK_CORPUS_ARTICLES:-bench/corpus/articles}"
sets=("$@"); [ ${#sets[@]} -gt 0 ] || sets=(bench seeds corpus)

prepare() {  # SET DIR: the set's articles copied under DIR/articles
  local set=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$dir/articles"
  case "$set" in
    bench) python3 bench/generate.py "$dir/articles/corpus.md" 1000 >/dev/null ;;
    seeds) cp "$seeds"/*.txt "$dir/articles/" ;;
    corpus)
      [ -d "$corpus_articles" ] || bash bench/corpus/build.sh "$corpus_articles"
      python3 -c "import json,glob; print('\n'.join(sorted({l['file'] for f in glob.glob('bench/corpus/labels/*.json') for l in json.load(open(f))})))" |
        while read -r f; do mkdir -p "$dir/articles/$(dirname "$f")"; cp "$corpus_articles/$f" "$dir/articles/$f"; done ;;
  esac
}

for set in "${sets[@]}"; do
  dir="$root/$build/fixes/$set"
  prepare "$set" "$dir"
  config=(); [ "$set" = seeds ] && config=(--config "$root/ci/bookworm.toml")
  start=$(date +%s)
  (cd "$dir" && "$bin" check "${config[@]}" --color never --cache "$cache" --report before.json articles >check-before.txt) || [ $? -le 1 ]
  (cd "$dir" && "$bin" fix "${config[@]}" --cache "$cache" articles >fix.txt)
  (cd "$dir" && "$bin" check "${config[@]}" --no-cache --color never --cache "$cache" --report after.json articles >check-after.txt) || [ $? -le 1 ]
  echo "fixes: $set took $(( $(date +%s) - start )) s"
  python3 - "$set" "$dir" <<'PY'
import json, sys
name, d = sys.argv[1], sys.argv[2]
before = {s["id"]: s for s in json.load(open(f"{d}/before.json"))["snippets"]}
after = {s["id"]: s for s in json.load(open(f"{d}/after.json"))["snippets"]}
written = [l.split(" ", 1)[1].strip() for l in open(f"{d}/fix.txt") if l.startswith("fixed ")]
def pct(a, b): return f"{a}/{b} ({100 * a / b:.1f}%)" if b else f"{a}/0"
outdated = [s for s in before.values() if s["verdict"] == "outdated-api"]
verified = [s for s in outdated if (s.get("fix") or {}).get("verified")]
to_compiles = [s for s in verified if s["fix"]["outcome"] == "compiles"]
tried = [s for s in outdated if s.get("fix")]
errors = [s for s in before.values() if s["verdict"] == "error"]
error_fixed = [s for s in errors if (s.get("fix") or {}).get("verified")]
# A fix reaches what it was verified for: compiles, or (a fragment) incomplete with fewer errors.
want = {i: before[i]["fix"]["outcome"] for i in written}
compiles = [i for i in written if after.get(i, {}).get("verdict") == want[i]]
fragments = [i for i in written if want[i] == "incomplete"]
print(f"[{name}] outdated-api with a verified fix: {pct(len(verified), len(outdated))},"
      f" of which compile: {pct(len(to_compiles), len(outdated))}"
      f" (candidates found for {len(tried)}); error with a verified fix: {pct(len(error_fixed), len(errors))}")
print(f"[{name}] written fixes that reach their outcome on a fresh run: {pct(len(compiles), len(written))}"
      f" ({len(written) - len(fragments)} to compiles, {len(fragments)} fragments to incomplete with fewer errors)")
for i in written:
    if i not in compiles:
        print(f"[{name}]   NOT {want[i]} after the fix: {i}: {after.get(i, {}).get('verdict')}")
sources = {}
for s in before.values():
    if (s.get("fix") or {}).get("verified"):
        for src in s["fix"]["sources"]:
            sources[src] = sources.get(src, 0) + 1
print(f"[{name}] edit sources of verified fixes: {dict(sorted(sources.items(), key=lambda kv: -kv[1]))}")
json.dump({"set": name, "outdated": len(outdated), "outdated_verified": len(verified), "errors": len(errors),
           "errors_verified": len(error_fixed), "written": len(written), "recheck_compiles": len(compiles)},
          open(f"{d}/figures.json", "w"))
PY
done
