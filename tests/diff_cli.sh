#!/bin/sh
# diff_cli.sh LETTERPIPE CORPUS_DIR
# letterpipe diff as a user meets it: exit codes, --only, --color, -o,
# stdin, formats, and every input it must refuse with one clear line.
set -u
. "$(dirname "$0")/harness.sh"
lp=$1 corpus=$2
old=$corpus/diff/mayor_step_free_access_2022.md
new=$corpus/diff/mayor_step_free_access_2023.md
same=$corpus/mayor_transport.md

# Exit codes follow diff(1).
"$lp" diff "$same" "$same" >"$tmp/out"; [ $? = 0 ] && [ ! -s "$tmp/out" ] && ok || no "no change: exit 0, no output"
"$lp" diff "$old" "$new" >"$tmp/out"; [ $? = 1 ] && head -1 "$tmp/out" | grep -q "^--- $old (2022-07-19, 8 pairs)$" && ok || no "changes: exit 1, --- header"
grep -q '^pairs: 7 matched, 1 added, 1 removed$' "$tmp/out" && ok || no "summary line"

# --only shows those kinds, and its exit status says whether any is left.
"$lp" diff --only amount-changed,money-added "$old" "$new" >"$tmp/out"; [ $? = 1 ] && ok || no "--only exit 1"
[ "$(grep -c '^  [a-z-]* in' "$tmp/out")" = 2 ] && grep -q '^  amount-changed in response: £2.5m -> £3.1m' "$tmp/out" && ok || no "--only filters"
"$lp" diff --only date-changed "$old" "$new" >"$tmp/out"; [ $? = 0 ] && [ ! -s "$tmp/out" ] && ok || no "--only with nothing left: exit 0, empty"
"$lp" diff --only amount-changed,nonsense "$old" "$new" 2>"$tmp/err"; [ $? = 2 ] && grep -q "'nonsense' is not a kind of change" "$tmp/err" && ok || no "--only with a bad kind"

# Colour only when asked, or on a terminal; never in a file.
"$lp" diff "$old" "$new" | grep -q "$(printf '\033')" && no "colour in a pipe" || ok
"$lp" diff --color=always "$old" "$new" | grep -q "$(printf '\033\\[31m')" && ok || no "--color=always"
"$lp" diff --color=sometimes "$old" "$new" 2>/dev/null; [ $? = 2 ] && ok || no "--color with a bad value"
# On a terminal (script(1) gives one), colour by itself; not with NO_COLOR.
if command -v script >/dev/null; then
	esc=$(printf '\033\\[31m')
	TERM=xterm script -qc "'$lp' diff '$old' '$new'" /dev/null | grep -q "$esc" && ok || no "colour on a terminal"
	NO_COLOR=1 TERM=xterm script -qc "'$lp' diff '$old' '$new'" /dev/null | grep -q "$esc" && no "NO_COLOR" || ok
else
	echo "SKIP: no script(1) to give a terminal"
fi

# YAML: the change list, parsed back.
"$lp" diff -f yaml "$old" "$new" >"$tmp/d.yaml"; [ $? = 1 ] && ok || no "-f yaml exit 1"
python3 -c "
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
kinds = {c['kind'] for c in d['changes']}
assert d['schema'] == 'letterpipe-diff/1'
assert {'pair-added', 'pair-removed', 'amount-changed', 'deadline-moved'} <= kinds, kinds
assert any(c.get('old_pair') == 6 and c.get('pair') == 5 for c in d['changes'])
assert any(m['method'] == 'text' for m in d['matches'])
" "$tmp/d.yaml" && ok || no "YAML changes"
"$lp" diff -f xml "$old" "$new" 2>"$tmp/err"; [ $? = 2 ] && grep -q "unknown format 'xml' (use text, yaml or html)" "$tmp/err" && ok || no "-f xml is refused"

