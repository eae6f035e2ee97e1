#!/usr/bin/env python3
"""Trains snipcheck's line model (extractor/model/line_model.txt) from the HTML documentation
shipped with the Rust toolchain, rendered to text the way scrapes are made.

  python3 extractor/model/train.py [--docs DIR] [--out FILE] [--jobs N]

Data (corpus.py): the pages of DOCS (default `$(rustc --print sysroot)/share/doc/rust/html`) under the
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
lines, for the language (rust / toml / shell / other: code snipcheck does not check); the class biases are stored without the
training prior (the HMM brings its own); a temperature fitted on the held-out pages, and the
weight of the line scores against the transitions that decodes them best; and the transitions of a three-state HMM (prose / code / output) counted on
the training pages' sequences of non-blank lines. Every tenth page is held out; the figures
on those pages are written into the model's header. Pure Python 3.11 standard library.
"""
import argparse
import math
import multiprocessing
import os
import random
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import features as F  # noqa: E402
from corpus import TRAIN_DIRS, pick_debian, pick_other, pick_pages, page_lines  # noqa: E402

CLASSES = ["prose", "code", "output"]
LANGUAGES = ["rust", "toml", "shell", "other"]
SCALE = 32  # stored weights are times SCALE, rounded


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
            if c == 1:
                lang.append((feats, LANGUAGES.index(label)))
            if raw and label == "other":
                continue  # other languages' sources teach the language only: their comments and
                # docstrings are prose to the eye, and a scrape shows few of them
            cls.append((feats, c))
            if not raw:
                trans[(prev, c, gap and prev is not None)] += 1
            prev, gap = c, False
    return cls, lang, trans


def softmax(xs):
    m = max(xs)
    e = [math.exp(x - m) for x in xs]
    s = sum(e)
    return [x / s for x in e]


def train_lr(samples, epochs, rate, seed, K=3):
    """Multinomial logistic regression over hashed features by SGD with averaged weights (the
    average of every step's weights, kept lazily: W - U / steps), so that the result does not
    hang on the last samples seen: per-bucket weights (K per bucket) and a bias per class."""
    W = [0.0] * (K << F.BITS)
    U = [0.0] * (K << F.BITS)
    bias, ubias = [0.0] * K, [0.0] * K
    rng = random.Random(seed)
    order = list(range(len(samples)))
    step = 1
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = rate / (1 + epoch)
        for i in order:
            feats, y = samples[i]
            s = [bias[k] + sum(W[f * K + k] for f in feats) for k in range(K)]
            p = softmax(s)
            for k in range(K):
                g = lr * (p[k] - (k == y))
                if g:
                    bias[k] -= g
                    ubias[k] -= step * g
                    for f in feats:
                        W[f * K + k] -= g
                        U[f * K + k] -= step * g
            step += 1
    return [w - u / step for w, u in zip(W, U)], [b - u / step for b, u in zip(bias, ubias)]


