#!/bin/sh
# bad_pdf.sh LETTERPIPE MAKE_PDF LETTER
# A damaged PDF, an encrypted one and a PDF with no text layer each get
# one clear line and exit 1, and a good one gives pages and boxes.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") make_pdf=$(abs "$2") letter=$3
cd "$tmp" || exit 1

"$make_pdf" "$letter" >good.pdf || exit 1
"$lp" parse good.pdf >good.yaml && grep -q '^  format: pdf$' good.yaml && ok || no "a PDF is read"
grep -q '  page: 1$' good.yaml && grep -q 'bbox: \[' good.yaml && ok || no "spans carry page and bbox"
head -c 2000 good.pdf >cut.pdf
"$lp" parse cut.pdf 2>err >/dev/null; [ $? = 1 ] && grep -q '^letterpipe: cut.pdf: damaged PDF' err && ok || { no "truncated PDF"; cat err; }
# A one-page PDF locked with a user password (the standard security
# handler's /U does not match the empty password).
python3 - <<'PY'
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"41" * 32 +
        b"> /U <" + b"42" * 32 + b"> >>"]
out, offs = bytearray(b"%PDF-1.4\n"), []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 5\n0000000000 65535 f \n"
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += (b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<" + b"00" * 16 +
        b"> <" + b"00" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
open("locked.pdf", "wb").write(out)
PY
"$lp" parse locked.pdf 2>err >/dev/null; [ $? = 1 ] && [ "$(cat err)" = "letterpipe: locked.pdf: encrypted PDF: it needs a password" ] && ok || { no "encrypted PDF"; cat err; }
"$make_pdf" --image-only >scan.pdf
"$lp" parse scan.pdf 2>err >/dev/null; [ $? = 1 ] && [ "$(cat err)" = "letterpipe: scan.pdf: no text layer: run OCR first" ] && ok || { no "image-only PDF"; cat err; }
"$lp" parse -o out.yaml cut.pdf 2>/dev/null; [ ! -e out.yaml ] && ok || no "no output file for a bad PDF"
# Named .pdf or not, a PDF's content says what it is.
cp good.pdf letter.txt
"$lp" parse letter.txt | grep -q '^  format: pdf$' && ok || no "sniffed by content, not name"

finish
