#!/usr/bin/env python3
"""Golden test of `snipcheck fix` (issue 16), with the real toolchains:
- `fix --dry-run` prints exactly tests/golden/fixes/dry-run.diff and writes nothing;
- `fix` writes the verified fixes (Markdown, HTML, an mdBook chapter and its included file), and a fresh `check --no-cache` of the
  written articles finds every fixed snippet `compiles` and every other snippet as before;
- a second `fix --dry-run` has nothing left to do;
- bad input is one `snipcheck: error:` line and exit 2.

usage: check_fixes.py SNIPCHECK SNIPPETS_DIR CACHE_DIR WORK_DIR
"""
import json, os, shutil, subprocess, sys

snipcheck, snippets, cache, work = map(os.path.abspath, sys.argv[1:5])
here = os.path.dirname(os.path.abspath(__file__))
work = os.path.join(work, "fixes")
shutil.rmtree(work, ignore_errors=True)
articles = os.path.join(work, "articles")
os.makedirs(articles)
shutil.copy(os.path.join(snippets, "fixes.md"), articles)
shutil.copy(os.path.join(here, "fixes", "page.html"), articles)
shutil.copytree(os.path.join(here, "fixes", "book"), os.path.join(articles, "book"))
failures = []


def run(*args):
    return subprocess.run([snipcheck, *args], capture_output=True, text=True, cwd=work)


def check(label):
    report = os.path.join(work, label + ".json")
    p = run("check", "--no-cache", "--cache", cache, "--report", report, "--color", "never", "articles")
    if p.returncode not in (0, 1):
        sys.exit(f"check ({label}) exited {p.returncode}: {p.stderr}")
    return {s["id"]: s for s in json.load(open(report))["snippets"]}


before = check("before")
originals = {os.path.join(r, n): open(os.path.join(r, n)).read() for r, _, ns in os.walk(articles) for n in ns}
dry = run("fix", "--dry-run", "--cache", cache, "articles")
want = open(os.path.join(here, "fixes", "dry-run.diff")).read()
if dry.returncode != 0 or dry.stdout != want:
    failures.append(f"fix --dry-run (exit {dry.returncode}) printed:\n{dry.stdout}{dry.stderr}")
if any(open(n).read() != t for n, t in originals.items()):
    failures.append("fix --dry-run changed an article")

done = run("fix", "--cache", cache, "articles")
if done.returncode != 0:
    failures.append(f"fix exited {done.returncode}: {done.stderr}")
fixed = {l.split(" ", 1)[1] for l in done.stdout.splitlines() if l.startswith("fixed ")}
verified = {i for i, s in before.items() if (s.get("fix") or {}).get("verified")}
if fixed != verified:
    failures.append(f"fix wrote {sorted(fixed)}, the verified fixes are {sorted(verified)}")

after = check("after")  # a fresh run: no cached result
for i, s in before.items():
    got = after.get(i, {}).get("verdict")
    expected = s["fix"]["outcome"] if i in fixed else s["verdict"]
    if got != expected:
        failures.append(f"{i}: {got} after the fix, expected {expected}")

again = run("fix", "--dry-run", "--cache", cache, "articles")
if not again.stdout.startswith("0 verified fixes"):
    failures.append(f"a second fix still has work: {again.stdout}")

bad = run("fix", "no-such-article.md")
if bad.returncode != 2 or len(bad.stderr.splitlines()) != 1 or not bad.stderr.startswith("snipcheck: error: "):
    failures.append(f"fix of a missing article: exit {bad.returncode}, {bad.stderr!r}")

for f in failures:
    print("FAIL", f)
print(f"fixes: {len(fixed)} fixes written and re-checked, {len(failures)} failures")
sys.exit(1 if failures else 0)
