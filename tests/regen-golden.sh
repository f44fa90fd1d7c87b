#!/bin/sh
# regen-golden.sh BUILD_DIR - rewrite corpus/*.yaml and *.xml from the
# current build.  Read `git diff corpus/` before committing: the expected
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
git -C "$root" diff --stat -- corpus/
