#!/usr/bin/env python3
"""Trains snipcheck's line model (extractor/model/line_model.txt) from the HTML documentation
shipped with the Rust toolchain, rendered to text the way scrapes are made.

  python3 extractor/model/train.py [--docs DIR] [--out FILE] [--jobs N]

Data: the pages of DOCS (default `$(rustc --print sysroot)/share/doc/rust/html`) under the
folders in TRAIN_DIRS. Each page is dumped to text with one of lynx, w3m, html2text and
pandoc (in turn), every other page also with its lines left-stripped. A dumped line whose
text is a line of a <pre> block is code of that block's language (rust, toml, shell from the
class; a console block's `$ ` lines are shell, its other lines output, and all its lines
shell when it has no prompt; the unlabelled blocks
of cargo's command pages are shell; other unlabelled and text blocks are left out); a line of a rustdoc item header (`h3/h4.code-header`) is left out;
every other line is prose. The Rust Book, the edition guide, the Rustonomicon and Rust by
Example are never read: they are kept for evaluation.

Model: multinomial logistic regression (averaged SGD) over hashed token, token-bigram, edge
and shape features (features.py) for the line class (prose / code / output) and, among code
lines, for the language (rust / toml / shell); the class biases are stored without the
training prior (the HMM brings its own); a temperature fitted on the held-out pages, and the
weight of the line scores against the transitions that decodes them best; and the transitions of a three-state HMM (prose / code / output) counted on
the training pages' sequences of non-blank lines. Every tenth page is held out; the figures
on those pages are written into the model's header. Pure Python 3.11 standard library.
"""
import argparse
import gzip
import html
import re
import tempfile
import math
import multiprocessing
import random
import os
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import features as F  # noqa: E402

TRAIN_DIRS = {  # folder: how many pages at most (spread evenly over the sorted list)
    "std": 300, "core": 120, "alloc": 40, "reference": 200, "cargo": 200, "rustc": 200,
    "rustdoc": 60, "embedded-book": 80, "style-guide": 40, "unstable-book": 160,
    "error_codes": 300,
}
HELD_OUT = {"book", "edition-guide", "nomicon", "rust-by-example"}
CLASSES = ["prose", "code", "output"]
LANGUAGES = ["rust", "toml", "shell"]
DUMPERS = [
    ["lynx", "-dump", "-nolist", "-force_html", "-display_charset=utf-8", "-stdin"],
    ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8"],
    ["html2text", "-utf8"],
    ["pandoc", "-f", "html", "-t", "plain"],
]
MAX_PAGE = 300_000
SCALE = 32  # stored weights are times SCALE, rounded


def norm(b):
    return b" ".join(b.split())


def block_language(classes):
    s = " ".join(classes).lower().replace("language-", "")
    words = set(s.split())
    if "rust" in words:
        return "rust"
    if "toml" in words:
        return "toml"
    if words & {"sh", "bash", "shell", "zsh"}:
        return "shell"
    if "console" in words:
        return "console"
    return "output"


class Labeller(HTMLParser):
    """Collects the lines of a page's <pre> blocks, by language, and of its item headers."""

    def __init__(self, unknown, text):
        super().__init__(convert_charrefs=True)
        self.labels, self.pre, self.header, self.buf, self.classes = {}, 0, 0, [], []
        self.unknown = unknown  # the label of a <pre> whose class names no language
        self.text = text  # the label of a text (or other language) block

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "pre":
            self.pre += 1
            if self.pre == 1:
                self.buf, self.classes = [], [cls]
        elif tag == "code" and self.pre:
            self.classes.append(cls)
        elif self.header or "code-header" in cls.split():
            self.header += 1
            if self.header == 1:
                self.buf = []

    def handle_endtag(self, tag):
        if tag == "pre" and self.pre:
            self.pre -= 1
            if self.pre == 0:
                language = block_language(self.classes)
                unlabelled = not any(c.strip() for c in self.classes)
                language = self.text if language == "output" else language
                self.block("".join(self.buf), self.unknown if unlabelled else language)
        elif self.header and not self.pre and tag not in ("br", "img", "wbr"):
            self.header -= 1
            if self.header == 0:
                self.block("".join(self.buf), "ignore")

    def handle_data(self, data):
        if self.pre or self.header:
            self.buf.append(data)

    def block(self, text, language):
        keys = [norm(F.strip(line)) for line in text.encode("utf-8").split(b"\n")]
        # A console block with prompts is commands and their output; one without is commands.
        prompted = any(k.startswith(b"$ ") for k in keys)
        for key in keys:
            if not key:
                continue
            label = language
            if language == "console":
                label = "shell" if key.startswith(b"$ ") or not prompted else "output"
            self.labels.setdefault(key, label)


