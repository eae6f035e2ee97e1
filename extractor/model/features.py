"""The features of one line of a scrape, as the C++ side computes them (extractor/line_model.cpp).

Everything works on the line's UTF-8 bytes so that both sides cut it the same way. A feature
is a short string hashed with CRC-32 into one of 2**BITS buckets.
"""
import zlib

BITS = 18
MASK = (1 << BITS) - 1
SPACE = b" \t\r\f\v"


def is_word(c):
    return 97 <= c <= 122 or 65 <= c <= 90 or c == 95 or 48 <= c <= 57


def tokens(t):
    """Words (ASCII letters, digits, _; a word starting with a digit is "0"), each other ASCII
    character alone, a run of non-ASCII bytes as one "~u"."""
    out, i, n = [], 0, len(t)
    while i < n:
        c = t[i]
        if c in SPACE:
            i += 1
            continue
        j = i + 1
        if is_word(c):
            while j < n and is_word(t[j]):
                j += 1
            out.append(b"0" if 48 <= c <= 57 else t[i:j])
        elif c >= 128:
            while j < n and t[j] >= 128:
                j += 1
            out.append(b"~u")
        else:
            out.append(t[i:j])
        i = j
    return out


def strip(line):
    """The line without surrounding white space and without `>` quote markers."""
    t = line.strip(SPACE + b"\n")
    while t[:1] == b">" and (len(t) == 1 or t[1:2] == b" "):
        t = t[1:].strip(SPACE)
    return t


def features(t):
    """The hashed features of a stripped, non-empty line."""
    toks = tokens(t)
    names = [b"u:" + w for w in toks]
    names += [b"b:" + a + b" " + b for a, b in zip(toks, toks[1:])]
    if toks:
        names += [b"f:" + toks[0], b"l:" + toks[-1]]
    names += [b"h:" + t[:2], b"t:" + t[-2:], b"n:%d" % (min(len(toks), 24) // 3)]
    # Shape: tenths of the bytes that are ASCII punctuation, of the tokens that are lower-case words.
    punct = sum(1 for c in t if c < 128 and c not in SPACE and not is_word(c))
    lower = sum(1 for w in toks if len(w) > 1 and all(97 <= c <= 122 for c in w))
    names += [b"p:%d" % (10 * punct // len(t)), b"w:%d" % (10 * lower // max(1, len(toks)))]
    return [zlib.crc32(f) & MASK for f in names]
