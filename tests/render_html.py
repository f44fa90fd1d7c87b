#!/usr/bin/env python3
"""Render a corpus letter as a web page, as a council or the GLA would
publish it: site chrome around an <article>, headings and bold as tags,
pound signs and curly quotes as character references.

usage: render_html.py LETTER > page.html

Markdown letters become headings, paragraphs, lists and links.  Plain
text keeps its lines (as <br>), since the page shows what the text shows.
This is the project's own test renderer; it is not letterpipe's reader.
"""
import html
import re
import sys

ENTITIES = {"£": "&pound;", "’": "&rsquo;", "‘": "&lsquo;", "“": "&ldquo;",
            "”": "&rdquo;", "–": "&ndash;", "—": "&mdash;", "\u00a0": "&nbsp;"}


def esc(s):
    s = html.escape(s, quote=False)
    return "".join(ENTITIES.get(ch, ch) for ch in s)


def inline(s):
    s = esc(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"\[([^\]]*)\]\(([^)\s]*)\)", r'<a href="\2">\1</a>', s)
    return s


def markdown(text):
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l.rstrip() for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        m = re.match(r"(#{1,6})\s+(.*)", lines[0])
        if m and len(lines) == 1:
            n = len(m.group(1))
            out.append(f"<h{n}>{inline(m.group(2))}</h{n}>")
        elif all(re.match(r"[-*+]\s", l) for l in lines):
            out.append("<ul>" + "".join(f"<li>{inline(l[2:])}</li>" for l in lines) + "</ul>")
        else:
            out.append("<p>" + "<br>\n".join(inline(l) for l in lines) + "</p>")
    return "\n".join(out)


def plain(text):
    text = text.replace("\f", "\n\n")
    # A page shows the columns of a pdftotext -layout letterhead as lines.
    text = re.sub(r"(?m)(\S) {6,}(?=\S)", "\\1\n", text)
    # Text with a paragraph a line has a <p> a line on the page too.
    one_per_line = max((len(l) for l in text.split("\n")), default=0) > 120
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l.strip() for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        if one_per_line:
            out.extend(f"<p>{esc(l)}</p>" for l in lines)
        else:
            out.append("<p>" + "<br>\n".join(esc(l) for l in lines) + "</p>")
    return "\n".join(out)


def main(argv):
    path = argv[1]
    text = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
    # Markdown by its markup, whatever the file is called.
    is_md = re.search(r"(?m)^#{1,6} |\*\*", text) is not None
    body = markdown(text) if is_md else plain(text)
    print(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Letter</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>var tracking = "Recommendation 99: not a letter";</script></head>
<body>
<div id="cookie-banner">We use cookies. Recommendation 98 of our policy says so. <button>Accept</button></div>
<header><nav><a href="/">Home</a> <a href="/about">About us</a></nav></header>
<main><article>
{body}
<p><a href="#top">Back to top</a></p>
</article></main>
<footer>City Hall, Kamal Chunchie Way, London E16 1ZE &middot; Copyright 2024</footer>
</body></html>""")


if __name__ == "__main__":
    main(sys.argv)
