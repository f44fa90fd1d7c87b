#!/usr/bin/env python3
"""The review pages (parse -f html, diff -f html) against their goldens
and against what the YAML says.

usage: check_review.py LETTERPIPE CHECK_HTML letter LETTER GOLDEN.html
       check_review.py LETTERPIPE CHECK_HTML diff TOPIC.expect.yaml

letter: `parse -f html LETTER` must equal GOLDEN.html byte for byte and
pass tests/check_html.c; and the page must hold what `parse -f yaml`
says: one article per pair with the pair's stance on its badge, one
<mark> per entity of each kind, one row per commitment of a response,
one row per amount with the total of those amounts, one bar per
deadline.

diff: `diff -f html OLD NEW` (the letters the expect file names) must
equal TOPIC.diff.html, pass check_html, exit as the text diff does, and
list the changes `diff -f yaml` lists, in order, by kind.

To accept a deliberate change, regenerate with tests/regen-golden.sh and
read the diff (and the page, in a browser) before committing it.
"""
import html.parser
import os
import subprocess
import sys

import yaml


class Page(html.parser.HTMLParser):
    """The parts of a review page the checks count."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks = {}          # kind -> count, the legend left out
        self.articles = []       # ids of <article class="pair">
        self.badges = []         # stance words, in order
        self.tables = {}         # section id -> rows of cells
        self.bars = 0
        self.changes = []        # kinds, in order
        self.total = None
        self._stack = []
        self._section = None
        self._row = None
        self._cell = None
        self._in_legend = False
        self._in_kind = False
        self._badge = None
        self._in_tfoot = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        self._stack.append(tag)
        if tag == "section" and "id" in a:
            self._section = a["id"]
        elif tag == "p" and "legend" in cls:
            self._in_legend = True
        elif tag == "mark" and not self._in_legend:
            kind = cls[-1]
            self.marks[kind] = self.marks.get(kind, 0) + 1
        elif tag == "article" and "pair" in cls:
            self.articles.append(a.get("id"))
        elif tag == "span" and "badge" in cls and self._section is None:
            self._badge = ""
        elif tag == "tfoot":
            self._in_tfoot = True
        elif tag == "tr" and self._section and not self._in_tfoot:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = ""
        elif tag == "td" and self._in_tfoot and "num" in cls:
            self._cell = ""
        elif tag == "rect":
            self.bars += 1
        elif tag == "span" and "kind" in cls:
            self._in_kind = True

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()
        if tag == "p":
            self._in_legend = False
        elif tag == "span" and self._badge is not None:
            self.badges.append(self._badge)
            self._badge = None
        elif tag == "span":
            self._in_kind = False
        elif tag == "td" and self._cell is not None:
            if self._row is not None:
                self._row.append(self._cell)
            elif self._in_tfoot and self.total is None:
                self.total = self._cell
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.tables.setdefault(self._section, []).append(self._row)
            self._row = None
        elif tag == "tfoot":
            self._in_tfoot = False

    def handle_data(self, data):
        if self._badge is not None:
            self._badge += data
        if self._cell is not None:
            self._cell += data
        if self._in_kind:
            self.changes.append(data)


def run(cmd, ok=(0,)):
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode not in ok:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {p.returncode}: "
                 f"{p.stderr.decode(errors='replace')}")
    return p


def html_problems(check_html, page):
    """What tests/check_html.c says of the page's bytes."""
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                        f"review-{os.getpid()}.html")
    with open(path, "wb") as f:
        f.write(page)
    p = subprocess.run([check_html, path], capture_output=True, text=True)
    os.remove(path)
    return [] if p.returncode == 0 else ["check_html: " + p.stdout.strip()]


def same_as_golden(out, golden):
    if not os.path.exists(golden):
        return [f"no golden file {golden}"]
    if open(golden, "rb").read() != out:
        return [f"the page differs from {os.path.basename(golden)} "
                "(tests/regen-golden.sh, then read it)"]
    return []


SYMBOL = {"GBP": "£", "EUR": "€", "USD": "$"}


def pounds(v, currency="GBP"):
    """An amount as the page writes it: "£17,700,000", "CHF 1,200.50"."""
    whole, pence = divmod(round(abs(v) * 100), 100)
    return (("-" if v < 0 else "")
            + SYMBOL.get(currency, currency + " ") + f"{whole:,}"
            + (f".{pence:02d}" if pence else ""))


def deadline_dates(section):
    """The dates of a section that are deadlines: marked so, or the
    deadline of one of its commitments."""
    of_commits = {(c.get("deadline") or {}).get("text")
                  for c in section.get("commitments") or []}
    return [d for d in section.get("dates") or []
            if d.get("deadline") or d.get("text") in of_commits]


