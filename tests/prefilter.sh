#!/bin/sh
# The prefilter (a rule's `needs:` and `reach:`, see pipeline/grammar.c) only
# skips work: every letter must parse to the same bytes with it turned off.
# usage: prefilter.sh LETTERPIPE CORPUS  (its letters, and those of diff/)
lp=$1
corpus=$2
set -- "$corpus"/*.md "$corpus"/*.txt "$corpus"/*.html \
	"$corpus"/diff/*.md "$corpus"/diff/*.txt "$corpus"/diff/*.html
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
for letter in "$@"; do
	n=$((n + 1))
	"$lp" parse --ref-date 2024-01-01 "$letter" >"$tmp/with" 2>"$tmp/err1"
	LETTERPIPE_NO_PREFILTER=1 "$lp" parse --ref-date 2024-01-01 \
		"$letter" >"$tmp/without" 2>"$tmp/err2"
	if ! [ -s "$tmp/with" ] || ! cmp -s "$tmp/with" "$tmp/without"; then
		echo "FAIL $letter: differs with the prefilter off"
		diff "$tmp/without" "$tmp/with" | head -20
		fails=$((fails + 1))
	fi
done
echo "$n letters, $fails differ"
[ "$fails" = 0 ]
