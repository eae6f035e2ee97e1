#!/usr/bin/env bash
# rust-lang/book as its maintainers run it: every listing's verdict against the book's own
# attributes (a plain `rust` listing compiles, `does_not_compile`/`compile_fail` does not,
# `ignore` is skipped, `panics`/`should_panic` compile). Fetches nothing: give it the bare git
# directory of a mirror of rust-lang/book; it extracts the pinned commit into a scratch folder
# (the book's text never enters this repository) and checks it twice: as is, and with
# --include-ignored for the `does_not_compile` listings (the book marks them `ignore` too).
#
# The book's `trpl` crate is named as a path crate (bench/mdbook-book.toml, copied to the
# book's root as snipcheck.toml); what it requires comes from Debian trixie, fetched once
# with `snipcheck universe fetch` (the one step that needs the Debian mirror). The cache is
# the bench's own, so that the trixie universe never becomes the reference of other runs.
#
# usage: bench/mdbook-book.sh MIRROR_GIT_DIR [COMMIT]
#   e.g. bench/mdbook-book.sh /work/.mirror/rust-lang+book/repo
# env: SNIPCHECK_BUILD_DIR (build), SNIPCHECK_CACHE (~/.cache/snipcheck-book), JOBS (2)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mirror="${1:?usage: bench/mdbook-book.sh MIRROR_GIT_DIR [COMMIT]}"
commit="${2:-917544888a55e4da7109bdba8c88c893c0da70f4}"  # rust-lang/book, 2026-07-13
snipcheck="$here/${SNIPCHECK_BUILD_DIR:-build}/cli/snipcheck"
cache="${SNIPCHECK_CACHE:-$HOME/.cache/snipcheck-book}"
jobs="${JOBS:-2}"
work="$(mktemp -d /tmp/snipcheck-book.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/book"
git --git-dir="$mirror" archive "$commit" | tar -x -C "$work/book"
cp "$here/bench/mdbook-book.toml" "$work/book/snipcheck.toml"
cd "$work/book"
"$snipcheck" universe fetch --cache "$cache" --config snipcheck.toml trixie >"$work/fetch.txt" 2>&1 ||
  { cat "$work/fetch.txt" >&2; exit 2; }
start=$(date +%s)
"$snipcheck" check --color never --jobs "$jobs" --cache "$cache" \
  --report "$work/plain.json" . >"$work/plain.txt" 2>"$work/plain.err" || [ $? -le 1 ]
"$snipcheck" check --color never --jobs "$jobs" --cache "$cache" \
  --include-ignored --report "$work/ignored.json" . >"$work/ignored.txt" 2>"$work/ignored.err" || [ $? -le 1 ]
echo "mdbook-book: rust-lang/book at $commit, checked in $(( $(date +%s) - start )) s"
python3 - "$work/plain.json" "$work/ignored.json" <<'PY'
import json, sys
plain = {s["id"]: s for s in json.load(open(sys.argv[1]))["snippets"]}
ignored = {s["id"]: s for s in json.load(open(sys.argv[2]))["snippets"]}
left = [s for s in plain.values() if "{{#" in s["code"]]
print(f"blocks: {len(plain)}; directives left unexpanded: {len(left)}")
agree, disagree, invented = 0, [], []
for sid, s in plain.items():
    if s["language"] != "rust":
        continue
    words = {w.strip() for w in s["info"].replace(" ", ",").split(",")}
    if "does_not_compile" in words or "compile_fail" in words:
        want, got = "does not compile", ignored[sid]
        ok = got["verdict"] not in ("compiles", "skipped", "harness-error")
    elif "ignore" in words:
        want, got = "skipped", s
        ok = got["verdict"] == "skipped"
    else:
        want = "compiles (should_panic/panics)" if words & {"should_panic", "panics"} else "compiles"
        got = s
        ok = got["verdict"] == "compiles"
    # `invented` counts where a listing is judged: as is, or with --include-ignored for the
    # does_not_compile ones (pseudo-code the book marks plain `ignore` is never checked).
    if got["verdict"] == "speculative-syntax" and got["subkind"] == "invented":
        invented.append(sid)
    if ok:
        agree += 1
        continue
    first = next((e for e in got["evidence"] if e.get("level") == "error"), None)
    why = first["message"] if first else "; ".join(f["message"] for f in got["findings"][:1])
    where = f" [{first['source_file']}:{first['source_line']}]" if first and first.get("source_file") else ""
    disagree.append(f"{sid} ({s['info']}): want {want}, got {got['verdict']}"
                    f"{' (' + got['subkind'] + ')' if got['subkind'] else ''}: {why}{where}")
total = agree + len(disagree)
print(f"listings: {total}; agree with the book's attributes: {agree} ({100.0 * agree / total:.1f}%); "
      f"disagree: {len(disagree)}; invented: {len(set(invented))}")
for d in sorted(disagree):
    print("DISAGREE", d)
for i in sorted(set(invented)):
    print("INVENTED", i)
PY