def raw_lines(index, path, label):
    """A source file's lines, all of one language: no dumping, no sequence to learn from."""
    out = []
    for raw in open(path, "rb").read().split(b"\n")[:400]:
        t = F.strip(raw)
        out.append((label, t) if t else None)
    return index, out


def page_lines(job):
    """(page index, [(label, stripped line) or None for a blank line]) of one dumped page."""
    index, path, kind = job
    if kind == "rustc":
        return compiler_output(job)
    if kind == "prompts":
        return doc_prompts(job)
    if kind in ("toml", "shell"):
        return raw_lines(index, path, kind) + (True,)
    html = open(path, "rb").read()
    if kind == "md":
        html = subprocess.run(["cmark-gfm"], input=html, capture_output=True).stdout
    # Text blocks often hold Rust that was not meant to be tested: left out, not mislabelled.
    # The unlabelled blocks of cargo's command pages are their examples: shell commands.
    lab = Labeller(unknown="shell" if "/cargo/commands/" in path else "ignore", text="ignore")
    lab.feed(html.decode("utf-8", "replace"))
    dumper = DUMPERS[index % len(DUMPERS)]
    try:
        text = subprocess.run(dumper, input=html, capture_output=True, timeout=120).stdout
    except subprocess.TimeoutExpired:
        return index, [], False
    flat = (index // len(DUMPERS)) % 2 == 1
    out = []
    for raw in text.split(b"\n"):
        t = F.strip(raw)
        if not t:
            out.append(None)
            continue
        label = lab.labels.get(norm(t), "prose")
        if label != "ignore":
            out.append((label, t))
    # Scrapes often lose the prompt: each `$ command` also teaches its bare command.
    extra = [("shell", item[1][2:]) for item in out if item and item[0] == "shell" and item[1].startswith(b"$ ")]
    return index, out + ["raw"] + extra, False


COMPILE_FAIL = re.compile(r'<code class="language-rust compile_fail[^"]*">(.*?)</code>', re.S)


def compiler_output(job):
    """What rustc says of an error-index example that must fail: compiler output, as a
    scrape shows it (lines of the `error[E...]`, `-->` and `|` gutter shape)."""
    index, path, _ = job
    m = COMPILE_FAIL.search(open(path, encoding="utf-8", errors="replace").read())
    if not m:
        return index, [], False
    code = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
    with tempfile.TemporaryDirectory() as d:
        # In a package's layout, so that the paths read as they do in articles (src/main.rs).
        os.mkdir(os.path.join(d, "src"))
        open(os.path.join(d, "src", "main.rs"), "w").write(code)
        r = subprocess.run(["rustc", "--edition", "2021", "--crate-type", "lib", "--emit=metadata",
                            "--out-dir", d, "src/main.rs"], capture_output=True, timeout=60, cwd=d)
    out = []
    for raw in r.stderr.split(b"\n"):
        t = F.strip(raw)
        out.append(("output", t) if t else None)
    return index, out, False


PROMPT = re.compile(rb"^\s*\$ ([a-z][\w.-]*( .*)?)$")


def doc_prompts(job):
    """The `$ command` lines of the text documentation Debian ships (/usr/share/doc), without
    the prompt: bare shell commands, as scrapes show them."""
    index, root, _ = job
    out = ["raw"]
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            if os.path.islink(p) or not (f.endswith((".gz", ".md", ".txt", ".rst")) or "README" in f):
                continue
            try:
                data = gzip.open(p).read() if f.endswith(".gz") else open(p, "rb").read()
            except (OSError, EOFError):
                continue
            out += [("shell", F.strip(m.group(1))) for m in map(PROMPT.match, data.split(b"\n")) if m]
    return index, out, True


def pick_pages(docs):
    pages = []
    for folder, most in TRAIN_DIRS.items():
        assert folder not in HELD_OUT
        found = []
        for root, _, files in os.walk(os.path.join(docs, folder)):
            for f in files:
                p = os.path.join(root, f)
                if f.endswith(".html") and f not in ("print.html", "toc.html", "404.html", "all.html") \
                        and os.path.getsize(p) <= MAX_PAGE:
                    found.append(p)
        found.sort()
        step = max(1, len(found) / most)
        pages += [(found[int(i * step)], "html") for i in range(min(most, len(found)))]
    return pages


def pick_debian(registry, bin_dir):
    """Debian-shipped samples: the packaged crates' READMEs (Markdown, rendered and dumped like
    the pages) and manifests (TOML), and the system's shell scripts."""
    out = []
    for crate in sorted(os.listdir(registry)) if os.path.isdir(registry) else []:
        d = os.path.join(registry, crate)
        for f in sorted(os.listdir(d)):
            if f.lower() == "readme.md":
                out.append((os.path.join(d, f), "md"))
            elif f == "Cargo.toml" and len(out) % 2 == 0:
                out.append((os.path.join(d, f), "toml"))
    scripts = []
    for f in sorted(os.listdir(bin_dir)) if os.path.isdir(bin_dir) else []:
        p = os.path.join(bin_dir, f)
        if os.path.isfile(p) and not os.path.islink(p):
            head = open(p, "rb").read(32)
            if head.startswith((b"#!/bin/sh", b"#!/bin/bash", b"#! /bin/sh", b"#!/usr/bin/env bash")):
                scripts.append((p, "shell"))
    return out + scripts


def class_of(label):
    if label == "prose":
        return 0
    return 2 if label == "output" else 1


def samples_of(pages_lines):
    """Training samples (features, class) and (features, language) of code lines, and the
    transition counts between the states of successive non-blank lines."""
    cls, lang, trans = [], [], Counter()
    for lines, raw in pages_lines:
        prev, gap = None, False
        for item in lines:
            if item == "raw":  # what follows teaches lines, not sequences
                raw = True
                continue
            if item is None:
                gap = True
                continue
            label, t = item
            c = class_of(label)
            feats = F.features(t)
            cls.append((feats, c))
            if c == 1:
                lang.append((feats, LANGUAGES.index(label)))
            if not raw:
                trans[(prev, c, gap and prev is not None)] += 1
            prev, gap = c, False
    return cls, lang, trans


def softmax(xs):
    m = max(xs)
    e = [math.exp(x - m) for x in xs]
    s = sum(e)
    return [x / s for x in e]


def train_lr(samples, epochs, rate, seed):
    """Multinomial logistic regression over hashed features by SGD with averaged weights (the
    average of every step's weights, kept lazily: W - U / steps), so that the result does not
    hang on the last samples seen: per-bucket weights (3 per bucket) and a bias per class."""
    W = [0.0] * (3 << F.BITS)
    U = [0.0] * (3 << F.BITS)
    bias, ubias = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
    rng = random.Random(seed)
    order = list(range(len(samples)))
    step = 1
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = rate / (1 + epoch)
        for i in order:
            feats, y = samples[i]
            s = [bias[k] + sum(W[f * 3 + k] for f in feats) for k in range(3)]
            p = softmax(s)
            for k in range(3):
                g = lr * (p[k] - (k == y))
                if g:
                    bias[k] -= g
                    ubias[k] -= step * g
                    for f in feats:
                        W[f * 3 + k] -= g
                        U[f * 3 + k] -= step * g
            step += 1
    return [w - u / step for w, u in zip(W, U)], [b - u / step for b, u in zip(bias, ubias)]


def quantize(W_cls, W_lang):
    """Rows of the stored model: bucket -> 3 class and 3 language weights in 1/SCALE; a bucket
    whose weights all round to 0 is not stored."""
    rows = {}
    for b in range(1 << F.BITS):
        row = tuple(round(SCALE * w) for w in W_cls[b * 3:b * 3 + 3] + W_lang[b * 3:b * 3 + 3])
        if any(row):
            rows[b] = row
    return rows


def quantized_scores(rows, bias, feats):
    s = list(bias)
    for f in feats:
        row = rows.get(f)
        if row:
            for k, v in enumerate(row):
                s[k] += v / SCALE
    return s[:3], s[3:]


def evaluate(rows, bias, held, prior, temperatures):
    """Held-out figures: class accuracy and log-loss per temperature, language accuracy."""
    samples = []
    for lines, _ in held:
        for item in lines:
            if item is not None and item != "raw":
                c_scores, l_scores = quantized_scores(rows, bias, F.features(item[1]))
                samples.append((item[0], c_scores, l_scores))
    best = None
    for T in temperatures:
        loss = 0.0
        for label, cs, _ in samples:
            p = softmax([x / T + lp for x, lp in zip(cs, prior)])
            loss -= math.log(max(1e-12, p[class_of(label)]))
        loss /= max(1, len(samples))
        if best is None or loss < best[1]:
            best = (T, loss)
    conf = Counter()
    lang_ok = lang_n = 0
    for label, cs, ls in samples:
        c = class_of(label)
        got = max(range(3), key=lambda k: cs[k] / best[0] + prior[k])
        conf[(c, got)] += 1
        if c == 1:
            lang_n += 1
            lang_ok += LANGUAGES[max(range(3), key=lambda k: ls[k])] == label
    return best, conf, lang_ok / max(1, lang_n), len(samples)


def log_softmax(xs):
    m = max(xs)
    z = m + math.log(sum(math.exp(x - m) for x in xs))
    return [x - z for x in xs]


def viterbi(emissions, gaps, start, trans, gap_trans):
    """The most likely states of a page's non-blank lines (as extractor/segment.cpp decodes)."""
    cur, back = None, []
    for e, gap in zip(emissions, gaps):
        if cur is None:
            cur = [start[b] + e[b] for b in range(3)]
            back.append([0, 0, 0])
            continue
        t = gap_trans if gap else trans
        ptr = [max(range(3), key=lambda a: cur[a] + t[a][b]) for b in range(3)]
        cur = [cur[ptr[b]] + t[ptr[b]][b] + e[b] for b in range(3)]
        back.append(ptr)
    if cur is None:
        return []
    s = max(range(3), key=lambda k: cur[k])
    states = []
    for ptr in reversed(back):
        states.append(s)
        s = ptr[s]
    return states[::-1]


def fit_emission_scale(rows, bias, T, held, hmm, scales):
    """The weight of the line scores against the transitions that decodes the held-out pages'
    code lines best (F1 of code against the rest), and that F1."""
    pages = []
    for lines, raw in held:
        if raw:
            continue
        em, gaps, want, gap = [], [], [], False
        for item in lines:
            if item == "raw":
                break
            if item is None:
                gap = True
                continue
            cs, _ = quantized_scores(rows, bias, F.features(item[1]))
            em.append(log_softmax([x / T for x in cs]))
            gaps.append(gap)
            want.append(class_of(item[0]) == 1)
            gap = False
        pages.append((em, gaps, want))
    best = None
    for lam in scales:
        tp = fp = fn = 0
        for em, gaps, want in pages:
            got = viterbi([[lam * x for x in e] for e in em], gaps, *hmm)
            for g, w in zip(got, want):
                tp += g == 1 and w
                fp += g == 1 and not w
                fn += g != 1 and w
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if best is None or f1 > best[1]:
            best = (lam, f1)
    return best


def transitions(trans):
    """Log-probabilities of the first state, and of a -> b between adjacent lines and across
    blank lines (a page sets its code apart with blank lines, or does not: both are learnt)."""
    start = [trans[(None, c, False)] + 1 for c in range(3)]
    logn = lambda xs: [math.log(x / sum(xs)) for x in xs]
    rows = lambda gap: [logn([trans[(a, b, gap)] + 1 for b in range(3)]) for a in range(3)]
    return logn(start), rows(False), rows(True)


def write_model(path, rows, bias, T, scale, start, trans, gap, figures):
    with open(path, "w") as f:
        f.write("# snipcheck line model, generated by extractor/model/train.py: do not edit.\n")
        for line in figures:
            f.write(f"# {line}\n")
        f.write(f"bits {F.BITS}\nscale {SCALE}\ntemperature {T:.3f}\nemission_scale {scale:.3f}\n")
        f.write("bias " + " ".join(f"{d:.4f}" for d in bias) + "\n")
        f.write("start " + " ".join(f"{x:.4f}" for x in start) + "\n")
        f.write("transitions " + " ".join(f"{x:.4f}" for r in trans for x in r) + "\n")
        f.write("transitions_gap " + " ".join(f"{x:.4f}" for r in gap for x in r) + "\n")
        f.write(f"rows {len(rows)}\n")
        for b in sorted(rows):
            f.write(f"{b} " + " ".join(map(str, rows[b])) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True).stdout.strip()
    ap.add_argument("--docs", default=os.path.join(sysroot, "share/doc/rust/html"))
    ap.add_argument("--out", default=os.path.join(here, "line_model.txt"))
    ap.add_argument("--registry", default="/usr/share/cargo/registry")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--rate", type=float, default=0.1)
    args = ap.parse_args()
    pages = pick_pages(args.docs) + pick_debian(args.registry, "/usr/bin")
    pages += [(p, "rustc") for p, k in pages if "/error_codes/" in p] + [("/usr/share/doc", "prompts")]
    jobs = [(i, path, kind) for i, (path, kind) in enumerate(pages)]
    with multiprocessing.Pool(args.jobs) as pool:
        done = {i: (lines, raw) for i, lines, raw in pool.imap_unordered(page_lines, jobs, chunksize=4)}
    train = [done[i] for i in sorted(done) if i % 10 != 0]
    held = [done[i] for i in sorted(done) if i % 10 == 0]
    cls, lang, trans = samples_of(train)
    W_cls, b_cls = train_lr(cls, args.epochs, args.rate, 1)
    W_lang, b_lang = train_lr(lang, args.epochs, args.rate, 2)
    rows = quantize(W_cls, W_lang)
    lines = Counter(c for _, c in cls)
    langs = Counter(LANGUAGES[l] for _, l in lang)
    prior = [math.log(lines[c] / sum(lines.values())) for c in range(3)]
    # Stored without the class prior: the HMM's transitions bring their own.
    bias = [b - p for b, p in zip(b_cls, prior)] + b_lang
    (T, loss), conf, lang_acc, n_held = evaluate(rows, bias, held, prior, [0.5, 0.75, 1, 1.25, 1.5, 2, 3])
    start, trans_log, gap_log = transitions(trans)
    lam, f1 = fit_emission_scale(rows, bias, T, held, (start, trans_log, gap_log), [1, 1.5, 2, 3, 4, 6])
    acc = sum(v for (a, b), v in conf.items() if a == b) / max(1, n_held)
    figures = [
        f"training: {sum(k == 'html' for _, k in pages)} pages of the toolchain's docs ({', '.join(TRAIN_DIRS)});",
        f"  Debian: {sum(k == 'md' for _, k in pages)} crate READMEs, {sum(k == 'toml' for _, k in pages)} crate manifests,"
        f" {sum(k == 'shell' for _, k in pages)} shell scripts of /usr/bin;"
        f" rustc's output on {sum(k == 'rustc' for _, k in pages)} compile_fail examples of the error index;"
        " the `$ ` commands of /usr/share/doc;",
        f"  every tenth page held out; lines: " + ", ".join(f"{CLASSES[c]} {lines[c]}" for c in range(3))
        + "; code lines: " + ", ".join(f"{k} {langs[k]}" for k in LANGUAGES),
        f"held-out lines {n_held}: class accuracy {acc:.4f}, log-loss {loss:.4f} at temperature {T},",
        f"  language accuracy on code lines {lang_acc:.4f}; HMM decoding (emission scale {lam}):"
        f" code lines F1 {f1:.4f}",
        "held-out confusion (want -> got): " + ", ".join(
            f"{CLASSES[a]}->{CLASSES[b]} {conf[(a, b)]}" for a in range(3) for b in range(3)),
        f"logistic regression, {args.epochs} epochs of averaged SGD from rate {args.rate};"
        f" stored rows {len(rows)} of {1 << F.BITS} buckets (the others weigh 0)",
    ]
    write_model(args.out, rows, bias, T, lam, start, trans_log, gap_log, figures)
    print("\n".join(figures))


if __name__ == "__main__":
    main()
