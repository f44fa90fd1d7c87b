#!/bin/sh
# diff_self.sh LETTERPIPE CORPUS_DIR
# The property every diff must keep: a letter against itself, and
# against the YAML that parse wrote for it, shows no change at all: exit
# 0, nothing on standard output, and `changes: []` in YAML.
set -u
. "$(dirname "$0")/harness.sh"
lp=$1 corpus=$2
for letter in "$corpus"/*.md "$corpus"/*.txt "$corpus"/*.html; do
	name=$(basename "$letter")
	"$lp" parse "$letter" >"$tmp/parsed.yaml" || { no "$name: parse"; continue; }
	for other in "$letter" "$tmp/parsed.yaml"; do
		"$lp" diff "$letter" "$other" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc = 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
			ok
		else
			no "$name against $(basename "$other"): exit $rc, $(head -c 300 "$tmp/out" "$tmp/err")"
		fi
	done
	# The YAML as the first side, and as YAML output.
	"$lp" diff -f yaml "$tmp/parsed.yaml" "$letter" >"$tmp/out.yaml"
	rc=$?
	if [ $rc = 0 ] && grep -qx 'changes: \[\]' "$tmp/out.yaml"; then
		ok
	else
		no "$name: diff -f yaml of its YAML and itself: exit $rc"
	fi
done
finish
