#!/usr/bin/env python3
"""Scrape variants of the evaluation corpus, and their labels (helper of bench/scrape.sh).

  scrape.py make LABELS.json BLOCKS.json ARTICLES_DIR OUT_DIR [DUMPER...]
      renders every labelled Markdown article to HTML (cmark-gfm keeps fenced code as
      <pre><code class="language-rust">), dumps it to text with each dumper, also with every
      line left-stripped ("-flat"), and writes OUT_DIR/VARIANT/FILE.txt plus
      OUT_DIR/VARIANT.labels.json (the verdict labels mapped onto the dump's lines) and
      OUT_DIR/VARIANT.blocks.json (every fenced block with its language, corpus/blocks.py,
      mapped the same way: what found, precision and language are scored on).
  scrape.py unchecked REPORT.json OUT.json
      marks every snippet of an extraction "unchecked" so that score.py accepts it.

The dumps are never committed: they are the articles' text.
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

DUMPERS = {
    "lynx": ["lynx", "-dump", "-nolist", "-force_html", "-display_charset=utf-8", "-stdin"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8"],
    "html2text": ["html2text", "-utf8"],
    "pandoc": ["pandoc", "-f", "html", "-t", "plain"],
}
FENCE = re.compile(r"^((?:\s*>)*\s*)(`{3,}|~{3,})")  # also in a blockquote or a list item
QUOTE = re.compile(r"^(\s*>)+ ?")


def fenced_blocks(md_lines):
    """(first code line, last code line), 1-based, of every fenced block of a Markdown text."""
    out, i = [], 0
    while i < len(md_lines):
        m = FENCE.match(md_lines[i])
        if not m:
            i += 1
            continue
        fence, j = m.group(2), i + 1
        while j < len(md_lines) and not QUOTE.sub("", md_lines[j]).strip().startswith(fence[0] * len(fence)):
            j += 1
        if j > i + 1:
            out.append((i + 2, j))
        i = j + 1
    return out


def norm(line):
    return " ".join(line.split())


def align(block, dump_norm, cursor):
    """Where a block's code lines sit in the dump, searching from cursor: (first, last, next
    cursor), 1-based lines, or None. The block's non-blank lines are matched in order by
    content; the start that matches most of them wins."""
    want = [norm(l) for l in block if norm(l)]
    if not want:
        return None
    best = None
    for head in range(min(3, len(want))):
        for j in (k for k in range(cursor, len(dump_norm)) if dump_norm[k] == want[head]):
            matched, k, last = 1, j + 1, j
            for w in want[head + 1:]:
                look = k
                while look < len(dump_norm) and look < k + 4 and dump_norm[look] != w:
                    look += 1
                if look < len(dump_norm) and dump_norm[look] == w:
                    matched, k, last = matched + 1, look + 1, look
            if best is None or matched > best[0]:
                best = (matched, j, last)
            if matched == len(want) - head:
                break
        if best and best[0] * 2 >= len(want):
            break
    if best is None or best[0] * 2 < len(want):
        return None
    return best[1] + 1, best[2] + 1, best[2] + 1


def dump(html, dumper):
    r = subprocess.run(DUMPERS[dumper], input=html.encode(), capture_output=True, timeout=120)
    return r.stdout.decode("utf-8", "replace")


def map_article(md_text, text, labels):
    """The labels of one article moved onto its dump."""
    md_lines = md_text.split("\n")
    dump_norm = [norm(l) for l in text.split("\n")]
    by_start = defaultdict(list)  # two groups may label the same article
    for l in labels:
        by_start[l["start_line"]].append(l)
    mapped, cursor = [], 0
    # every fenced block keeps the cursor in order; indented blocks are found by their labels
    for first, last in sorted(set(fenced_blocks(md_lines)) | {(l["start_line"], l["end_line"]) for l in labels}):
        hit = align([QUOTE.sub("", l) for l in md_lines[first - 1:last]], dump_norm, cursor)
        if hit is None:
            continue
        cursor = hit[2]
        mapped += [dict(l, start_line=hit[0], end_line=hit[1]) for l in by_start.get(first, [])]
    return mapped


def by_file_of(path):
    out = defaultdict(list)
    for l in json.load(open(path)):
        out[l["file"]].append(l)
    return out


def make(labels_path, blocks_path, articles, out, dumpers):
    by_file, blocks_of = by_file_of(labels_path), by_file_of(blocks_path)
    html_of = {}
    for f in by_file:
        md = open(os.path.join(articles, f), encoding="utf-8").read()
        r = subprocess.run(["cmark-gfm", "-e", "table", "-e", "strikethrough"], input=md.encode(),
                           capture_output=True, check=True)
        html_of[f] = (md, "<html><body>\n" + r.stdout.decode() + "</body></html>\n")
    for dumper in dumpers:
        texts = {f: dump(html, dumper) for f, (md, html) in html_of.items()}
        for flat in (False, True):
            variant = dumper + ("-flat" if flat else "")
            all_mapped, all_blocks, lost = [], [], 0
            for f, text in texts.items():
                if flat:
                    text = "\n".join(l.lstrip() for l in text.split("\n"))
                name = f + ".txt"
                dest = os.path.join(out, variant, name)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                open(dest, "w", encoding="utf-8").write(text)
                mapped = map_article(html_of[f][0], text, by_file[f])
                lost += len(by_file[f]) - len(mapped)
                all_mapped += [dict(l, file=name) for l in mapped]
                all_blocks += [dict(b, file=name) for b in map_article(html_of[f][0], text, blocks_of[f])]
            json.dump(all_mapped, open(os.path.join(out, variant + ".labels.json"), "w"), indent=0)
            json.dump(all_blocks, open(os.path.join(out, variant + ".blocks.json"), "w"), indent=0)
            print(f"scrape: {variant}: {len(all_mapped)} labels mapped, {lost} not found in the dump",
                  file=sys.stderr)


def unchecked(report, dest):
    d = json.load(open(report))
    for s in d["snippets"]:
        s["verdict"] = "unchecked"
    json.dump(d, open(dest, "w"))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "make":
        make(args[0], args[1], args[2], args[3], args[4:] or list(DUMPERS))
    elif cmd == "unchecked":
        unchecked(*args)
    else:
        sys.exit(__doc__)
