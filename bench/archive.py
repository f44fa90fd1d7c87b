#!/usr/bin/env python3
"""Make a synthetic archive of letters from the corpus, deterministically.

usage: archive.py CORPUS_DIR OUT_DIR (--letters N | --mb MB)

Each letter is a copy of one corpus letter (text, Markdown or HTML, so
the archive holds every layout the corpus has) made into a letter of its
own: other amounts, percentages, days of the month and years, other
names for its sender and recipient, and some paragraphs longer or
shorter by a sentence.  Every letter has its own sha256, so a batch
parses them all.  They go into folders by year and family, as an
archive would hold them.  The same arguments always make the same
bytes, and the first k letters of any archive are the same k letters.

bench/run and bench/batch_bench.py import it; run alone, it makes the
archive and prints how many letters and bytes it holds.
"""
import glob
import hashlib
import os
import random
import re
import sys

import yaml

FIRST = ["Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo",
         "Isla", "Jonas", "Kemi", "Liam", "Maya", "Nikhil", "Olga", "Priya",
         "Quentin", "Rosa", "Sami", "Tara", "Usman", "Vera", "Wes", "Yara"]
LAST = ["Adeyemi", "Brooks", "Chaudhry", "Doyle", "Evans", "Fraser", "Gill",
        "Hughes", "Iqbal", "Jones", "Kowalski", "Lewis", "Mensah", "Novak",
        "Okafor", "Patel", "Quinn", "Reid", "Shah", "Thompson", "Walsh"]
MONTHS = ("January|February|March|April|May|June|July|August|September|"
          "October|November|December")
MONEY = re.compile(r"£(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
PERCENT = re.compile(r"\b(\d{1,2})(\.\d)?(%| per cent)")
DAY = re.compile(r"\b([1-9]|[12]\d|3[01])(st|nd|rd|th)?( (?:%s))\b" % MONTHS)
YEAR = re.compile(r"\b(20[12]\d)\b")
# A sentence of running prose: starts with a capital, ends with a full
# stop, and has no line break or markup inside (so that moving it cannot
# break a label, a heading or a hard-wrapped line).
SENTENCE = re.compile(r"(?<=[.] )[A-Z][^.\n*#<>|]{40,300}[.](?= [A-Z])")


def sources(corpus):
    """(path, text, [names to vary]) for each corpus letter."""
    out = []
    for path in sorted(glob.glob(os.path.join(corpus, "*"))):
        if not path.endswith((".md", ".txt", ".html")):
            continue
        text = open(path, "rb").read().decode("utf-8")
        names = []
        expect = os.path.splitext(path)[0] + ".yaml"
        if os.path.exists(expect):
            doc = yaml.safe_load(open(expect, encoding="utf-8")) or {}
            det = doc.get("letter") or {}
            for who in ("sender", "recipient"):
                name = (det.get(who) or {}).get("name")
                if name and len(name) > 4 and name in text:
                    names.append(name)
        out.append((path, text, names))
    return out


def vary_length(text, rng):
    """Some sentences said twice, some left out: paragraphs of other
    lengths, with the letter's structure untouched."""
    def one(m):
        r = rng.random()
        if r < 0.15:
            return m.group(0) + " " + m.group(0)
        if r < 0.25:
            return m.group(0)[:-1] + ", as set out above."
        return m.group(0)
    return SENTENCE.sub(one, text)


def vary(text, names, rng):
    """A letter of its own: other amounts, days, years, people and
    paragraph lengths."""
    shift = rng.choice([-2, -1, 0, 1, 2])
    text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)

    def money(m):
        digits = m.group(1).replace(",", "")
        value = max(1, int(int(digits) * rng.uniform(0.5, 2.0)))
        s = f"{value:,}" if "," in m.group(1) else str(value)
        return "£" + s + (m.group(2) or "")
    text = MONEY.sub(money, text)
    text = PERCENT.sub(lambda m: f"{rng.randint(1, 99)}{m.group(2) or ''}"
                       f"{m.group(3)}", text)
    text = DAY.sub(lambda m: f"{rng.randint(1, 28)}{m.group(2) or ''}"
                   f"{m.group(3)}", text)
    for name in names:
        text = text.replace(name, f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return vary_length(text, rng)


def make_archive(srcs, root, n=None, target_bytes=None):
    """Letters under root: n of them, or as many as make target_bytes.
    Returns (letters, bytes, [relative paths])."""
    seen, total, rels = set(), 0, []
    i = 0
    while (n is not None and i < n) or (target_bytes is not None
                                        and total < target_bytes):
        path, text, names = srcs[i % len(srcs)]
        rng = random.Random(i)
        data = vary(text, names, rng).encode("utf-8")
        nl = b"\r\n" if b"\r\n" in data else b"\n"
        while hashlib.sha256(data).digest() in seen:
            data += nl
        seen.add(hashlib.sha256(data).digest())
        stem, ext = os.path.splitext(os.path.basename(path))
        year = 2015 + (i * 7919) % 10
        rel = os.path.join(str(year), stem.split("_")[0],
                           f"{stem}_{i:05d}{ext}")
        os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
        with open(os.path.join(root, rel), "wb") as f:
            f.write(data)
        total += len(data)
        rels.append(rel)
        i += 1
    return i, total, rels


def main():
    args = sys.argv[1:]
    if len(args) != 4 or args[2] not in ("--letters", "--mb"):
        print(__doc__, file=sys.stderr)
        return 2
    corpus, root, how, value = args
    srcs = sources(corpus)
    if how == "--letters":
        n, size, _ = make_archive(srcs, root, n=int(value))
    else:
        n, size, _ = make_archive(srcs, root,
                                  target_bytes=float(value) * 1e6)
    print(f"{n} letters, {size} bytes in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
