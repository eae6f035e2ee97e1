#!/usr/bin/env bash
# kill -9 at random points of `check` runs that share one cache, then a rerun: it must give
# the verdicts of a clean run, every cache entry must parse, and no scratch directory of a
# dead run may be left under CACHE/tmp. Run by test_hardening.sh with a few kills; by hand
# with more:  tests/cli/kill_rerun.sh build/cli/snipcheck snippets build/cache 50
#
# usage: kill_rerun.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR [KILLS] [MAX_DELAY_S]
# CACHE_DIR only lends its crate set (hard links); the runs use caches of their own.
# Each kill comes after a random delay from 0.5 s to MAX_DELAY_S (default 20) or the length
# of a clean run, whichever is shorter.
set -u
snipcheck=$(realpath "$1"); snippets=$(realpath "$2"); cache=$(realpath -m "$3")
kills="${4:-5}"; max_delay_ms=$(( ${5:-20} * 1000 ))
work=$(mktemp -d); bg=""
trap '[ -n "$bg" ] && kill -9 "$bg" 2>/dev/null; rm -rf "$work"' EXIT
fails=0; passes=0
pass() { passes=$((passes + 1)); }
fail() { fails=$((fails + 1)); echo "FAIL $*"; }
fresh_cache() {
  rm -rf "$1"; mkdir -p "$1"
  [ -d "$cache/crates" ] && { cp -al "$cache/crates" "$1/" 2>/dev/null || cp -a "$cache/crates" "$1/"; }
}
verdicts() {
  python3 -c 'import json,sys
for s in json.load(open(sys.argv[1]))["snippets"]: print(s["id"], s["verdict"], s["subkind"])' "$1" | sort
}
started=$(date +%s)

clean="$work/cache-clean"; fresh_cache "$clean"
t0=$(date +%s%N)
"$snipcheck" check --cache "$clean" --report "$work/clean.json" "$snippets" >/dev/null 2>"$work/err"
rc=$?; [ "$rc" -le 1 ] && pass || { fail "clean run: exit $rc"; cat "$work/err"; }
clean_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
upper_ms=$(( clean_ms < max_delay_ms ? clean_ms : max_delay_ms ))
[ "$upper_ms" -gt 600 ] || upper_ms=600

killed="$work/cache-killed"; fresh_cache "$killed"
landed=0
for _ in $(seq 1 "$kills"); do
  # Forget a random half or more of the results (a miss is a state the cache may be in), so
  # that each run has work left to be killed in the middle of.
  entries=$(find "$killed/results" -name '*.json' 2>/dev/null | wc -l)
  find "$killed/results" -name '*.json' 2>/dev/null | shuf -n $(( entries * (50 + RANDOM % 51) / 100 )) | xargs -r rm -f
  delay_ms=$(( 500 + (RANDOM * 32768 + RANDOM) % (upper_ms - 499) ))
  "$snipcheck" check --cache "$killed" --report "$work/killed.json" "$snippets" >/dev/null 2>&1 &
  bg=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$bg" 2>/dev/null; then landed=$((landed + 1)); fi
  wait "$bg" 2>/dev/null; bg=""
  # The sandboxes die with their parent (bwrap --die-with-parent); give them a moment.
  sleep 0.2
done
dead_dirs=$(find "$killed/tmp" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)
"$snipcheck" check --cache "$killed" --report "$work/rerun.json" "$snippets" >/dev/null 2>"$work/err"
rc=$?; [ "$rc" -le 1 ] && pass || { fail "rerun: exit $rc"; cat "$work/err"; }
if [ "$(verdicts "$work/clean.json")" = "$(verdicts "$work/rerun.json")" ]; then pass; else
  fail "verdicts after kill -9 differ from a clean run:"; diff <(verdicts "$work/clean.json") <(verdicts "$work/rerun.json"); fi
if python3 - "$killed/results" <<'PY'
import json, pathlib, sys
bad = []
for p in pathlib.Path(sys.argv[1]).rglob("*.json"):
    try:
        j = json.load(open(p))
        assert isinstance(j["result"]["verdict"], str)
    except Exception as e:
        bad.append(f"{p}: {e!r}")
print("\n".join(bad)) if bad else None
sys.exit(1 if bad else 0)
PY
then pass; else fail "a cache entry does not parse"; fi
# A finished run removes its own scratch directory; any directory left (run-*, or the
# snippet-*/toml-*/shell-* work directories of older versions) belongs to a dead run.
left=$(find "$killed/tmp" -mindepth 1 -maxdepth 1 \( -type d -o -name 'run-*' \) 2>/dev/null)
[ -z "$left" ] && pass || fail "scratch directories of dead runs are left: $left"
temps=$(find "$killed/results" -name '*.tmp[0-9]*' | wc -l)
echo "kill -9: $kills kills ($landed during a run) after 0.5-$((upper_ms / 1000)).$(( upper_ms % 1000 / 100 )) s;" \
     "$dead_dirs scratch directories of dead runs before the rerun, $temps stray temporaries in results/;" \
     "a clean run takes ${clean_ms} ms; $(( $(date +%s) - started )) s in all"
echo "kill_rerun: $passes passed, $fails failed"
[ "$fails" = 0 ]
