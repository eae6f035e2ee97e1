#!/usr/bin/env bash
# Path crates (issue #12): a book's own helper crates named in its snipcheck.toml join the
# crate set, built from a snapshot (the book's folder gains nothing); an edit to the crate
# rebuilds the set; a crate whose requirements the registry cannot meet leaves its snippets
# missing-dependency, naming the requirement; a path without a Cargo.toml is a one-line error.
#
# usage: test_path_crates.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR
set -u
snipcheck=$(realpath "$1"); snippets=$(realpath "$2"); cache=$(realpath -m "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0; passes=0
pass() { passes=$((passes + 1)); }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
# verdict REPORT LINE: the verdict and first finding of the crates chapter's snippet at LINE.
verdict() {
  python3 - "$1" "$2" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))["snippets"]:
    if s["article"].endswith("src/crates.md") and s["start_line"] == int(sys.argv[2]):
        print(s["verdict"], "|", "; ".join(f["message"] for f in s["findings"]))
PY
}

cp -a "$snippets/book" "$work/book"
before=$(cd "$work/book" && find . | sort)
(cd "$work/book" && "$snipcheck" check --color never --cache "$cache" --report "$work/r1.json" . >"$work/out1" 2>&1)
rc=$?
[ "$rc" = 1 ] && pass || { fail "check in the book: exit $rc, expected 1 (the fetcher listing)"; cat "$work/out1"; }
got=$(verdict "$work/r1.json" 6)
[[ "$got" == compiles* ]] && pass || fail "the shapes listing: $got, expected compiles"
got=$(verdict "$work/r1.json" 16)
[[ "$got" == missing-dependency*fetcher*"reqwest 0.12"* ]] && pass ||
  fail "the fetcher listing: $got, expected missing-dependency naming reqwest 0.12"
after=$(cd "$work/book" && find . | sort)
[ "$before" = "$after" ] && pass || fail "the book's folder changed: $(diff <(echo "$before") <(echo "$after") | head -5)"

# An edit to the path crate rebuilds the set: the listing now calls a function that is gone.
sed -i 's/pub fn area/pub fn surface/' "$work/book/packages/shapes/src/lib.rs"
(cd "$work/book" && "$snipcheck" check --color never --cache "$cache" --report "$work/r2.json" . >"$work/out2" 2>&1)
got=$(verdict "$work/r2.json" 6)
[[ "$got" != compiles* && -n "$got" ]] && pass || fail "after the crate's edit: $got, expected a failure"

# A path that holds no crate: one line, exit 2, naming the file and the key.
printf '[crates]\nnothing = { path = "no/such/crate" }\n' >"$work/book/snipcheck.toml"
(cd "$work/book" && "$snipcheck" check --color never --cache "$cache" . >"$work/out3" 2>"$work/err3")
rc=$?
if [ "$rc" = 2 ] && [ "$(wc -l <"$work/err3")" = 1 ] && grep -q 'snipcheck.toml:2: \[crates\] nothing path .* holds no Cargo.toml' "$work/err3"; then
  pass; else fail "a path without Cargo.toml: exit $rc: $(cat "$work/err3")"; fi

echo "path crates: $passes passed, $fails failed"
[ "$fails" = 0 ]
