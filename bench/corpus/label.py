#!/usr/bin/env python3
"""Labelling harness of the evaluation corpus: compiles every Rust block of the named
articles with the real toolchains and writes the compiler evidence.

    python3 bench/corpus/label.py --group NAME [--jobs N] [--replace] [--show FILE:LINE] ARTICLE...

ARTICLE: Markdown files under bench/corpus/articles/OWNER+NAME/PATH (absolute or relative
paths, or directories, which are searched for *.md). Output: bench/corpus/evidence/NAME.json,
a JSON list of block records, one per Rust block (merged with the records already there for
other files unless --replace). Compiles are cached by SHA-256 of the compiled text and the
command under $SNIPCHECK_CORPUS_CACHE (default /tmp/snipcheck-corpus-cache).

A record: file (under articles/), start_line/end_line (first and last code line, 1-based,
fences excluded), info, attributes, kind ("rust", "ignored" = `ignore` attribute, not
compiled, "include-only" = only {{#include}}-style directives, not compiled), rust_by
("info" or "mdbook-default" for an empty info string in an mdBook), wrap ("main" = wrapped in
fn main, "lib" = items only, compiled with --crate-type lib, "as-is" = has its own fn main),
results {"stable-2024", "stable-2021", "stable-2018", "stable-2015", "nightly-2024"} each
{ok, codes, messages (first line of up to 5 errors), [timeout], [gates_added]}, and, when
the block alone fails on stable 2024 with unresolved names, context_blocks (start lines of
the earlier blocks whose items were prepended) and context_results (same keys).
Nothing of the article's text is stored. --show FILE:LINE prints the wrapped source and the
full diagnostics of one block (for reading, never stored).
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLES = os.path.join(HERE, "articles")
MIRRORS = os.environ.get("SNIPCHECK_MIRRORS", "/work/.mirror")
CACHE = os.environ.get("SNIPCHECK_CORPUS_CACHE", "/tmp/snipcheck-corpus-cache")
CRATES_ROOT = "/root/.cache/snipcheck/crates"
DIRECT = ("tokio serde serde_json anyhow thiserror clap tracing tracing_subscriber futures "
          "reqwest rand regex rayon chrono itertools hyper").split()
TIMEOUT = 60
CONFIGS = [("stable-2024", "stable", "2024"), ("stable-2021", "stable", "2021"),
           ("stable-2018", "stable", "2018"), ("stable-2015", "stable", "2015"),
           ("nightly-2024", "nightly", "2024")]
RUSTDOC_ATTRS = {"ignore", "should_panic", "no_run", "compile_fail", "test_harness",
                 "standalone_crate", "allow_fail", "rust", "rs"}
UNRESOLVED_CODES = {"E0425", "E0412", "E0433", "E0422", "E0405", "E0531", "E0532", "E0432",
                    "E0599", "E0574", "E0576", "E0423", "E0424", "E0609", "E0560"}

# ---------------------------------------------------------------- crate set


def crate_set():
    """(deps dir, [(name, path)]) of the stable default crate set, or (None, [])."""
    if not os.path.isdir(CRATES_ROOT):
        return None, []
    for d in sorted(os.listdir(CRATES_ROOT)):
        if not d.startswith("stable-default-"):
            continue
        root = os.path.join(CRATES_ROOT, d)
        meta = os.path.join(root, "snipcheck-crates.json")
        if not os.path.exists(meta):
            continue
        entries = json.load(open(meta))
        out = []
        for e in entries:
            if e["name"] in DIRECT:
                p = e["path"].replace("/snipcheck-work", root, 1)
                if os.path.exists(p):
                    out.append((e["name"], p))
        return os.path.join(root, "target", "debug", "deps"), out
    return None, []


DEPS_DIR, EXTERNS = crate_set()

# ---------------------------------------------------------------- Markdown blocks

FENCE = re.compile(r"^(\s*(?:(?:[*+-]|\d+[.)])\s+)?(?:>\s?)?)(`{3,}|~{3,})(.*)$")


def parse_info(info):
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        info = info[1:-1]
    toks = [t for t in re.split(r"[\s,]+", info) if t]
    toks = [t[1:] if t.startswith(".") else t for t in toks]
    return toks


def is_rust_info(toks, mdbook):
    """rustdoc's rule: Rust unless some tag is unknown and none says rust."""
    if not toks:
        return mdbook, "mdbook-default"
    seen_rust = seen_other = False
    for t in toks:
        tl = t.lower()
        if tl in ("rust", "rs"):
            seen_rust = True
        elif tl in RUSTDOC_ATTRS or tl.startswith("ignore-") or re.fullmatch(r"edition\d{4}", tl) \
                or re.fullmatch(r"E\d{4}", t):
            pass
        elif tl in ("editable", "noplayground", "mdbook-runnable", "playground") or tl.startswith("hidelines"):
            pass  # mdBook's own tags, unknown to rustdoc
        else:
            seen_other = True
    if seen_rust or not seen_other:
        return True, "info"
    return False, "info"


