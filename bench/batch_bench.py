#!/usr/bin/env python3
"""Time `letterpipe batch` on an archive of N letters, and its memory.

usage: batch_bench.py LETTERPIPE CORPUS_DIR [N]

Makes, deterministically, an archive of N letters (default 10000) from
the corpus letters (bench/archive.py: each letter a copy of one of them
with other amounts, dates, people and paragraph lengths, so that every
letter has its own sha256 and the batch parses them all).

Runs `batch --db` with -j 1 and with -j 2, each into a fresh output
folder and index, and prints letters/s, MB/s (of input) and the peak
RSS of each run, and the -j 2 / -j 1 speed-up.  Then the same on an
archive ten times smaller (its first N/10 letters), to show that peak
RSS does not grow with the size of the archive; and on the N letters
without --db, to show what the index costs (and whether the one SQLite
writer is what limits -j 2).

Peak RSS: each run is started by a small Python wrapper of its own
that prints its RUSAGE_CHILDREN ru_maxrss, so that no other child of
this script counts.  That is the largest resident set of any one
process of the run (the batch, or one of its workers if it forks
some), not their sum.

Fails (exit 1) when a run fails or does not parse every letter, or when
the peak RSS on N letters is more than twice that on N/10.  Everything
is made under a temporary folder, removed at the end.
"""
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time


sys.dont_write_bytecode = True  # leave no __pycache__ in the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests"))
import batch_check  # noqa: E402
from archive import make_archive, sources  # noqa: E402
from measured import measured  # noqa: E402



def measure(lp, work, archive, jobs, n, with_db=True):
    """Run one batch in its own wrapper; a dict of what it took."""
    out = os.path.join(work, f"out-j{jobs}")
    db = os.path.join(work, f"index-j{jobs}.sqlite")
    err = os.path.join(work, f"j{jobs}.err")
    shutil.rmtree(out, ignore_errors=True)
    for f in glob.glob(db + "*"):
        os.remove(f)
    res = measured([lp, "batch", "-j", str(jobs),
                    *(["--db", db] if with_db else []), archive, "-o", out],
                   err)
    lines = batch_check.summary_lines(err)
    res["summary"] = lines[-1] if lines else ""
    counts = batch_check.parse_summary(lines[-1]) if lines else {}
    res["ok"] = res["rc"] == 0 and counts.get("parsed") == n
    res["indexed"], res["db_mb"] = "-", 0.0
    if with_db:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            res["indexed"] = con.execute("select count(*) from letters"
                                         ).fetchone()[0]
            con.close()
            res["ok"] = res["ok"] and res["indexed"] == n
            res["db_mb"] = sum(os.path.getsize(f)
                               for f in glob.glob(db + "*")) / 1e6
        except sqlite3.Error as e:
            res["indexed"], res["ok"] = str(e), False
    if not res["ok"]:
        res["why"] = open(err, errors="replace").read()[-400:]
    shutil.rmtree(out, ignore_errors=True)
    for f in glob.glob(db + "*"):
        os.remove(f)
    return res


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    lp = os.path.abspath(sys.argv[1])
    corpus = sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    small_n = max(1, n // 10)
    probe = subprocess.run([lp, "batch"], capture_output=True, text=True)
    if "unknown command 'batch'" in probe.stderr:
        print("FAIL: this letterpipe has no batch command")
        return 1
    srcs = sources(corpus)
    work = tempfile.mkdtemp(prefix="batch_bench.")
    try:
        t = time.perf_counter()
        big = os.path.join(work, "archive")
        small = os.path.join(work, "small")
        _, big_bytes, _ = make_archive(srcs, big, n)
        _, small_bytes, _ = make_archive(srcs, small, small_n)
        print(f"made {n} + {small_n} letters from {len(srcs)} corpus "
              f"letters in {time.perf_counter() - t:.1f} s "
              f"({big_bytes / 1e6:.1f} MB + {small_bytes / 1e6:.1f} MB)")
        runs = []
        for label, archive, count, size, db in (
                ("N", big, n, big_bytes, True),
                ("N/10", small, small_n, small_bytes, True),
                ("N no db", big, n, big_bytes, False)):
            for jobs in (1, 2):
                res = measure(lp, work, archive, jobs, count, db)
                res.update(label=label, jobs=jobs, letters=count,
                           mb=size / 1e6)
                runs.append(res)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'archive':<9}{'-j':>3}{'letters':>9}{'MB':>8}{'seconds':>9}"
          f"{'letters/s':>11}{'MB/s':>8}{'peak RSS MB':>13}{'index MB':>10}")
    for r in runs:
        s = r["seconds"]
        print(f"{r['label']:<9}{r['jobs']:>3}{r['letters']:>9}"
              f"{r['mb']:>8.1f}{s:>9.2f}{r['letters'] / s:>11.1f}"
              f"{r['mb'] / s:>8.2f}{r['maxrss_kb'] / 1024:>13.1f}"
              f"{r['db_mb']:>10.1f}" + ("" if r["ok"] else "  FAILED"))
    by = {(r["label"], r["jobs"]): r for r in runs}
    status = 0
    for r in runs:
        if not r["ok"]:
            print(f"FAIL: {r['label']} -j {r['jobs']}: exit {r['rc']}, "
                  f"indexed {r['indexed']} of {r['letters']}: "
                  f"{r.get('why', r['summary'])}")
            status = 1
    speedup = by["N", 1]["seconds"] / by["N", 2]["seconds"]
    print(f"-j 2 / -j 1 on N letters: {speedup:.2f}x with --db, "
          f"{by['N no db', 1]['seconds'] / by['N no db', 2]['seconds']:.2f}x "
          f"without ({os.cpu_count()} cores here)")
    for jobs in (1, 2):
        ratio = by["N", jobs]["maxrss_kb"] / max(1, by["N/10", jobs]
                                                 ["maxrss_kb"])
        print(f"peak RSS, {n} letters / {small_n}, -j {jobs}: {ratio:.2f}x")
        if ratio > 2.0:
            print(f"FAIL: with -j {jobs} peak RSS grows with the archive "
                  f"({ratio:.2f}x for 10x the letters)")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