def check_letter(lp, check_html, letter, golden):
    os.chdir(os.path.dirname(os.path.abspath(letter)))
    name = os.path.basename(letter)
    out = run([lp, "parse", "-f", "html", name]).stdout
    doc = yaml.safe_load(run([lp, "parse", name]).stdout)
    fails = same_as_golden(out, golden) + html_problems(check_html, out)
    page = Page()
    page.feed(out.decode("utf-8"))

    pairs = doc.get("pairs") or []
    sections = [doc.get("cover"), doc.get("introduction"),
                doc.get("closing")]
    for pr in pairs:
        sections += [pr.get("recommendation"), pr.get("response")]
    sections = [s for s in sections if s]
    want = {"money": 0, "date": 0, "deadline": 0, "commitment": 0}
    for s in sections:
        want["money"] += len(s.get("money") or [])
        want["commitment"] += len(s.get("commitments") or [])
        deadlines = deadline_dates(s)
        want["deadline"] += len(deadlines)
        want["date"] += len(s.get("dates") or []) - len(deadlines)
    got = {k: page.marks.get(k, 0) for k in want}
    if got != want:
        fails.append(f"marks in the text {got}, the YAML has {want}")
    if len(page.articles) != len(pairs):
        fails.append(f"{len(page.articles)} pair articles, "
                     f"{len(pairs)} pairs")
    stances = [(pr.get("stance") or "unstated").replace("-", " ")
               for pr in pairs]
    # The contents list first, then each pair's heading.
    if page.badges != stances + stances:
        fails.append(f"stance badges {page.badges}, want {stances} twice")
    commits = sum(len((pr.get("response") or {}).get("commitments") or [])
                  for pr in pairs)
    rows = page.tables.get("commitments", [])
    if len(rows) != commits:
        fails.append(f"{len(rows)} commitment rows, {commits} commitments "
                     "in the responses")
    money = [m for pr in pairs
             for side in ("recommendation", "response")
             for m in (pr.get(side) or {}).get("money") or []]
    money_rows = page.tables.get("money", [])
    # Two tables: by size, then in reading order.
    if len(money_rows) != 2 * len(money):
        fails.append(f"{len(money_rows)} money rows, want {len(money)} "
                     "in each of two orders")
    elif money:
        order = [r[2] for r in money_rows[len(money):]]
        if order != [m["text"] for m in money]:
            fails.append(f"money in reading order {order}")
        total = sum(m["amount"] for m in money
                    if "amount" in m and m.get("range") != "upper")
        if {m.get("currency", "GBP") for m in money} == {"GBP"} and \
                page.total != pounds(total):
            fails.append(f"money total {page.total}, want {pounds(total)}")
        sizes = [r[3] for r in money_rows[:len(money)]]
        want_sizes = [pounds(m["amount"], m.get("currency", "GBP"))
                      for m in
                      sorted(money, key=lambda m: -m.get("amount", -1))
                      if "amount" in m]
        if sizes[:len(want_sizes)] != want_sizes:
            fails.append(f"money by size {sizes}, want {want_sizes}")
    deadlines = sum(1 for pr in pairs
                    for side in ("recommendation", "response")
                    for d in deadline_dates(pr.get(side) or {})
                    if d.get("value"))
    if page.bars != deadlines:
        fails.append(f"{page.bars} bars on the timeline, "
                     f"{deadlines} deadlines with a value")
    return fails


def check_diff(lp, check_html, expect):
    os.chdir(os.path.dirname(os.path.abspath(expect)))
    topic = os.path.basename(expect)[:-len(".expect.yaml")]
    spec = yaml.safe_load(open(os.path.basename(expect)))
    old, new = spec["old"], spec["new"]
    text = run([lp, "diff", old, new], ok=(0, 1))
    p = run([lp, "diff", "-f", "html", old, new], ok=(0, 1))
    fails = same_as_golden(p.stdout, topic + ".diff.html")
    if p.returncode != text.returncode:
        fails.append(f"html exits {p.returncode}, text {text.returncode}")
    fails += html_problems(check_html, p.stdout)
    page = Page()
    page.feed(p.stdout.decode("utf-8"))
    changes = yaml.safe_load(run([lp, "diff", "-f", "yaml", old, new],
                                 ok=(0, 1)).stdout).get("changes") or []
    kinds = [c["kind"] for c in changes]
    if page.changes != kinds:
        fails.append(f"changes listed {page.changes}, the YAML has {kinds}")
    return fails


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    lp, check_html, mode = (os.path.abspath(sys.argv[1]),
                            os.path.abspath(sys.argv[2]), sys.argv[3])
    if mode == "letter":
        fails = check_letter(lp, check_html, sys.argv[4],
                             os.path.abspath(sys.argv[5]))
    else:
        fails = check_diff(lp, check_html, sys.argv[4])
    for f in fails:
        print("FAIL:", f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
