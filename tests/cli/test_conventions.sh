#!/usr/bin/env bash
# The habits users bring from ruff, ShellCheck, clippy and rustdoc: -V, -q, -j, --format,
# `-` for stdin, NO_COLOR / CLICOLOR_FORCE, snipcheck.toml found upwards, "did you mean",
# explain ARTICLE:LINE, totals that give the exit code's reason, --verbose, --html, --root.
set -u
snipcheck=$(realpath "$1"); snippets="$2"; cache=$(realpath "$3")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0; passes=0
ok() { passes=$((passes + 1)); }
bad() { fails=$((fails + 1)); echo "FAIL $*"; sed 's/^/  out: /' "$work/out" | head -20; sed 's/^/  err: /' "$work/err" | head -20; }
run() {  # run WANT_RC CMD...: output in $work/out and $work/err
  local want="$1"; shift
  "$@" >"$work/out" 2>"$work/err"; local rc=$?
  [ "$rc" = "$want" ] && ok || bad "exit $rc, expected $want: $*"
}
has() { grep -q -- "$2" "$work/$1" && ok || bad "$1 lacks '$2'"; }
lacks() { ! grep -q -- "$2" "$work/$1" && ok || bad "$1 has '$2'"; }
check=("$snipcheck" check --cache "$cache")

printf '```rust\nfn main() {}\n```\n' >"$work/ok.md"
printf '# t\n\n```rust\nfn main() { let x: i32 = "no"; }\n```\n\n```rust,compile_fail\nfn main() { let y: u8 = "no"; }\n```\n' >"$work/bad.md"

# -V / --version
run 0 "$snipcheck" -V; has out '^snipcheck [0-9]'
run 0 "$snipcheck" --version; has out '^snipcheck [0-9]'

# -j / --jobs, and the totals that explain the exit code
run 0 "${check[@]}" -j 1 --report "$work/ok.json" "$work/ok.md"
has out 'every snippet meets the policy.*exit code 0'
run 1 "${check[@]}" --jobs 2 --color never --report "$work/bad.json" "$work/bad.md"
has out 'bad.md:4: error'
has out '^1 snippet fails the policy (1 error): exit code 1$'
has out 'bad.md:8: error.*\[as expected\]'

# -q: only what fails the policy, no totals
run 1 "${check[@]}" -q --color never --report "$work/q.json" "$work/bad.md"
has out 'bad.md:4: error'; lacks out 'bad.md:8'; lacks out 'snippets:'; lacks out 'exit code'

# -v: rustc's whole rendered diagnostic, at article lines
run 1 "${check[@]}" -v --color never --report "$work/v.json" "$work/bad.md"
has out '--> main.rs:4:'; has out 'expected `i32`, found'

