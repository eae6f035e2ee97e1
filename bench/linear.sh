#!/usr/bin/env bash
# Linear-cost benchmark (not a test): seconds and peak RSS of
#   extract   one Markdown article with N tiny snippets     (N = 12,500 .. 100,000)
#   check     the same article with `rust,ignore` blocks: no toolchain runs, but every
#             snippet's context and cache key are made (the part that was quadratic)
#   scrape    a plain-text scrape of L lines alternating prose and code (L = 125k .. 1M;
#             one snippet per three lines)
#   scrape-10MB  a 10 MB scrape of mixed prose, Rust, TOML and shell
# Doubling the size should roughly double the time and the memory. Usage:
#   bench/linear.sh [extract|check|scrape|all]   (SNIPCHECK_BUILD_DIR, default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${SNIPCHECK_BUILD_DIR:-build}"
what="${1:-all}"
snipcheck="$PWD/$build/cli/snipcheck"
work="$build/bench-linear"; rm -rf "$work"; mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

measure() {  # measure LABEL SIZE CMD...: one row of seconds and peak RSS
  local label="$1" size="$2"; shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  python3 - "$work/time.txt" "$label" "$size" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", t).group(1)
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
print(f"{sys.argv[2]:<12} {int(sys.argv[3]):>10,} {secs:>9.2f} s {rss:>9.1f} MiB", flush=True)
PY
}

markdown() {  # markdown FILE N INFO
  python3 - "$@" <<'PY'
import sys
path, n, info = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    for i in range(n):
        f.write(f"Step {i}.\n\n```{info}\nfn f{i}() {{}}\n```\n\n")
PY
}

scrape() {  # scrape FILE LINES
  python3 - "$@" <<'PY'
import sys
path, lines = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    # Short lines, so that a million of them stay under the 16 MiB article limit: one line
    # of prose, then a region of two lines of code (one line alone is not a snippet).
    for i in range(lines // 3):
        f.write("See it. Now:\n")
        f.write(f"let a{i} = 1;\n")
        f.write("a.go();\n")
PY
}

scrape_10mb() {  # a mixed scrape of about 10 MB (under the 16 MiB article limit)
  python3 - "$1" <<'PY'
import sys
chunk = (
    "Rust makes this easy. The example below shows a small server.\n\n"
    "use std::collections::HashMap;\n\nfn main() {\n    let mut m = HashMap::new();\n"
    "    m.insert(\"k\", 1);\n    println!(\"{:?}\", m);\n}\n\n"
    "Add the dependency to the manifest:\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n\n"
    "Then build it:\n\ncargo build --release\n./target/release/app --port 8080\n\n"
    "# Summary\n- fast\n- safe\n\n"
)
with open(sys.argv[1], "w") as f:
    f.write(chunk * (10 * 1024 * 1024 // len(chunk)))
PY
}

echo "what          size         time      peak RSS"
if [ "$what" = all ] || [ "$what" = extract ]; then
  for n in 12500 25000 50000 100000; do
    markdown "$work/md-$n.md" "$n" rust
    measure extract "$n" "$snipcheck" extract --format json "$work/md-$n.md"
  done
fi
if [ "$what" = all ] || [ "$what" = check ]; then
  for n in 12500 25000 50000 100000; do
    markdown "$work/ignored-$n.md" "$n" "rust,ignore"
    measure check "$n" "$snipcheck" check --no-cache --cache "$build/cache" --jobs 2 \
      --report "$work/ignored-$n.json" "$work/ignored-$n.md"
  done
fi
if [ "$what" = all ] || [ "$what" = scrape ]; then
  for lines in 125000 250000 500000 1000000; do
    scrape "$work/scrape-$lines.txt" "$lines"
    measure scrape "$lines" "$snipcheck" extract --format json "$work/scrape-$lines.txt"
  done
  scrape_10mb "$work/scrape-10mb.txt"
  measure scrape-10MB "$(wc -l <"$work/scrape-10mb.txt")" "$snipcheck" extract --format json "$work/scrape-10mb.txt"
fi
