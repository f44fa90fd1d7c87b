#!/usr/bin/env python3
"""Time `letterpipe diff` on two letters of about 20 pages each.

usage: diff_bench.py LETTERPIPE CORPUS_DIR [RUNS]

The letters are made here, deterministically, from the recommendations
and responses of the corpus letters' expected YAML: a Mayor-style
Markdown letter of about 20 pages (some 10,000 words), and a year-later
copy with pairs dropped and renumbered, amounts and dates changed and
sentences added.  Prints the time of parse and of diff (median of RUNS)
and fails when a diff takes a second or more.
"""
import glob
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

WORDS_PER_PAGE = 500


def pairs_from(corpus):
    """Every (recommendation, response) of the corpus, in file order."""
    out = []
    for path in sorted(glob.glob(os.path.join(corpus, "*.yaml"))):
        if path.endswith(".truth.yaml"):
            continue
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        for p in doc.get("pairs") or []:
            rec = (p.get("recommendation") or {}).get("text")
            resp = (p.get("response") or {}).get("text")
            if rec and resp:
                out.append((rec, resp))
    return out


def letter(pairs, date):
    head = (f"# MAYOR OF LONDON\n\nOur ref: MGLA-BENCH\n\nDate: {date}\n\n"
            "Dear Chair\n\nThank you for the Committee's report. The annex "
            "sets out my response to each recommendation.\n\nYours "
            "sincerely\n\n**Sadiq Khan**\n\n**Mayor of London**\n\n"
            "**Annex: response to the Committee's recommendations**\n\n")
    body = "".join(f"**Recommendation {i}**\n\n**{rec}**\n\n{resp}\n\n"
                   for i, (rec, resp) in enumerate(pairs, 1))
    return head + body


def edit(pairs, rng):
    """A year on: a few pairs gone, amounts and years moved, one more
    sentence here and there."""
    out = []
    for rec, resp in pairs:
        if rng.random() < 0.05:
            continue
        if rng.random() < 0.3:
            resp = re.sub(r"£(\d+)", lambda m: f"£{int(m.group(1)) + 1}",
                          resp, count=1)
        if rng.random() < 0.3:
            resp = re.sub(r"\b(20[12]\d)\b",
                          lambda m: str(int(m.group(1)) + 1), resp, count=1)
        if rng.random() < 0.2:
            resp += " The Mayor will report on progress to the Committee."
        out.append((rec, resp))
    return out


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
        if run.returncode not in (0, 1):
            sys.exit(f"{cmd} failed: {run.stderr.decode()}")
    return statistics.median(times)


def main():
    letterpipe, corpus = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = random.Random(2022)
    pool = pairs_from(corpus)
    chosen, words = [], 0
    while words < 20 * WORDS_PER_PAGE:
        rec, resp = pool[len(chosen) % len(pool)]
        chosen.append((rec, resp))
        words += len(rec.split()) + len(resp.split())
    with tempfile.TemporaryDirectory() as tmp:
        old = os.path.join(tmp, "old.md")
        new = os.path.join(tmp, "new.md")
        open(old, "w", encoding="utf-8").write(letter(chosen, "18 August 2022"))
        open(new, "w", encoding="utf-8").write(
            letter(edit(chosen, rng), "17 August 2023"))
        out = subprocess.run([letterpipe, "diff", "-f", "yaml", old, new],
                             capture_output=True, text=True)
        changes = yaml.safe_load(out.stdout)["changes"]
        parse = timed([letterpipe, "parse", old], runs)
        diff = timed([letterpipe, "diff", old, new], runs)
        diff_yaml = timed([letterpipe, "diff", "-f", "yaml", old, new], runs)
        size = os.path.getsize(old)
    print(f"letters: {len(chosen)} pairs, {words} words (~{words // WORDS_PER_PAGE}"
          f" pages), {size} bytes; {len(changes)} changes found")
    print(f"{'command':<28}{'median s':>10}  (of {runs} runs)")
    print(f"{'parse one letter':<28}{parse:>10.3f}")
    print(f"{'diff, text':<28}{diff:>10.3f}")
    print(f"{'diff, yaml':<28}{diff_yaml:>10.3f}")
    print(f"diff / parse: {diff / parse:.1f}x (a diff parses two letters)")
    if diff >= 1.0 or diff_yaml >= 1.0:
        print("FAIL: a diff of two 20-page letters took a second or more")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