# --format for standard output
run 1 "${check[@]}" --format json --report "$work/f.json" "$work/bad.md"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["schema"]=="snipcheck/1"; assert any(e.get("rendered") for s in j["snippets"] for e in s["evidence"])' "$work/out" && ok || bad "--format json is not a report with rendered evidence"
run 1 env -C "$work" "${check[@]}" --format sarif --report "$work/f.json" bad.md  # root: the current directory
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=j["runs"][0]; assert j["version"]=="2.1.0"; assert "ROOT" in r["originalUriBaseIds"]; assert r["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]=="ROOT"' "$work/out" && ok || bad "--format sarif lacks originalUriBaseIds/uriBaseId"
run 1 "${check[@]}" --format junit --report "$work/f.json" "$work/bad.md"
xmllint --noout "$work/out" && has out '<testsuites' || bad "--format junit is not XML"
run 1 "${check[@]}" --format github --report "$work/f.json" "$work/bad.md"
has out '^::error file=.*bad.md,line=4'
run 1 "${check[@]}" --format text --color never --report "$work/f.json" "$work/bad.md"
has out 'bad.md:4: error'
run 2 "${check[@]}" --format yaml "$work/bad.md"

# --root: SARIF URIs relative to it, the base in originalUriBaseIds
run 1 "${check[@]}" --sarif "$work/root.sarif" --root "$work" --report "$work/f.json" "$work/bad.md"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]; assert r["originalUriBaseIds"]["ROOT"]["uri"]=="file://"+sys.argv[2]+"/", r["originalUriBaseIds"]; assert r["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]=="bad.md"' "$work/root.sarif" "$work" && ok || bad "--root not honoured"

# `-`: standard input, named by --stdin-filename
run 1 "${check[@]}" --color never --report "$work/stdin.json" --stdin-filename docs/guide.md - <"$work/bad.md"
has out '^docs/guide.md:4: error'
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert {s["article"] for s in j["snippets"]}=={"docs/guide.md"}; assert j["snippets"][0]["id"]=="docs/guide.md:4"' "$work/stdin.json" && ok || bad "stdin article not named by --stdin-filename"
run 0 "${check[@]}" --report "$work/stdin2.json" - <"$work/ok.md"

# NO_COLOR and CLICOLOR_FORCE (stdout is a file here: no colour unless forced)
esc=$(printf '\033')
run 1 env CLICOLOR_FORCE=1 "${check[@]}" --report "$work/c.json" "$work/bad.md"; has out "$esc\["
run 1 env NO_COLOR=1 CLICOLOR_FORCE=1 "${check[@]}" --report "$work/c.json" "$work/bad.md"; lacks out "$esc\["
run 1 env NO_COLOR=1 "${check[@]}" --color always --report "$work/c.json" "$work/bad.md"; has out "$esc\["
run 1 "${check[@]}" --report "$work/c.json" "$work/bad.md"; lacks out "$esc\["

# snipcheck.toml is found from the current directory up to the repository root
mkdir -p "$work/repo/.git" "$work/repo/docs/deep"
cp "$work/ok.md" "$work/repo/docs/deep/ok.md"
printf '[limits]\nwall_seconds = = 3\n' >"$work/repo/snipcheck.toml"
run 2 env -C "$work/repo/docs/deep" "${check[@]}" --report "$work/w.json" ok.md
has err 'snipcheck.toml:2'
mv "$work/repo/snipcheck.toml" "$work/snipcheck.toml"  # above the repository root: not read
run 0 env -C "$work/repo/docs/deep" "${check[@]}" --report "$work/w.json" ok.md
rm "$work/snipcheck.toml"

# "did you mean"
run 2 "$snipcheck" check --jbos 2 "$work/ok.md"; has err 'did you mean `--jobs`'
run 2 "$snipcheck" chek "$work/ok.md"; has err 'did you mean `check`'
run 2 "$snipcheck" check --sumary x.md "$work/ok.md"; has err 'did you mean `--summary`'
run 2 "$snipcheck" check --zzzzzzzzzz "$work/ok.md"; lacks err 'did you mean'

# explain takes ARTICLE:LINE as check prints it, and shows the rendered diagnostic
run 0 "$snipcheck" explain "$work/bad.json" "$work/bad.md:4"; has out 'verdict: error'; has out '--> main.rs:4:'
run 0 "$snipcheck" explain "$work/bad.json" "bad.md:4"; has out 'verdict: error'
run 0 "$snipcheck" explain "$work/bad.json" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["snippets"][0]["id"])' "$work/bad.json")"; has out 'verdict: error'
run 2 "$snipcheck" explain "$work/bad.json" "bad.md:99"

# --html, for check and merge
run 1 "${check[@]}" --html "$work/r.html" --report "$work/h.json" "$work/bad.md"
grep -q '<!DOCTYPE html>' "$work/r.html" && ok || bad "no HTML report"
# Shards of one run over both articles (merge refuses reports of different runs).
"${check[@]}" --shard 1/2 --report "$work/s1.json" "$work/bad.md" "$work/ok.md" >/dev/null 2>&1
"${check[@]}" --shard 2/2 --report "$work/s2.json" "$work/bad.md" "$work/ok.md" >/dev/null 2>&1
run 1 "$snipcheck" merge "$work/s1.json" "$work/s2.json" --report "$work/m.json" --html "$work/m.html"
[ "$(grep -c 'class="block' "$work/m.html")" = 3 ] && ok || bad "merged HTML does not show 3 blocks"

echo "conventions: $passes passed, $fails failed"
[ "$fails" = 0 ]
