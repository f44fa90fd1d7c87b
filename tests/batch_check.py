#!/usr/bin/env python3
"""Checks on what `letterpipe batch` leaves behind, for tests/batch.sh,
tests/batch_kill.py and bench/batch_bench.py.

usage: batch_check.py COMMAND ARGS...

  summary ERRFILE COND...     the final 'letterpipe: batch:' line of
                              ERRFILE meets every COND (parsed=0,
                              failed>=5, duplicates=1, ...)
  snap DIR                    every file under DIR with its mtime (ns),
                              inode and size, one a line, sorted
  dump DB                     every table of DB: its columns, then its
                              rows sorted, one a line
  count DB TABLE              the number of rows of TABLE
  query DB SQL                run SQL, print the number of rows it gives
  columns DB                  the tables and columns the specification
                              names are all there, by those names
  dbcheck DB ROOT OUTDIR      the index agrees with the YAML outputs (see
                              check_db below); ROOT is the DIR the batch
                              was given, OUTDIR its -o
  csv DB TABLE CSVFILE        CSVFILE (from --export-csv TABLE) has a
                              header row and exactly TABLE's rows

Exit status 0 when the check holds, 1 (with the reasons on stdout) when
it does not, 2 on a usage error.
"""
import calendar
import collections
import csv
import datetime
import os
import re
import sqlite3
import sys

# The columns the specification names; a table may have more.
SPEC_COLUMNS = {
    "meta": ["key", "value"],
    "letters": ["letter_id", "sha256", "generator", "format", "bytes",
                "reference", "date", "sender_name", "sender_role",
                "recipient_name", "recipient_role", "report", "pairs"],
    "files": ["path", "letter_id"],
    "pairs": ["letter_id", "pair", "number", "label", "stance",
              "recommendation", "response"],
    "commitments": ["letter_id", "pair", "section", "seq", "text", "actor",
                    "actor_resolved", "modality", "deadline",
                    "deadline_text", "deadline_value", "span_start",
                    "span_end"],
    "money": ["letter_id", "pair", "section", "seq", "text", "amount",
              "currency", "qualifier", "max", "period", "status",
              "range_upper", "span_start", "span_end"],
    "dates": ["letter_id", "pair", "section", "seq", "text", "value", "kind",
              "start_date", "end_date", "deadline", "span_start",
              "span_end"],
}
ENTITY_TABLES = ("commitments", "money", "dates")
SUMMARY_PREFIX = "letterpipe: batch:"


# ---------------------------------------------------------------- summary

def summary_key(words):
    """The count a phrase of the summary line names, or None."""
    w = words.strip().lower()
    if "pair" in w:
        return "without_pairs"
    if w.startswith("dup") or "same content" in w:
        return "duplicates"
    if "unchanged" in w or "up to date" in w or "up-to-date" in w:
        return "unchanged"
    if "fail" in w or "error" in w:
        return "failed"
    if "pars" in w:
        return "parsed"
    if "warn" in w:
        return "warnings"
    if w.startswith("file") or w.startswith("letter") or w == "total":
        return "files"
    return None


def parse_summary(line):
    """{'files': 53, 'parsed': 53, ...} from the summary line, whether it
    says '53 files, 0 failed' or 'files: 53, failed: 0'."""
    text = line[len(SUMMARY_PREFIX):]
    counts = {}
    for number, words in re.findall(r"(\d+)\s+([A-Za-z][A-Za-z -]*)", text):
        key = summary_key(words)
        if key and key not in counts:
            counts[key] = int(number)
    if len(counts) >= 3:
        return counts
    counts = {}
    for words, number in re.findall(r"([A-Za-z][A-Za-z -]*?)\s*[:=]\s*(\d+)",
                                    text):
        key = summary_key(words)
        if key and key not in counts:
            counts[key] = int(number)
    return counts


