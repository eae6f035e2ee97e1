#!/usr/bin/env python3
"""Every code block of the labelled articles, with its language (for precision).

The verdict labels (labels/*.json) cover Rust blocks whose verdict can be defended; a scrape
detector is also right to emit a region on a `rust,ignore` block, a TOML manifest or a shell
session, and wrong to emit one on program output or JavaScript. This lists every code block
(fenced or indented, as cmark-gfm parses the article) of every labelled article with what it is:
  rust, toml, shell    what snipcheck extracts: a region on one is on a labelled block;
  output               program or compiler output, diagrams, URL patterns, grammar;
  other                another language (js, c, ruby, html, yaml, ...).
The language comes from the fence's info string when it names one; indented blocks and blocks
with no info string, `text` or `none` were read one by one and their language is in blocks-read.tsv
(FILE<TAB>START_LINE<TAB>LANGUAGE<TAB>why).

  blocks.py ARTICLES_DIR OUT.json     writes the list in score.py's label format
                                      (verdict "unlabelled": score verdicts on labels/ only)
"""
import glob
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

FENCE = re.compile(r"^((?:\s*>)*\s*)(`{3,}|~{3,})(.*)")
QUOTE = re.compile(r"^(\s*>)+ ?")
BY_INFO = {
    "rust": "rust", "rs": "rust", "{.rust}": "rust", "ignore": "rust",
    "toml": "toml",
    "bash": "shell", "sh": "shell", "shell": "shell", "console": "shell", "shell-session": "shell",
    "grammar": "output",
}


def info_language(info):
    word = re.split(r"[\s,]+", info.strip())[0] if info.strip() else ""
    if word in BY_INFO:
        return BY_INFO[word]
    if word in ("", "text", "none"):
        return None  # read by hand: blocks-read.tsv
    return "other"


def blocks(path):
    """(first code line, last code line, info) of every code block, 1-based, as cmark-gfm
    parses the article: fence lines and trailing blank lines left out."""
    lines = open(path, encoding="utf-8").read().split("\n")
    xml = subprocess.run(["cmark-gfm", "-t", "xml", "--sourcepos", path], capture_output=True, check=True).stdout
    out = []
    for node in ET.fromstring(xml).iter("{http://commonmark.org/xml/1.0}code_block"):
        first, last = (int(p.split(":")[0]) for p in node.get("sourcepos").split("-"))
        if FENCE.match(lines[first - 1]):
            first += 1
            if last >= first and FENCE.match(lines[last - 1]):
                last -= 1
        while last >= first and not QUOTE.sub("", lines[last - 1]).strip():
            last -= 1
        if last >= first:
            out.append((first, last, node.get("info") or ""))
    return out


def main(articles, dest):
    here = os.path.dirname(os.path.abspath(__file__))
    labels = sum((json.load(open(f)) for f in sorted(glob.glob(os.path.join(here, "labels", "*.json")))), [])
    rust = {(l["file"], l["start_line"]) for l in labels}
    read = {}
    for row in open(os.path.join(here, "blocks-read.tsv"), encoding="utf-8"):
        if row.strip() and not row.startswith("#"):
            f, start, language = row.rstrip("\n").split("\t")[:3]
            read[(f, int(start))] = language
    out, unread = [], []
    for f in sorted({l["file"] for l in labels}):
        for first, last, info in blocks(os.path.join(articles, f)):
            key = (f, first)
            language = "rust" if key in rust else read.get(key) or info_language(info)
            if language is None:
                unread.append(f"{f}:{first} [{info.strip()}]")
                continue
            out.append({"file": f, "start_line": first, "end_line": last, "language": language,
                        "verdict": "unlabelled", "acceptable": []})
    if unread:
        print(f"blocks: {len(unread)} blocks not read yet (blocks-read.tsv), e.g. {unread[0]}", file=sys.stderr)
        return 2
    json.dump(out, open(dest, "w"), indent=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
