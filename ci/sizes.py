#!/usr/bin/env python3
"""Functions over 60 lines and files over 400 lines in the project's own C++ (tests, benches
and generated code left out): the house rules of issue #15. Brace counting on code with
strings, characters and line comments blanked; namespace braces do not count.

usage: ci/sizes.py [--max-function N] [--max-file N]   (exit 1 when anything is over)
"""
import glob, os, re, sys

def args():
    a = sys.argv[1:]
    get = lambda flag, d: int(a[a.index(flag) + 1]) if flag in a else d
    return get("--max-function", 60), get("--max-file", 400)

def blank(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])'", "''", line)
    return line.split("//")[0]

def long_functions(path, limit):
    lines = open(path, encoding="utf-8").read().split("\n")
    depth, start, out = 0, None, []
    for i, raw in enumerate(lines):
        if re.match(r"^namespace\b.*\{\s*$", raw) or re.match(r"^\}\s*//\s*namespace", raw):
            continue
        code = blank(raw)
        if depth == 0 and start is None and re.match(r"^[A-Za-z~].*[(:]", raw) and not code.rstrip().endswith(";"):
            start = i
        depth = max(0, depth + code.count("{") - code.count("}"))
        if start is not None and depth == 0 and ("}" in code or code.rstrip().endswith(";")):
            if i - start + 1 > limit:
                out.append((i - start + 1, start + 1, lines[start].strip()[:80]))
            start = None
    return out

def main():
    max_fn, max_file = args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    over = 0
    for path in sorted(glob.glob("*/**/*.[ch]pp", recursive=True)):
        if path.split("/")[0] in ("build", "tests", "bench") or path.startswith("build"):
            continue
        n = sum(1 for _ in open(path, encoding="utf-8"))
        if n > max_file:
            print(f"{path}: {n} lines (over {max_file})"); over += 1
        if path.endswith(".cpp"):
            for length, line, head in long_functions(path, max_fn):
                print(f"{path}:{line}: {length} lines: {head}"); over += 1
    print(f"sizes: {over} over the limits")
    return 1 if over else 0

if __name__ == "__main__":
    sys.exit(main())
