#!/bin/sh
# browser.sh LETTERPIPE CORPUS_DIR SEED BUILD_DIR
# The review pages in headless Chromium (tests/browser/check.mjs): the
# seed letter's page (when ../shared holds the seed), a corpus letter's,
# two letters on one page, and a diff's.  Debian's chromium is installed
# when it is missing (as root, with apt-get); playwright-core, which
# drives it, goes into BUILD_DIR/browser with npm.  Screenshots and
# printed PDFs are left in BUILD_DIR/browser/pages to look at.
set -u
. "$(dirname "$0")/harness.sh"
lp=$(abs "$1") corpus=$2 seed=$3 build=$(abs "$4")
here=$(cd "$(dirname "$0")" && pwd)

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "browser.sh: installing Debian's chromium"
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null 2>&1 ||
		{ apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null 2>&1; }
	chromium=$(command -v chromium || true)
fi
[ -n "$chromium" ] || { echo "FAIL: no chromium, and it could not be installed (apt-get install chromium)"; exit 1; }
command -v npm >/dev/null || { echo "FAIL: no npm to install playwright-core"; exit 1; }

dir=$build/browser
mkdir -p "$dir/pages"
cp "$here/browser/package.json" "$here/browser/package-lock.json" "$here/browser/check.mjs" "$dir/"
if [ ! -d "$dir/node_modules/playwright-core" ]; then
	(cd "$dir" && npm ci --no-audit --no-fund --silent) ||
		{ echo "FAIL: npm ci of playwright-core"; exit 1; }
fi

pages=$tmp/pages
mkdir -p "$pages"
if [ -f "$seed" ]; then
	"$lp" parse -f html "$seed" -o "$pages/seed.html" && ok || no "parse -f html of the seed"
else
	echo "browser.sh: the seed letter is not at $seed: its page is skipped"
fi
"$lp" parse -f html "$corpus/entities_all_formats.md" -o "$pages/entities_all_formats.html" && ok || no "parse -f html"
"$lp" parse -f html "$corpus/mayor_transport.md" "$corpus/gov_school_meals.txt" -o "$pages/two_letters.html" && ok || no "parse -f html of two letters"
"$lp" diff -f html "$corpus/diff/gov_peatland_2023.txt" "$corpus/diff/gov_peatland_2024.txt" -o "$pages/gov_peatland_diff.html"
[ $? = 1 ] && ok || no "diff -f html exits 1 for letters that differ"

node "$dir/check.mjs" "$chromium" "$dir/pages" "$pages"/*.html && ok || no "the pages in Chromium"
finish
