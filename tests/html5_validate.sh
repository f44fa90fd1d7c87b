#!/bin/sh
# html5_validate.sh LETTERPIPE CORPUS_DIR SEED BUILD_DIR
# Every review page kept as a golden (corpus/review/*.html and
# corpus/diff/*.diff.html), the seed letter's page (when ../shared holds
# the seed) and a page of two letters must pass the Nu Html Checker
# (vnu.jar, the W3C's HTML5 validator) with no error and no warning.
# vnu-jar goes into BUILD_DIR/html5 with npm; it runs on Java, which is
# installed (Debian's default-jre-headless) when missing and root.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") corpus=$2 seed=$3 build=$(abs "$4")
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v java >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "html5_validate.sh: installing Java"
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq default-jre-headless >/dev/null 2>&1 ||
		{ apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq default-jre-headless >/dev/null 2>&1; }
fi
command -v java >/dev/null || { echo "FAIL: no java to run vnu.jar (apt-get install default-jre-headless)"; exit 1; }
command -v npm >/dev/null || { echo "FAIL: no npm to install vnu-jar"; exit 1; }

dir=$build/html5
mkdir -p "$dir"
cp "$here/html5/package.json" "$here/html5/package-lock.json" "$dir/"
jar=$dir/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$jar" ]; then
	(cd "$dir" && npm ci --no-audit --no-fund --silent) ||
		{ echo "FAIL: npm ci of vnu-jar"; exit 1; }
fi

if [ -f "$seed" ]; then
	"$lp" parse -f html "$seed" -o "$tmp/seed.html" && ok || no "parse -f html of the seed"
else
	echo "html5_validate.sh: the seed letter is not at $seed: its page is skipped"
fi
"$lp" parse -f html "$corpus/mayor_transport.md" "$corpus/gov_school_meals.txt" -o "$tmp/two_letters.html" && ok || no "parse -f html of two letters"
# A page that is not valid, to show that the checker can fail here.
printf '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>' >"$tmp/broken.html"
java -jar "$jar" --errors-only "$tmp/broken.html" >/dev/null 2>&1 && no "vnu.jar passes a broken page" || ok
rm "$tmp/broken.html"

java -jar "$jar" --Werror "$corpus"/review/*.html "$corpus"/diff/*.diff.html "$tmp"/*.html && ok || no "vnu.jar reports the pages above"
finish
