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
    # Verified fixes (issue 16): `fix_verified` true, false, or null for no fix at all, and
    # lines the fix's diff against the article must add.
    if "fix_verified" in w:
        fix = s.get("fix")
        verified = None if fix is None else fix.get("verified")
        if verified != w["fix_verified"]:
            failures.append(f"{w['file']}:{w['start_line']}: fix verified is {verified!r}, expected {w['fix_verified']!r}")
        if "fix_outcome" in w and (fix or {}).get("outcome") != w["fix_outcome"]:
            failures.append(f"{w['file']}:{w['start_line']}: fix outcome is {(fix or {}).get('outcome')!r}, expected {w['fix_outcome']!r}")
        diff = (fix or {}).get("diff", "").split("\n")
        for line in w.get("fix_adds", []):
            if line not in diff:
                failures.append(f"{w['file']}:{w['start_line']}: the fix's diff does not add {line!r}")
        if fix and any(l.startswith(("+fn main", "+#![allow")) for l in diff):
            failures.append(f"{w['file']}:{w['start_line']}: the wrapper leaked into the fix's diff")
if len(got) != len(want):
    failures.append(f"{len(got)} snippets found, {len(want)} expected")
for f in failures:
    print("FAIL", f)
print(f"golden: {len(want) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
