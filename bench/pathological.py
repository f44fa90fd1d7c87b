#!/usr/bin/env python3
"""Pathological inputs must take time linear in their size.

usage: pathological.py LETTERPIPE [RUNS]

Each input is made at two sizes, the second ten times the first, and
`letterpipe parse` timed on both (the best of RUNS runs, default 3).
Whether the input is read or refused with one line, 10x the input must
take at most about 10x the time: the run fails when a ratio passes 12.
The inputs are those of the hardening issue: a file that is one long
line, a run of pound signs, many "Recommendation N" lines, HTML nested
deep, a Word file that expands a thousandfold, a PDF of empty pages.
"""
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile

LIMIT = 12.0


def one_line(n):
    return ("The Mayor will publish the plan. " * (n // 33 + 1))[:n].encode()


def pounds(n):
    return ("£" * (n // 2)).encode()


def labels(n):
    # n lines in all, each label followed by a short answer.
    out = io.StringIO()
    out.write("Dear Jo\n\nThank you.\n\nYours sincerely\n\nSam\n\n")
    for i in range(1, n // 2 + 1):
        out.write(f"Recommendation {i}\n\nWe will do {i}.\n")
    return out.getvalue().encode()


def nested(n):
    return ("<!DOCTYPE html><html><body>" + "<div>" * n + "Recommendation 1" +
            "</div>" * n + "</body></html>").encode()


def docx_bomb(n):
    """A Word file whose document.xml is n bytes, ~1000x its size packed."""
    body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' +
            " " * n + "</w:t></w:r></w:p></w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", body)
    return buf.getvalue()


def empty_pages(n):
    """A PDF of n pages with nothing on them."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" +
            b" ".join(b"%d 0 R" % (3 + i) for i in range(n)) +
            b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return bytes(out)


CASES = [
    ("one line (1 MB / 10 MB)", one_line, 1_000_000, "txt"),
    ("one line, read (100 KB / 1 MB)", one_line, 100_000, "txt"),
    ("pound signs (100 KB / 1 MB)", pounds, 100_000, "txt"),
    ("Recommendation N lines (10,000 / 100,000)", labels, 10_000, "txt"),
    ("HTML nested (10,000 / 100,000 deep)", nested, 10_000, "html"),
    ("docx expanding 1000x (1 MB / 10 MB inside)", docx_bomb, 1_000_000, "docx"),
    ("PDF of empty pages (100 / 1,000)", empty_pages, 100, "pdf"),
]


def best(letterpipe, path, runs):
    times, rc, err = [], 0, b""
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run([letterpipe, "parse", "--max-bytes", "64M", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
        rc, err = r.returncode, r.stderr
    if rc < 0:
        sys.exit(f"{path}: killed by signal {-rc}")
    return min(times), rc, err.decode(errors="replace").strip()


def main():
    letterpipe = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    worst = 0.0
    print(f"{'input':<46}{'small s':>9}{'10x s':>9}{'ratio':>7}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, n, ext in CASES:
            got = []
            for k, size in enumerate((n, 10 * n)):
                path = os.path.join(tmp, f"case{k}.{ext}")
                open(path, "wb").write(make(size))
                got.append(best(letterpipe, path, runs))
            ratio = got[1][0] / got[0][0]
            worst = max(worst, ratio)
            outcome = got[1][2].split(": ", 2)[-1] if got[1][1] else "read"
            print(f"{name:<46}{got[0][0]:>9.3f}{got[1][0]:>9.3f}"
                  f"{ratio:>7.1f}  {outcome[:60]}")
    print(f"worst ratio {worst:.1f} (limit {LIMIT:.0f})")
    return 1 if worst > LIMIT else 0


if __name__ == "__main__":
    sys.exit(main())
