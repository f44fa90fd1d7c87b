#!/bin/sh
# bad_pdf.sh LETTERPIPE MAKE_PDF LETTER
# A damaged PDF and a PDF with no text layer each get one clear line and
# exit 1, and a good one gives pages and boxes.
set -u
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
lp=$(abs "$1") make_pdf=$(abs "$2") letter=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$make_pdf" "$letter" >good.pdf || exit 1
"$lp" parse good.pdf >good.yaml && grep -q '^  format: pdf$' good.yaml && ok || no "a PDF is read"
grep -q '  page: 1$' good.yaml && grep -q 'bbox: \[' good.yaml && ok || no "spans carry page and bbox"
head -c 2000 good.pdf >cut.pdf
"$lp" parse cut.pdf 2>err >/dev/null; [ $? = 1 ] && grep -q '^letterpipe: cut.pdf: damaged PDF' err && ok || { no "truncated PDF"; cat err; }
"$make_pdf" --image-only >scan.pdf
"$lp" parse scan.pdf 2>err >/dev/null; [ $? = 1 ] && [ "$(cat err)" = "letterpipe: scan.pdf: no text layer: run OCR first" ] && ok || { no "image-only PDF"; cat err; }
"$lp" parse -o out.yaml cut.pdf 2>/dev/null; [ ! -e out.yaml ] && ok || no "no output file for a bad PDF"
# Named .pdf or not, a PDF's content says what it is.
cp good.pdf letter.txt
"$lp" parse letter.txt | grep -q '^  format: pdf$' && ok || no "sniffed by content, not name"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
