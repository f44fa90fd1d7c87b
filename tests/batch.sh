#!/bin/sh
# batch.sh LETTERPIPE CORPUS_DIR
# letterpipe batch as a user meets it: a copy of the corpus letters in a
# tree gives, file by file, what parse gives; bad entries (binary, empty,
# not UTF-8, unreadable, a FIFO, a broken link, link loops, a link out
# of the tree, a duplicate) are reported one line each and skipped;
# a rerun does nothing and --force redoes all; the SQLite index agrees
# with the YAML, exports as CSV, answers the README's query and merges;
# --files-from never writes outside OUTDIR; --fail-fast, warnings and
# usage errors.  Checks on files and databases are in batch_check.py.
set -u
. "$(dirname "$0")/harness.sh"
here=$(cd "$(dirname "$0")" && pwd)
lp=$(abs "$1") corpus=$(abs "$2")
chk() { python3 "$here/batch_check.py" "$@"; }

"$lp" batch >/dev/null 2>"$tmp/err"
if grep -q "unknown command 'batch'" "$tmp/err"; then
	no "this letterpipe has no batch command"
	finish
	exit
fi

cd "$tmp" || exit 1
s=$tmp/s          # scratch: stderr, lists, snapshots
mkdir "$s"

# batch NAME ARGS...: run letterpipe batch, stdout and stderr to
# $s/NAME.out and $s/NAME.err, exit status in $rc.  A run that hangs
# (say, reading a FIFO) is killed after 120 s: status 124.
batch() {
	name=$1
	shift
	timeout 120 "$lp" batch "$@" >"$s/$name.out" 2>"$s/$name.err"
	rc=$?
}
# why NAME: the start of a run's stderr, for a failure message.
why() { echo "exit $rc: $(head -5 "$s/$1.err")"; }

# outputs_match LIST OUT ROOT EXT [PARSE OPTIONS...]: for each path REL
# in LIST, OUT/REL.EXT is byte for byte what parse -f EXT prints for
# ROOT/REL (just REL when ROOT is empty), the path as batch received it.
outputs_match() {
	list=$1 out=$2 root=$3 ext=$4
	shift 4
	bad=0
	while IFS= read -r rel; do
		path=${root:+$root/}$rel
		"$lp" parse -f "$ext" "$@" "$path" >"$s/want" 2>/dev/null
		if ! cmp -s "$s/want" "$out/$rel.$ext"; then
			[ $bad -lt 5 ] && echo "  $out/$rel.$ext is not what parse -f $ext $* $path prints"
			bad=$((bad + 1))
		fi
	done <"$list"
	[ $bad = 0 ]
}
# tree_is LIST OUT EXT...: OUT holds exactly LIST's outputs, nothing more
# (no temporary file, no output for a skipped entry).
tree_is() {
	list=$1 out=$2
	shift 2
	for ext in "$@"; do sed "s|\$|.$ext|" "$list"; done | sort >"$s/want.tree"
	(cd "$out" && find . -type f -o -type l) | sed 's|^\./||' | sort >"$s/got.tree"
	cmp -s "$s/want.tree" "$s/got.tree" && return 0
	diff "$s/want.tree" "$s/got.tree" | head -10
	return 1
}
# only_lines ERRFILE N: ERRFILE has N lines besides the summary line,
# and the summary line is last.
only_lines() {
	[ "$(grep -vc '^letterpipe: batch:' "$1")" = "$2" ] &&
	tail -1 "$1" | grep -q '^letterpipe: batch:'
}

