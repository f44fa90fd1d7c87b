#!/bin/sh
# bad_docx.sh LETTERPIPE MAKE_DOCX LETTER
# A Word file is read by content; a ZIP that is not one, a damaged one and
# a ZIP bomb each get one clear line and exit 1.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") make_docx=$(abs "$2") letter=$(abs "$3")
cd "$tmp" || exit 1

python3 "$make_docx" "$letter" >letter.docx || exit 1
"$lp" parse letter.docx | grep -q '^  format: docx$' && ok || no "a Word file is read"
"$lp" parse letter.docx | grep -q '^  reference: MGLA' && ok || no "its letterhead is read"
python3 -c "
import zipfile
with zipfile.ZipFile('notes.zip', 'w') as z: z.writestr('notes.txt', 'hello')
with zipfile.ZipFile('bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', '<w:document>' + ' ' * (20 << 20) + '</w:document>')
"
"$lp" parse notes.zip 2>err >/dev/null; [ $? = 1 ] && [ "$(cat err)" = "letterpipe: notes.zip: a ZIP archive that is not a Word document" ] && ok || { no "a ZIP that is not a docx"; cat err; }
"$lp" parse bomb.docx 2>err >/dev/null; [ $? = 1 ] && grep -q "refused as a ZIP bomb" err && ok || { no "ZIP bomb"; cat err; }
head -c 300 letter.docx >cut.docx
"$lp" parse cut.docx 2>err >/dev/null; [ $? = 1 ] && grep -q "^letterpipe: cut.docx: damaged" err && ok || { no "truncated docx"; cat err; }
finish