def blocks_of(text):
    """Fenced blocks: (start_line, end_line, info, code_lines) with 1-based code lines."""
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or (m.group(2)[0] == "`" and "`" in m.group(3)):
            i += 1
            continue
        prefix, fence, info = m.group(1), m.group(2), m.group(3)
        indent = len(prefix) if ">" not in prefix else None
        body = []
        j = i + 1
        closed = False
        while j < len(lines):
            line = lines[j]
            if ">" in prefix:
                line = re.sub(r"^\s*>\s?", "", line)
            cm = re.match(r"^\s*(`{3,}|~{3,})\s*$", line)
            if cm and cm.group(1)[0] == fence[0] and len(cm.group(1)) >= len(fence):
                closed = True
                break
            if indent:
                k = 0
                while k < indent and k < len(line) and line[k] == " ":
                    k += 1
                line = line[k:]
            body.append(line)
            j += 1
        if body:
            out.append((i + 2, i + 1 + len(body), info.strip(), body))
        i = j + 1 if closed else j
    return out


def in_mdbook(rel):
    """Whether the article lies in an mdBook (book.toml in an ancestor dir at its pin)."""
    parts = rel.split("/")
    repo = parts[0].replace("+", "/", 1)
    path = "/".join(parts[1:])
    commit = None
    for tsv in os.listdir(os.path.join(HERE, "sources")):
        if not tsv.endswith(".tsv"):
            continue
        for line in open(os.path.join(HERE, "sources", tsv)):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 3 and f[0] == repo and f[2] == path:
                commit = f[1]
    gitdir = os.path.join(MIRRORS, parts[0], "repo")
    dirs = ["/".join(parts[1:k]) for k in range(len(parts) - 1, 0, -1)]
    if commit and os.path.isdir(gitdir):
        for d in dirs:
            spec = f"{commit}:{d + '/' if d else ''}book.toml"
            if subprocess.run(["git", "--git-dir", gitdir, "cat-file", "-e", spec],
                              capture_output=True).returncode == 0:
                return True
        return False
    # no mirror: look for SUMMARY.md beside the materialised article's ancestors
    for d in dirs:
        if os.path.exists(os.path.join(ARTICLES, parts[0], d, "SUMMARY.md")):
            return True
    return False

# ---------------------------------------------------------------- a small Rust lexer


TOKEN = re.compile(r"""
   (?P<ws>\s+)
 | (?P<lc>//[^\n]*)
 | (?P<bc>/\*)
 | (?P<raw>b?r(?P<hashes>\#*)")
 | (?P<str>b?"(?:\\.|[^"\\])*")
 | (?P<chr>b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^'\\\n])')
 | (?P<life>'[A-Za-z_][A-Za-z0-9_]*)
 | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
 | (?P<num>[0-9][0-9A-Za-z_.]*)
 | (?P<p>::|->|=>|\.\.\.|\.\.=|\.\.|[^\s])
""", re.X | re.S)


