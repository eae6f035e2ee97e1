#!/usr/bin/env python3
"""Writes a Markdown corpus of N std-only Rust snippets: half compile, the rest split between
outdated-by-edition, nightly-only, incomplete and error. Every snippet is distinct.

usage: generate.py OUT.md [N] [grouped|interleaved]
grouped (the default) writes the compiling half first; interleaved mixes the kinds with a
fixed seed, as real articles do.
"""
import random, sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
kinds = {
    "compiles": "fn main() {{\n    let v: Vec<u64> = (0..{i}).map(|x| x * 2).collect();\n    println!(\"{{}}\", v.iter().sum::<u64>());\n}}",
    "edition": "fn main() {{\n    let dyn = {i};\n    println!(\"{{}}\", dyn);\n}}",
    "nightly": "fn main() {{\n    let r: Result<u32, ()> = try {{ {i} }};\n    println!(\"{{:?}}\", r);\n}}",
    "incomplete": "fn handle_{i}(req: Request{i}) -> Response{i} {{\n    render_{i}(req)\n}}",
    "error": "fn main() {{\n    let n: u32 = \"{i}\";\n    println!(\"{{}}\", n);\n}}",
}
plan = ["compiles"] * (n // 2)
rest = ["edition", "nightly", "incomplete", "error"]
plan += [rest[i % 4] for i in range(n - len(plan))]
if len(sys.argv) > 3 and sys.argv[3] == "interleaved":
    random.Random(42).shuffle(plan)
with open(out, "w") as f:
    f.write("# Benchmark corpus\n\n")
    for i, kind in enumerate(plan):
        f.write(f"Snippet {i} ({kind}):\n\n```rust\n{kinds[kind].format(i=i)}\n```\n\n")
print(f"{out}: {n} snippets")
