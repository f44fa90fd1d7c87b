#!/bin/sh
# bad_catalogue.sh LETTERPIPE BAD_DIR
# Runs every case of BAD_DIR/catalogue.tsv (see its header) in BAD_DIR:
# exactly the stderr and the exit status listed, and no output file left
# behind by a case that fails.  long-line.txt, too big to keep, is made
# here: one line one byte over the limit.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1")
cd "$2" || exit 1
python3 -c "import sys; sys.stdout.write('a' * (1024 * 1024 + 1))" >"$tmp/long-line.txt"
ln -sf "$tmp/long-line.txt" long-line.txt
trap 'rm -f long-line.txt; rm -rf "$tmp"' EXIT
tab=$(printf '\t')
while IFS=$tab read -r want_rc args want_err; do
	case $want_rc in '#'*|'') continue ;; esac
	[ "$want_err" = "-" ] && want_err=""
	# shellcheck disable=SC2086 # the arguments are words
	"$lp" $args -o "$tmp/out.yaml" >/dev/null 2>"$tmp/err"
	rc=$?
	got=$(awk 'NR > 1 { printf " | " } { printf "%s", $0 }' "$tmp/err")
	left=no
	[ "$want_rc" != 0 ] && [ -e "$tmp/out.yaml" ] && left=yes
	if [ "$rc" = "$want_rc" ] && [ "$got" = "$want_err" ] && [ $left = no ] &&
	   [ -z "$(ls -a "$tmp" | grep '^out\.yaml\.tmp')" ]; then
		ok
	else
		no "letterpipe $args"
		echo "  want exit $want_rc: $want_err"
		echo "  got  exit $rc: $got"
	fi
	rm -f "$tmp/out.yaml"
done <catalogue.tsv
finish
