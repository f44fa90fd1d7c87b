#!/usr/bin/env python3
"""SIGKILL `letterpipe batch` at several moments; nothing may be partial.

usage: batch_kill.py LETTERPIPE CORPUS_DIR [LETTERS]

Makes an archive of LETTERS (default 600, or 60 under the valgrind test
setup) letters from the corpus
letters: copies under varied names and folders, each with small
deterministic edits (years moved, a blank line added) so that no two
have the same sha256.  Then:

1. an uninterrupted `batch -j 2 --db` into a fresh output folder and
   database gives the reference: its outputs must be exactly what
   `letterpipe parse` prints for each file;
2. `batch -j 2 --db` into another folder is started again and again and
   killed (SIGKILL to its whole process group, as a crash or the OOM
   killer would) after 0.02 s (while it makes the index), then after
   growing fractions of the reference run's time (3%, 5%, 8%, ... 50%),
   each run going on from the last, until one finishes by itself; at
   least 3 runs must have been killed.  After each kill:
     - every file in the output folder whose name has no temporary
       marker ('.tmp' in it, or a leading '.') is a complete output: it
       parses as YAML and equals `letterpipe parse` of its letter;
     - temporary files left behind are counted and reported, not failed;
     - the database, if any, is intact, and every letter in it is whole:
       its rows in every table are exactly the reference's rows for that
       letter (the database commits per letter); every `files` row is
       one of the reference's;
3. a rerun completes the job: exit 0, every output present and equal to
   the reference, and the database equal to the reference (every table,
   every row, sorted);
4. a `--force` rerun is killed too: every output is still there and
   complete (each is replaced by a rename, never removed first), and a
   last rerun again gives the reference database.

Exit status 0 when all of this holds, 1 otherwise.
"""
import concurrent.futures
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import batch_check  # noqa: E402

import yaml  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
problems = []


def fail(msg):
    problems.append(msg)
    print(f"FAIL: {msg}")


def corpus_letters(corpus):
    names = sorted(n for n in os.listdir(corpus)
                   if n.endswith((".md", ".txt", ".html")))
    return [os.path.join(corpus, n) for n in names]


def make_archive(corpus, root, count):
    """count letters under root/, deterministic, all sha256 different.
    Returns their paths relative to root, sorted."""
    letters = corpus_letters(corpus)
    rng = random.Random(1871)
    seen, rels = set(), []
    for i in range(count):
        src = letters[i % len(letters)]
        variant = i // len(letters)
        base = os.path.basename(src)
        stem, ext = os.path.splitext(base)
        family = stem.split("_")[0]
        rel = os.path.join(str(2019 + variant % 5), family,
                           f"{stem}_{i:04d}{ext}")
        text = open(src, "rb").read().decode("utf-8")
        if variant:
            # Move one or two years along; the parse copes either way.
            for _ in range(rng.randint(1, 2)):
                years = list(re.finditer(r"\b20[12]\d\b", text))
                if years:
                    m = rng.choice(years)
                    text = (text[:m.start()] + str(int(m.group()) + variant)
                            + text[m.end():])
        nl = "\r\n" if "\r\n" in text else "\n"
        data = text.encode("utf-8")
        while hashlib.sha256(data).hexdigest() in seen:
            data += nl.encode()
        seen.add(hashlib.sha256(data).hexdigest())
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        rels.append(rel)
    return sorted(rels)


def expected_outputs(lp, work, rels):
    """rel -> what `letterpipe parse` prints for archive/rel."""
    def parse(rel):
        r = subprocess.run([lp, "parse", "-f", "yaml",
                            os.path.join("archive", rel)],
                           cwd=work, capture_output=True)
        if r.returncode:
            raise SystemExit(f"parse archive/{rel} failed: "
                             f"{r.stderr.decode().strip()}")
        return rel, r.stdout
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        return dict(ex.map(parse, rels))


def is_temp(name):
    return "tmp" in name.lower() or name.startswith(".")


def scan_outputs(outdir, expected):
    """(complete outputs, temporary leftovers, bad files): every file
    without a temporary marker must be a whole output."""
    present, temps, bad = set(), [], []
    if not os.path.isdir(outdir):
        return present, temps, bad
    for dirpath, _, files in os.walk(outdir):
        for name in files:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, outdir)
            if is_temp(name):
                temps.append(rel)
                continue
            if not rel.endswith(".yaml") or rel[:-5] not in expected:
                bad.append(f"{rel}: not an output of any letter")
                continue
            data = open(path, "rb").read()
            try:
                yaml.load(data, Loader=LOADER)
            except yaml.YAMLError as e:
                bad.append(f"{rel}: does not parse as YAML "
                           f"({len(data)} bytes): {str(e).splitlines()[0]}")
                continue
            if data != expected[rel[:-5]]:
                bad.append(f"{rel}: not what parse prints ({len(data)} "
                           f"bytes, want {len(expected[rel[:-5]])})")
                continue
            present.add(rel[:-5])
    return present, sorted(temps), bad


