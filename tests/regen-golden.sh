#!/bin/sh
# regen-golden.sh BUILD_DIR - rewrite the expected outputs from the
# current build: corpus/*.yaml and *.xml, the review pages
# corpus/review/*.html, and corpus/diff/*.diff, *.diff.yaml and
# *.diff.html.  Read `git diff corpus/` before committing: the expected
# files are only worth something when a person has checked them.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
lp=$(cd "$build" && pwd)/letterpipe
cd "$root/corpus"
for f in *.md *.txt *.html; do
	base=${f%.*}
	"$lp" parse -f yaml "$f" >"$base.yaml"
	"$lp" parse -f xml "$f" >"$base.xml"
done
# The review pages kept as goldens: one per letter named in review/.
for page in review/*.html; do
	base=$(basename "$page" .html)
	for f in "$base.md" "$base.txt" "$base.html"; do
		[ -f "$f" ] && "$lp" parse -f html "$f" >"$page" && break
	done
done
cd "$root/corpus/diff"
for expect in *.expect.yaml; do
	topic=${expect%.expect.yaml}
	old=$(sed -n 's/^old: *//p' "$expect")
	new=$(sed -n 's/^new: *//p' "$expect")
	# diff exits 1 when the letters differ, which is no failure here.
	"$lp" diff "$old" "$new" >"$topic.diff" || [ $? = 1 ]
	"$lp" diff -f yaml "$old" "$new" >"$topic.diff.yaml" || [ $? = 1 ]
	"$lp" diff -f html "$old" "$new" >"$topic.diff.html" || [ $? = 1 ]
done
git -C "$root" diff --stat -- corpus/
