#!/usr/bin/env python3
"""Check letterpipe on the real seed letter from ../shared, when present.

usage: check_seed.py LETTERPIPE SEED.txt [RENDER_HTML | --pdf MAKE_PDF]

The seed is the Mayor of London's 2022 response to the Police and Crime
Committee, as Markdown converted from the PDF.  This checks what the issue
asks of it: 14 pairs, the letter's particulars, running headers gone from
every response, the response cut by a page header rejoined, and every span
pointing at its own text in the source.  Exits 77 (skipped) without it.
"""
import os
import re
import subprocess
import sys

import yaml


def fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("**", "")
    return re.sub(r"\s+", " ", s).strip()


def main(argv):
    exe, seed = argv[1], argv[2]
    if not os.path.exists(seed):
        print(f"skipped: the seed letter {seed} is not here")
        return 77
    run = subprocess.run([exe, "parse", seed], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"letterpipe failed: {run.stderr}")
        return 1
    out = yaml.safe_load(run.stdout)
    src = open(seed, "rb").read()
    bad = []

    def want(cond, what):
        if not cond:
            bad.append(what)

    lt = out["letter"]
    want(lt["reference"] == "MGLA230322-7616", f"reference {lt['reference']}")
    want(str(lt["date"]) == "2022-08-18", f"date {lt['date']}")
    want(lt["sender"]["name"] == "Sadiq Khan", f"sender {lt['sender']}")
    want(lt["recipient"]["name"] == "Susan Hall", f"recipient {lt['recipient']}")
    want(lt["salutation"] == "Dear Susan", f"salutation {lt['salutation']}")
    pairs = out["pairs"]
    want([p["number"] for p in pairs] == list(range(1, 15)),
         f"numbers {[p['number'] for p in pairs]}")
    for p in pairs:
        for part in ("recommendation", "response"):
            sec = p[part]
            want("MAYOR OF LONDON" not in sec["text"], f"pair {p['number']} {part}: running header left in")
            want(sec["text"].strip() != "", f"pair {p['number']} {part} is empty")
            a, b = sec["span"]["start"], sec["span"]["end"]
            piece = fold(src[a:b].decode("utf-8"))
            text = fold(sec["text"])
            want(piece.startswith(text[:40]) and piece.endswith(text[-40:]),
                 f"pair {p['number']} {part}: span [{a},{b}) does not hold its text")
    by = {p["number"]: p for p in pairs}
    want("from Her Majesty's Inspectorate" in fold(by[3]["response"]["text"]),
         "response 3 not rejoined across the page header")
    want(fold(by[8]["response"]["text"]).endswith("incredibly complex issue."),
         "response 8 does not run across the page break to its end")
    def same_pairs(what, cmd):
        """The seed in another form keeps its 14 pairs and their texts."""
        rendered = subprocess.run(cmd, capture_output=True, check=True).stdout
        run = subprocess.run([exe, "parse", "-"], input=rendered, capture_output=True)
        other = yaml.safe_load(run.stdout)["pairs"] if run.returncode == 0 else []
        want([p["number"] for p in other] == list(range(1, 15)), f"the {what} lost pairs")
        for p, q in zip(pairs, other):
            for part in ("recommendation", "response"):
                want(fold(p[part]["text"]) == fold(q[part]["text"]),
                     f"pair {p['number']} {part} differs in the {what}")

    if len(argv) > 4 and argv[3] == "--pdf":
        same_pairs("PDF printing", [argv[4], seed])
    elif len(argv) > 3:
        same_pairs("HTML rendering", [sys.executable, argv[3], seed])
    for b in bad:
        print("FAIL:", b)
    print(f"{len(bad)} failed checks on the seed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