def summary_lines(errfile):
    with open(errfile, encoding="utf-8", errors="replace") as f:
        return [l.rstrip("\n") for l in f if l.startswith(SUMMARY_PREFIX)]


def cmd_summary(errfile, *conds):
    lines = summary_lines(errfile)
    if len(lines) != 1:
        print(f"want one '{SUMMARY_PREFIX}' line in {errfile}, "
              f"found {len(lines)}")
        return 1
    counts = parse_summary(lines[0])
    bad = []
    for cond in conds:
        m = re.fullmatch(r"([a-z_]+)(>=|<=|=)(\d+)", cond)
        if not m:
            print(f"bad condition {cond!r}")
            return 2
        key, op, want = m.group(1), m.group(2), int(m.group(3))
        got = counts.get(key)
        if got is None:
            bad.append(f"no count of {key}")
        elif not {"=": got == want, ">=": got >= want,
                  "<=": got <= want}[op]:
            bad.append(f"{key} is {got}, want {op}{want}")
    if bad:
        print(f"summary {lines[0]!r}: " + "; ".join(bad))
        return 1
    return 0


# ------------------------------------------------------------------- snap

def cmd_snap(top):
    rows = []
    for dirpath, dirnames, filenames in os.walk(top):
        for name in filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            rows.append(f"{os.path.relpath(path, top)} {st.st_mtime_ns} "
                        f"{st.st_ino} {st.st_size}")
    for row in sorted(rows):
        print(row)
    return 0


# ---------------------------------------------------------------- SQLite

def connect(db):
    if not os.path.exists(db):
        raise SystemExit(f"{db}: no such database")
    return sqlite3.connect(db)


def tables(con):
    return [r[0] for r in con.execute(
        "select name from sqlite_master where type = 'table' "
        "and name not like 'sqlite_%' order by name")]


def columns(con, table):
    return [r[1] for r in con.execute(f'pragma table_info("{table}")')]


def sort_key(row):
    # Rows mix NULL, numbers and text: order them by a faithful repr.
    return repr(tuple((type(v).__name__, v) for v in row))


def dump_lines(db):
    """Every table, its columns and its rows, sorted: equal dumps mean
    equal databases, whatever order the rows were written in."""
    con = connect(db)
    out = []
    for t in tables(con):
        cols = columns(con, t)
        out.append(f"table {t} ({', '.join(cols)})")
        rows = con.execute(f'select * from "{t}"').fetchall()
        for row in sorted(rows, key=sort_key):
            out.append(f"  {t} {row!r}")
    con.close()
    return out


def cmd_dump(db):
    for line in dump_lines(db):
        print(line)
    return 0


def cmd_count(db, table):
    con = connect(db)
    print(con.execute(f'select count(*) from "{table}"').fetchone()[0])
    return 0


def cmd_query(db, sql):
    con = connect(db)
    try:
        rows = con.execute(sql).fetchall()
    except sqlite3.Error as e:
        print(f"query failed: {e}")
        return 1
    print(len(rows))
    return 0


def rows_as_dicts(con, sql, args=()):
    cur = con.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


# ----------------------------------------------------- index against YAML

