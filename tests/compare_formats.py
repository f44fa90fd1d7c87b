#!/usr/bin/env python3
"""A letter read from another format must give what its text gives.

usage: compare_formats.py LETTERPIPE RENDERER [ARG...] LETTER

RENDERER turns LETTER into another format (tests/render_html.py makes a
web page).  Both are parsed; the pairs (numbers and stances) and, in
every section, the money amounts, date values and commitment modalities
must be the same.  Exits 0 when they are, 1 with the differences listed.
"""
import os
import subprocess
import sys
import tempfile

import yaml


def parse(exe, path):
    run = subprocess.run([exe, "parse", path], capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"letterpipe parse {path} failed: {run.stderr.strip()}")
    return yaml.safe_load(run.stdout)


def facts(doc):
    """What must not depend on the format, section by section."""
    out = {}

    def section(name, sec):
        if not sec:
            return
        out[name + " money"] = sorted(m["amount"] for m in sec.get("money", []))
        out[name + " dates"] = sorted(str(d.get("value")) for d in sec.get("dates", []))
        out[name + " commitments"] = sorted(c["modality"] for c in sec.get("commitments", []))

    section("cover", doc.get("cover"))
    for p in doc.get("pairs") or []:
        n = str(p["number"])
        out[f"pair {n} stance"] = p.get("stance")
        section(f"pair {n} recommendation", p.get("recommendation"))
        section(f"pair {n} response", p.get("response"))
    out["pairs"] = [p["number"] for p in doc.get("pairs") or []]
    return out


def main(argv):
    exe, renderer, letter = argv[1], argv[2], argv[-1]
    extra = argv[3:-1]  # arguments for the renderer before the letter
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "rendered")
        # A renderer is a Python script or a program.
        cmd = [sys.executable, renderer] if renderer.endswith(".py") else [renderer]
        cmd += extra
        with open(page, "wb") as f:
            subprocess.run(cmd + [letter], stdout=f, check=True)
        want, got = facts(parse(exe, letter)), facts(parse(exe, page))
    bad = [k for k in sorted(set(want) | set(got)) if want.get(k) != got.get(k)]
    for k in bad:
        print(f"{k}: text {want.get(k)!r}, rendered {got.get(k)!r}")
    print(f"{letter}: {len(bad)} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