# -o: written whole, or not at all.
"$lp" diff -o "$tmp/out.diff" "$old" "$new"; [ $? = 1 ] && grep -q '^@@ ' "$tmp/out.diff" && ok || no "-o writes the diff"
"$lp" diff -o "$tmp/none/x.diff" "$old" "$new" 2>"$tmp/err"; [ $? = 2 ] && grep -q "^letterpipe: $tmp/none/x.diff" "$tmp/err" && ok || no "unwritable -o: exit 2"
[ -z "$(ls "$tmp" | grep tmp)" ] && ok || no "a temporary file was left behind"
"$lp" diff "$old" "$new" >/dev/full 2>"$tmp/err"; [ $? = 2 ] && grep -q "write error" "$tmp/err" && ok || no "full disk: exit 2"
"$lp" diff -f html "$old" "$new" >/dev/full 2>"$tmp/err"; [ $? = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "failed" "$tmp/err" && ok || no "html to a full disk: exit 2, one line"

# Either side may be standard input, and the YAML parse wrote.
"$lp" diff - "$new" <"$old" >"$tmp/stdin.diff"; [ $? = 1 ] && ok || no "old from stdin"
"$lp" diff "$old" "$new" | tail -n +2 >"$tmp/file.diff"
tail -n +2 "$tmp/stdin.diff" | cmp -s - "$tmp/file.diff" && ok || no "stdin side reads as the file"
"$lp" parse "$old" >"$tmp/old.yaml"
"$lp" diff "$tmp/old.yaml" "$new" | tail -n +2 | cmp -s - "$tmp/file.diff" && ok || no "parse YAML reads as the letter"
"$lp" diff - - <"$old" 2>"$tmp/err"; [ $? = 2 ] && grep -q "only one side can be standard input" "$tmp/err" && ok || no "both sides stdin"

# Usage errors: exit 2.
"$lp" diff "$old" 2>"$tmp/err"; [ $? = 2 ] && grep -q "diff takes two files: OLD NEW" "$tmp/err" && ok || no "one file"
"$lp" diff "$old" "$new" "$same" 2>/dev/null; [ $? = 2 ] && ok || no "three files"

# Bad sides: one line naming the file (and the line, for YAML), exit 2.
bad() {
	what=$1 file=$2 want=$3
	"$lp" diff "$file" "$new" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc = 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
	   grep -q -- "^letterpipe: $want" "$tmp/err"; then
		ok
	else
		no "$what: exit $rc: $(cat "$tmp/err")"
	fi
}
bad "missing file" "$tmp/missing.md" "$tmp/missing.md: No such file or directory"
bad "a directory" "$tmp" "$tmp: is a directory, not a file"
: >"$tmp/empty.md"
bad "empty file" "$tmp/empty.md" "$tmp/empty.md: empty file"
printf 'schema: letterpipe/1\npairs: [\n  - {number: 1\n' >"$tmp/broken.yaml"
bad "broken YAML" "$tmp/broken.yaml" "$tmp/broken.yaml:3: not valid YAML: did not find expected node content"
printf 'schema: letterpipe/2\npairs: []\n' >"$tmp/v2.yaml"
bad "another schema" "$tmp/v2.yaml" "$tmp/v2.yaml: schema 'letterpipe/2' is not one this version reads"
"$lp" extract "$same" >"$tmp/extract.yaml"
bad "extract output" "$tmp/extract.yaml" "$tmp/extract.yaml: has no 'pairs' list"
"$lp" parse "$same" "$old" >"$tmp/stream.yaml"
bad "two letters in one YAML" "$tmp/stream.yaml" "$tmp/stream.yaml:[0-9]*: holds several letters"
"$lp" parse -f xml "$same" >"$tmp/parsed.xml"
bad "parse's XML" "$tmp/parsed.xml" "$tmp/parsed.xml: is letterpipe's XML; diff reads the YAML"
printf 'schema: letterpipe/1\npairs:\n- &a {number: 1}\n- *a\n' >"$tmp/alias.yaml"
bad "YAML alias" "$tmp/alias.yaml" "$tmp/alias.yaml:4: YAML aliases are not parse output"
python3 -c "print('schema: letterpipe/1\npairs:\n' + '[' * 100000)" >"$tmp/deep.yaml"
bad "YAML nested 100,000 deep" "$tmp/deep.yaml" "$tmp/deep.yaml:3: "

# Parse YAML that a person trimmed still diffs: missing keys are empty.
printf 'schema: letterpipe/1\npairs:\n- number: 1\n  recommendation: {text: The GLA should act.}\n' >"$tmp/min.yaml"
"$lp" diff "$tmp/min.yaml" "$tmp/min.yaml" >"$tmp/out"; [ $? = 0 ] && [ ! -s "$tmp/out" ] && ok || no "minimal YAML"
finish