def lex(src):
    toks = []
    i = 0
    n = len(src)
    while i < n:
        m = TOKEN.match(src, i)
        if not m:
            i += 1
            continue
        k = m.lastgroup
        if m.group("bc"):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth += 1; j += 2
                elif src.startswith("*/", j):
                    depth -= 1; j += 2
                else:
                    j += 1
            i = j
            continue
        if m.group("raw") is not None and m.group("raw"):
            end = '"' + m.group("hashes")
            j = src.find(end, m.end())
            j = n if j < 0 else j + len(end)
            toks.append(("str", src[i:j], i))
            i = j
            continue
        if k in ("ws", "lc"):
            i = m.end()
            continue
        kind = {"str": "str", "chr": "str", "life": "life", "id": "id", "num": "num"}.get(k, "p")
        toks.append((kind, m.group(0), i))
        i = m.end()
    return toks


ITEM_KW = {"fn", "struct", "enum", "impl", "trait", "type", "const", "static", "mod", "use",
           "extern", "macro_rules", "union", "macro"}
ITEM_MACROS = {"macro_rules", "thread_local", "lazy_static"}


def segments(src):
    """Top-level segments: [(kind, name_or_key, start, end, is_item)]; kind is the item
    keyword, 'attr' for a crate attribute, 'macro' for a top-level macro call, 'stmt'."""
    toks = lex(src)
    segs = []
    i = 0
    n = len(toks)

    def skip_group(j):
        # toks[j] is an opener; return index after its matching closer
        depth = 0
        while j < n:
            t = toks[j][1]
            if toks[j][0] == "p" and t in "([{":
                depth += 1
            elif toks[j][0] == "p" and t in ")]}":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return n

    def scan(m, group_end):
        # from token m to the segment's end: where group_end(opener, after its group) says, or
        # after a ';' outside groups; None when the tokens run out first
        while m < n:
            if toks[m][0] == "p" and toks[m][1] in "([{":
                after = skip_group(m)
                end = group_end(m, after)
                if end is not None:
                    return end
                m = after
                continue
            if toks[m][0] == "p" and toks[m][1] == ";":
                return m + 1
            m += 1
        return None

    def extent(start, end):
        # a segment from token `start` to before `end` (the rest when None): (end, first byte, last byte)
        end = n if end is None else end
        return end, toks[start][2], toks[end - 1][2] + len(toks[end - 1][1])

    while i < n:
        start = i
        # inner attribute #![...]
        if toks[i][1] == "#" and i + 1 < n and toks[i + 1][1] == "!" and i + 2 < n and toks[i + 2][1] == "[":
            j = skip_group(i + 2)
            segs.append(("attr", "", toks[start][2], toks[j - 1][2] + 1, True))
            i = j
            continue
        j = i
        while j < n and toks[j][1] == "#" and j + 1 < n and toks[j + 1][1] == "[":
            j = skip_group(j + 1)
        if j < n and toks[j][1] == "pub":
            j += 1
            if j < n and toks[j][1] == "(":
                j = skip_group(j)
        kw = None
        k = j
        # qualifiers
        while k < n and toks[k][1] in ("unsafe", "async", "const", "default", "auto", "extern") \
                and not (toks[k][1] == "const" and k + 1 < n and toks[k + 1][0] == "id"
                         and toks[k + 1][1] not in ("fn", "unsafe", "async", "extern")) \
                and not (toks[k][1] == "extern" and k + 1 < n and toks[k + 1][1] in ("crate", "{")):
            if toks[k][1] == "extern" and k + 1 < n and toks[k + 1][0] == "str":
                k += 1
            k += 1
        if k < n and toks[k][0] == "id" and (toks[k][1] in ITEM_KW):
            kw = toks[k][1]
            if kw == "union" and not (k + 1 < n and toks[k + 1][0] == "id"):
                kw = None
            if kw == "macro_rules" and not (k + 1 < n and toks[k + 1][1] == "!"):
                kw = None
            if kw == "const" and k + 1 < n and toks[k + 1][1] == "{":
                kw = None
        if k > j and kw is None and k < n and toks[k][1] == "{":
            kw = None  # unsafe { } / async { } block
        elif k > j and kw is None and k < n and toks[k][1] == "extern":
            kw = "extern"
        if kw is None and j == i and toks[i][0] == "id" and i + 1 < n and toks[i + 1][1] == "!" \
                and toks[i][1] in ITEM_MACROS:
            kw = "macro_rules" if toks[i][1] == "macro_rules" else "macro"
            k = i
        if kw:
            name = ""
            if kw in ("fn", "struct", "enum", "trait", "type", "const", "static", "mod", "union", "macro"):
                m = k + 1
                while m < n and toks[m][1] in ("fn", "mut", "unsafe"):
                    m += 1
                if m < n and toks[m][0] == "id":
                    name = toks[m][1]
            elif kw == "macro_rules":
                if k + 2 < n:
                    name = toks[k + 2][1] + "!"
            # scan to end
            m = k + 1
            end = scan(m, lambda o, after: after if toks[o][1] == "{" and
                       kw not in ("const", "static", "type", "use") and
                       not (kw in ("macro",) and after < n and toks[after][1] == ";") else None)
            end, s, e = extent(start, end)
            if kw in ("impl", "use", "extern"):
                name = re.sub(r"\s+", " ", src[toks[k][2]:(toks[min(end, n) - 1][2] if kw != "impl" else
                              next((toks[q][2] for q in range(k, end) if toks[q][1] == "{"), e))]).strip()
            if kw == "extern" and k + 1 < n and toks[k + 1][1] == "crate":
                kw = "extern-crate"
            segs.append((kw, name, s, e, True))
            i = end
            continue
        # statement / expression / macro call: to ';' at depth 0, or '}' at depth 0 followed by an item
        m = i
        is_macro = toks[i][0] == "id" and i + 1 < n and toks[i + 1][1] == "!"
        end = scan(m, lambda o, after: after if toks[after - 1][1] == "}" and (
            after >= n or toks[after][1] in ("#", "pub") or
            (toks[after][0] == "id" and toks[after][1] in ITEM_KW and toks[after][1] != "type")) else None)
        end, s, e = extent(start, end)
        segs.append(("macro" if is_macro else "stmt", "", s, e, False))
        i = end
    return segs