def quantize(W_cls, W_lang):
    """Rows of the stored model: bucket -> 3 class and 4 language weights in 1/SCALE; a bucket
    whose weights all round to 0 is not stored."""
    rows, L = {}, len(LANGUAGES)
    for b in range(1 << F.BITS):
        row = tuple(round(SCALE * w) for w in W_cls[b * 3:b * 3 + 3] + W_lang[b * L:b * L + L])
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
    samples, lang_only = [], []  # other languages' sources are scored on the language only
    for lines, raw in held:
        for item in lines:
            if item is not None and item != "raw":
                c_scores, l_scores = quantized_scores(rows, bias, F.features(item[1]))
                (lang_only if raw and item[0] == "other" else samples).append((item[0], c_scores, l_scores))
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
    for i, (label, cs, ls) in enumerate(samples + lang_only):
        c = class_of(label)
        if i < len(samples):
            conf[(c, max(range(3), key=lambda k: cs[k] / best[0] + prior[k]))] += 1
        if c == 1:
            lang_n += 1
            lang_ok += LANGUAGES[max(range(len(LANGUAGES)), key=lambda k: ls[k])] == label
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
    code lines best (F1 of code against the rest), and that F1; the F1 of every scale tried and
    its standard error are written into the figures (the curve is flat: read them before
    trusting the choice)."""
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
    best, tried = None, []
    for lam in scales:
        tp = fp = fn = 0
        for em, gaps, want in pages:
            got = viterbi([[lam * x for x in e] for e in em], gaps, *hmm)
            for g, w in zip(got, want):
                tp += g == 1 and w
                fp += g == 1 and not w
                fn += g != 1 and w
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        tried.append((lam, f1, math.sqrt(f1 * (1 - f1) / max(1, tp + fn))))
    lam, f1, se = max(tried, key=lambda t: t[1])
    return lam, f1, [f"{t[0]} {t[1]:.4f}" for t in tried] + [f"standard error {se:.4f}"]


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
    pages = pick_pages(args.docs) + pick_debian(args.registry, "/usr/bin") + pick_other()
    pages += [(p, "rustc") for p, k in pages if "/error_codes/" in p] + [("/usr/share/doc", "prompts")]
    jobs = [(i, path, kind) for i, (path, kind) in enumerate(pages)]
    with multiprocessing.Pool(args.jobs) as pool:
        done = {i: (lines, raw) for i, lines, raw in pool.imap_unordered(page_lines, jobs, chunksize=4)}
    train = [done[i] for i in sorted(done) if i % 10 != 0]
    held = [done[i] for i in sorted(done) if i % 10 == 0]
    cls, lang, trans = samples_of(train)
    W_cls, b_cls = train_lr(cls, args.epochs, args.rate, 1)
    W_lang, b_lang = train_lr(lang, args.epochs, args.rate, 2, len(LANGUAGES))
    rows = quantize(W_cls, W_lang)
    lines = Counter(c for _, c in cls)
    langs = Counter(LANGUAGES[l] for _, l in lang)
    prior = [math.log(lines[c] / sum(lines.values())) for c in range(3)]
    # Stored without the class prior: the HMM's transitions bring their own.
    bias = [b - p for b, p in zip(b_cls, prior)] + b_lang
    (T, loss), conf, lang_acc, n_held = evaluate(rows, bias, held, prior, [0.5, 0.75, 1, 1.25, 1.5, 2, 3])
    start, trans_log, gap_log = transitions(trans)
    lam, f1, tried = fit_emission_scale(rows, bias, T, held, (start, trans_log, gap_log), [1, 1.5, 2, 3, 4, 6])
    acc = sum(v for (a, b), v in conf.items() if a == b) / max(1, n_held)
    figures = [
        f"training: {sum(k == 'html' for _, k in pages)} pages of the toolchain's docs ({', '.join(TRAIN_DIRS)});",
        f"  Debian: {sum(k == 'md' for _, k in pages)} crate READMEs, {sum(k == 'toml' for _, k in pages)} crate manifests,"
        f" {sum(k == 'shell' for _, k in pages)} shell scripts of /usr/bin,"
        f" {sum(k == 'other' for _, k in pages)} sources in other languages;"
        f" rustc's output on {sum(k == 'rustc' for _, k in pages)} compile_fail examples of the error index;"
        " the `$ ` commands of /usr/share/doc;",
        f"  every tenth page held out; lines: " + ", ".join(f"{CLASSES[c]} {lines[c]}" for c in range(3))
        + "; code lines: " + ", ".join(f"{k} {langs[k]}" for k in LANGUAGES),
        f"held-out lines {n_held}: class accuracy {acc:.4f}, log-loss {loss:.4f} at temperature {T},",
        f"  language accuracy on code lines {lang_acc:.4f}; HMM decoding (emission scale {lam}):"
        f" code lines F1 {f1:.4f} (per emission scale: {', '.join(tried)})",
        "held-out confusion (want -> got): " + ", ".join(
            f"{CLASSES[a]}->{CLASSES[b]} {conf[(a, b)]}" for a in range(3) for b in range(3)),
        f"logistic regression, {args.epochs} epochs of averaged SGD from rate {args.rate};"
        f" stored rows {len(rows)} of {1 << F.BITS} buckets (the others weigh 0)",
    ]
    write_model(args.out, rows, bias, T, lam, start, trans_log, gap_log, figures)
    print("\n".join(figures))


if __name__ == "__main__":
    main()
