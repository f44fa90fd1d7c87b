#!/bin/sh
# golden.sh LETTERPIPE VALIDATE_XML SCHEMA LETTER EXPECTED_BASE
# The letter's YAML and XML must equal EXPECTED_BASE.yaml and .xml byte for
# byte, and the XML must validate against the schema.
# To accept a deliberate change, regenerate with tests/regen-golden.sh and
# read the diff before committing it.
set -u
# This script changes directory, so it makes the executables absolute.
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") validate=$(abs "$2") schema=$3 letter=$4 expected=$5
status=0
cd "$(dirname "$letter")" || exit 1
name=$(basename "$letter")
for fmt in yaml xml; do
	if ! "$lp" parse -f "$fmt" "$name" >"$tmp/out.$fmt"; then
		echo "FAIL: letterpipe parse -f $fmt $name exited $?"
		status=1
		continue
	fi
	if ! diff -u "$expected.$fmt" "$tmp/out.$fmt"; then
		echo "FAIL: $name: $fmt differs from $(basename "$expected").$fmt"
		status=1
	fi
done
"$validate" "$schema" "$tmp/out.xml" || status=1
exit $status
