#!/usr/bin/env python3
"""Per-class recall of a scored run: for each labelled verdict, the share of its labels whose
reported verdict is the label's or one it accepts (as score.py counts it).
usage: class_recall.py LABELS.json REPORT.json"""
import json, os, sys
from collections import Counter, defaultdict

labels = json.load(open(sys.argv[1]))
snippets = json.load(open(sys.argv[2]))["snippets"]
norm = lambda p: "/" + os.path.normpath(p).lstrip("./")
by_file = defaultdict(list)
for s in snippets:
    by_file[norm(s["article"])].append(s)
total, right = Counter(), Counter()
for l in labels:
    cands = [s for a, ss in by_file.items() if a.endswith("/" + l["file"]) for s in ss]
    best = max(cands, key=lambda s: min(l["end_line"], s["end_line"]) - max(l["start_line"], s["start_line"]), default=None)
    total[l["verdict"]] += 1
    if best and (best["verdict"] == l["verdict"] or best["verdict"] in l.get("acceptable", [])):
        right[l["verdict"]] += 1
for v in sorted(total):
    print(f"  {v:20s} {right[v]:4d}/{total[v]:<4d} {right[v] / total[v]:.2f}")
print(f"  {'all':20s} {sum(right.values()):4d}/{sum(total.values()):<4d} {sum(right.values()) / sum(total.values()):.3f}")
