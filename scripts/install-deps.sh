#!/bin/sh
# install-deps.sh - install what letterpipe needs to build and test, on
# Debian or Ubuntu.  Uses sudo when not already root.  poppler-glib (PDF
# input) is optional for a build; cairo and the DejaVu fonts only print
# the PDFs that the tests read back; pcre2-utils gives the benchmark its
# scan floor (bench/run).
set -eu
pkgs="meson ninja-build pkg-config gcc libpcre2-dev libutf8proc-dev libyaml-dev libxml2-dev libsqlite3-dev python3 python3-yaml libpoppler-glib-dev libzip-dev libcairo2-dev fonts-dejavu-core poppler-utils pcre2-utils"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
echo "installing:$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
