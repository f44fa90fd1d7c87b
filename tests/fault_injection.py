#!/usr/bin/env python3
"""Fail each allocation of `letterpipe parse LETTER` in turn.

usage: fault_injection.py LETTERPIPE FAILMALLOC_SO LETTER [STRIDE]

tests/failmalloc.c, preloaded, makes the Nth allocation after main()
fail.  For N = 1, 1 + STRIDE, ... up to the number of allocations a
normal run makes, the run must end either in exactly the normal output
(exit 0: the failure was met and dealt with) or in one line on stderr,
`letterpipe: ...`, exit 1 and no output file: never a signal, a hang,
two lines or half a file.  STRIDE 1 (the default) tries every N.
"""
import os
import subprocess
import sys
import tempfile


def run(letterpipe, lib, letter, out, env_extra):
    env = dict(os.environ, LD_PRELOAD=lib, **env_extra)
    return subprocess.run([letterpipe, "parse", letter, "-o", out],
                          capture_output=True, env=env, timeout=60)


def main():
    letterpipe, lib, letter = sys.argv[1:4]
    stride = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.yaml")
        count = os.path.join(tmp, "count")
        first = run(letterpipe, lib, letter, out, {"LP_COUNT_ALLOC": count})
        if first.returncode != 0:
            print("FAIL: the letter does not parse:", first.stderr.decode())
            return 1
        want = open(out, "rb").read()
        total = int(open(count).read())
        tried = 0
        for n in range(1, total + 1, stride):
            if os.path.exists(out):
                os.unlink(out)
            r = run(letterpipe, lib, letter, out, {"LP_FAIL_ALLOC": str(n)})
            tried += 1
            err = r.stderr.decode(errors="replace")
            lines = err.splitlines()
            if r.returncode == 0:
                ok = not err and open(out, "rb").read() == want
            else:
                ok = (r.returncode == 1 and len(lines) == 1 and
                      lines[0].startswith("letterpipe: ") and
                      not os.path.exists(out))
            if not ok:
                failures.append(f"N={n}: exit {r.returncode}: {err[:200]!r}")
        left = [f for f in os.listdir(tmp) if f not in ("count",)]
    for f in failures[:20]:
        print("FAIL:", f)
    print(f"{tried} of {total} allocations failed in turn, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
