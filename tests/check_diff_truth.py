#!/usr/bin/env python3
"""Check letterpipe diff against the changes a person listed by hand.

usage: check_diff_truth.py LETTERPIPE EXPECT.yaml

EXPECT.yaml (corpus/diff/*.expect.yaml) names the two letters beside it
and lists every change its author made: pair, old_pair, kind, section,
and for amounts and dates the old and new values.  The diff's changes
must be exactly that list; other keys in it are notes for people.
"""
import os
import subprocess
import sys

import yaml


def number(n):
    """A pair number as the expect files write it: 4, or "4, 5"."""
    if isinstance(n, list):
        return ", ".join(str(x) for x in n)
    return n


def key(c):
    return (number(c.get("pair")), number(c.get("old_pair")), c["kind"],
            c.get("section"))


def values(c):
    """The old and new value of an amount or a date change, if any."""
    def one(v):
        if isinstance(v, dict):
            return v.get("amount", v.get("value"))
        return v
    if c["kind"] in ("amount-changed", "deadline-moved", "date-changed"):
        return (one(c.get("old")), one(c.get("new")))
    return None


def main():
    letterpipe, expect_path = sys.argv[1], sys.argv[2]
    expect = yaml.safe_load(open(expect_path, encoding="utf-8"))
    here = os.path.dirname(os.path.abspath(expect_path))
    run = subprocess.run([letterpipe, "diff", "-f", "yaml",
                          os.path.join(here, expect["old"]),
                          os.path.join(here, expect["new"])],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(f"FAIL: letterpipe diff exited {run.returncode}: {run.stderr}")
        return 1
    got = yaml.safe_load(run.stdout)["changes"]
    want = expect["changes"] or []
    failures = []
    unmatched = list(got)
    for w in want:
        hit = next((g for g in unmatched if key(g) == key(w)), None)
        if hit is None:
            failures.append(f"missing {key(w)}")
            continue
        unmatched.remove(hit)
        if values(w) and values(hit) != values(w):
            failures.append(f"{key(w)}: values {values(hit)}, expected {values(w)}")
    for g in unmatched:
        failures.append(f"not expected {key(g)}")
    want_rc = 1 if want else 0
    if run.returncode != want_rc:
        failures.append(f"exit {run.returncode}, expected {want_rc}")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(want)} expected changes, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
