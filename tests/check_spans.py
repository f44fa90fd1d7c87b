#!/usr/bin/env python3
"""Every entity's span must point at its own text in the source file.

usage: check_spans.py LETTERPIPE FILE...

Parses each FILE and, for every money amount, date and commitment, reads
the source bytes at its `span` (or, when it has `fragments`, at each
fragment in turn, the first of which must be its `span`) and compares them with the entity's `text` as a reader
sees them: HTML tags dropped and character references decoded, Markdown
emphasis, hyphens and white space ignored.  Exits 0 when
every span reads right, 1 otherwise, listing each that does not.
"""
import html
import re
import subprocess
import sys

import yaml


def entities(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("money", "dates", "commitments") and isinstance(value, list):
                yield from value
            else:
                yield from entities(value)
    elif isinstance(node, list):
        for value in node:
            yield from entities(value)


def as_read(s, is_html):
    if is_html:
        s = html.unescape(re.sub(r"<[^>]*>", "", s))
    # A word hyphenated at a line end is rejoined, with or without its
    # hyphen ("multi-/academy"): hyphens are not compared.
    return re.sub(r"[\s*-]+", "", s)


def main():
    lp, files = sys.argv[1], sys.argv[2:]
    bad = checked = 0
    for path in files:
        src = open(path, "rb").read()
        is_html = path.endswith((".html", ".htm"))
        out = subprocess.run([lp, "parse", path], capture_output=True, check=True).stdout
        for e in entities(yaml.safe_load(out)):
            span = (e["span"]["start"], e["span"]["end"])
            pieces = [(f["start"], f["end"]) for f in e.get("fragments", [])] or [span]
            got = "".join(src[a:b].decode("utf-8", "replace") for a, b in pieces)
            checked += 1
            if as_read(got, is_html) != as_read(e["text"], False):
                bad += 1
                print(f"{path}: {e['text']!r} has span {pieces}, which reads {got!r}")
            elif span != pieces[0]:
                bad += 1
                print(f"{path}: {e['text']!r} has span {span}, not its first fragment {pieces[0]}")
    print(f"{checked} spans checked, {bad} wrong")
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
