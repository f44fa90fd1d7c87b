#!/bin/sh
# The prefilter (a rule's `needs:` and `reach:`, see pipeline/grammar.c) only
# skips work: every letter must parse to the same bytes with it turned off.
# usage: prefilter.sh LETTERPIPE CORPUS  (its letters, and those of diff/)
#
# All the letters go through one process each way (under the sanitizers,
# starting a process a letter took most of the time); only when the two
# differ is each letter parsed alone, to name those that do.
lp=$1
corpus=$2
set -- "$corpus"/*.md "$corpus"/*.txt "$corpus"/*.html \
	"$corpus"/diff/*.md "$corpus"/diff/*.txt "$corpus"/diff/*.html
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$lp" parse --ref-date 2024-01-01 "$@" >"$tmp/with" 2>"$tmp/err1" ||
	{ echo "FAIL: parse with the prefilter: $(tail -1 "$tmp/err1")"; exit 1; }
LETTERPIPE_NO_PREFILTER=1 "$lp" parse --ref-date 2024-01-01 "$@" \
	>"$tmp/without" 2>"$tmp/err2" ||
	{ echo "FAIL: parse without the prefilter: $(tail -1 "$tmp/err2")"; exit 1; }
[ "$(grep -c '^schema: letterpipe/1' "$tmp/with")" = $# ] ||
	{ echo "FAIL: $# letters, not as many documents"; exit 1; }
if cmp -s "$tmp/with" "$tmp/without"; then
	echo "$# letters, 0 differ"
	exit 0
fi
fails=0
for letter in "$@"; do
	"$lp" parse --ref-date 2024-01-01 "$letter" >"$tmp/with" 2>/dev/null
	LETTERPIPE_NO_PREFILTER=1 "$lp" parse --ref-date 2024-01-01 \
		"$letter" >"$tmp/without" 2>/dev/null
	if ! cmp -s "$tmp/with" "$tmp/without"; then
		echo "FAIL $letter: differs with the prefilter off"
		diff "$tmp/without" "$tmp/with" | head -20
		fails=$((fails + 1))
	fi
done
echo "$# letters, $fails differ"
exit 1
