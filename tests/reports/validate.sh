#!/usr/bin/env bash
# Reports from a run over snippets/, checked by real consumers: xmllint against a JUnit XSD,
# Microsoft's SARIF multitool against the SARIF 2.1.0 schema, rsvg-convert rendering every
# badge; and `merge` of 3 shard reports equals the unsharded report (timings aside).
# usage: validate.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR TOOLS_DIR
set -u
snipcheck="$1"; snippets="$2"; cache="$3"; tools="$4"
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
passes=0; fails=0
ok() { passes=$((passes + 1)); echo "ok   $1"; }
bad() { fails=$((fails + 1)); echo "FAIL $1"; }

"$snipcheck" check --cache "$cache" --report "$work/full.json" --junit "$work/junit.xml" \
  --sarif "$work/report.sarif" --summary "$work/summary.md" --badges "$work/badges" "$snippets" >/dev/null
[ $? -le 1 ] && ok "check wrote its reports" || bad "check failed"

if xmllint --noout --schema "$here/junit.xsd" "$work/junit.xml" 2>"$work/xmllint.txt"; then ok "JUnit valid (xmllint + XSD)"
else bad "JUnit invalid: $(cat "$work/xmllint.txt")"; fi

if [ ! -x "$tools/node_modules/.bin/sarif-multitool" ]; then
  mkdir -p "$tools" && (cd "$tools" && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool >/dev/null 2>&1)
fi
if [ -x "$tools/node_modules/.bin/sarif-multitool" ]; then
  out=$("$tools/node_modules/.bin/sarif-multitool" validate "$work/report.sarif" 2>&1)
  if echo "$out" | grep -q "Analysis completed successfully" && ! echo "$out" | grep -q ": error "; then ok "SARIF valid (sarif-multitool)"
  else bad "SARIF invalid: $out"; fi
else
  bad "sarif-multitool could not be installed from the npm registry"
fi

for svg in "$work"/badges/*.svg; do
  if rsvg-convert "$svg" -o "${svg%.svg}.png" && [ -s "${svg%.svg}.png" ]; then ok "badge renders: $(basename "$svg")"
  else bad "badge does not render: $svg"; fi
done
[ -n "${SNIPCHECK_KEEP_BADGES:-}" ] && cp "$work"/badges/*.png "$SNIPCHECK_KEEP_BADGES"/ 2>/dev/null

for k in 1 2 3; do
  "$snipcheck" check --cache "$cache" --shard "$k/3" --report "$work/shard-$k.json" "$snippets" >/dev/null
done
"$snipcheck" merge "$work"/shard-*.json --report "$work/merged.json" >/dev/null
python3 - "$work/full.json" "$work/merged.json" <<'PY' && ok "merge of 3 shards equals the unsharded report" || bad "merge differs from the unsharded report"
import json, sys
def strip(path):
    d = json.load(open(path))
    d["summary"].pop("duration_ms", None)
    for s in d["snippets"]:
        s.pop("duration_ms", None); s.pop("cached", None)
    return d
a, b = strip(sys.argv[1]), strip(sys.argv[2])
if a != b:
    for k in a:
        if a[k] != b.get(k): print("differs:", k)
    sys.exit(1)
PY
echo "reports: $passes passed, $fails failed"
[ "$fails" = 0 ]
