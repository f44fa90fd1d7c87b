#!/bin/sh
# cli.sh LETTERPIPE VALIDATE_XML SCHEMA CORPUS_DIR
# The command line as a user meets it: help, version, stdin, several
# files, -o, and usage errors.
set -u
. "$(dirname "$0")/harness.sh"
lp=$1 validate=$2 schema=$3 corpus=$4

letter=$corpus/mayor_transport.md
other=$corpus/youth_inline_labels.txt

"$lp" --help >"$tmp/help" && grep -q '^Usage: letterpipe parse' "$tmp/help" && ok || no "--help"
grep -q -- '--max-bytes' "$tmp/help" && grep -q 'Exit status' "$tmp/help" && ok || no "--help lists options and exit codes"
"$lp" parse --help >/dev/null && ok || no "parse --help"
[ "$("$lp" --version)" = "letterpipe 0.1.0" ] && ok || no "--version"

"$lp" >/dev/null 2>&1; [ $? = 2 ] && ok || no "no command exits 2"
"$lp" frobnicate 2>"$tmp/err"; [ $? = 2 ] && grep -q "unknown command 'frobnicate'" "$tmp/err" && ok || no "unknown command"
"$lp" parse --bogus "$letter" >/dev/null 2>&1; [ $? = 2 ] && ok || no "unknown option exits 2"

# stdin, as '-' and as no file at all, gives the same letter.
"$lp" parse "$letter" | grep -v '^  path:' >"$tmp/file.yaml"
"$lp" parse - <"$letter" | grep -v '^  path:' >"$tmp/dash.yaml"
cat "$letter" | "$lp" parse | grep -v '^  path:' >"$tmp/pipe.yaml"
cmp -s "$tmp/file.yaml" "$tmp/dash.yaml" && cmp -s "$tmp/file.yaml" "$tmp/pipe.yaml" && ok || no "stdin differs from file"
"$lp" parse - <"$letter" | grep -q "^  path: '-'$" && ok || no "stdin path is -"

# Several files: a YAML stream, or one XML root holding every letter.
"$lp" parse "$letter" "$other" >"$tmp/two.yaml"
[ "$(grep -c '^schema: letterpipe/1' "$tmp/two.yaml")" = 2 ] && [ "$(grep -c '^---' "$tmp/two.yaml")" = 2 ] && ok || no "two files, two YAML documents"
"$lp" parse -f xml -o "$tmp/two.xml" "$letter" "$other" && ok || no "-o xml"
[ "$(grep -c '<letter schema=' "$tmp/two.xml")" = 2 ] && ok || no "two letters in one XML root"
"$validate" "$schema" "$tmp/two.xml" && ok || no "multi-letter XML validates"
[ -z "$(ls "$tmp" | grep tmp)" ] && ok || no "a temporary file was left behind"

# --files-from: the listed files after the named ones, as if named, from
# a file or standard input; blank lines and CRLF ends are no files.
printf '%s\r\n\n' "$other" >"$tmp/one.list"
"$lp" parse --files-from "$tmp/one.list" "$letter" >"$tmp/listed.yaml" && cmp -s "$tmp/listed.yaml" "$tmp/two.yaml" && ok || no "--files-from FILE after the named file"
"$lp" parse --files-from - "$letter" <"$tmp/one.list" | cmp -s - "$tmp/two.yaml" && ok || no "--files-from -"
"$lp" extract --files-from "$tmp/one.list" | grep -q '^generator: letterpipe' && ok || no "extract --files-from"
"$lp" parse --files-from - - <"$tmp/one.list" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && ! [ -s "$tmp/out" ] && grep -q 'both read standard input' "$tmp/err" && ok || no "--files-from - with the file -: exit $rc"
"$lp" parse --files-from "$tmp/no.list" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ! [ -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "letterpipe: $tmp/no.list: cannot read the --files-from list: No such file or directory" ] && ok || no "a missing --files-from list: exit $rc: $(cat "$tmp/err")"
printf '%s\n%s\n' "$letter" "$tmp/none.md" >"$tmp/bad.list"
"$lp" parse --files-from "$tmp/bad.list" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ! [ -s "$tmp/out" ] && grep -q "^letterpipe: $tmp/none.md: " "$tmp/err" && ok || no "a listed file that is missing: exit $rc"

# --timings: one line per stage on stderr, shares summing to 100%, and
# the output on stdout the same as without it.
"$lp" parse --timings "$letter" "$other" >"$tmp/timed.yaml" 2>"$tmp/timings" && ok || no "--timings fails"
cmp -s "$tmp/timed.yaml" "$tmp/two.yaml" && ok || no "--timings changes the output"
grep -q '^letterpipe: timings: 2 letters, [1-9][0-9]* bytes' "$tmp/timings" && ok || no "--timings header"
for stage in ingest normalise segment 'extract money' 'extract dates' 'extract commitments' emit total; do
	grep -q "^  $stage  *[0-9.]* s" "$tmp/timings" || no "--timings has no '$stage'"
