#!/bin/sh
# diff_golden.sh LETTERPIPE TOPIC.expect.yaml
# The expect file names the two letters beside it (old:, new:).
# letterpipe diff OLD NEW must print TOPIC.diff exactly, and with -f yaml
# TOPIC.diff.yaml; it must exit 1 when the text lists changes and 0 when
# it is empty.  To accept a deliberate change, regenerate with
# tests/regen-golden.sh and read the diff before committing it.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") expect=$2
cd "$(dirname "$expect")" || exit 1
topic=$(basename "$expect" .expect.yaml)
old=$(sed -n 's/^old: *//p' "$topic.expect.yaml")
new=$(sed -n 's/^new: *//p' "$topic.expect.yaml")
want=1
[ -s "$topic.diff" ] || want=0
"$lp" diff "$old" "$new" >"$tmp/out.diff"
rc=$?
[ $rc = $want ] && ok || no "text: exit $rc, expected $want"
diff -u "$topic.diff" "$tmp/out.diff" && ok || no "text differs from $topic.diff"
"$lp" diff -f yaml "$old" "$new" >"$tmp/out.yaml"
rc=$?
[ $rc = $want ] && ok || no "yaml: exit $rc, expected $want"
diff -u "$topic.diff.yaml" "$tmp/out.yaml" && ok || no "yaml differs from $topic.diff.yaml"
finish
