#!/usr/bin/env python3
"""diff the seed letter against a copy this test edits, and check that
exactly the edits come back, with their values.

usage: diff_seed.py LETTERPIPE SEED

Edits: £17.7m becomes £20m, the first "by September 2022" becomes "by
March 2023", and one commitment's sentence goes.  Skips (exit 77) when the
seed is absent.
"""
import os
import subprocess
import sys
import tempfile

import yaml

DROPPED = ("MOPAC will also explore how to better incorporate the evidence "
           "gathered by VAWG sector partners to gain a more robust and "
           "holistic understanding of VAWG in London.")


def main():
    letterpipe, seed = sys.argv[1], sys.argv[2]
    if not os.path.exists(seed):
        print(f"SKIP: the seed letter is not at {seed}")
        return 77
    text = open(seed, encoding="utf-8").read()
    edited = text
    for old, new in [("£17.7m", "£20m"),
                     ("by September 2022", "by March 2023"),
                     (" " + DROPPED, "")]:
        assert old in edited, f"the seed no longer holds {old!r}"
        edited = edited.replace(old, new, 1)

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "edited.md")
        open(copy, "w", encoding="utf-8").write(edited)
        run = subprocess.run([letterpipe, "diff", seed, copy, "-f", "yaml"],
                             capture_output=True, text=True)
        if run.returncode != 1:
            failures.append(f"exit {run.returncode}, not 1: {run.stderr}")
        out = yaml.safe_load(run.stdout)
        text_run = subprocess.run([letterpipe, "diff", seed, copy],
                                  capture_output=True, text=True)
        if text_run.returncode != 1 or "amount-changed" not in text_run.stdout:
            failures.append("the text output does not show the changes")

    got = sorted((c.get("pair"), c["kind"], c.get("section"))
                 for c in out["changes"])
    want = sorted([
        (1, "text-changed", "response"),
        (1, "commitment-dropped", "response"),
        (6, "text-changed", "recommendation"),
        (6, "deadline-moved", "recommendation"),
        (8, "text-changed", "response"),
        (8, "amount-changed", "response"),
    ])
    if got != want:
        failures.append(f"changes {got}\n  expected {want}")

    by_kind = {c["kind"]: c for c in out["changes"]}
    amount = by_kind.get("amount-changed", {})
    if (amount.get("old", {}).get("amount"), amount.get("new", {}).get("amount"),
            amount.get("difference"), amount.get("percent")) != \
            (17700000, 20000000, 2300000, 13.0):
        failures.append(f"amount-changed: {amount}")
    moved = by_kind.get("deadline-moved", {})
    if (moved.get("old", {}).get("value"), moved.get("new", {}).get("value"),
            moved.get("shift")) != ("2022-09", "2023-03", {"months": 6}):
        failures.append(f"deadline-moved: {moved}")
    dropped = by_kind.get("commitment-dropped", {}).get("old", {})
    if dropped.get("text") != DROPPED.rstrip(".") or \
            dropped.get("modality") != "will":
        failures.append(f"commitment-dropped: {dropped}")
    summary = out["summary"]
    if summary["pairs"] != {"matched": 14, "added": 0, "removed": 0} or \
            summary["commitments"]["dropped"] != 1:
        failures.append(f"summary: {summary}")
    money = summary["money"][0]
    if money["new"] - money["old"] != 2300000:
        failures.append(f"money totals: {money}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
