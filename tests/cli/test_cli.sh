#!/usr/bin/env bash
# The command line as users and CI jobs meet it: exit codes, one-line errors, and no
# half-written report when the run fails.
set -u
snipcheck="$1"; snippets="$2"; cache="$3"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0; passes=0
expect() {  # expect NAME WANT_RC CMD...
  local name="$1" want="$2"; shift 2
  "$@" >"$work/out" 2>"$work/err"; local rc=$?
  if [ "$rc" = "$want" ]; then passes=$((passes + 1)); else
    fails=$((fails + 1)); echo "FAIL $name: exit $rc, expected $want"; cat "$work/err"; fi
}
one_line_error() {
  local name="$1"
  if [ "$(wc -l <"$work/err")" = 1 ] && grep -q '^snipcheck: error: ' "$work/err"; then passes=$((passes + 1)); else
    fails=$((fails + 1)); echo "FAIL $name: stderr is not one error line:"; cat "$work/err"; fi
}
expect "missing path" 2 "$snipcheck" check --cache "$cache" --report "$work/r.json" "$work/nope.md"
one_line_error "missing path"
[ ! -e "$work/r.json" ] && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL a report was left behind"; }
mkdir "$work/empty"
expect "directory without articles" 2 "$snipcheck" extract "$work/empty"
one_line_error "directory without articles"
printf 'ok\n\xff\n' >"$work/bad.md"
expect "invalid UTF-8" 2 "$snipcheck" extract "$work/bad.md"
one_line_error "invalid UTF-8"
expect "bad config" 2 "$snipcheck" check --config "$work/nope.toml" --cache "$cache" "$snippets"
one_line_error "bad config"
expect "unknown option" 2 "$snipcheck" check --frobnicate "$snippets"
printf '```rust\nfn main() {}\n```\n' >"$work/ok.md"
expect "a clean article" 0 "$snipcheck" check --cache "$cache" --report "$work/ok.json" "$work/ok.md"
[ -s "$work/ok.json" ] && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL no report written"; }
expect "explain" 0 "$snipcheck" explain "$work/ok.json" ok:2
grep -q 'fn main' "$work/out" && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL explain shows no source"; }
expect "explain unknown id" 2 "$snipcheck" explain "$work/ok.json" ok:99
printf '```rust\nfn main() { let x: i32 = "no"; }\n```\n' >"$work/bad.md"
expect "a failing snippet" 1 "$snipcheck" check --cache "$cache" --report "$work/bad.json" "$work/bad.md"
grep -q "bad.md:2: error" "$work/out" && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL no clickable line"; cat "$work/out"; }
expect "a baseline forgives what already failed" 0 "$snipcheck" check --cache "$cache" --baseline "$work/bad.json" \
  --report "$work/bad2.json" "$work/bad.md"

# Results do not depend on --jobs (batches and threads change, verdicts must not).
"$snipcheck" check --no-cache --jobs 1 --cache "$cache" --report "$work/j1.json" "$snippets" >/dev/null
"$snipcheck" check --no-cache --jobs 3 --cache "$cache" --report "$work/j3.json" "$snippets" >/dev/null
if python3 - "$work/j1.json" "$work/j3.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["snippets"] for p in sys.argv[1:3])
key = lambda s: (s["id"], s["verdict"], s["subkind"], s["feature_gates"], s["missing_crates"], s["undefined"])
sys.exit(0 if [key(s) for s in a] == [key(s) for s in b] else 1)
PY
then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL verdicts differ between --jobs 1 and --jobs 3"; fi
echo "cli: $passes passed, $fails failed"
[ "$fails" = 0 ]