def rows_by_letter(db):
    """{table: {letter_id: sorted rows}} for every table with a
    letter_id, the set of (path, letter_id) of files, and what
    integrity_check says."""
    con = batch_check.connect(db)
    out, files = {}, set()
    for t in batch_check.tables(con):
        cols = batch_check.columns(con, t)
        if t == "files":
            files = set(con.execute("select path, letter_id from files"))
            continue
        rows = con.execute(f'select * from "{t}"').fetchall()
        if "letter_id" not in cols:
            continue
        i = cols.index("letter_id")
        by = {}
        for r in rows:
            by.setdefault(r[i], []).append(r)
        out[t] = {k: sorted(v, key=batch_check.sort_key)
                  for k, v in by.items()}
    ic = con.execute("pragma integrity_check").fetchall()
    con.close()
    return out, files, ic


def check_db_after_kill(db, ref, ref_files):
    """Every letter present is whole; returns the number of letters."""
    if not os.path.exists(db):
        return 0
    try:
        got, files, ic = rows_by_letter(db)
    except Exception as e:  # a database that will not open is a failure
        fail(f"{db} does not open after a kill: {e}")
        return 0
    if ic != [("ok",)]:
        fail(f"{db}: integrity_check says {ic[:3]}")
    letters = set(got.get("letters", {}))
    for t, by in got.items():
        for lid, rows in by.items():
            if lid not in letters:
                fail(f"{t}: {len(rows)} rows of letter {lid}, which is not "
                     "in letters (half a letter committed)")
            elif rows != ref.get(t, {}).get(lid, []):
                fail(f"{t}: letter {lid} has {len(rows)} rows, the "
                     f"reference {len(ref.get(t, {}).get(lid, []))} (or "
                     "they differ)")
    for lid in letters:
        for t in ref:
            if lid in ref[t] and lid not in got.get(t, {}):
                fail(f"letter {lid} is indexed without its rows of {t}")
    orphans = sorted(f for f in files if f[1] not in letters)
    if orphans:
        fail(f"files rows whose letter is not in letters (half a letter "
             f"committed): {orphans[:3]}")
    extra = files - ref_files
    if extra:
        fail(f"files rows not in the reference: {sorted(extra)[:3]}")
    return len(letters)


def start(lp, work, args, log):
    return subprocess.Popen([lp, "batch", *args], cwd=work,
                            stdout=subprocess.DEVNULL,
                            stderr=open(log, "wb"), start_new_session=True)


def run_and_kill(lp, work, args, delay, log):
    """Start a batch, SIGKILL its process group after delay seconds.
    Returns (killed, exit status)."""
    p = start(lp, work, args, log)
    time.sleep(delay)
    killed = p.poll() is None
    if killed:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            killed = False
    rc = p.wait()
    # Workers in the group die with it; give the kernel a moment to
    # reap them before looking at the files.
    time.sleep(0.05)
    return killed, rc


