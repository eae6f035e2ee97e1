#!/usr/bin/env bash
# The hardening fixes seen from outside, each a check that fails without them: snippets that
# aim at files outside their work directory change and reveal nothing; a cargo alias in the
# directory snipcheck runs from is never run; a shell command's absolute path does not probe
# the host; malformed reports, configurations and cache entries are one-line errors or cache
# misses, never crashes; outputs are written all or none and are well-formed; a run killed
# with SIGKILL at any point leaves a cache the next run reads to the same verdicts.
#
# usage: test_hardening.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR [KILLS]
# KILLS (default 5, or $SNIPCHECK_KILLS) is how many times the kill -9 check kills a run.
set -u
snipcheck=$(realpath "$1"); snippets=$(realpath "$2"); cache=$(realpath -m "$3"); kills="${4:-${SNIPCHECK_KILLS:-5}}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); victim=$(mktemp -d); victim2=$(mktemp -d)
cleanup() { rm -rf "$work" "$victim" "$victim2"; }
trap cleanup EXIT
[ -n "${SNIPCHECK_KEEP:-}" ] && trap - EXIT && echo "keeping $work"
fails=0; passes=0
pass() { passes=$((passes + 1)); }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
# ok NAME CMD...: passes when CMD succeeds.
ok() { local name="$1"; shift; if "$@"; then pass; else fail "$name"; fi; }
# run WANT NAME CMD...: runs CMD (stdout to $work/out, stderr to $work/err); WANT is a list
# of acceptable exit codes such as "2" or "0 1".
run() {
  local want="$1" name="$2"; shift 2
  "$@" >"$work/out" 2>"$work/err"; local rc=$?
  if [[ " $want " == *" $rc "* ]]; then pass; else
    fail "$name: exit $rc, expected $want"; head -c 2000 "$work/err"; fi
}
one_line_error() {
  if [ "$(wc -l <"$work/err")" = 1 ] && grep -q '^snipcheck: error: ' "$work/err"; then pass; else
    fail "$1: stderr is not one error line:"; head -c 2000 "$work/err"; fi
}
# py SCRIPT ARGS...: a Python check that exits 0 when it holds (its output says why not).
py() { python3 -c "$@"; }
# A cache of its own with the crate set of $cache (hard links: the crate set is only read).
fresh_cache() {
  rm -rf "$1"; mkdir -p "$1"
  [ -d "$cache/crates" ] && { cp -al "$cache/crates" "$1/" 2>/dev/null || cp -a "$cache/crates" "$1/"; }
}
# id -> verdict (subkind) of a report, one per line, sorted.
verdicts() {
  py 'import json,sys
for s in json.load(open(sys.argv[1]))["snippets"]: print(s["id"], s["verdict"], s["subkind"])' "$1" | sort
}
started=$(date +%s)

printf '```rust\nfn main() {}\n```\n' >"$work/ok.md"
# Builds the crate set into $cache once, if an earlier test has not.
run "0" "a clean article" "$snipcheck" check --cache "$cache" --report "$work/ok.json" "$work/ok.md"

