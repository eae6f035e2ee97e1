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
expect "explain" 0 "$snipcheck" explain "$work/ok.json" "$work/ok.md:2"
grep -q 'fn main' "$work/out" && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL explain shows no source"; }
expect "explain unknown id" 2 "$snipcheck" explain "$work/ok.json" "$work/ok.md:99"
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
# Hardening of the extraction side: bad bytes in an article or in its name never crash.
for bad in '\xed\xa0\x80' '\xc0\xaf' '\xe0\x80\xaf' '\xf4\x90\x80\x80' '\xe2\x82'; do
  printf '```rust\nfn main() { let s = "'"$bad"'"; }\n```\n' >"$work/utf8.md"
  expect "invalid UTF-8 $bad (extract)" 2 "$snipcheck" extract --format json "$work/utf8.md"
  one_line_error "invalid UTF-8 $bad (extract)"
  grep -q 'utf8.md:2: invalid UTF-8' "$work/err" && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL no line for $bad"; }
  expect "invalid UTF-8 $bad (check)" 2 "$snipcheck" check --cache "$cache" --report "$work/u.json" "$work/utf8.md"
  one_line_error "invalid UTF-8 $bad (check)"
done
mkdir "$work/names"
printf '```rust\nfn main() {}\n```\n' >"$work/names/"$'\xff'"ok.md"
expect "a file name that is not UTF-8 (extract)" 0 "$snipcheck" extract --format json "$work/names"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["snippets"]; sys.exit(0 if s[0]["id"].endswith("/\\xFFok.md:2") and s[0]["article"].endswith("/\\xFFok.md") else 1)' "$work/out" \
  && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL the escaped name is not in the report"; cat "$work/out"; }
expect "a file name that is not UTF-8 (check)" 0 "$snipcheck" check --cache "$cache" --report "$work/names.json" "$work/names"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/names.json" \
  && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL no valid report for the odd name"; }
mkdir -p "$work/site" "$work/private"
printf 'cargo build --release\nrustup update stable\n' >"$work/private/token.txt"
printf '```rust\nfn main() {}\n```\n' >"$work/site/post.md"
ln -s "$work/private/token.txt" "$work/site/leak.txt"
ln -s "$work/site/post.md" "$work/site/same.md"
expect "a symlink out of the tree is not read" 0 "$snipcheck" extract --format json "$work/site"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["snippets"]; sys.exit(0 if [x["article"] for x in s]==[sys.argv[2]] else 1)' \
  "$work/out" "$work/site/post.md" && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL symlinks"; cat "$work/out"; }
grep -q 'leak.txt: skipped: a symbolic link to a file outside' "$work/err" && passes=$((passes + 1)) \
  || { fails=$((fails + 1)); echo "FAIL no warning for the skipped link"; cat "$work/err"; }
python3 -c "open('$work/deep.html','w').write('<div>' * 40000 + '<pre>cargo build</pre>')"
expect "HTML nested 40,000 deep" 0 "$snipcheck" extract --format json "$work/deep.html"

# Identity: a baseline of the old id form (file stem) is refused, never silently matched.
python3 - "$work/bad.json" "$work/old.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["snippets"]:
    s["id"] = "bad:" + str(s["start_line"])
r["articles"] = [{"path": a["path"], "snippets": ["bad:2"]} for a in r.get("articles", [])]
json.dump(r, open(sys.argv[2], "w"))
PY
expect "an old-form baseline is refused" 2 "$snipcheck" check --cache "$cache" --baseline "$work/old.json" \
  --report "$work/bad3.json" "$work/bad.md"
one_line_error "an old-form baseline is refused"
grep -q 'by file stem' "$work/err" && passes=$((passes + 1)) || { fails=$((fails + 1)); echo "FAIL old-form message"; cat "$work/err"; }
# Walking a git work tree honours .gitignore; --exclude leaves paths out; logs are not articles.
mkdir -p "$work/repo/posts/a" "$work/repo/posts/b" "$work/repo/build"
printf '```rust\nfn main() {}\n```\n' >"$work/repo/posts/a/index.md"
printf '```rust\nfn main() {}\n```\n' >"$work/repo/posts/b/index.md"
printf '```rust\nfn main() {}\n```\n' >"$work/repo/build/generated.md"
printf '$ cargo run\n   Compiling x v0.1.0\n' >"$work/repo/posts/a/output.txt"
printf 'build/\n' >"$work/repo/.gitignore"
git -C "$work/repo" init -q 2>/dev/null
(cd "$work/repo" && "$snipcheck" extract --format text --exclude 'posts/b' .) >"$work/out" 2>"$work/err"
[ "$(cat "$work/out")" = "posts/a/index.md:2-2: rust (fenced)" ] && passes=$((passes + 1)) \
  || { fails=$((fails + 1)); echo "FAIL walk of a git tree"; cat "$work/out" "$work/err"; }

echo "cli: $passes passed, $fails failed"
[ "$fails" = 0 ]
