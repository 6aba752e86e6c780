#!/usr/bin/env bash
# cmake/version.cmake, the build-time version stamp of tlm (docs/output.md, tlm_version): the commit of the
# checkout, "-dirty" when a tracked file differs from it, "unknown" outside git; the header is rewritten only
# when its text changes (so an unchanged commit rebuilds nothing).
# Usage: version_stamp.sh CMAKE VERSION_CMAKE
set -euo pipefail
cmake_bin=$1 script=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/tlm_version.hpp
fail() { echo "version_stamp: $*" >&2; exit 1; }
stamp() { "$cmake_bin" -DSOURCE_DIR="$1" -DOUTPUT="$out" -DVERSION=9.8.7 -P "$script"; }
expect() {  # expect TEXT: the header defines exactly this version
  grep -qxF "#define TLM_VERSION \"9.8.7 ($1)\"" "$out" || fail "expected '$1', got: $(grep TLM_VERSION "$out")"
}
git_() { git -C "$work/repo" -c user.name=t -c user.email=t@example.org "$@" >/dev/null; }

mkdir "$work/plain"
GIT_CEILING_DIRECTORIES=$work stamp "$work/plain"
expect "commit unknown"

mkdir "$work/repo"
git_ init -q
echo a > "$work/repo/f.txt"
git_ add f.txt
git_ commit -q -m one
first=$(git -C "$work/repo" rev-parse --short=12 HEAD)
stamp "$work/repo"
expect "commit $first"

before=$(stat -c %y "$out")
sleep 0.05
stamp "$work/repo"
[[ $(stat -c %y "$out") == "$before" ]] || fail "rewritten although its text did not change"

echo untracked > "$work/repo/new.txt"
stamp "$work/repo"
expect "commit $first"  # untracked files do not make it dirty

echo b >> "$work/repo/f.txt"
stamp "$work/repo"
expect "commit $first-dirty"

git_ commit -q -a -m two
second=$(git -C "$work/repo" rev-parse --short=12 HEAD)
[[ $second != "$first" ]] || fail "the second commit has the first's hash"
stamp "$work/repo"
expect "commit $second"
echo "version_stamp: ok"
