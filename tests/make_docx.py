#!/usr/bin/env python3
"""Write a corpus letter as a Word file (.docx), as the office drafted it:
paragraphs with bold runs, headings by style, list items, and a running
header and footer in their own parts.

usage: make_docx.py LETTER > letter.docx

This is the project's own test writer, not letterpipe's reader.  A docx
is a ZIP of XML parts; only what a letter needs is written.
"""
import io
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def runs(text, bold_all=False, bold=False):
    out = []
    text = re.sub(r"\[([^\]]*)\]\([^)\s]*\)", r"\1", text)
    for i, piece in enumerate(re.split(r"\*\*", text)):
        if i:
            bold = not bold
        if piece:
            rpr = "<w:rPr><w:b/></w:rPr>" if bold or bold_all else ""
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def para(text, style=None, item=False, bold_all=False, bold=False):
    ppr = ""
    if style:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    elif item:
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}{runs(text, bold_all, bold)}</w:p>"


def join_page_breaks(text, furniture):
    """Drop a plain-text letter's page furniture: its page numbers and
    the running header, the line after a page number that comes back
    after another one.  Where a sentence goes on across the page break,
    the blank lines around the furniture go too, so that it stays one
    paragraph."""
    lines = text.split("\n")
    number = re.compile(r"^\s*(Page \d+( of \d+)?|\d+)\s*$")
    after, seen = [], set()
    header = None
    for i, line in enumerate(lines):
        if number.match(line):
            nxt = next((l.strip() for l in lines[i + 1:] if l.strip()), "")
            if nxt in seen:
                header = nxt
            seen.add(nxt)
    out = []
    dropped = False
    for line in lines:
        if furniture.match(line) or (header and line.strip() == header):
            dropped = True
            continue
        if line.strip():
            if dropped and line.strip()[:1].islower():
                while out and not out[-1].strip():
                    out.pop()
                if out and out[-1].rstrip().endswith((".", "?", "!", ":", ";")):
                    out.append("")
            dropped = False
        out.append(line)
    return "\n".join(out)


def paragraphs(text, markdown):
    text = text.replace("\f", "\n\n").replace("****", "**\n\n**")
    if markdown:  # a rule ("---") is space between paragraphs, not text
        text = re.sub(r"(?m)^-{3,}[ \t]*$", "", text)
    furniture = re.compile(r"^\s*(Page \d+( of \d+)?|\d+|# MAYOR OF LONDON|MAYOR OF LONDON|.*E16 1ZE.*)\s*$")
    text = join_page_breaks(text, furniture)
    # A plain-text letter with very long lines was never wrapped: each
    # of its lines is a paragraph or a label of its own.
    unwrapped = not markdown and max(map(len, text.split("\n"))) > 120
    # In wrapped text, a line is short on purpose when the next line's
    # first word would have fitted on it.  The median of the long lines
    # is at most the wrap width, so a wrapped line is never taken for one.
    long_lines = sorted(len(l.rstrip()) for l in text.split("\n") if len(l.strip()) >= 60)
    width = long_lines[len(long_lines) // 2] if long_lines else 0
    out = []
    after_page_number = False  # a heading after one is the next page's header
    for block in re.split(r"\n\s*\n", text):
        buf = ""
        lines = block.split("\n")
        for k, line in enumerate(lines):
            if not line.strip():
                continue
            header = after_page_number and line.startswith("# ")
            after_page_number = bool(re.match(r"^\s*\d+\s*$", line))
            if furniture.match(line) or header:
                continue
            if markdown and re.match(r"[-*+]\s", line):
                if buf:
                    out.append(("p", buf))
                    buf = ""
                out.append(("li", line[2:]))
                continue
            # A numbered item keeps its number, as a paragraph of its own.
            if markdown and re.match(r"\d{1,3}\.\s", line):
                if buf:
                    out.append(("p", buf))
                    buf = ""
                out.append(("p", line.strip()))
                continue
            after = lines[k + 1].split() if k + 1 < len(lines) else []
            fits = bool(after) and len(line.rstrip()) + 1 + len(after[0]) <= width
            # A sentence's end before a short capitalised line (a label,
            # a heading) ends the paragraph too.
            nxt = lines[k + 1].strip() if k + 1 < len(lines) else ""
            fits |= bool(nxt) and len(nxt) < 60 and nxt[0].isupper() and \
                line.rstrip().endswith((".", "?", "!", ":"))
            # A short line whose sentence goes on in the next line is a
            # wrap all the same ("estates rational-" / "isation").
            runs_on = not line.rstrip().endswith((".", "?", "!", ":", ";")) and \
                nxt[:1].islower()
            hard = line.endswith("  ") if markdown else (
                (unwrapped or len(line.strip()) < 60 or fits) and not runs_on)
            line = line.strip()
            if buf.endswith("-") and line[:1].islower():
                buf = buf[:-1] + line
            else:
                buf = f"{buf} {line}" if buf else line
            if hard:
                out.append(("p", buf))
                buf = ""
        if buf:
            out.append(("p", buf))
        out.append(("end", ""))
    xml = []
    bold = False  # bold runs on over hard breaks: "**(a) ...  \n(b) ...**"
    for kind, t in out:
        if kind == "end":
            bold = False
            continue
        m = re.match(r"(#{1,6})\s+(.*)", t) if markdown else None
        if m:
            xml.append(para(m.group(2), style=f"Heading{len(m.group(1))}"))
            bold = False
        else:
            xml.append(para(t, item=kind == "li", bold=bold))
            bold = bold != (t.count("**") % 2 == 1)
    return "".join(xml)


def main(argv):
    text = open(argv[1], encoding="utf-8-sig").read().replace("\r\n", "\n")
    markdown = re.search(r"(?m)^#{1,6} |\*\*", text) is not None
    body = paragraphs(text, markdown)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>',
        "word/header1.xml": f'<?xml version="1.0"?><w:hdr {W}>{para("MAYOR OF LONDON", bold_all=True)}</w:hdr>',
        "word/footer1.xml": f'<?xml version="1.0"?><w:ftr {W}>{para("City Hall, Kamal Chunchie Way, London E16 1ZE")}</w:ftr>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    sys.stdout.buffer.write(buf.getvalue())


if __name__ == "__main__":
    main(sys.argv)
