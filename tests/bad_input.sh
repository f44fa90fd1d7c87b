#!/bin/sh
# bad_input.sh LETTERPIPE BAD_DIR
# Each bad input must give exactly the documented one-line error and exit
# code, and must leave no output file behind.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") out=$tmp
cd "$2" || exit 1

# expect EXIT STDERR ARGS...
expect() {
	want_rc=$1 want_err=$2
	shift 2
	"$lp" "$@" -o "$out/result.yaml" 2>"$out/err" >/dev/null
	rc=$?
	got=$(cat "$out/err")
	if [ "$rc" = "$want_rc" ] && [ "$got" = "$want_err" ] && [ ! -e "$out/result.yaml" ] &&
	   [ -z "$(ls "$out" | grep -v '^err$')" ]; then
		ok
	else
		no "letterpipe $*"
		echo "  want exit $want_rc: $want_err"
		echo "  got  exit $rc: $got"
		ls "$out"
	fi
	rm -f "$out"/result.yaml*
}

expect 1 "letterpipe: empty.txt: empty file" parse empty.txt
expect 1 "letterpipe: nul.bin: binary input (NUL byte at offset 4)" parse nul.bin
expect 1 "letterpipe: latin1.txt: invalid UTF-8 at byte offset 13" parse latin1.txt
expect 1 "letterpipe: big.txt: input is over the limit of 64 bytes (see --max-bytes)" parse --max-bytes 64 big.txt
expect 1 "letterpipe: missing.txt: No such file or directory" parse missing.txt
expect 1 "letterpipe: .: is a directory, not a file" parse .
# One bad file among good ones: nothing is written at all.
expect 1 "letterpipe: empty.txt: empty file" parse big.txt empty.txt
expect 2 "letterpipe: --max-bytes: 'lots' is not a size
Try 'letterpipe --help'." parse --max-bytes lots big.txt
expect 2 "letterpipe: unknown format 'json' (use yaml, xml or html)
Try 'letterpipe --help'." parse -f json big.txt
expect 2 "letterpipe: unknown format 'html' (use yaml or xml)
Try 'letterpipe --help'." extract -f html big.txt
expect 2 "letterpipe: diff: unknown format 'xml' (use text, yaml or html)
Try 'letterpipe --help'." diff -f xml big.txt big.txt

# Formats: sniffed by content, whatever the name says.
expect 1 "letterpipe: no-text.html: HTML page with no text" parse no-text.html

expect 2 "letterpipe: --from: 'rtf' is not one of text, markdown, html, pdf, docx
Try 'letterpipe --help'." parse --from rtf big.txt
# A nesting bomb is refused at once.
made=$(mktemp -d) || exit 1
python3 -c "print('<!DOCTYPE html><html><body>' + '<div>' * 100000 + 'Recommendation 1' + '</div>' * 100000 + '</body></html>')" >"$made/deep.html"
expect 1 "letterpipe: $made/deep.html: HTML nested deeper than 256 elements" parse "$made/deep.html"
rm -rf "$made"

# Empty-looking but not empty: a BOM alone, or only blank lines and form
# feeds, is a letter with nothing in it, parsed without error.
for f in bom-only.txt blank.txt; do
	if "$lp" parse "$f" >"$out/ok.yaml" 2>"$out/err" && grep -q '^pairs: \[\]' "$out/ok.yaml"; then
		ok
	else
		no "$f: $(cat "$out/err")"
	fi
	rm -f "$out/ok.yaml"
done

finish