# The archive: every corpus letter, some in subfolders, plus hidden
# files and a hidden folder that must be ignored.
mkdir -p archive/council archive/2023/mayor archive/.git
for f in "$corpus"/*.md "$corpus"/*.txt "$corpus"/*.html; do
	name=$(basename "$f")
	case $name in
	council_*) cp "$f" archive/council/ ;;
	mayor_*) cp "$f" archive/2023/mayor/ ;;
	*) cp "$f" archive/ ;;
	esac
done
cp "$corpus/mayor_transport.md" archive/.draft.md
cp "$corpus/youth_inline_labels.txt" archive/.git/notes.txt
(cd archive && find . -type f ! -path '*/.*') | sed 's|^\./||' | sort >"$s/archive.list"
n=$(wc -l <"$s/archive.list")
# Every corpus letter once; the two hidden copies are not letters.
letters=$(ls "$corpus"/*.md "$corpus"/*.txt "$corpus"/*.html | wc -l)
others=$((letters - 1))
[ "$n" = "$letters" ] && ok || no "the archive holds $n letters, not $letters"

# --- One run over the tree: every output is what parse prints. -------
batch main archive -o out --db index.sqlite
[ $rc = 0 ] && ok || no "batch of the corpus: $(why main)"
outputs_match "$s/archive.list" out archive yaml && ok || no "outputs are not what parse prints"
tree_is "$s/archive.list" out yaml && ok || no "out/ mirrors archive/ (no hidden files, no leftovers)"
chk summary "$s/main.err" files=$letters parsed=$letters unchanged=0 duplicates=0 failed=0 without_pairs=0 && ok || no "summary of the first run"
only_lines "$s/main.err" 0 && ok || no "a clean batch prints only its summary: $(head -3 "$s/main.err")"
[ "$(chk count index.sqlite letters)" = "$letters" ] && [ "$(chk count index.sqlite files)" = "$letters" ] && ok || no "index: not $letters letters and $letters files"
chk columns index.sqlite && ok || no "index has the tables and columns of the specification"
chk dbcheck index.sqlite archive out && ok || no "index agrees with the YAML (WAL, schema, particulars, pairs, entities, deadlines)"
chk dump index.sqlite >"$s/main.dump"

# Both formats, one job: the .xml is parse -f xml; the same index.
batch both -f yaml,xml -j 1 archive -o out2 --db both.sqlite
[ $rc = 0 ] && ok || no "-f yaml,xml -j 1: $(why both)"
outputs_match "$s/archive.list" out2 archive yaml && outputs_match "$s/archive.list" out2 archive xml && ok || no "-f yaml,xml outputs"
tree_is "$s/archive.list" out2 yaml xml && ok || no "-f yaml,xml writes a .yaml and a .xml for each letter"
chk dump both.sqlite | cmp -s - "$s/main.dump" && ok || no "-j 1 and the default -j give different indexes"
batch xml -f xml -j 3 archive -o out3
[ $rc = 0 ] && tree_is "$s/archive.list" out3 xml && ok || no "-f xml writes only .xml: $(why xml)"
# The root given as an absolute path: so are the paths in the outputs.
batch abs "$tmp/archive" -o out4
[ $rc = 0 ] && outputs_match "$s/archive.list" out4 "$tmp/archive" yaml && ok || no "an absolute DIR: $(why abs)"
# parse's options go through to every letter.
batch opts --ref-date 2030-01-15 --from text -j 2 archive -o out5
[ $rc = 0 ] && outputs_match "$s/archive.list" out5 archive yaml --ref-date 2030-01-15 --from text && ok || no "--ref-date and --from: $(why opts)"

# --- The index: CSV, the README's query, deadlines. -------------------
for t in letters pairs commitments money dates; do
	"$lp" batch --db index.sqlite --export-csv $t >"$s/$t.csv" 2>"$s/csv.err"
	rc=$?
	[ $rc = 0 ] && chk csv index.sqlite $t "$s/$t.csv" && ok || no "--export-csv $t: exit $rc $(cat "$s/csv.err")"
done
"$lp" batch --db index.sqlite --export-csv nonsense >/dev/null 2>"$s/err"
[ $? = 2 ] && grep -q '^letterpipe: ' "$s/err" && ok || no "--export-csv with an unknown table: exit 2"
"$lp" batch --db "$s/none.sqlite" --export-csv letters >/dev/null 2>"$s/err"
[ $? != 0 ] && grep -q "^letterpipe: .*none.sqlite" "$s/err" && ok || no "--export-csv from a missing database fails, naming it"
rows=$(chk query index.sqlite "select l.date, c.actor, c.text from commitments c join letters l using(letter_id) where c.deadline like '2023%'")
[ $? = 0 ] && [ "$rows" -gt 0 ] && ok || no "the example query: $rows"
# mayor_transport.md: "due by September 2023" falls due on its last day.
rows=$(chk query index.sqlite "select 1 from commitments c join files f using(letter_id) where f.path = 'archive/2023/mayor/mayor_transport.md' and c.deadline_text = 'September 2023' and c.deadline_value = '2023-09' and c.deadline = '2023-09-30'")
[ $? = 0 ] && [ "$rows" -gt 0 ] && ok || no "a deadline of September 2023 is 2023-09-30: $rows"

# --- merge-db: two halves merged are the whole, run at once. ---------
sed 's|^|archive/|' "$s/archive.list" >"$s/all.list"
half=$((n / 2))
head -n $half "$s/all.list" >"$s/a.list"
tail -n +$((half + 1)) "$s/all.list" >"$s/b.list"
batch ha --files-from "$s/a.list" -o outa --db a.sqlite
[ $rc = 0 ] && ok || no "--files-from FILE: $(why ha)"
batch hb --files-from - -o outb --db b.sqlite <"$s/b.list"
[ $rc = 0 ] && ok || no "--files-from -: $(why hb)"
batch whole --files-from "$s/all.list" -o outw --db whole.sqlite
[ $rc = 0 ] && outputs_match "$s/all.list" outw "" yaml && tree_is "$s/all.list" outw yaml && ok || no "--files-from: OUT/<path as given>.yaml: $(why whole)"
chk dbcheck whole.sqlite . outw && ok || no "--files-from index agrees with the YAML"
chk dump whole.sqlite | cmp -s - "$s/main.dump" && ok || no "the same files by DIR and by --files-from give different indexes"
"$lp" merge-db merged.sqlite a.sqlite b.sqlite 2>"$s/err"
rc=$?
[ $rc = 0 ] && ok || no "merge-db: exit $rc $(cat "$s/err")"
chk dump merged.sqlite >"$s/merged.dump"
chk dump whole.sqlite >"$s/whole.dump"
cmp -s "$s/merged.dump" "$s/whole.dump" && ok || { no "merge-db of two halves differs from one run"; diff "$s/whole.dump" "$s/merged.dump" | head -6; }
chk dbcheck merged.sqlite . outw && ok || no "merged index is WAL, schema 1, and agrees with the YAML"
"$lp" merge-db merged2.sqlite whole.sqlite a.sqlite b.sqlite 2>"$s/err"
[ $? = 0 ] && chk dump merged2.sqlite | cmp -s - "$s/whole.dump" && ok || no "merge-db of overlapping indexes: each letter once"
"$lp" merge-db 2>/dev/null; [ $? = 2 ] && ok || no "merge-db with nothing: exit 2"
"$lp" merge-db only.sqlite 2>/dev/null; [ $? = 2 ] && [ ! -e only.sqlite ] && ok || no "merge-db with no input: exit 2"
"$lp" merge-db m3.sqlite a.sqlite "$s/none.sqlite" 2>"$s/err"; [ $? != 0 ] && grep -q "none.sqlite" "$s/err" && ok || no "merge-db of a missing input fails, naming it"

# --- Incremental. ------------------------------------------------------
chk snap out >"$s/snap1"
sleep 1
batch again archive -o out --db index.sqlite
[ $rc = 0 ] && chk summary "$s/again.err" parsed=0 unchanged=$letters failed=0 && ok || no "a second run does nothing: $(why again)"
chk snap out | cmp -s - "$s/snap1" && ok || no "a second run rewrote outputs"
chk dump index.sqlite | cmp -s - "$s/main.dump" && ok || no "a second run changed the index"
# An output another version wrote is redone.
f=out/2023/mayor/mayor_transport.md.yaml
if grep -q '^generator: ' "$f"; then
	sed -i 's/^generator: .*/generator: letterpipe 0.0.0-old/' "$f"
	batch gen archive -o out --db index.sqlite
	[ $rc = 0 ] && chk summary "$s/gen.err" parsed=1 unchanged=$others && ok || no "an output of another version is redone: $(why gen)"
	outputs_match "$s/archive.list" out archive yaml && ok || no "after redoing another version's output"
else
	echo "SKIP: parse's YAML records no generator"
fi
# A missing output is made again.
rm out/council/council_crlf_bom.txt.yaml
batch gone archive -o out --db index.sqlite
[ $rc = 0 ] && chk summary "$s/gone.err" parsed=1 unchanged=$others && outputs_match "$s/archive.list" out archive yaml && ok || no "a deleted output is made again: $(why gone)"
# A letter missing from the index is parsed again, and the index is
# as it was.
python3 -c "
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
(lid,) = con.execute('select letter_id from files where path = ?', (sys.argv[2],)).fetchone()
for t in ('letters', 'files', 'pairs', 'commitments', 'money', 'dates'):
    con.execute(f'delete from {t} where letter_id = ?', (lid,))
con.commit()
" index.sqlite archive/youth_inline_labels.txt || no "could not delete a letter from the index"
batch dbgone archive -o out --db index.sqlite
[ $rc = 0 ] && chk summary "$s/dbgone.err" parsed=1 unchanged=$others && ok || no "a letter missing from the index is redone: $(why dbgone)"
chk dump index.sqlite | cmp -s - "$s/main.dump" && ok || no "the index is whole again"
# --force redoes everything, to the same bytes and rows.
chk snap out >"$s/snap2"
sleep 1
batch force --force archive -o out --db index.sqlite
[ $rc = 0 ] && chk summary "$s/force.err" parsed=$letters unchanged=0 && ok || no "--force: $(why force)"
chk snap out >"$s/snap3"
same=$(awk 'NR == FNR { m[$1] = $2; next } ($1 in m) && m[$1] == $2 { n++ } END { print n + 0 }' "$s/snap2" "$s/snap3")
[ "$same" = 0 ] && ok || no "--force left $same outputs untouched"
outputs_match "$s/archive.list" out archive yaml && tree_is "$s/archive.list" out yaml && ok || no "outputs after --force"
chk dump index.sqlite | cmp -s - "$s/main.dump" && ok || no "--force changed the index"
# A changed letter is parsed again, and only it.
printf '\n' >>archive/lords_committee_response.txt
batch edit archive -o out --db index.sqlite
[ $rc = 0 ] && chk summary "$s/edit.err" parsed=1 unchanged=$others && ok || no "an edited letter is redone: $(why edit)"
outputs_match "$s/archive.list" out archive yaml && ok || no "outputs after an edit"
chk dbcheck index.sqlite archive out && ok || no "index after an edit points at the new letter"

# --- Bad entries: each reported once, skipped; the rest indexed. ------
mkdir -p bad/sub elsewhere
cp "$corpus/mayor_transport.md" bad/a_good.md
cp "$corpus/youth_inline_labels.txt" bad/b_good.txt
cp "$corpus/minister_water_leaks.md" bad/sub/c_good.md
cp bad/a_good.md bad/sub/d_dup.md
cp "$corpus/mayor_culture_venues.md" elsewhere/letter.md
printf 'Dear Sir\0\0\0' >bad/nul.txt
: >bad/empty.txt
printf 'Dear caf\351\n' >bad/latin1.txt
mkfifo bad/fifo.txt
ln -s missing.md bad/broken.md
ln -s loop.md bad/loop.md
ln -s .. bad/sub/up
ln -s ../elsewhere/letter.md bad/outside.md
cp bad/a_good.md bad/.hidden.md
printf 'bad/a_good.md\nbad/b_good.txt\nbad/sub/c_good.md\nbad/sub/d_dup.md\n' >"$s/bad.list"
sed 's|^bad/||' "$s/bad.list" >"$s/bad.rel"
lines=9
if [ "$(id -u)" != 0 ]; then
	cp "$corpus/mayor_transport.md" bad/unreadable.md
	printf '\n' >>bad/unreadable.md
	chmod 000 bad/unreadable.md
	lines=10
else
	echo "SKIP: chmod 000 (root reads it); the FIFO and the broken link stand for unreadable entries"
fi
batch bad bad -o outbad --db bad.sqlite
[ $rc = 1 ] && ok || no "a tree with bad entries: $(why bad)"
# has PATH PATTERN: exactly one line of stderr is about PATH, and it
# matches PATTERN (a grep -E expression for what follows 'PATH: ').
has() {
	[ "$(grep -c "^letterpipe: $1: " "$s/bad.err")" = 1 ] &&
	grep -Eq "^letterpipe: $1: $2" "$s/bad.err"
}
for f in bad/nul.txt bad/empty.txt bad/latin1.txt; do
	want=$("$lp" parse "$f" 2>&1 >/dev/null)
	[ "$(grep -c "^letterpipe: $f: " "$s/bad.err")" = 1 ] && grep -qxF "$want" "$s/bad.err" && ok || no "$f: want '$want'"
done
if [ "$lines" = 10 ]; then
	has bad/unreadable.md 'Permission denied' && ok || no "unreadable file"
fi
has bad/fifo.txt '.' && ok || no "a FIFO is reported (and does not hang the batch)"
has bad/broken.md '.' && ok || no "a broken link is reported"
has bad/loop.md '.*symbolic link loop' && ok || no "a link to itself: symbolic link loop"
has bad/sub/up '.*symbolic link loop' && ok || no "a link to an ancestor folder: symbolic link loop"
has bad/outside.md '.' && ok || no "a link out of the tree is reported"
has bad/sub/d_dup.md '.*same content as bad/a_good\.md' && ok || no "the duplicate: same content as bad/a_good.md"
grep -q '^letterpipe: bad/a_good\.md: ' "$s/bad.err" && no "the first of two equal files is reported" || ok
grep -q 'hidden' "$s/bad.err" && no "a hidden file is reported" || ok
only_lines "$s/bad.err" $lines && ok || { no "want exactly $lines lines and the summary:"; cat "$s/bad.err"; }
chk summary "$s/bad.err" parsed=3 duplicates=1 failed\>=$((lines - 5)) && ok || no "summary of the bad tree"
tree_is "$s/bad.rel" outbad yaml && outputs_match "$s/bad.rel" outbad bad yaml && ok || no "outputs of the bad tree: the good three and the duplicate"
[ "$(chk count bad.sqlite letters)" = 3 ] && [ "$(chk count bad.sqlite files)" = 4 ] && ok || no "index of the bad tree: 3 letters, 4 files"
chk dbcheck bad.sqlite bad outbad && ok || no "index of the bad tree agrees with the YAML"
[ -z "$(ls elsewhere | grep -v '^letter\.md$')" ] && ok || no "something was written beside the outside link's target"
chmod 644 bad/unreadable.md 2>/dev/null

# A link to a file inside the tree is followed: its own output, reported
# as the same content as its target.
mkdir lk
cp "$corpus/mayor_transport.md" lk/a.md
ln -s a.md lk/b.md
printf 'a.md\nb.md\n' >"$s/lk.list"
batch lk lk -o outlk
[ $rc = 0 ] && tree_is "$s/lk.list" outlk yaml && outputs_match "$s/lk.list" outlk lk yaml && ok || no "a link inside the tree is followed: $(why lk)"
grep -q '^letterpipe: lk/b\.md: .*same content as lk/a\.md' "$s/lk.err" && ok || no "a link inside the tree: same content as its target"

# --- --files-from: '..' and '/' cannot lead out of OUTDIR. -------------
mkdir -p ff/src/sub ff/work/d
cp "$corpus/mayor_transport.md" ff/src/a.md
cp "$corpus/youth_inline_labels.txt" ff/src/sub/b.txt
cp "$corpus/minister_water_leaks.md" ff/work/c.md
cp "$corpus/gov_school_meals.txt" ff/work/d/e.md
chk snap "$tmp" | grep -v '^s/' >"$s/before.snap"
(cd ff/work && printf '../src/a.md\n./d/./e.md\n%s\nd/../c.md\n' "$tmp/ff/src/sub/b.txt" |
	timeout 300 "$lp" batch --files-from - -o out) 2>"$s/ff.err"
rc=$?
[ $rc = 0 ] && ok || no "--files-from - with .. and /: $(why ff)"
chk snap "$tmp" | grep -v '^s/' | grep -v '^ff/work/out/' | cmp -s - "$s/before.snap" && ok || no "--files-from wrote outside OUTDIR"
printf '__/src/a.md.yaml\nd/e.md.yaml\n%s/ff/src/sub/b.txt.yaml\nd/__/c.md.yaml\n' "${tmp#/}" | sort >"$s/want.tree"
(cd ff/work/out && find . -type f) | sed 's|^\./||' | sort | cmp -s - "$s/want.tree" && ok || { no "--files-from outputs: '..' -> '__', './' and '/' dropped"; (cd ff/work/out && find . -type f); }
(
	cd ff/work || exit 1
	for pair in "../src/a.md __/src/a.md" "./d/./e.md d/e.md" "$tmp/ff/src/sub/b.txt ${tmp#/}/ff/src/sub/b.txt" "d/../c.md d/__/c.md"; do
		set -- $pair
		"$lp" parse "$1" 2>/dev/null | cmp -s - "out/$2.yaml" || exit 1
	done
) && ok || no "--files-from outputs are parse of the path as given"

# --- --fail-fast: the first failure stops the batch. --------------------
# Five good files, the bad one, then twenty good ones: with two workers
# the one that meets the bad file stops the other, which is not left so
# long (on a loaded machine) as to do all twenty.
mkdir fast
for f in mayor_transport.md youth_inline_labels.txt minister_water_leaks.md gov_school_meals.txt mayor_culture_venues.md; do
	cp "$corpus/$f" "fast/a_$f"
	for k in 1 2 3 4; do
		cp "$corpus/$f" "fast/z${k}_$f"
		printf '\n\n%s\n' "$k" >>"fast/z${k}_$f"
	done
done
printf 'Dear Sir\0' >fast/m_bad.txt
batch fast --fail-fast -j 1 fast -o outfast
[ $rc = 1 ] && grep -q '^letterpipe: fast/m_bad.txt: binary input' "$s/fast.err" && ok || no "--fail-fast: exit 1 with the failure: $(why fast)"
[ ! -d outfast ] || [ -z "$(cd outfast && ls | grep '^z')" ] && ok || no "--fail-fast -j 1 went on past the failure"
batch fast2 --fail-fast -j 2 fast -o outfast2
[ $rc = 1 ] && ok || no "--fail-fast -j 2: exit 1: $(why fast2)"
[ ! -d outfast2 ] || [ "$(ls outfast2 | wc -l)" -lt 25 ] && ok || no "--fail-fast -j 2 did every file"
batch nofast -j 2 fast -o outnofast
[ $rc = 1 ] && [ "$(ls outnofast | wc -l)" = 25 ] && ok || no "without --fail-fast the other files are done: $(why nofast)"

# --- A letter without pairs: a warning, exit 0, indexed with pairs 0. --
mkdir np
printf 'Dear Sir,\n\nThank you for your letter of 3 May about the new bus routes.\n\nYours faithfully\n\nJane Smith\n' >np/thanks.txt
cp "$corpus/mayor_transport.md" np/letter.md
batch np np -o outnp --db np.sqlite
[ $rc = 0 ] && ok || no "a letter without pairs is not a failure: $(why np)"
grep -q '^letterpipe: np/thanks.txt: warning: ' "$s/np.err" && only_lines "$s/np.err" 1 && ok || no "one warning line for the letter without pairs: $(cat "$s/np.err")"
chk summary "$s/np.err" parsed=2 failed=0 without_pairs=1 && ok || no "summary counts the letter without pairs"
rows=$(chk query np.sqlite "select 1 from letters l join files f using(letter_id) where f.path = 'np/thanks.txt' and l.pairs = 0")
[ "$rows" = 1 ] && ok || no "the letter without pairs is indexed with pairs 0"
printf 'letter.md\nthanks.txt\n' >"$s/np.list"
outputs_match "$s/np.list" outnp np yaml && ok || no "the letter without pairs has its output"

# --- Over --max-bytes: parse's message, the rest goes on. ---------------
mkdir mb
cp "$corpus/mayor_transport.md" mb/big.md
cp np/thanks.txt mb/small.txt
batch mb --max-bytes 1K mb -o outmb
want=$("$lp" parse --max-bytes 1K mb/big.md 2>&1 >/dev/null)
[ $rc = 1 ] && grep -qxF "$want" "$s/mb.err" && [ -f outmb/small.txt.yaml ] && [ ! -e outmb/big.md.yaml ] && ok || no "--max-bytes: want '$want', $(why mb)"

# --- An index and outputs kept inside the folder they index are not read.
mkdir -p inner
cp "$corpus/mayor_transport.md" inner/
(cd inner && "$lp" batch . -o out --db index.sqlite 2>"$s/inner1.err" &&
	"$lp" batch . -o out --db index.sqlite 2>"$s/inner2.err")
r=$?
[ $r = 0 ] && grep -q ': 1 files: 0 parsed, 1 unchanged' "$s/inner2.err" && ok || no "index inside the tree: exit $r: $(cat "$s/inner2.err")"

# --- Progress: on a terminal (script(1) gives one), and only there. ------
if command -v script >/dev/null; then
	TERM=xterm script -qc "'$lp' batch inner -o progress-out" /dev/null >"$s/tty.out"
	grep -a -q 'parsing [0-9]*/[0-9]* files, [0-9.]* MB/s, 0 failed' "$s/tty.out" && ok || no "no progress on a terminal"
	"$lp" batch --force inner -o progress-out 2>"$s/notty.err"
	grep -q 'MB/s, 0 failed' "$s/notty.err" && no "progress when stderr is not a terminal" || ok
else
	echo "SKIP: no script(1) to give a terminal"
fi

# --- Usage errors: exit 2, nothing written. -----------------------------
usage() {
	what=$1
	shift
	"$lp" "$@" >/dev/null 2>"$s/err"
	r=$?
	[ $r = 2 ] && grep -q '^letterpipe: ' "$s/err" && [ ! -e outu ] && ok || no "$what: exit $r: $(head -1 "$s/err")"
}
usage "inputs without -o" batch archive
usage "-o without inputs" batch -o outu
usage "an unknown format" batch -f json archive -o outu
usage "a format list with an unknown format" batch -f yaml,json archive -o outu
usage "-j that is not a number" batch -j many archive -o outu
usage "--export-csv without --db" batch --export-csv letters
usage "an unknown option" batch --frobnicate archive -o outu
"$lp" batch nowhere -o outu 2>"$s/err"
r=$?
{ [ $r = 1 ] || [ $r = 2 ]; } && grep -q '^letterpipe: nowhere: ' "$s/err" && ok || no "a missing DIR: exit $r: $(cat "$s/err")"

finish