# 1. Snippets aiming at a folder outside their work directory, by absolute and by climbing
#    paths: the folder is unchanged byte for byte, gains nothing, and its secret is not read.
mkdir -p "$victim/src"
printf '[package]\nname = "victim"\nversion = "0.1.0"\nedition = "2021"\nbuild = "build.rs"\n' >"$victim/Cargo.toml"
printf 'pub fn f() {}\n' >"$victim/src/lib.rs"
printf 'fn main() { std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/pwned"), "x").unwrap(); }\n' >"$victim/build.rs"
secret="SNIPCHECK_SECRET_${RANDOM}_${RANDOM}"
printf '%s\n' "$secret" >"$victim/secret.txt"
printf '#!/bin/sh\ntouch "$(dirname "$0")/pwned"\n' >"$victim/run.sh"
chmod +x "$victim/run.sh"
snapshot() { (cd "$1" && find . -printf '%p %y %m %s\n' | sort && find . -type f -exec sha256sum {} + | sort); }
before=$(snapshot "$victim")
climb="../../../../../../../../.."
attack="$work/attack"; mkdir -p "$attack"
package() { printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n' "$1"; }
{
  printf '# Manifests\n\n```toml\n[workspace]\nmembers = ["%s"]\n```\n\n' "$victim"
  printf '```toml\n[workspace]\nmembers = ["%s%s"]\n```\n\n' "$climb" "$victim"
  printf '```toml\n%s\n[dependencies]\nx = { path = "%s" }\n```\n\n' "$(package a)" "$victim"
  printf '```toml\n%s\n[patch.crates-io]\ny = { path = "../../../../../../../..%s" }\n```\n\n' "$(package b)" "$victim"
  printf '```toml\n%s\nbuild = "%s/build.rs"\n```\n\n' "$(package c)" "$victim"
  printf '```toml\n%s\n\n[lib]\npath = "%s/src/lib.rs"\n```\n' "$(package d)" "$victim"
} >"$attack/toml.md"
printf '```rust\n#[path = "%s/src/lib.rs"]\nmod m;\nfn main() { m::f(); }\n```\n' "$victim" >"$attack/path.md"
printf '```rust\nfn main() {\n    let s: &str = include_str!("%s/secret.txt");\n    println!("{s}");\n}\n```\n' "$victim" >"$attack/include_str.md"
printf '```rust\nfn main() {\n    let b: &[u8] = include_bytes!("%s%s/secret.txt");\n    println!("{}", b.len());\n}\n```\n' \
  "$climb" "$victim" >"$attack/include_bytes.md"
# include! would put the secret itself into an error message ("cannot find value `SNIPCHECK_SECRET_…`").
printf '```rust\nfn main() {\n    let x: i32 = include!("%s/secret.txt");\n}\n```\n' "$victim" >"$attack/include.md"
printf '```sh\n%s/run.sh\n```\n\n```sh\ncat > %s/pwned <<EOF\nowned\nEOF\n```\n' "$victim" "$victim" >"$attack/shell.md"
mkdir -p "$work/cwd"
(cd "$work/cwd" && run "0 1" "attack run" "$snipcheck" check --color never --cache "$cache" --report "$work/attack.json" "$attack")
cp "$work/out" "$work/attack.out"
if [ "$before" = "$(snapshot "$victim")" ]; then pass; else
  fail "the victim folder changed:"; diff <(echo "$before") <(snapshot "$victim"); fi
ok "no pwned file" test ! -e "$victim/pwned"
ok "the secret is not in the report" bash -c '! grep -qF "$1" "$2" "$3"' _ "$secret" "$work/attack.json" "$work/attack.out"
ok "every attack snippet has a verdict" py 'import json, sys
snippets = json.load(open(sys.argv[1]))["snippets"]
bad = [(s["id"], s["verdict"]) for s in snippets if s["verdict"] in ("harness-error", "skipped")]
print(len(snippets), "snippets; without a verdict:", bad) if bad or len(snippets) != 12 else None
sys.exit(1 if bad or len(snippets) != 12 else 0)' "$work/attack.json"
ok "each refused TOML path is said" py 'import json, sys
toml = [s for s in json.load(open(sys.argv[1]))["snippets"] if s["language"] == "toml"]
silent = [s["id"] for s in toml if not any("leaves the snippet\x27s folder" in f["message"] for f in s["findings"])]
print("TOML snippets:", len(toml), "without the refusal in their findings:", silent) if silent or len(toml) != 6 else None
sys.exit(1 if silent or len(toml) != 6 else 0)' "$work/attack.json"
ok "files outside the sandbox are not read by the compiler" py 'import json, sys
got = {s["article"].rsplit("/", 1)[-1]: s["verdict"] for s in json.load(open(sys.argv[1]))["snippets"] if s["language"] == "rust"}
read = [a for a in ("path.md", "include_str.md", "include_bytes.md") if got.get(a) == "compiles"]
print("compiled, so the file was read:", read, got) if read else None
sys.exit(1 if read else 0)' "$work/attack.json"

# 2. A cargo alias in the directory snipcheck is run from must not run on the host: `cargo pwn`
#    is judged in the sandbox, where no such alias exists.
mkdir -p "$victim2/src" "$work/cwd2/.cargo"
printf '[package]\nname = "pwn"\nversion = "0.1.0"\nedition = "2021"\n' >"$victim2/Cargo.toml"
printf 'fn main() { std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/pwned"), "x").unwrap(); }\n' >"$victim2/src/main.rs"
printf '[alias]\npwn = "run --quiet --manifest-path %s/Cargo.toml --"\n' "$victim2" >"$work/cwd2/.cargo/config.toml"
printf '```sh\ncargo pwn --frobnicate\n```\n' >"$work/alias.md"
if command -v cargo >/dev/null; then  # the trap is live: the host's cargo sees the alias there
  ok "the host's cargo lists the alias" bash -c 'cd "$1" && cargo --list 2>/dev/null | grep -qw pwn' _ "$work/cwd2"
fi
(cd "$work/cwd2" && run "1" "cargo alias" "$snipcheck" check --color never --no-cache --cache "$cache" --report "$work/alias.json" "$work/alias.md")
ok "the alias did not run" test ! -e "$victim2/pwned"
ok "the alias is reported missing" py 'import json, sys
s = json.load(open(sys.argv[1]))["snippets"][0]
ok = s["verdict"] == "missing-dependency" and any(m.startswith("cargo-pwn") for m in s["missing_crates"])
print(s["verdict"], s["missing_crates"]) if not ok else None
sys.exit(0 if ok else 1)' "$work/alias.json"
ok "no build output in the alias's crate" test ! -e "$victim2/target"

# 3. An absolute path to a host program outside the sandbox's view gets the verdict of a path
#    that does not exist: the report does not reveal what the host has.
mkdir -p "$work/probe"
for name in victim nowhere tree; do
  case $name in
    victim) target="$victim/run.sh" ;;
    nowhere) target="/nonexistent-snipcheck-$RANDOM/run.sh" ;;
    tree) target="$here/test_hardening.sh" ;;
  esac
  [ -x "$target" ] || [ "$name" = nowhere ] || { fail "probe target $target is not an executable"; continue; }
  printf '```sh\n%s --version\n```\n' "$target" >"$work/probe/$name.md"
  printf '%s\n' "$target" >"$work/probe/$name.path"