# ---------------------------------------------------------------- rustdoc-like wrapping


def unhide(lines):
    out = []
    hidden = 0
    for line in lines:
        t = line.strip()
        if t == "#":
            out.append(""); hidden += 1
        elif t.startswith("##"):
            out.append(line.replace("##", "#", 1))
        elif t.startswith("# "):
            out.append(t[2:]); hidden += 1
        else:
            out.append(line)
    return out, hidden


def analyse(code):
    """(crate_attrs, extern_crates, body, has_main, items_only, segs) of a block's code."""
    segs = segments(code)
    attrs, externs, spans = [], [], []
    for kind, name, s, e, _ in segs:
        if kind == "attr":
            attrs.append(code[s:e]); spans.append((s, e))
        elif kind == "extern-crate":
            # keep its #[macro_use] etc.: segment text starts at the attributes
            externs.append(code[s:e]); spans.append((s, e))
    body = code
    for s, e in sorted(spans, reverse=True):
        body = body[:s] + body[e:]
    has_main = any(k == "fn" and nm == "main" for k, nm, *_ in segs)
    rest = [x for x in segs if x[0] not in ("attr", "extern-crate")]
    items_only = bool(rest) and all(x[4] for x in rest)
    return attrs, externs, body, has_main, items_only, segs


def wrap(code, context_items=""):
    attrs, externs, body, has_main, items_only, _ = analyse(code)
    head = "\n".join(attrs + externs) + "\n"
    ctx = context_items + "\n" if context_items else ""
    if has_main:
        return head + ctx + body, "as-is", "bin"
    if items_only:
        return head + ctx + body, "lib", "lib"
    return head + ctx + "fn main() {\n" + body + "\n}\n", "main", "bin"