def tail(log, n=5):
    try:
        return " | ".join(open(log, errors="replace").read()
                          .splitlines()[-n:])
    except OSError:
        return ""


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    lp = os.path.abspath(sys.argv[1])
    corpus = os.path.abspath(sys.argv[2])
    # Under the valgrind setup (LP_TEST_WRAPPER), each letter takes some
    # thirty times as long: a tenth of the letters still has every
    # moment to kill at, and the run ends within the test's timeout.
    default = 60 if os.environ.get("LP_TEST_WRAPPER") else 600
    count = int(sys.argv[3]) if len(sys.argv) > 3 else default
    probe = subprocess.run([lp, "batch"], capture_output=True, text=True)
    if "unknown command 'batch'" in probe.stderr:
        print("FAIL: this letterpipe has no batch command")
        return 1
    work = tempfile.mkdtemp(prefix="batch_kill.")
    try:
        return run(lp, corpus, count, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(lp, corpus, count, work):
    rels = make_archive(corpus, os.path.join(work, "archive"), count)
    expected = {rel: out for rel, out in
                expected_outputs(lp, work, rels).items()}
    size = sum(os.path.getsize(os.path.join(work, "archive", r))
               for r in rels)
    print(f"archive: {len(rels)} letters, {size} bytes")

    # 1. The reference: one uninterrupted run.
    t0 = time.perf_counter()
    ref = subprocess.run([lp, "batch", "-j", "2", "--db", "ref.sqlite",
                          "archive", "-o", "ref"], cwd=work,
                         capture_output=True)
    elapsed = time.perf_counter() - t0
    if ref.returncode != 0:
        fail(f"reference run: exit {ref.returncode}: "
             f"{ref.stderr.decode()[-500:]}")
        return 1
    present, temps, bad = scan_outputs(os.path.join(work, "ref"), expected)
    for b in bad[:10]:
        fail(f"reference run: {b}")
    if present != set(expected) or temps:
        fail(f"reference run: {len(present)} of {len(expected)} outputs, "
             f"{len(temps)} temporary files left")
    ref_dump = batch_check.dump_lines(os.path.join(work, "ref.sqlite"))
    ref_rows, ref_files, _ = rows_by_letter(os.path.join(work,
                                                         "ref.sqlite"))
    print(f"reference run: {elapsed:.2f} s, "
          f"{len(ref_rows.get('letters', {}))} letters indexed")

    # 2. Kill, look, run again.
    args = ["-j", "2", "--db", "index.sqlite", "archive", "-o", "out"]
    out = os.path.join(work, "out")
    db = os.path.join(work, "index.sqlite")
    # The first kill lands while the index is being made; the others at
    # growing fractions of the reference run's time, each run going on
    # from where the last was killed, until one finishes by itself.
    delays = [0.02] + [elapsed * f for f in
                       (0.03, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3,
                        0.4, 0.5)]
    kills = 0
    for n, delay in enumerate(delays):
        log = os.path.join(work, f"kill{n}.err")
        killed, rc = run_and_kill(lp, work, args, delay, log)
        kills += killed
        if not killed and rc != 0:
            fail(f"run {n} finished before its kill with exit {rc}: "
                 f"{tail(log)}")
        present, temps, bad = scan_outputs(out, expected)
        for b in bad[:10]:
            fail(f"after a kill at {delay:.2f} s: {b}")
        letters = check_db_after_kill(db, ref_rows, ref_files)
        print(f"{'killed' if killed else 'finished'} at {delay:.2f} s: "
              f"{len(present)}/{len(expected)} outputs, {letters} letters "
              f"indexed, {len(temps)} temporary files left"
              + (f" ({', '.join(temps[:3])})" if temps else ""))
        if not killed:
            break
    if kills < 3:
        fail(f"only {kills} runs were killed before they finished; "
             "use more LETTERS")

    # 3. A rerun completes the job.
    final = subprocess.run([lp, "batch", *args], cwd=work,
                           capture_output=True)
    if final.returncode != 0:
        fail(f"the rerun after the kills: exit {final.returncode}: "
             f"{final.stderr.decode()[-500:]}")
    present, temps, bad = scan_outputs(out, expected)
    for b in bad[:10]:
        fail(f"after the rerun: {b}")
    if present != set(expected):
        missing = sorted(set(expected) - present)
        fail(f"after the rerun: {len(missing)} outputs missing, "
             f"such as {missing[:3]}")
    if temps:
        print(f"note: {len(temps)} temporary files still there after the "
              f"rerun (ignored, not cleaned): {temps[:3]}")
    got_dump = batch_check.dump_lines(db)
    if got_dump != ref_dump:
        diff = [l for l in set(got_dump) ^ set(ref_dump)][:4]
        fail(f"after the rerun the index differs from the reference: "
             f"{diff}")

    # 4. Kill a --force run: outputs are replaced, never missing.
    for delay in (elapsed * 0.1, elapsed * 0.3):
        killed, rc = run_and_kill(lp, work, ["--force", *args], delay,
                                  os.path.join(work, "force.err"))
        present, temps, bad = scan_outputs(out, expected)
        for b in bad[:10]:
            fail(f"after killing --force at {delay:.2f} s: {b}")
        if present != set(expected):
            fail(f"after killing --force at {delay:.2f} s: "
                 f"{len(set(expected) - present)} outputs missing")
        check_db_after_kill(db, ref_rows, ref_files)
        print(f"--force {'killed' if killed else 'finished'} at "
              f"{delay:.2f} s: {len(present)}/{len(expected)} outputs, "
              f"{len(temps)} temporary files left")
    last = subprocess.run([lp, "batch", *args], cwd=work,
                          capture_output=True)
    if last.returncode != 0:
        fail(f"the rerun after --force was killed: exit {last.returncode}")
    if batch_check.dump_lines(db) != ref_dump:
        fail("after killing --force and rerunning, the index differs "
             "from the reference")
    present, temps, bad = scan_outputs(out, expected)
    for b in bad[:10]:
        fail(f"after the last rerun: {b}")
    if temps:
        print(f"note: {len(temps)} temporary files still there at the end "
              f"(ignored, not cleaned): {temps[:3]}")

    print(f"{len(problems)} problems" if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
