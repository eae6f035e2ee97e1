#!/usr/bin/env python3
"""Reads the DOM headless Chromium dumped of a snipcheck HTML report and checks it against the
JSON report of the same run.

usage: check_dom.py REPORT.json DOM.html MODE   (MODE: selftest, or filter=VERDICT)
"""
import json, sys
from html.parser import HTMLParser

report, dom_path, mode = sys.argv[1:4]
snippets = {s["id"]: s for s in json.load(open(report))["snippets"]}


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []        # (id, verdict, hidden, label)
        self.scripts = 0
        self.bad = []           # injected elements or attributes
        self.body = {}
        self.selftest = None
        self._in_selftest = False
        self._label_for = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("img", "iframe", "object", "embed", "link", "base", "form"):
            self.bad.append(f"<{tag}> element")
        for name, _ in attrs:
            if name.startswith("on"):
                self.bad.append(f"{name}= attribute on <{tag}>")
        if tag == "body":
            self.body = a
        if tag == "article" and "block" in a.get("class", "").split():
            self.blocks.append([a.get("data-id"), a.get("data-verdict"), "hidden" in a, None])
        if tag == "span" and "verdict" in a.get("class", "").split() and self.blocks:
            self._label_for = self.blocks[-1]
        if tag == "pre" and a.get("id") == "selftest":
            self._in_selftest = True

    def handle_data(self, data):
        if self._label_for is not None:
            self._label_for[3] = data
            self._label_for = None
        if self._in_selftest and data.strip():
            self.selftest = json.loads(data)

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_selftest = False


dom = Dom()
dom.feed(open(dom_path, encoding="utf-8").read())
failures = []
if dom.scripts != 1:
    failures.append(f"{dom.scripts} <script> elements, expected snipcheck's one")
failures += dom.bad
if "data-pwned" in dom.body:
    failures.append(f"an injected script ran: data-pwned={dom.body['data-pwned']}")
if len(dom.blocks) != len(snippets):
    failures.append(f"{len(dom.blocks)} blocks shown, the report has {len(snippets)} snippets")
for sid, verdict, hidden, label in dom.blocks:
    want = snippets.get(sid, {}).get("verdict")
    if verdict != want or label != want:
        failures.append(f"{sid}: verdict {verdict!r} labelled {label!r}, the report says {want!r}")
if mode == "selftest":
    st = dom.selftest
    if not st or not st.get("ok") or st.get("blocks") != len(snippets):
        failures.append(f"the page's self-test failed: {st!r}")
    if any(hidden for *_, hidden, _ in dom.blocks):
        failures.append("blocks hidden without a filter")
elif mode.startswith("filter="):
    f = mode.split("=", 1)[1]
    for sid, verdict, hidden, _ in dom.blocks:
        if hidden != (verdict != f):
            failures.append(f"filter {f}: {sid} ({verdict}) is {'hidden' if hidden else 'shown'}")
    if dom.body.get("data-filter") != f:
        failures.append(f"the page did not apply ?filter={f}: {dom.body.get('data-filter')!r}")
for f in failures:
    print("FAIL", f)
print(f"dom ({mode}): {len(dom.blocks)} blocks, {len(failures)} failures")
sys.exit(1 if failures else 0)