def use_leaves(text):
    """Names a use declaration brings into scope (approximate)."""
    t = re.sub(r"^\s*(pub(\([^)]*\))?\s+)?use\s+", "", text).rstrip(";")
    out = set()
    for piece in re.split(r"[{},]", t):
        piece = piece.strip()
        if not piece or piece.endswith("::"):
            continue
        m = re.search(r"\bas\s+([A-Za-z_][A-Za-z0-9_]*)$", piece)
        if m:
            out.add(m.group(1))
            continue
        leaf = piece.split("::")[-1].strip()
        if leaf and leaf not in ("*", "self"):
            out.add(leaf)
    return out


def context_for(prev_codes, code):
    """Items of the earlier blocks (latest definition per name; none the block defines)."""
    own = {(k, nm) for k, nm, *_ in segments(code) if nm}
    own_names = {nm for k, nm in own}
    own_leaves = set()
    for k, nm in own:
        if k == "use":
            own_leaves |= use_leaves(nm)
    chosen = {}
    order = []
    for pc in prev_codes:
        for kind, name, s, e, is_item in segments(pc):
            if not is_item or kind in ("attr", "extern-crate"):
                continue
            if kind == "fn" and name == "main":
                continue
            if kind not in ("impl", "use", "extern") and name in own_names:
                continue
            if kind == "use" and (name in {nm for k, nm in own if k == "use"}
                                  or use_leaves(name) & (own_leaves | own_names)):
                continue
            key = (kind if kind in ("impl", "use", "extern") else "name", name or pc[s:e])
            if kind == "use":
                leaves = use_leaves(name)
                for k2 in [k2 for k2 in order if k2[0] == "use" and use_leaves(k2[1]) & leaves]:
                    order.remove(k2)
                    del chosen[k2]
            if key in chosen:
                order.remove(key)
            chosen[key] = pc[s:e]
            order.append(key)
    return "\n".join(chosen[k] for k in order)

# ---------------------------------------------------------------- compiling


def run_rustc(toolchain, edition, crate_type, src, extra_attrs=()):
    text = "".join(f"#![feature({g})]\n" for g in extra_attrs) + src
    cmd_key = json.dumps([toolchain, edition, crate_type, EXTERNS, text])
    h = hashlib.sha256(cmd_key.encode()).hexdigest()
    os.makedirs(CACHE, exist_ok=True)
    cpath = os.path.join(CACHE, h + ".json")
    if os.path.exists(cpath):
        try:
            return json.load(open(cpath))
        except Exception:
            pass
    with tempfile.TemporaryDirectory(prefix="corpus-") as d:
        f = os.path.join(d, "snippet.rs")
        open(f, "w").write(text)
        cmd = ["rustc", "+" + toolchain, "--edition", edition, "--crate-type", crate_type,
               "--crate-name", "snippet", "--emit=metadata", "-A", "warnings",
               "--error-format=json", "-o", os.path.join(d, "out.rmeta")]
        if DEPS_DIR:
            cmd += ["-L", "dependency=" + DEPS_DIR]
            for name, p in EXTERNS:
                cmd += ["--extern", f"{name}={p}"]
        cmd.append(f)
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, cwd=d)
        except subprocess.TimeoutExpired:
            res = {"ok": False, "codes": [], "messages": ["timeout"], "timeout": True, "diags": []}
            return res
        diags = []
        for line in p.stderr.splitlines():
            try:
                j = json.loads(line)
            except ValueError:
                continue
            if j.get("level") not in ("error", "error: internal compiler error"):
                continue
            msg = j.get("message", "")
            if msg.startswith("aborting due to"):
                continue
            code = (j.get("code") or {}).get("code")
            helps = []
            for c in j.get("children", []):
                helps.append(c.get("message", ""))
            msg = msg.replace(d, "<dir>")
            diags.append({"code": code, "message": msg, "helps": helps, "rendered": j.get("rendered", "")})
    ok = p.returncode == 0
    codes = []
    for dg in diags:
        if dg["code"] and dg["code"] not in codes:
            codes.append(dg["code"])
    res = {"ok": ok, "codes": codes, "messages": [dg["message"].split("\n")[0] for dg in diags[:5]],
           "diags": diags}
    if not ok and not diags:
        res["messages"] = ["rustc exit %d without diagnostics" % p.returncode]
    json.dump(res, open(cpath, "w"))
    return res


