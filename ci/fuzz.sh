#!/usr/bin/env bash
# Builds the libFuzzer targets (clang++, ASan + UBSan) into build-fuzz/ and runs each for a
# bounded time on its checked-in seed corpus; any crash, leak, sanitizer report or timeout
# fails. Environment: SNIPCHECK_FUZZ_SECONDS (per target, default 30), SNIPCHECK_FUZZ_BUILD_DIR
# (default build-fuzz), SNIPCHECK_FUZZ_TARGETS (default: all four), SNIPCHECK_JOBS (default 2).
# New inputs libFuzzer finds go to $build/corpus/<target>/, never into tests/fuzz/corpus/;
# a crashing input is left as $build/artifacts/<target>-crash-*: add it to the corpus by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${SNIPCHECK_FUZZ_BUILD_DIR:-build-fuzz}"
seconds="${SNIPCHECK_FUZZ_SECONDS:-30}"
targets="${SNIPCHECK_FUZZ_TARGETS:-markdown html plaintext extract}"
cxx="${SNIPCHECK_FUZZ_CXX:-clang++}"
command -v "$cxx" >/dev/null || { echo "snipcheck fuzz: $cxx not found (ci/setup.sh installs clang)" >&2; exit 2; }
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
      -DSNIPCHECK_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
names=()
for t in $targets; do names+=("fuzz_$t"); done
cmake --build "$build" -j "${SNIPCHECK_JOBS:-2}" --target "${names[@]}"
mkdir -p "$build/artifacts"
failed=()
for t in $targets; do
  mkdir -p "$build/corpus/$t"
  echo "snipcheck fuzz: $t for ${seconds}s" >&2
  if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 \
       -max_len=131072 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
       "$build/corpus/$t" "tests/fuzz/corpus/$t" 2>"$build/fuzz-$t.log"; then
    failed+=("$t")
    tail -n 40 "$build/fuzz-$t.log" >&2
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$build/fuzz-$t.log" | sed "s/^/  $t /" >&2 || true
done
if ((${#failed[@]})); then
  echo "snipcheck fuzz: crashes in: ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ${#names[@]} passed, 0 failed"
