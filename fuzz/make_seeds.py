#!/usr/bin/env python3
"""Make the fuzz targets' seed corpora from corpus/ and grammars/.

usage: make_seeds.py ROOT OUT_DIR [MAKE_PDF]

OUT_DIR/parse: every corpus letter (and, given the test printer MAKE_PDF,
a PDF of a few), behind the options byte fuzz_parse reads first (0: sniff
the format, a letter).  OUT_DIR/diff: each pair of corpus/diff, and a
letter against its own parse YAML.  OUT_DIR/grammar: every grammar file.
"""
import glob
import os
import subprocess
import sys


def main():
    root, out = sys.argv[1], sys.argv[2]
    make_pdf = sys.argv[3] if len(sys.argv) > 3 else None
    for d in ("parse", "diff", "grammar"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    letters = sorted(f for f in glob.glob(os.path.join(root, "corpus", "*"))
                     if f.endswith((".md", ".txt", ".html")))
    for f in letters:
        data = open(f, "rb").read()
        name = os.path.basename(f)
        open(os.path.join(out, "parse", name), "wb").write(b"\0" + data)
        # The same letter read as entities, against a reference date.
        open(os.path.join(out, "parse", name + ".x"), "wb").write(b"\x18" + data)
    if make_pdf:
        for f in letters[:6]:
            pdf = subprocess.run([make_pdf, f], capture_output=True).stdout
            open(os.path.join(out, "parse", os.path.basename(f) + ".pdf"),
                 "wb").write(b"\0" + pdf)
    for expect in glob.glob(os.path.join(root, "corpus", "diff", "*.expect.yaml")):
        lines = dict(l.split(": ", 1) for l in open(expect).read().splitlines()
                     if l.startswith(("old: ", "new: ")))
        here = os.path.dirname(expect)
        a = open(os.path.join(here, lines["old"]), "rb").read()
        b = open(os.path.join(here, lines["new"]), "rb").read()
        open(os.path.join(out, "diff", os.path.basename(expect)), "wb").write(
            a + b"\n%%\n" + b)
    for f in sorted(glob.glob(os.path.join(root, "grammars", "*.yaml"))):
        data = open(f, "rb").read()
        open(os.path.join(out, "grammar", os.path.basename(f)), "wb").write(data)


if __name__ == "__main__":
    main()
