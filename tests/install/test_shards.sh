#!/usr/bin/env bash
# Shards that cannot lie: `merge` joins every shard of one run exactly once, and refuses (exit
# 2, one line) a missing shard, a repeated one, and one from another run; an unsharded
# report merges as 1/1.
# usage: test_shards.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR
set -u
snipcheck="$1"; snippets="$2"; cache="$3"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { fails=$((fails + 1)); echo "FAIL $1"; }
check() { "$snipcheck" check --cache "$cache" "$@" >/dev/null 2>"$work/check.err" || [ $? -eq 1 ] || { bad "check $*: $(cat "$work/check.err")"; }; }

# Expects `merge` of the given reports to exit 2 with one line on stderr matching $1.
refuses() {
  local pattern="$1" what="$2"; shift 2
  "$snipcheck" merge "$@" --report "$work/merged.json" 2>"$work/err" >/dev/null
  local rc=$?
  if [ $rc -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -qE "^snipcheck: error: merge: .*$pattern" "$work/err"; then
    ok "merge refuses $what: $(cat "$work/err")"
  else
    bad "merge of $what: exit $rc, stderr: $(cat "$work/err")"
  fi
}
accepts() {
  local what="$1"; shift
  "$snipcheck" merge "$@" --report "$work/merged.json" 2>"$work/err" >/dev/null
  local rc=$?
  if [ $rc -le 1 ]; then ok "merge accepts $what (exit $rc)"; else bad "merge of $what: exit $rc: $(cat "$work/err")"; fi
}

check --report "$work/full.json" "$snippets"
for k in 1 2 3; do check --shard "$k/3" --report "$work/shard-$k.json" "$snippets"; done
# Another run: the same snipcheck and toolchains over fewer articles.
check --shard 3/3 --report "$work/foreign-3.json" "$snippets/tour.md"

python3 - "$work" <<'PY' || bad "shard reports do not record K/N and one run id"
import json, sys
w = sys.argv[1]
runs = [json.load(open(f"{w}/shard-{k}.json"))["run"] for k in (1, 2, 3)]
full = json.load(open(f"{w}/full.json"))["run"]
foreign = json.load(open(f"{w}/foreign-3.json"))["run"]
assert [r["shard"] for r in runs] == [{"index": k, "count": 3} for k in (1, 2, 3)], runs
assert len({r["id"] for r in runs} | {full["id"]}) == 1, (runs, full)
assert full["shard"] == {"index": 1, "count": 1} and foreign["id"] != full["id"]
assert full["sandbox"] == "bubblewrap"
PY
[ $fails -eq 0 ] && ok "shard reports record K/N and the run id; the unsharded run has the same id"

accepts "all three shards" "$work"/shard-{1,2,3}.json
if python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
a, b = json.load(open(f"{w}/merged.json")), json.load(open(f"{w}/full.json"))
assert a["run"] == b["run"], (a["run"], b["run"])
verdicts = lambda r: [(s["id"], s["verdict"]) for s in r["snippets"]]
assert verdicts(a) == verdicts(b)
PY
then ok "the merge is the unsharded run: same run id, 1/1, same verdicts"; else bad "merge differs from the unsharded run"; fi
accepts "an unsharded report as 1/1" "$work/full.json"
accepts "a merged report again as 1/1" "$work/merged.json"
refuses "shard 3/3 of run [0-9a-f]+ is missing" "a missing shard" "$work/shard-1.json" "$work/shard-2.json"
refuses "shards 2/3, 3/3 of run [0-9a-f]+ are missing" "two missing shards" "$work/shard-1.json"
refuses "shard 2/3 of run [0-9a-f]+ is there twice" "a repeated shard" \
  "$work/shard-1.json" "$work/shard-2.json" "$work/shard-2.json" "$work/shard-3.json"
refuses "is not from the run of" "a shard of another run" \
  "$work/shard-1.json" "$work/shard-2.json" "$work/foreign-3.json"
refuses "the shards of one run are K/N with one N" "a whole run mixed with shards" "$work/full.json" "$work/shard-2.json"
refuses "shard 1/1 of run [0-9a-f]+ is there twice" "an unsharded report twice" "$work/full.json" "$work/full.json"
# A shard whose run id was edited is foreign too.
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["run"]["id"]="0"*32; json.dump(r,open(sys.argv[2],"w"))' \
  "$work/shard-3.json" "$work/forged-3.json"
refuses "is not from the run of" "a shard with another run id" "$work/shard-1.json" "$work/shard-2.json" "$work/forged-3.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["run"]["shard"]["index"]=4; json.dump(r,open(sys.argv[2],"w"))' \
  "$work/shard-3.json" "$work/bad-3.json"
"$snipcheck" merge "$work/bad-3.json" --report "$work/merged.json" 2>"$work/err"
[ $? -eq 2 ] && grep -q "run.shard" "$work/err" && ok "a report claiming shard 4/3 is not a report" || bad "shard 4/3 read: $(cat "$work/err")"
echo "$fails failures"
exit $((fails > 0))
