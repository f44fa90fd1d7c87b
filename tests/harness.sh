# harness.sh - sourced by the shell tests (. "$(dirname "$0")/harness.sh").
# Gives them abs, a scratch directory $tmp that goes on exit, and the
# ok/no counters with finish, which reports them and fails on any "no".

# Meson passes executables relative to the build directory; a test that
# changes directory makes them absolute first.
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
