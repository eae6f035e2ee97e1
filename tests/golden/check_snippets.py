#!/usr/bin/env python3
"""Golden test: `snipcheck check snippets/` must give every snippet exactly the verdict (and,
where given, the subkind and feature gates) that snippets/expected.json says, and nothing else.

usage: check_snippets.py SNIPCHECK SNIPPETS_DIR CACHE_DIR WORK_DIR
"""
import json, os, subprocess, sys

snipcheck, snippets, cache, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
report = os.path.join(work, "golden-report.json")
p = subprocess.run([snipcheck, "check", "--cache", cache, "--report", report, "--color", "never", snippets],
                   capture_output=True, text=True)
if p.returncode not in (0, 1):
    print(p.stdout, p.stderr)
    sys.exit(f"snipcheck check exited {p.returncode}")
got = json.load(open(report))["snippets"]
want = json.load(open(os.path.join(snippets, "expected.json")))
failures = []
for w in want:
    hits = [s for s in got if s["article"].endswith("/" + w["file"]) and s["start_line"] == w["start_line"]]
    if len(hits) != 1:
        failures.append(f"{w['file']}:{w['start_line']}: expected one snippet, found {len(hits)}")
        continue
    s = hits[0]
    for field in ("end_line", "language", "verdict", "subkind", "feature_gates", "undefined", "meets_policy"):
        if field in w and s.get(field) != w[field]:
            failures.append(f"{w['file']}:{w['start_line']}: {field} is {s.get(field)!r}, expected {w[field]!r}")
if len(got) != len(want):
    failures.append(f"{len(got)} snippets found, {len(want)} expected")
for f in failures:
    print("FAIL", f)
print(f"golden: {len(want) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
