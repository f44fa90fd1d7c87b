#!/usr/bin/env python3
"""Compare letterpipe's YAML for a letter with its hand-written truth file.

usage: check_truth.py LETTERPIPE LETTER TRUTH.yaml

The truth file (corpus/*.truth.yaml) records what a careful reader expects:
the letter's particulars and, for every pair, the number, the whole
recommendation text and how the response starts and ends.  Where it lists
`money`, the amounts of all the letter's money entities, wherever they
sit, must be exactly those (each end of a range is an amount).  It is written by
hand from the letter, never from letterpipe's output, so this test fails
when segmentation goes wrong even if the golden files were regenerated.

Exits 0 when everything matches, 1 otherwise, listing each difference.
"""
import re
import subprocess
import sys
import unicodedata

import yaml

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                      "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def fold(s):
    s = unicodedata.normalize("NFC", str(s)).translate(FOLD)
    return re.sub(r"\s+", " ", s).strip().lower()


def amounts(node):
    """Every money amount in letterpipe's output, wherever it sits."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "money" and isinstance(value, list):
                yield from (m["amount"] for m in value)
            else:
                yield from amounts(value)
    elif isinstance(node, list):
        for value in node:
            yield from amounts(value)


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    exe, letter, truth_path = argv[1:]
    run = subprocess.run([exe, "parse", letter], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"letterpipe failed ({run.returncode}): {run.stderr.strip()}")
        return 1
    out = yaml.safe_load(run.stdout)
    truth = yaml.safe_load(open(truth_path, encoding="utf-8"))
    bad = []

    lt = out.get("letter") or {}
    got = {
        "reference": lt.get("reference"),
        "date": lt.get("date"),
        "sender_name": (lt.get("sender") or {}).get("name"),
        "sender_role": (lt.get("sender") or {}).get("role"),
        "recipient_name": (lt.get("recipient") or {}).get("name"),
        "salutation": lt.get("salutation"),
        "report": lt.get("report"),
    }
    for key, want in (truth.get("letter") or {}).items():
        have = got.get(key)
        if want is None and have is None:
            continue
        if want is None or have is None or fold(want) != fold(have):
            bad.append(f"letter.{key}: expected {want!r}, got {have!r}")

    pairs = out.get("pairs") or []
    tpairs = truth.get("pairs") or []
    if len(pairs) != len(tpairs):
        bad.append(f"pairs: expected {len(tpairs)}, got {len(pairs)}")
    for i, t in enumerate(tpairs):
        if i >= len(pairs):
            break
        p = pairs[i]
        tag = f"pair {t['number']}"
        if p.get("number") != t["number"]:
            bad.append(f"{tag}: number is {p.get('number')!r}")
        rec = fold(p["recommendation"]["text"])
        resp = fold(p["response"]["text"])
        if rec != fold(t["recommendation"]):
            bad.append(f"{tag}: recommendation differs:\n    got:  {rec[:300]}\n"
                       f"    want: {fold(t['recommendation'])[:300]}")
        if not resp.startswith(fold(t["response_starts"])):
            bad.append(f"{tag}: response starts {resp[:60]!r}")
        if not resp.endswith(fold(t["response_ends"])):
            bad.append(f"{tag}: response ends {resp[-60:]!r}")
    if "money" in truth:
        want = sorted(float(a) for a in truth["money"])
        have = sorted(float(a) for a in amounts(out))
        for a in sorted(set(want) | set(have)):
            if want.count(a) != have.count(a):
                bad.append(f"money {a:g}: expected {want.count(a)}, "
                           f"got {have.count(a)}")
    for b in bad:
        print(b)
    print(f"{letter}: {len(bad)} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
