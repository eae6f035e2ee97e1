"""The training data of the line model, labelled without a hand: the toolchain's HTML pages
dumped to text as scrapes are made, rustc's own output, and Debian-shipped samples (see
train.py's docstring and README.md). Each job yields (index, [(label, line) | None | "raw"],
raw): None is a blank line; after "raw", lines teach lines only, not sequences."""
import gzip
import html
import os
import re
import subprocess
import tempfile
from html.parser import HTMLParser

import features as F

TRAIN_DIRS = {  # folder: how many pages at most (spread evenly over the sorted list)
    "std": 300, "core": 120, "alloc": 40, "reference": 200, "cargo": 200, "rustc": 200,
    "rustdoc": 60, "embedded-book": 80, "style-guide": 40, "unstable-book": 160,
    "error_codes": 300,
}
HELD_OUT = {"book", "edition-guide", "nomicon", "rust-by-example"}
DUMPERS = [
    ["lynx", "-dump", "-nolist", "-force_html", "-display_charset=utf-8", "-stdin"],
    ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8"],
    ["html2text", "-utf8"],
    ["pandoc", "-f", "html", "-t", "plain"],
]
MAX_PAGE = 300_000


def norm(b):
    return b" ".join(b.split())


OTHER_LANGUAGES = {  # a <pre> of one of these is code, but nothing snipcheck checks
    "c", "cpp", "c++", "js", "javascript", "ts", "typescript", "python", "py", "ruby", "rb",
    "java", "go", "html", "xml", "css", "json", "yaml", "yml", "ini", "sql", "perl", "lua",
    "haskell", "swift", "kotlin", "scala", "make", "makefile", "cmake", "dockerfile", "nix",
    "powershell", "ps1", "llvm", "asm", "nasm", "x86asm", "wasm", "wat", "protobuf",
}
OTHER_SOURCES = [  # Debian-shipped sources of other languages: (folder, file suffixes, files at most)
    ("/usr/include", (".h",), 60),
    ("/usr/lib/python3", (".py",), 50),
    ("/usr/lib/node_modules", (".js", ".ts", ".json"), 50),
    ("/usr/share/javascript", (".js",), 10),
    ("/usr/share/perl5", (".pm",), 20),
    ("/usr/share/doc", (".html", ".css"), 20),
    ("/etc", (".yml", ".yaml", ".conf", ".ini", ".xml"), 20),
]


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
    if words & OTHER_LANGUAGES:
        return "other"
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


def raw_lines(index, path, label, most=400):
    """A source file's lines, all of one language: no dumping, no sequence to learn from."""
    out = []
    for raw in open(path, "rb").read().split(b"\n")[:most]:
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
    if kind == "other":
        return raw_lines(index, path, kind, 150) + (True,)
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


def pick_other():
    """Sources in languages snipcheck does not check (C, Python, JavaScript, Perl, HTML, CSS,
    YAML, ...), spread evenly over what Debian ships: code, but of the language "other"."""
    out = []
    for root, suffixes, most in OTHER_SOURCES:
        found = []
        for d, _, files in os.walk(root):
            found += [os.path.join(d, f) for f in files if f.endswith(suffixes) and not f.endswith(".min.js")]
        found = sorted(p for p in found if os.path.isfile(p) and not os.path.islink(p) and 200 < os.path.getsize(p) < MAX_PAGE)
        step = max(1, len(found) / most)
        out += [(found[int(i * step)], "other") for i in range(min(most, len(found)))]
    return out