GATE_RE = re.compile(r"#!\[feature\(([A-Za-z0-9_, ]+)\)\]")
UNSTABLE_RE = re.compile(r"use of unstable library feature `([A-Za-z0-9_]+)`|"
                         r"use of unstable library feature '([A-Za-z0-9_]+)'")


def named_gates(res):
    gates = []
    for dg in res.get("diags", []):
        for h in dg["helps"] + [dg["message"]]:
            for m in GATE_RE.finditer(h):
                for g in m.group(1).split(","):
                    g = g.strip()
                    if g and g not in gates:
                        gates.append(g)
        m = UNSTABLE_RE.search(dg["message"])
        if m:
            g = m.group(1) or m.group(2)
            if g not in gates:
                gates.append(g)
    return gates


def public(res):
    out = {"ok": res["ok"], "codes": res["codes"], "messages": res["messages"]}
    for k in ("timeout", "gates_added"):
        if k in res:
            out[k] = res[k]
    return out


def compile_all(src, crate_type):
    results = {}
    raw = {}
    for key, tc, ed in CONFIGS:
        r = run_rustc(tc, ed, crate_type, src)
        if tc == "nightly" and not r["ok"]:
            gates = []
            for _ in range(3):
                new = [g for g in named_gates(r) if g not in gates]
                if not new:
                    break
                gates += new
                r = dict(run_rustc(tc, ed, crate_type, src, gates))
                r["gates_added"] = gates
        raw[key] = r
        results[key] = public(r)
    return results, raw


def unresolved(res):
    if res["ok"]:
        return False
    if any(c in UNRESOLVED_CODES for c in res["codes"]):
        return True
    return any(m.startswith("cannot find") for m in res["messages"])


def judge_block(rec, code, prev_codes, show=False):
    src, wrapk, ctype = wrap(code)
    rec["wrap"] = wrapk
    results, raw = compile_all(src, ctype)
    rec["results"] = results
    shown = [("alone", src, raw)]
    if unresolved(results["stable-2024"]) and prev_codes:
        ctx = context_for(prev_codes, code)
        if ctx.strip():
            csrc, _, cctype = wrap(code, ctx)
            cres, craw = compile_all(csrc, cctype)
            rec["context_results"] = cres
            shown.append(("with context", csrc, craw))
    if show:
        for label, s, r in shown:
            print(f"===== {label} ({wrapk}) =====")
            for i, line in enumerate(s.split("\n"), 1):
                print(f"{i:4} {line}")
            for key, _, _ in CONFIGS:
                print(f"--- {key}: {'ok' if r[key]['ok'] else 'FAIL'} {r[key].get('gates_added', '')}")
                for dg in r[key].get("diags", [])[:6]:
                    print(dg["rendered"].rstrip())
    return rec


