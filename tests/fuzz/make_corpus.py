#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets: pathological inputs, one file each, under
tests/fuzz/corpus/<target>/. Re-run after editing; files named crash-* (inputs that once
crashed a target) are kept as they are. Seeds stay small (at most ~64 KiB) so that fuzzing
stays fast; the very large versions of these shapes are unit tests."""
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
TARGETS = ["markdown", "html", "plaintext", "extract"]

INVALID_UTF8 = {
    "surrogate": b"\xed\xa0\x80",
    "overlong-2": b"\xc0\xaf",
    "overlong-3": b"\xe0\x80\xaf",
    "above-10ffff": b"\xf4\x90\x80\x80",
    "truncated": b"\xe2\x82",
    "stray-continuation": b"\x80\xbf",
    "ff": b"\xff\xfe",
}


def common():
    seeds = {}
    for name, bad in INVALID_UTF8.items():
        seeds[f"utf8-{name}"] = b"# T\n\n```rust\nfn main() { \"" + bad + b"\"; }\n```\n" + bad
    seeds["nul-bytes"] = b"```rust\nfn main() {\x00}\n```\n\x00\x00"
    seeds["crlf-mix"] = b"Text\r\n\r```rust\r\nfn main() {}\n\r```\r\n\rcargo build\r\n"
    seeds["lone-cr"] = b"a\rb\r```sh\rls\r```\r"
    seeds["bom"] = b"\xef\xbb\xbf```rust\nfn main() {}\n```\n"
    seeds["empty"] = b""
    seeds["huge-line"] = b"let x = " + b"a + " * 15000 + b"1;\n"
    seeds["only-newlines"] = b"\n" * 20000
    return seeds


def markdown():
    s = {}
    s["unterminated-fence"] = b"Intro\n\n```rust\nfn main() {\n"
    s["unterminated-tilde"] = b"~~~~toml\n[package]\n~~~\n"
    s["fence-in-list"] = b"- item\n\n  ```rust\n  fn f() {}\n  ```\n> ```sh\n> ls\n> ```\n"
    s["many-tiny-blocks"] = b"".join(b"x\n\n```rust\nfn f%d() {}\n```\n\n" % i for i in range(2000))
    s["deep-blockquote"] = b"> " * 5000 + b"```rust\nfn main() {}\n```\n"
    s["deep-list"] = b"".join(b"  " * i + b"- a\n" for i in range(200)) + b"```\nx\n```\n"
    s["deep-emphasis"] = b"*" * 20000 + b"a" + b"*" * 20000 + b"\n"
    s["deep-brackets"] = b"[" * 20000 + b"a" + b"]" * 20000 + b"\n"
    s["front-matter"] = b"---\ntitle: x\n---\n```rust,ignore,edition2021\n# use std::fmt;\nfn main() {}\n```\n"
    s["front-matter-unclosed"] = b"+++\ntitle = 1\n```rust\nfn main() {}\n```\n"
    s["expectation"] = b"<!-- snipcheck: expect nightly -->\n```rust\n#![feature(x)]\n```\n"
    s["console"] = b"```console\n$ cargo run\noutput\n$\n```\n"
    s["indented"] = b"Para\n\n    fn main() {}\n    \n    let x = 1;\n"
    s["table"] = b"| a | b |\n|---|---|\n" + b"| `x` | y |\n" * 2000
    s["info-strings"] = b"".join(b"```" + i + b"\nx\n```\n" for i in
                                 [b"rust,,ignore", b"  rust  no_run", b"{.rust}", b"rust {#id}", b",,,", b"\xc3\xa9"])
    return s


def html():
    s = {}
    for tag in [b"div", b"span", b"b", b"a", b"table", b"ul", b"pre", b"code", b"svg", b"math"]:
        s[f"deep-{tag.decode()}"] = (b"<" + tag + b">") * 4990 + b"<pre>fn main() {}</pre>"
    s["over-depth-limit"] = b"<div>" * 5001 + b"<pre>fn main() {}</pre>"
    s["deep-in-pre"] = b"<pre>" + b"<span>" * 6000 + b"cargo build</pre>"
    s["pre-in-pre"] = b"<pre><pre><pre>x</pre>y</pre>z</pre>"
    s["entities"] = b"<pre>&#xD800; &#0; &#x110000; &#128512; &amp;&lt;&gt &nosuch; &#99999999999;</pre>"
    s["br-lines"] = b"<pre>a<br>b<br/>c<br></br>d</pre>"
    s["classes"] = b"<pre class=\"language-rust  lang-x\"><code data-lang=\"toml\">[a]</code></pre>"
    s["unclosed"] = b"<pre><code class=language-rust>fn main() {\n"
    s["cdata-comment"] = b"<svg><![CDATA[<pre>x</pre>]]></svg><!-- <pre>y</pre> --><pre>\n\n\n</pre>"
    s["misnested-formatting"] = b"<b><i><u><s>" * 1500 + b"<pre>x</pre>" + b"</b></i></u></s>" * 1500
    s["many-pres"] = b"".join(b"<pre>fn f%d() {}</pre>\n" % i for i in range(2000))
    s["template-select"] = b"<template><select><pre>x</pre></select></template>" * 200
    return s


def plaintext():
    s = {}
    s["alternating"] = b"".join(b"The next line shows how the value is computed here.\nlet v%d = f();\nlet w = v;\n" % i
                                for i in range(1000))
    s["raw-string"] = b"let q = r#\"\nSELECT * FROM t;\nwhere x\n" * 50
    s["raw-string-unclosed"] = b"let q = r#\"\n" + b"text\n" * 3000
    s["markdown-in-scrape"] = b"Challenges\n\n# Heading\n- a\n- b\n\n# Next\n1. one\n" * 200
    s["weak-runs"] = b"None\nfoo\n\nbar\n" * 3000
    s["attributes"] = b"#[derive(Debug)] builds a thing. It is nice.\n#[tokio::main]\nasync fn main() {}\n" * 100
    s["shell"] = b"$ cargo build\ncargo test --release\nrg   # replaces grep\n./run.sh\n" * 200
    s["toml"] = b"[package]\nname = \"x\"\nversion = \"0.1\"\n[dependencies.x]\n" * 200
    s["typography"] = "Code \u2014 \u201cquoted\u201d \u2026 let x = 1;\n".encode() * 200
    s["brackets"] = b"#[" * 5000 + b"\n" + b"#![" + b"]" * 5000 + b"\n"
    return s


def write(target, seeds):
    d = HERE / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    for old in d.iterdir():
        if not old.name.startswith("crash-"):
            old.unlink()
    for name, data in seeds.items():
        assert len(data) <= 80 * 1024, (target, name, len(data))
        (d / name).write_bytes(data)


def main():
    base = common()
    md, ht, pt = markdown(), html(), plaintext()
    write("markdown", {**base, **md})
    write("html", {**base, **ht})
    write("plaintext", {**base, **pt})
    write("extract", {**base, **{"md-" + k: v for k, v in md.items()},
                      **{"html-" + k: v for k, v in ht.items()}, **{"txt-" + k: v for k, v in pt.items()}})


if __name__ == "__main__":
    main()