done
run "1" "probe run" "$snipcheck" check --color never --no-cache --cache "$cache" --report "$work/probe.json" "$work/probe"
ok "host programs are not probed" py 'import json, sys, os
d = sys.argv[2]
seen = {}
for s in json.load(open(sys.argv[1]))["snippets"]:
    name = os.path.basename(s["article"])[:-3]
    path = open(os.path.join(d, name + ".path")).read().strip()
    norm = lambda x: json.dumps(x).replace(path, "PATH")
    seen[name] = (s["verdict"], s["subkind"], norm(s["missing_crates"]), norm([f["message"] for f in s["findings"]]),
                  norm([(e["message"], e["level"], e["code"]) for e in s["evidence"]]))
same = len(seen) == 3 and len(set(seen.values())) == 1 and seen["nowhere"][0] == "missing-dependency"
print(seen) if not same else None
sys.exit(0 if same else 1)' "$work/probe.json" "$work/probe"

# 4. Reports of the wrong shape: one error line and exit 2, never an abort; a report without
#    its optional registry still reads.
printf '[]\n' >"$work/empty.json"
printf '{"schema":"snipcheck/1","snippets":[1]}\n' >"$work/ints.json"
printf '{"schema":"snipcheck/1","summary":{"duration_ms":"x"},"articles":[{"path":5}],"snippets":[]}\n' >"$work/types.json"
py 'import json, sys
r = json.load(open(sys.argv[1])); r["snippets"][0]["verdict"] = "bogus"; json.dump(r, open(sys.argv[2], "w"))
r = json.load(open(sys.argv[1])); del r["registry"]; json.dump(r, open(sys.argv[3], "w"))' \
  "$work/ok.json" "$work/bogus.json" "$work/noreg.json"
for bad in empty ints types bogus; do
  run "2" "badge $bad" "$snipcheck" badge "$work/$bad.json" --out "$work/badges-$bad"; one_line_error "badge $bad"
  run "2" "merge $bad" "$snipcheck" merge "$work/$bad.json" --report "$work/merged-$bad.json"; one_line_error "merge $bad"
  ok "merge $bad leaves no report" test ! -e "$work/merged-$bad.json"
  run "2" "explain $bad" "$snipcheck" explain "$work/$bad.json" ok:2; one_line_error "explain $bad"
done
run "0" "badge without a registry" "$snipcheck" badge "$work/noreg.json" --out "$work/badges-noreg"
ok "badges written" test -s "$work/badges-noreg/snipcheck.svg" -o -n "$(ls "$work/badges-noreg")"
run "0 1" "merge without a registry" "$snipcheck" merge "$work/noreg.json" --report "$work/merged-noreg.json"
ok "merged report written" test -s "$work/merged-noreg.json"
run "0" "explain without a registry" "$snipcheck" explain "$work/noreg.json" "$work/ok.md:2"
run "0 1" "--jobs 100000" "$snipcheck" check --jobs 100000 --cache "$cache" --report "$work/jobs.json" "$work/ok.md"
ok "--jobs 100000 says it lowered the number" grep -q 'note' "$work/err"
n=0
for value in 'wall_seconds = "sixty"' 'wall_seconds = 0' 'wall_seconds = -5' 'cpu_seconds = 1.5'; do
  n=$((n + 1)); printf '[limits]\n%s\n' "$value" >"$work/bad$n.toml"
  run "2" "config $value" "$snipcheck" check --config "$work/bad$n.toml" --cache "$cache" --report "$work/c.json" "$work/ok.md"
  one_line_error "config $value"
