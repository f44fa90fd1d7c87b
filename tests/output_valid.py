#!/usr/bin/env python3
"""Every output reads back as what it means.

usage: output_valid.py LETTERPIPE VALIDATE_XML SCHEMA CORPUS_DIR

For every corpus letter, and for a letter made here of the strings a
YAML reader would take for something else ("yes", "null", "~",
"2022-08-18", "1e3", "0x1F") and of characters XML 1.0 forbids (C0
controls, U+FFFE): the YAML parses, every text is a string, every amount
a number, every span a pair of integers, and the trap strings come back
exactly; the XML validates against the schema.
"""
import glob
import os
import subprocess
import sys
import tempfile

import yaml

TRAPS = ["yes", "null", "~", "2022-08-18", "1e3", "0x1F", "no", "on"]


def walk(node, path, bad):
    if isinstance(node, dict):
        for k, v in node.items():
            where = f"{path}.{k}"
            if k in ("text", "label", "stance", "modality", "title") and \
                    v is not None and not isinstance(v, str):
                bad.append(f"{where} is {type(v).__name__}: {v!r}")
            # A commitment's amount is a map {text, amount}.
            if k in ("amount", "max") and not isinstance(v, (int, float, dict)):
                bad.append(f"{where} is not a number: {v!r}")
            if k in ("start", "end", "bytes") and not isinstance(v, int):
                bad.append(f"{where} is not an integer: {v!r}")
            walk(v, where, bad)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}[{i}]", bad)


def letter_with_traps():
    recs = "".join(
        f"**Recommendation {i}**\n\n**The council should adopt the code "
        f"{t}.**\n\n{t}\n\n" for i, t in enumerate(TRAPS, 1))
    return ("Dear Jo\n\nThank you for the report\x07 and its annex.\x1b\n\n"
            "Yours sincerely\n\nSam Smith\n\n" + recs +
            "**Recommendation 9**\n\n**The council should mark \ufffe "
            "this.**\n\nWe will\x01 do so by May 2024.\n")


def main():
    letterpipe, validate, schema, corpus = sys.argv[1:5]
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        made = os.path.join(tmp, "traps.md")
        open(made, "w", encoding="utf-8").write(letter_with_traps())
        letters = sorted(glob.glob(os.path.join(corpus, "*.md")) +
                         glob.glob(os.path.join(corpus, "*.txt")) +
                         glob.glob(os.path.join(corpus, "*.html"))) + [made]
        for f in letters:
            name = os.path.basename(f)
            y = subprocess.run([letterpipe, "parse", f], capture_output=True)
            if y.returncode:
                bad.append(f"{name}: parse exited {y.returncode}")
                continue
            try:
                doc = yaml.safe_load(y.stdout)
            except yaml.YAMLError as e:
                bad.append(f"{name}: YAML does not parse: {e}")
                continue
            walk(doc, name, bad)
            xml = os.path.join(tmp, "out.xml")
            with open(xml, "wb") as out:
                subprocess.run([letterpipe, "parse", "-f", "xml", f],
                               stdout=out, check=True)
            v = subprocess.run([validate, schema, xml], capture_output=True)
            if v.returncode:
                bad.append(f"{name}: XML does not validate: "
                           f"{v.stderr.decode()[:200]}")
            if f == made:
                got = [p["response"]["text"] for p in doc["pairs"][:len(TRAPS)]]
                if got != TRAPS:
                    bad.append(f"trap strings came back as {got!r}")
    for b in bad[:20]:
        print("FAIL:", b)
    print(f"{len(letters)} letters, {len(bad)} failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
