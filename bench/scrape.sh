#!/usr/bin/env bash
# Plain-text scrapes of the evaluation corpus, made as scrapes are really made, and scored
# (not a test: it needs the fetched mirrors, see bench/corpus/README.md, and the dumpers).
# Every labelled Markdown article is rendered to HTML with cmark-gfm, dumped with lynx -dump,
# w3m -dump, html2text and pandoc -t plain, each also with every line left-stripped (the shape
# of seeds 001/002); the labels are moved onto the dump's lines by content (bench/scrape.py).
# Prints one row per variant, from `snipcheck extract`: the share of the verdict labels (Rust)
# found; then, over every code block of the articles that is Rust, TOML or shell
# (corpus/blocks.py), the share found, the share of emitted regions on one (precision) and the
# language; with --check, the verdicts of `snipcheck check` on the verdict labels next to those
# of the Markdown articles themselves.
#   bench/scrape.sh [--check] [DUMPER...]      dumpers: lynx w3m html2text pandoc (default all)
# Output in $SNIPCHECK_SCRAPE_OUT (default build/scrape); SNIPCHECK_CACHE names a result cache.
# Needs: apt-get install -y cmark-gfm lynx w3m html2text pandoc
set -euo pipefail
cd "$(dirname "$0")/.."
check=0; [ "${1:-}" = "--check" ] && { check=1; shift; }
build="${SNIPCHECK_BUILD_DIR:-build}"
bin="${SNIPCHECK_BIN:-$build/cli/snipcheck}"
score="${SNIPCHECK_SCORE:-../shared/tools/score.py}"
cache=(); [ -n "${SNIPCHECK_CACHE:-}" ] && cache=(--cache "$SNIPCHECK_CACHE")
corpus=bench/corpus
out="${SNIPCHECK_SCRAPE_OUT:-$build/scrape}"; rm -rf "$out"; mkdir -p "$out"
for tool in cmark-gfm lynx w3m html2text pandoc; do
  command -v "$tool" >/dev/null || { echo "scrape: $tool missing (apt-get install -y $tool)" >&2; exit 2; }
done
bash "$corpus/build.sh" "$corpus/articles" 2>/dev/null
python3 -c 'import json,sys; json.dump(sum((json.load(open(f)) for f in sys.argv[2:]), []), open(sys.argv[1], "w"))' \
  "$out/markdown.labels.json" "$corpus"/labels/*.json
python3 "$corpus/blocks.py" "$corpus/articles" "$out/markdown.blocks.json"
python3 bench/scrape.py make "$out/markdown.labels.json" "$out/markdown.blocks.json" "$corpus/articles" "$out" "$@"

figures() {  # LABELS REPORT [score.py option...] -> "found precision language verdict"
  python3 "$score" "$@" | tail -1 |
    sed -E 's/.*detected ([0-9.]+), precision ([0-9.]+), language ([0-9.]+), verdict ([0-9.]+).*/\1 \2 \3 \4/'
}
md_verdict="-"
if [ "$check" = 1 ]; then
  python3 -c "import json,sys; print('\n'.join(sorted({l['file'] for l in json.load(open(sys.argv[1]))})))" \
    "$out/markdown.labels.json" | sed "s|^|$corpus/articles/|" > "$out/markdown.files"
  mapfile -t md_files < "$out/markdown.files"
  "$bin" check --color never --jobs 2 "${cache[@]}" --report "$out/markdown.report.json" "${md_files[@]}" \
    > /dev/null || [ $? -le 1 ]
  read -r _ _ _ md_verdict < <(figures "$out/markdown.labels.json" "$out/markdown.report.json")
fi
printf '%-16s %6s %6s %7s %7s %6s %8s %8s %8s\n' variant labels found blocks found prec language verdict markdown
for labels in "$out"/*.labels.json; do
  variant="$(basename "$labels" .labels.json)"
  [ "$variant" = markdown ] && continue
  start=$(date +%s%N)
  "$bin" extract "$out/$variant" --format json > "$out/$variant.extract.json"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  python3 bench/scrape.py unchecked "$out/$variant.extract.json" "$out/$variant.unchecked.json"
  read -r found _ _ _ < <(figures "$labels" "$out/$variant.unchecked.json")
  blocks="$out/$variant.blocks.json"
  read -r bfound prec lang _ < <(figures "$blocks" "$out/$variant.unchecked.json" --lang rust,toml,shell)
  verdict="-"
  if [ "$check" = 1 ]; then
    "$bin" check --color never --jobs 2 "${cache[@]}" --report "$out/$variant.report.json" "$out/$variant" \
      > /dev/null || [ $? -le 1 ]
    read -r _ _ _ verdict < <(figures "$labels" "$out/$variant.report.json")
  fi
  n="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$labels")"
  nb="$(python3 -c 'import json,sys; print(sum(b["language"] in ("rust","toml","shell") for b in json.load(open(sys.argv[1]))))' "$blocks")"
  printf '%-16s %6s %6s %7s %7s %6s %8s %8s %8s   (extract %d ms)\n' \
    "$variant" "$n" "$found" "$nb" "$bfound" "$prec" "$lang" "$verdict" "$md_verdict" "$ms"
done