done
printf '[toolchains]\neditions = [1]\n' >"$work/bad-editions.toml"
run "2" "config editions = [1]" "$snipcheck" check --config "$work/bad-editions.toml" --cache "$cache" --report "$work/c.json" "$work/ok.md"
one_line_error "config editions = [1]"
ok "no report after a config error" test ! -e "$work/c.json"
# A crate set cargo refuses: cargo's many-line error becomes one line.
mkdir -p "$work/cache-cfg"
printf '[crates]\nserde = 5\n' >"$work/bad-crates.toml"
run "2" "config [crates] serde = 5" "$snipcheck" check --config "$work/bad-crates.toml" --cache "$work/cache-cfg" \
  --report "$work/c.json" "$work/ok.md"
one_line_error "config [crates] serde = 5"

# 5. Cache entries of the wrong types or cut short are misses: same verdicts as a clean run,
#    and the entry is written again, valid.
c5="$work/cache5"; fresh_cache "$c5"
mkdir -p "$work/five"
printf '```rust\nfn main() { let v: Vec<i32> = vec![1]; println!("{v:?}"); }\n```\n' >"$work/five/rust.md"
printf '```rust\nfn main() { let x: i32 = "no"; }\n```\n' >"$work/five/error.md"
printf '```toml\n[package]\nname = "five"\nversion = "0.1.0"\nedition = "2021"\n```\n' >"$work/five/toml.md"
printf '```sh\nls -la | grep foo\n```\n' >"$work/five/shell.md"
run "0 1" "cache run 1" "$snipcheck" check --cache "$c5" --report "$work/five1.json" "$work/five"
mapfile -t entries < <(find "$c5/results" -name '*.json' | sort)
ok "one cache entry per snippet" test "${#entries[@]}" = 4
py 'import json, sys
e = sys.argv[1:]
j = json.load(open(e[0])); j["result"] = {"verdict": 5}; json.dump(j, open(e[0], "w"))
j = json.load(open(e[2])); j["result"]["findings"] = "none"; j["result"]["verdict"] = "compiles"; json.dump(j, open(e[2], "w"))
j = json.load(open(e[3])); j["result"]["verdict"] = "bogus"; json.dump(j, open(e[3], "w"))
t = open(e[1]).read(); open(e[1], "w").write(t[: len(t) // 2])' "${entries[@]}"
run "0 1" "cache run 2 (damaged entries)" "$snipcheck" check --cache "$c5" --report "$work/five2.json" "$work/five"
ok "same verdicts after damaged entries" test "$(verdicts "$work/five1.json")" = "$(verdicts "$work/five2.json")"
ok "damaged entries were recomputed" py 'import json, sys
sys.exit(0 if not any(s["cached"] for s in json.load(open(sys.argv[1]))["snippets"]) else 1)' "$work/five2.json"
ok "damaged entries were rewritten validly" py 'import json, sys
known = {"compiles", "outdated-api", "speculative-syntax", "missing-dependency", "incomplete", "error", "skipped", "harness-error"}
for p in sys.argv[1:]:
    j = json.load(open(p))
    if not isinstance(j.get("result"), dict) or j["result"].get("verdict") not in known or not isinstance(j["result"].get("findings"), list):
        print(p, "is not a valid entry:", str(j)[:200]); sys.exit(1)' "${entries[@]}"
run "0 1" "cache run 3" "$snipcheck" check --cache "$c5" --report "$work/five3.json" "$work/five"
ok "the rewritten entries are hits" py 'import json, sys
sys.exit(0 if all(s["cached"] for s in json.load(open(sys.argv[1]))["snippets"]) else 1)' "$work/five3.json"
ok "same verdicts from the rewritten entries" test "$(verdicts "$work/five1.json")" = "$(verdicts "$work/five3.json")"

# 6. Outputs are written all or none: one that cannot be written (under a regular file, or
#    onto a directory) leaves no report and no temporaries.
printf 'x' >"$work/afile"; mkdir -p "$work/adir"
for opt in "--junit=$work/afile/j.xml" "--sarif=$work/afile/s.sarif" "--summary=$work/afile/s.md" \
           "--badges=$work/afile/badges" "--junit=$work/adir" "--summary=$work/adir"; do
  rm -rf "$work/out6"; mkdir -p "$work/out6"
  run "2" "$opt" "$snipcheck" check --cache "$cache" --report "$work/out6/OUT.json" "$opt" "$work/ok.md"
  one_line_error "$opt"
  ok "$opt leaves no report and no temporary" test -z "$(ls -A "$work/out6")"
  ok "$opt leaves no temporary beside its target" test -z "$(find "$work" -maxdepth 2 -name '*.tmp[0-9]*')"
  ok "$opt leaves the directory alone" test -z "$(ls -A "$work/adir")"
done
# The same with merge and badge, and a report that already existed is not left half-replaced.
run "2" "merge into an unwritable place" "$snipcheck" merge "$work/ok.json" --report "$work/out6/M.json" --junit "$work/afile/j.xml"
one_line_error "merge into an unwritable place"
ok "merge leaves nothing" test -z "$(ls -A "$work/out6")"
run "2" "badge into an unwritable place" "$snipcheck" badge "$work/ok.json" --out "$work/afile/b"
one_line_error "badge into an unwritable place"

# 7. Markup and forbidden characters from articles and diagnostics: the JUnit file is valid
#    XML and the summary's table rows keep their column count.
mkdir -p "$work/seven"
{
  printf '```rust,ignore|<b>x</b> a|b\nfn main() {}\n```\n\n'
  printf '```sh|<b>bold</b>\necho "a|b" | grep "<b>"\n```\n\n'
  printf '```rust\nfn main() {\n    let x: i32 = "\xef\xbf\xbe|<b>&";\n}\n```\n\n'
  printf '```rust\nfn main() {\n    compile_error!("bad \xef\xbf\xbe \xef\xbf\xbf char | <b>bold</b> & \\\\ `tick` \x01 end");\n}\n```\n'
} >"$work/seven/markup|<b>.md"
run "1" "markup run" "$snipcheck" check --color never --cache "$cache" --report "$work/seven.json" \
  --junit "$work/seven.xml" --summary "$work/seven.md" --sarif "$work/seven.sarif" --badges "$work/seven-badges" "$work/seven"
ok "the diagnostic carries U+FFFE into the report" grep -q 'bad \\ufffe\|bad '$'\xef\xbf\xbe' "$work/seven.json"
ok "JUnit is valid XML" xmllint --noout "$work/seven.xml"
ok "badges are valid XML" bash -c 'ls "$1"/*.svg >/dev/null && xmllint --noout "$1"/*.svg' _ "$work/seven-badges"
ok "SARIF is JSON" py 'import json, sys; json.load(open(sys.argv[1]))' "$work/seven.sarif"
ok "summary rows keep their columns" py 'import sys
cols, bad = None, []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.startswith("|"):
        cols = None
        continue
    # cmark-gfm: a pipe right after a backslash belongs to the cell.
    n = sum(1 for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\"))
    if cols is None:
        cols = n
    elif n != cols:
        bad.append(line)
print("rows with another column count:", bad) if bad else None
sys.exit(1 if bad else 0)' "$work/seven.md"

# Escape sequences from an article never reach the terminal or a CI log raw.
printf '```rust\nfn main() {\n    compile_error!("esc \x1b]0;pwned-title\x07 \x1b[2K \xc2\x9b hidden");\n}\n```\n' >"$work/esc.md"
run "1" "escape sequences run" "$snipcheck" check --color never --cache "$cache" --report "$work/esc.json" "$work/esc.md"
ok "no control characters on stdout" py 'import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in data if (b < 0x20 and b not in (9, 10)) or b == 0x7F]
print("control bytes:", bad, data[:300]) if bad or b"^[]0;pwned-title" not in data else None
sys.exit(1 if bad or b"^[]0;pwned-title" not in data else 0)' "$work/out"
run "1" "escape sequences, --github" "$snipcheck" check --github --cache "$cache" --report "$work/esc.json" "$work/esc.md"
ok "no control characters in annotations" py 'import sys
data = open(sys.argv[1], "rb").read()
sys.exit(1 if any((b < 0x20 and b != 10) or b == 0x7F for b in data) else 0)' "$work/out"

# 8. kill -9 at random points of cached runs, then a rerun (tests/cli/kill_rerun.sh).
ok "kill -9 and rerun" "$here/kill_rerun.sh" "$snipcheck" "$snippets" "$cache" "$kills"

echo "hardening: $passes passed, $fails failed ($(( $(date +%s) - started )) s)"
[ "$fails" = 0 ]
