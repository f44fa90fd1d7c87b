#!/bin/sh
# fuzz_replay.sh TARGET FILE_OR_DIR...
# Run a fuzz target (its plain driver, or libFuzzer) once over each file
# given and each file in each folder given: the corpus, the bad inputs and
# the crash inputs kept in tests/bad/fuzz/.
set -u
target=$1
shift
list=$(mktemp) || exit 1
trap 'rm -f "$list"' EXIT
for a in "$@"; do
	if [ -d "$a" ]; then
		find "$a" -type f ! -name README.md
	elif [ -f "$a" ]; then
		echo "$a"
	fi
done | sort >"$list"
[ -s "$list" ] || { echo "no inputs"; exit 1; }
# The paths have no newlines: they are the project's own files.
# shellcheck disable=SC2086 # the wrapper is a command with its options
tr '\n' '\0' <"$list" | xargs -0 ${LP_TEST_WRAPPER:-} "$target"