done
awk '/%$/ { sum += $(NF) } END { exit !(sum > 99.5 && sum < 100.5) }' "$tmp/timings" && ok || no "--timings shares do not sum to 100%"

# --rule-timings: the searches' total, then at most 20 rules, slowest
# first, each a rule of the grammars; the output the same as without it.
"$lp" parse --rule-timings "$letter" "$other" >"$tmp/rule-timed.yaml" 2>"$tmp/rules" && ok || no "--rule-timings fails"
cmp -s "$tmp/rule-timed.yaml" "$tmp/two.yaml" && ok || no "--rule-timings changes the output"
grep -q '^letterpipe: rule searches: [1-9][0-9]*, over [1-9][0-9]* bytes' "$tmp/rules" && ok || no "--rule-timings header"
rows=$(grep -c '^  *[0-9.]* s  *[0-9.]*% *[0-9]* searches' "$tmp/rules")
[ "$rows" -ge 5 ] && [ "$rows" -le 20 ] && ok || no "--rule-timings lists $rows rules, not 5 to 20"
awk '/ searches / { if (seen && $1 > last) bad = 1; last = $1; seen = 1 } END { exit bad }' "$tmp/rules" && ok || no "--rule-timings not slowest first"
grep ' searches ' "$tmp/rules" | sed 's/.* bytes  \([^ ]*\) .*/\1/' | while read -r rule; do
	grep -q "name: $rule\$" "$corpus"/../grammars/*.yaml || echo "$rule"
done | grep -q . && no "--rule-timings names a rule not in the grammars" || ok

# Files written through a temporary file get the mode the umask gives,
# not mkstemp's 0600.
( umask 022; "$lp" parse "$letter" -o "$tmp/mode.yaml" ) && [ "$(stat -c %a "$tmp/mode.yaml")" = 644 ] && ok || no "-o under umask 022 is not 0644"
( umask 077; "$lp" parse "$letter" -o "$tmp/private.yaml" ) && [ "$(stat -c %a "$tmp/private.yaml")" = 600 ] && ok || no "-o under umask 077 is not 0600"
( umask 022; "$lp" batch -j 1 "$letter" -o "$tmp/modes" 2>/dev/null ) && [ "$(find "$tmp/modes" -name "*.yaml" -exec stat -c %a {} +)" = 644 ] && ok || no "batch output under umask 022 is not 0644"

# Output appears only when every input is good, though YAML is written as
# each letter is read: a bad letter between good ones leaves nothing.
printf 'x\000y' >"$tmp/nul.txt"
for fmt in yaml xml; do
	"$lp" parse -f $fmt "$letter" "$tmp/nul.txt" "$letter" >"$tmp/out" 2>"$tmp/err"; rc=$?
	[ $rc = 1 ] && ! [ -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] && ok || no "$fmt with a bad letter in the middle: exit $rc, $(wc -c <"$tmp/out") bytes out"
	"$lp" parse -f $fmt -o "$tmp/all.$fmt" "$letter" "$tmp/nul.txt" "$letter" 2>/dev/null
	! [ -e "$tmp/all.$fmt" ] && [ -z "$(ls "$tmp" | grep "all.$fmt.tmp")" ] && ok || no "$fmt -o with a bad letter: a file was left"
done
"$lp" parse "$letter" "$letter" >"$tmp/two" && [ "$(grep -c '^---$' "$tmp/two")" = 2 ] && ok || no "two letters: two YAML documents"

# A write that fails (a full disk, a closed stdout) is an error, said once.
for fmt in yaml xml html; do
	"$lp" parse -f $fmt "$letter" >&- 2>"$tmp/err"; rc=$?
	[ $rc = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && ok || no "$fmt to a closed stdout: exit $rc"
	"$lp" parse -f $fmt "$letter" >/dev/full 2>"$tmp/err"; rc=$?
	[ $rc = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q '^letterpipe: .*failed' "$tmp/err" && ok || no "$fmt to a full disk: exit $rc"
done
"$lp" parse "$letter" >&- 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q '^letterpipe: ' "$tmp/err" && ok || no "closed stdout: exit $rc"

# A rule that backtracks catastrophically stops at PCRE2's match limit
# with an error naming it, at once, instead of hanging.
cp -r "$(dirname "$0")/../grammars" "$tmp/gcat"
python3 - "$tmp/gcat/stance.yaml" <<'PY'
import sys
s = open(sys.argv[1]).read()
s = s.replace("rules:\n", "rules:\n  - name: stance.catastrophic\n"
              "    pattern: '(?:\\w+\\s?)+$'\n"
              "    examples: { match: ['Agreed'] }\n", 1)
open(sys.argv[1], "w").write(s)
PY
printf 'Dear Jo\n\nThanks.\n\nYours sincerely\n\nSam\n\n**Recommendation 1**\n\n**The council should act.**\n\n%s!\n' \
	"$(printf 'a%.0s' $(seq 1 60))" >"$tmp/cat.md"
timeout 20 "$lp" parse --grammars "$tmp/gcat" "$tmp/cat.md" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "stance.yaml:[0-9]*: rule 'stance.catastrophic': match limit exceeded" "$tmp/err" && ok || no "catastrophic backtracking: exit $rc: $(cat "$tmp/err")"

# Options may come after the files.
"$lp" parse "$letter" -f xml | head -1 | grep -q '^<?xml' && ok || no "option after file"

# An output file that cannot be written is an error, and nothing is left.
"$lp" parse -o "$tmp/no/such/dir/out.yaml" "$letter" 2>"$tmp/err"; [ $? = 1 ] && grep -q '^letterpipe: ' "$tmp/err" && ok || no "unwritable -o"

# A broken grammar directory is reported as FILE:LINE: message.
mkdir "$tmp/g"
printf 'rules:\n  - name: x\n    pattern: "(unclosed"\n    examples: { match: [a] }\n' >"$tmp/g/bad.yaml"
"$lp" parse --grammars "$tmp/g" "$letter" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "^letterpipe: $tmp/g/bad.yaml:3: rule 'x': missing closing parenthesis at pattern offset 9$" "$tmp/err" && ok || { no "grammar error format"; cat "$tmp/err"; }
printf 'rules:\n  - name: x\n    pattern: "a"\n' >"$tmp/g/bad.yaml"
"$lp" grammars --check "$tmp/g" 2>"$tmp/err"; [ $? = 1 ] && grep -q "bad.yaml:2: rule 'x' has no .examples: match:." "$tmp/err" && ok || { no "a rule without examples"; cat "$tmp/err"; }
printf 'rules: [\n' >"$tmp/g/bad.yaml"
"$lp" parse --grammars "$tmp/g" "$letter" 2>"$tmp/err"; [ $? = 1 ] && grep -q "bad.yaml:2: " "$tmp/err" && ok || { no "YAML syntax error in grammar"; cat "$tmp/err"; }

# extract: the entities of any text, relative dates against --ref-date.
echo "We will publish the plan later this year, with £2.5m already confirmed." >"$tmp/para.txt"
"$lp" extract --ref-date 2023-05-01 "$tmp/para.txt" >"$tmp/para.yaml"
grep -q '^money:' "$tmp/para.yaml" && grep -q 'amount: 2500000' "$tmp/para.yaml" && grep -q 'status: confirmed' "$tmp/para.yaml" && ok || no "extract money"
grep -q 'value: 2023-05-01/2023-12-31' "$tmp/para.yaml" && ok || no "extract resolves against --ref-date"
grep -q 'modality: will' "$tmp/para.yaml" && ! grep -q '^pairs:' "$tmp/para.yaml" && ok || no "extract commitments, no letter structure"
"$lp" extract -f xml "$tmp/para.txt" >"$tmp/para.xml" && "$validate" "$schema" "$tmp/para.xml" && ok || no "extract XML validates"
"$lp" extract --ref-date 2023-02-30 "$tmp/para.txt" 2>"$tmp/err" >/dev/null; [ $? = 2 ] && grep -q "ref-date: '2023-02-30' is not a date" "$tmp/err" && ok || no "--ref-date checks the date"
# parse takes --ref-date too and it wins over the letter's own date.
"$lp" parse --ref-date 2030-01-15 "$letter" | grep -q 'value: 2030-01-15/2030-12-31' && ok || no "parse --ref-date"

# grammars --check: a DIR, and a failing value expectation fails.
"$lp" grammars --check >/dev/null && ok || no "grammars --check"
cp -r "$(dirname "$corpus")/grammars" "$tmp/gv"
sed -i "s/expect: { amount: '17700000' }/expect: { amount: '1' }/" "$tmp/gv/money.yaml"
"$lp" grammars --check "$tmp/gv" 2>"$tmp/err" >/dev/null; [ $? = 1 ] && grep -q "money.yaml:[0-9]*: rule 'money.amount': amount of" "$tmp/err" && ok || { no "a wrong expect: fails"; cat "$tmp/err"; }
# A `reach` shorter than a match's way to its word fails its examples.
cp -r "$(dirname "$corpus")/grammars" "$tmp/gr"
sed -i "0,/^    reach: [0-9]*/s//    reach: 3/" "$tmp/gr/dates.yaml"
"$lp" grammars --check "$tmp/gr" 2>"$tmp/err" >/dev/null; [ $? = 1 ] && grep -q "dates.yaml:[0-9]*: rule 'date.day': no word it .needs. ends within its .reach. (3 bytes) of the start of its match '18 August 2022'" "$tmp/err" && ok || { no "a short reach fails"; cat "$tmp/err"; }

finish