def norm(v):
    """A YAML or SQLite scalar as text, for comparing the two; NULL, a
    missing field and '' are all None."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def truthy(v):
    return v not in (None, 0, "0", "", "false", "False", False)


def last_day(value):
    """The ISO day a deadline value falls on (its last day), or None when
    the value is not one this check understands."""
    if value is None:
        return None
    v = norm(value).split("/")[-1]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", v)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else 12
    day = (int(m.group(3)) if m.group(3)
           else calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def yaml_entities(doc):
    """(kind, pair or None, entity, section) for every entity of a
    parse YAML:
    pair 0 for the cover, k for the k-th pair (from 1), None for the
    introduction and closing, whose pair the specification leaves open."""
    sections = [(0, doc.get("cover")), (None, doc.get("introduction")),
                (None, doc.get("closing"))]
    for k, p in enumerate(doc.get("pairs") or [], 1):
        sections.append((k, p.get("recommendation")))
        sections.append((k, p.get("response")))
    for pair, sec in sections:
        if not isinstance(sec, dict):
            continue
        for kind in ENTITY_TABLES:
            for e in sec.get(kind) or []:
                yield kind, pair, e, sec


def load_yaml(path):
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


def check_entity(kind, e, row, pair, sec, where, bad):
    def same(field, want, got):
        if norm(want) != norm(got):
            bad.append(f"{where}: {field} is {got!r}, the YAML says {want!r}")
    if pair is not None:
        same("pair", pair, row["pair"])
    if kind == "commitments":
        actor = e.get("actor") or {}
        same("actor", actor.get("text"), row["actor"])
        same("actor_resolved", actor.get("resolved"), row["actor_resolved"])
        same("modality", e.get("modality"), row["modality"])
        dl = e.get("deadline") or {}
        same("deadline_text", dl.get("text"), row["deadline_text"])
        same("deadline_value", dl.get("value"), row["deadline_value"])
        if dl.get("value") is None:
            same("deadline", None, row["deadline"])
        elif last_day(dl.get("value")):
            same("deadline", last_day(dl.get("value")), row["deadline"])
    elif kind == "money":
        for field in ("currency", "qualifier", "period", "status"):
            same(field, e.get(field), row[field])
        for field in ("amount", "max"):
            want, got = e.get(field), row[field]
            if (want is None) != (got is None) or (
                    want is not None and abs(float(want) - float(got)) > 1e-6):
                bad.append(f"{where}: {field} is {got!r}, the YAML says "
                           f"{want!r}")
    else:
        same("value", e.get("value"), row["value"])
        same("kind", e.get("kind"), row["kind"])
        # dates.deadline: true where the YAML says deadline: true; it
        # may also be true for a date that a commitment of the same
        # section takes as its deadline (the specification leaves open
        # which of the two the column means).
        as_deadline = any((c.get("deadline") or {}).get("text") == e.get("text")
                          for c in sec.get("commitments") or [])
        if truthy(e.get("deadline")) and not truthy(row["deadline"]) or (
                truthy(row["deadline"]) and not truthy(e.get("deadline"))
                and not as_deadline):
            bad.append(f"{where}: deadline is {row['deadline']!r}, the YAML "
                       f"says {e.get('deadline')!r}")


def check_db(db, root, outdir):
    """What an index must be: WAL, schema_version 1, the tables and
    columns of the README (spans as span_start and span_end: END is an
    SQL keyword), intact, every row belonging to a
    letter, and every letter agreeing with the YAML written for its file
    (particulars, pairs, and each commitment, amount and date with its
    values and its deadline day)."""
    bad = []
    con = connect(db)
    mode = con.execute("pragma journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        bad.append(f"journal_mode is {mode}, not wal")
    have = set(tables(con))
    span_col = {}
    for t, cols in SPEC_COLUMNS.items():
        if t not in have:
            bad.append(f"no table {t}")
            continue
        got = columns(con, t)
        if t in ENTITY_TABLES:
            for c in ("start", "end"):
                span_col[t, c] = f"span_{c}"
        missing = [c for c in cols if c not in got]
        if missing:
            bad.append(f"table {t} lacks {', '.join(missing)}")
    if bad:
        return bad
    meta = dict(con.execute("select key, value from meta").fetchall())
    if norm(meta.get("schema_version")) != "1":
        bad.append(f"meta schema_version is {meta.get('schema_version')!r}")
    ic = con.execute("pragma integrity_check").fetchall()
    if ic != [("ok",)]:
        bad.append(f"integrity_check: {ic[:3]}")
    for t in ["files", "pairs", *ENTITY_TABLES]:
        n = con.execute(f'select count(*) from "{t}" where letter_id not in '
                        '(select letter_id from letters)').fetchone()[0]
        if n:
            bad.append(f"{n} rows of {t} belong to no letter")

    letters = {r["letter_id"]: r for r in
               rows_as_dicts(con, "select * from letters")}
    for f in rows_as_dicts(con, "select * from files order by path"):
        path = f["path"]
        where = path
        rel = os.path.relpath(path, root)
        out = os.path.join(outdir, rel + ".yaml")
        if rel.startswith(".."):
            bad.append(f"{where}: files.path is not under {root}")
            continue
        if not os.path.exists(out):
            bad.append(f"{where}: in the index but {out} is missing")
            continue
        doc = load_yaml(out)
        letter = letters.get(f["letter_id"])
        if letter is None:
            bad.append(f"{where}: letter_id {f['letter_id']} not in letters")
            continue
        src = doc.get("source") or {}
        det = doc.get("letter") or {}
        sender = det.get("sender") or {}
        recipient = det.get("recipient") or {}
        want = {
            "sha256": src.get("sha256"), "bytes": src.get("bytes"),
            "format": src.get("format"), "reference": det.get("reference"),
            "date": det.get("date"), "sender_name": sender.get("name"),
            "sender_role": sender.get("role"),
            "recipient_name": recipient.get("name"),
            "recipient_role": recipient.get("role"),
            "report": det.get("report"), "pairs": len(doc.get("pairs") or []),
        }
        if "generator" in doc:
            want["generator"] = doc["generator"]
        if norm(src.get("path")) != norm(path):
            bad.append(f"{where}: its YAML's source.path is "
                       f"{src.get('path')!r}")
        for field, value in want.items():
            if norm(value) != norm(letter[field]):
                bad.append(f"{where}: letters.{field} is {letter[field]!r}, "
                           f"the YAML says {value!r}")
        lid = f["letter_id"]
        # Pairs: one row each, numbered from 1 in letter order.
        pairs = doc.get("pairs") or []
        rows = rows_as_dicts(con, "select * from pairs where letter_id = ? "
                             "order by pair", (lid,))
        if [norm(r["pair"]) for r in rows] != [str(k) for k in
                                               range(1, len(pairs) + 1)]:
            bad.append(f"{where}: pairs rows {[r['pair'] for r in rows]}, "
                       f"want 1..{len(pairs)}")
        else:
            for r, p in zip(rows, pairs):
                w = f"{where}: pair {r['pair']}"
                for field, value in (
                        ("label", p.get("label")),
                        ("stance", p.get("stance")),
                        ("recommendation",
                         (p.get("recommendation") or {}).get("text")),
                        ("response", (p.get("response") or {}).get("text"))):
                    if norm(value) != norm(r[field]):
                        bad.append(f"{w}: {field} is {r[field]!r:.60}, the "
                                   f"YAML says {value!r:.60}")
                if isinstance(p.get("number"), int) and \
                        norm(p["number"]) != norm(r["number"]):
                    bad.append(f"{w}: number is {r['number']!r}, the YAML "
                               f"says {p['number']!r}")
        # Entities: matched on (text, start, end).
        want_ents = collections.defaultdict(list)
        for kind, pair, e, sec in yaml_entities(doc):
            span = e.get("span") or {}
            want_ents[kind].append(
                ((norm(e.get("text")), norm(span.get("start")),
                  norm(span.get("end"))), pair, e, sec))
        for kind in ENTITY_TABLES:
            rows = rows_as_dicts(con, f'select * from "{kind}" '
                                 'where letter_id = ?', (lid,))
            if len(rows) != len(want_ents[kind]):
                bad.append(f"{where}: {len(rows)} rows of {kind}, the YAML "
                           f"has {len(want_ents[kind])}")
            by_key = collections.defaultdict(list)
            for r in rows:
                by_key[(norm(r["text"]), norm(r[span_col[kind, "start"]]),
                        norm(r[span_col[kind, "end"]]))].append(r)
            for key, pair, e, sec in want_ents[kind]:
                if not by_key[key]:
                    bad.append(f"{where}: {kind} {key} is not in the index")
                    continue
                check_entity(kind, e, by_key[key].pop(0), pair, sec,
                             f"{where}: {kind} {key[0]!r:.50}", bad)
        # The letter's sha256 is the file's.
        try:
            import hashlib
            with open(path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
            if digest != letter["sha256"]:
                bad.append(f"{where}: letters.sha256 is not the file's")
        except OSError as e:
            bad.append(f"{where}: {e}")
    return bad


def cmd_columns(db):
    """Every table and column the specification names is there, by
    that name."""
    con = connect(db)
    have = set(tables(con))
    bad = []
    for t, cols in SPEC_COLUMNS.items():
        if t not in have:
            bad.append(f"no table {t}")
            continue
        missing = [c for c in cols if c not in columns(con, t)]
        if missing:
            bad.append(f"table {t} has no column {', '.join(missing)} "
                       f"(it has {', '.join(columns(con, t))})")
    for b in bad:
        print(b)
    return 1 if bad else 0


def cmd_dbcheck(db, root, outdir):
    bad = check_db(db, root, outdir)
    for b in bad[:30]:
        print(b)
    if len(bad) > 30:
        print(f"... and {len(bad) - 30} more")
    return 1 if bad else 0


# -------------------------------------------------------------------- CSV

def csv_norm(v):
    """A cell, the same whether it came from SQLite or from CSV text."""
    if v is None or v == "":
        return ""
    s = str(v) if not isinstance(v, float) else repr(v)
    try:
        return ("n", float(s))
    except ValueError:
        return ("s", s)


def cmd_csv(db, table, csvfile):
    con = connect(db)
    cols = columns(con, table)
    with open(csvfile, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    if not rows:
        print(f"{csvfile}: empty, not even a header")
        return 1
    header, body = rows[0], rows[1:]
    bad = []
    missing = [c for c in SPEC_COLUMNS.get(table, cols) if c not in header
               and not (c in ("start", "end") and f"span_{c}" in header)]
    if missing:
        bad.append(f"header {header} lacks {missing}")
    n = con.execute(f'select count(*) from "{table}"').fetchone()[0]
    if len(body) != n:
        bad.append(f"{len(body)} rows, the table has {n}")
    ragged = [i for i, r in enumerate(body, 2) if len(r) != len(header)]
    if ragged:
        bad.append(f"rows {ragged[:5]} have not {len(header)} fields")
    common = [c for c in header if c in cols]
    if not bad and common:
        idx = [header.index(c) for c in common]
        got = collections.Counter(
            tuple(csv_norm(r[i] if r[i] != "" else None) for i in idx)
            for r in body)
        sel = ", ".join(f'"{c}"' for c in common)
        want = collections.Counter(
            tuple(csv_norm(v) for v in r)
            for r in con.execute(f'select {sel} from "{table}"'))
        if got != want:
            extra = list((got - want).elements())[:2]
            lost = list((want - got).elements())[:2]
            bad.append(f"rows differ from the table: in the CSV only "
                       f"{extra}, in the table only {lost}")
    for b in bad:
        print(f"{table}: {b}")
    return 1 if bad else 0


COMMANDS = {
    "summary": (cmd_summary, 1, None),
    "snap": (cmd_snap, 1, 1),
    "dump": (cmd_dump, 1, 1),
    "count": (cmd_count, 2, 2),
    "query": (cmd_query, 2, 2),
    "columns": (cmd_columns, 1, 1),
    "dbcheck": (cmd_dbcheck, 3, 3),
    "csv": (cmd_csv, 3, 3),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    fn, lo, hi = COMMANDS[argv[1]]
    args = argv[2:]
    if len(args) < lo or (hi is not None and len(args) > hi):
        print(__doc__, file=sys.stderr)
        return 2
    return fn(*args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
