"""strings: text processing with str methods and formatting -- generating a synthetic
text, tokenizing it, counting and transforming words, run-length encoding, a Caesar
cipher with ord/chr, number formatting and parsing, and building reports with f-strings,
%-formatting and str.format.

Exercises str slicing, concatenation, join/split/replace/find/strip/upper/lower/
startswith/endswith/isdigit/count, ord/chr, int/str/float conversions, format specs,
dicts keyed by strings and sorting with keys.
Usage: strings.py [ROUNDS]  (default 450); prints a checksum of the text produced.
"""

import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qua", "ph", "sht"]


def make_text(words, seed):
    """A deterministic pseudo-text: words of syllables, with punctuation and numbers."""
    state = seed
    out = []
    for i in range(words):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        n = 1 + (state >> 8) % 4
        word = ""
        s = state
        for _ in range(n):
            word += SYLLABLES[s % len(SYLLABLES)]
            s //= len(SYLLABLES)
        if (state >> 4) % 11 == 0:
            word = word.capitalize()
        if (state >> 6) % 17 == 0:
            word = str(state % 1000)
        out.append(word)
        if i % 9 == 8:
            out.append(".")
        elif (state >> 3) % 13 == 0:
            out.append(",")
    return " ".join(out).replace(" .", ".").replace(" ,", ",")


def tokenize(text):
    tokens = []
    word = []
    for ch in text:
        if ch.isalnum():
            word.append(ch)
        else:
            if word:
                tokens.append("".join(word))
                word = []
            if not ch.isspace():
                tokens.append(ch)
    if word:
        tokens.append("".join(word))
    return tokens


def word_counts(tokens):
    counts = {}
    for t in tokens:
        if t.isdigit() or not t.isalpha():
            continue
        key = t.lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def run_length(s):
    if not s:
        return ""
    parts = []
    current = s[0]
    n = 1
    for ch in s[1:]:
        if ch == current:
            n += 1
        else:
            parts.append(f"{n}{current}" if n > 1 else current)
            current = ch
            n = 1
    parts.append(f"{n}{current}" if n > 1 else current)
    return "".join(parts)


def caesar(s, shift):
    out = []
    for ch in s:
        o = ord(ch)
        if 97 <= o <= 122:
            out.append(chr((o - 97 + shift) % 26 + 97))
        elif 65 <= o <= 90:
            out.append(chr((o - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def sentences(text):
    result = []
    for part in text.split("."):
        part = part.strip()
        if part:
            result.append(part[0].upper() + part[1:] + ".")
    return result


def report(counts, top):
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    lines = ["%-12s %5s %8s" % ("word", "count", "share")]
    total = sum(counts.values())
    for word, n in ranked:
        lines.append("{:<12} {:>5d} {:>7.3f}%".format(word, n, 100.0 * n / total))
    lines.append(f"{'total':<12} {total:>5d} {len(counts):>8d}")
    return "\n".join(lines)


def numbers(n):
    acc = 0
    pieces = []
    for i in range(n):
        s = str(i * 7919)
        rev = s[::-1]
        acc += int(rev) + len(hex(i)) + len(f"{i:08b}") + int(f"{i:x}", 16)
        pieces.append(f"{i:>6}|{i * 0.125:.3f}|{-i:+d}")
    joined = ";".join(pieces)
    acc += joined.count("|") + joined.find("99|") + len(joined.split(";"))
    return acc


def checksum(s, h=0):
    for ch in s:
        h = (h * 131 + ord(ch)) % 1000000007
    return h


def one_round(r):
    text = make_text(1500, 12345 + r)
    tokens = tokenize(text)
    counts = word_counts(tokens)
    h = checksum(report(counts, 10))
    for sentence in sentences(text)[:40]:
        encoded = caesar(sentence, 3 + r % 20)
        if caesar(encoded, 26 - (3 + r % 20)) != sentence:
            raise ValueError("caesar round trip failed")
        h = checksum(run_length(encoded.lower()), h)
    words = [t for t in tokens if t.isalpha()]
    long_words = [w for w in words if len(w) > 6 and w.startswith(("k", "s", "t"))]
    h = (h + len(long_words) + sum(1 for w in words if w.endswith("sht"))) % 1000000007
    padded = "[" + "][".join(w.upper().center(12, "*") for w in long_words[:50]) + "]"
    h = checksum(padded.replace("**", "-"), h)
    h = (h + numbers(300 + r)) % 1000000007
    return h


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 450
    total = 0
    for r in range(rounds):
        total = (total * 7 + one_round(r)) % 1000000007
    print(report(word_counts(tokenize(make_text(1500, 12345))), 5))
    print(f"strings x{rounds}: checksum {total}")


main()
