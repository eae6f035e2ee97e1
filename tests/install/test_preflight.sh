#!/usr/bin/env bash
# The sandbox preflight: with a `bwrap` first on PATH that fails as bubblewrap does when user
# namespaces are off, `check` says why in one line and exits 2 before checking any snippet;
# --no-sandbox-i-trust-these-articles runs without it and the report and terminal say so.
# usage: test_preflight.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR
set -u
snipcheck="$1"; snippets="$2"; cache="$3"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { fails=$((fails + 1)); echo "FAIL $1"; }

mkdir -p "$work/bin"
cat >"$work/bin/bwrap" <<'SH'
#!/bin/sh
echo "bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces. See <https://deb.li/bubblewrap> or <file:///usr/share/doc/bubblewrap/README.Debian.gz>." >&2
exit 1
SH
chmod +x "$work/bin/bwrap"
article="$snippets/scrape.txt"

PATH="$work/bin:$PATH" "$snipcheck" check --cache "$cache" --report "$work/r.json" "$article" >"$work/out" 2>"$work/err"
rc=$?
lines=$(wc -l <"$work/err")
if [ $rc -eq 2 ] && [ "$lines" -eq 1 ] &&
   grep -q "^snipcheck: error: the sandbox cannot start: .*(bwrap: No permissions to create new namespace" "$work/err" &&
   grep -q -- "--no-sandbox-i-trust-these-articles" "$work/err" && [ ! -e "$work/r.json" ]; then
  ok "preflight: exit 2, one line, no report: $(cat "$work/err")"
else
  bad "preflight: exit $rc, $lines lines: $(cat "$work/err")"
fi

# Without the sandbox (the fake bwrap is never called): the check runs, and says so.
PATH="$work/bin:$PATH" "$snipcheck" check --no-sandbox-i-trust-these-articles --cache "$cache" \
  --report "$work/r.json" "$article" >"$work/out" 2>"$work/err"
rc=$?
if [ $rc -le 1 ] && grep -q "NO SANDBOX" "$work/err" &&
   python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["run"]["sandbox"].startswith("none"), r["run"]' "$work/r.json"; then
  ok "--no-sandbox-i-trust-these-articles: exit $rc, the terminal and the report say there was no sandbox"
else
  bad "--no-sandbox-i-trust-these-articles: exit $rc: $(cat "$work/err")"
fi
"$snipcheck" check --cache "$cache" --report "$work/sandboxed.json" "$article" >/dev/null 2>&1
if python3 - "$work/r.json" "$work/sandboxed.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
v = lambda r: [(s["id"], s["verdict"], s.get("subkind", "")) for s in r["snippets"]]
assert v(a) == v(b), (v(a), v(b))
assert a["run"]["id"] != b["run"]["id"]
PY
then ok "the same verdicts with and without the sandbox on $(basename "$article"); the two are different runs"
else bad "verdicts without the sandbox differ"; fi
echo "$fails failures"
exit $((fails > 0))
