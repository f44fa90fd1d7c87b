#!/bin/sh
# render_pdftotext.sh MAKE_PDF MODE LETTER
# Print LETTER as a PDF with make_pdf, then extract its text as an archive
# would have: with `pdftotext -layout` (MODE layout) or without (MODE raw).
set -eu
make_pdf=$1 mode=$2 letter=$3
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
"$make_pdf" "$letter" >"$tmp"
if [ "$mode" = layout ]; then
	pdftotext -layout "$tmp" -
else
	pdftotext "$tmp" -
fi