def article_records(path):
    rel = os.path.relpath(os.path.abspath(path), ARTICLES)
    text = open(path, encoding="utf-8", errors="replace").read()
    mdbook = in_mdbook(rel)
    recs = []
    for start, end, info, body in blocks_of(text):
        toks = parse_info(info)
        rust, how = is_rust_info(toks, mdbook)
        if not rust:
            continue
        attrs = [t for t in toks if t.lower() not in ("rust", "rs")]
        rec = {"file": rel, "start_line": start, "end_line": end, "info": info,
               "attributes": attrs, "rust_by": how}
        nonblank = [l for l in body if l.strip()]
        if nonblank and all(re.match(r"^\s*#?\s*\{\{#[a-z_]+[^}]*\}\}\s*$", l) for l in nonblank):
            rec["kind"] = "include-only"
        elif any(a == "ignore" or a.startswith("ignore-") for a in attrs):
            rec["kind"] = "ignored"
        else:
            rec["kind"] = "rust"
        code, hidden = unhide(body)
        rec["hidden_lines"] = hidden
        recs.append((rec, "\n".join(code)))
    return recs


def expand(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                out += [os.path.join(root, f) for f in sorted(files) if f.endswith((".md", ".markdown"))]
        else:
            out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--group", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--replace", action="store_true", help="overwrite the evidence file instead of merging")
    ap.add_argument("--show", help="FILE:LINE (start line of a block): print its wrapped source and diagnostics")
    ap.add_argument("articles", nargs="+")
    a = ap.parse_args()
    files = expand(a.articles)
    jobs = []
    for f in files:
        recs = article_records(f)
        prev = []
        for rec, code in recs:
            if rec["kind"] == "rust":
                jobs.append((rec, code, list(prev)))
            if rec["kind"] != "include-only":
                prev.append(code)
    if a.show:
        fpart, line = a.show.rsplit(":", 1)
        for rec, code, prev in jobs:
            if rec["start_line"] == int(line) and rec["file"].endswith(fpart):
                judge_block(rec, code, prev, show=True)
                print(json.dumps(rec, indent=1))
                return 0
        print("no such compiled block", file=sys.stderr)
        return 1
    lock = threading.Lock()
    done = [0]

    def work(j):
        rec, code, prev = j
        judge_block(rec, code, prev)
        with lock:
            done[0] += 1
            if done[0] % 10 == 0:
                print(f"label: {done[0]}/{len(jobs)} blocks", file=sys.stderr)
        return rec

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(a.jobs, 2))) as ex:
        list(ex.map(work, jobs))
    allrecs = []
    for f in files:
        allrecs += [r for r, _ in article_records_cached(f, jobs)]
    outp = os.path.join(HERE, "evidence", a.group + ".json")
    os.makedirs(os.path.dirname(outp), exist_ok=True)
    names = {r["file"] for r in allrecs}
    old = []
    if os.path.exists(outp) and not a.replace:
        old = [r for r in json.load(open(outp)) if r["file"] not in names]
    merged = sorted(old + allrecs, key=lambda r: (r["file"], r["start_line"]))
    tmp = outp + ".tmp"
    json.dump(merged, open(tmp, "w"), indent=1)
    os.replace(tmp, outp)
    n_ok = sum(1 for r in allrecs if r.get("results", {}).get("stable-2024", {}).get("ok"))
    print(f"label: {len(allrecs)} Rust blocks in {len(files)} articles ({len(jobs)} compiled, "
          f"{n_ok} ok on stable 2024) -> {os.path.relpath(outp)}", file=sys.stderr)
    return 0


def article_records_cached(f, jobs):
    """The records of file f: compiled ones from jobs, the rest (ignored/include-only) fresh."""
    rel = os.path.relpath(os.path.abspath(f), ARTICLES)
    compiled = {(r["file"], r["start_line"]): r for r, _, _ in jobs}
    out = []
    for rec, code in article_records(f):
        out.append((compiled.get((rec["file"], rec["start_line"]), rec), code))
    return out


if __name__ == "__main__":
    sys.exit(main())
