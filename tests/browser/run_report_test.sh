#!/usr/bin/env bash
# The report in a real browser: writes reports of the synthetic fixture (a comparison and a single run)
# and of a real `tlm run tiny`, opens each in headless Chromium (report_test.js) and checks them.
# Usage: run_report_test.sh TLM_BINARY WORK_DIR.   Exit 77 (ctest: skipped) without node or Chromium.
set -euo pipefail
tlm=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "SKIP: node not found"; exit 77; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || { echo "SKIP: ${CHROMIUM:-/usr/bin/chromium} not found"; exit 77; }

mkdir -p "$work"
# playwright-core is installed into the build tree by scripts/setup --tests: a test run never fetches.
[[ -d $work/node_modules/playwright-core ]] ||
  { echo "SKIP: playwright-core is not installed in $work (run scripts/setup --tests)"; exit 77; }
cp "$here/report_test.js" "$work/"

/usr/bin/python3 "$here/../analysis_fixture.py" "$work/compare.h5"
/usr/bin/python3 "$here/../analysis_fixture.py" "$work/single.h5" --scenarios base
"$tlm" report "$work/compare.h5" -o "$work/compare.html"
"$tlm" report "$work/single.h5" -o "$work/single.html"
node "$work/report_test.js" "$work/compare.html" --scenarios 3
node "$work/report_test.js" "$work/single.html" --scenarios 1

"$tlm" run tiny -r 3 -o "$work/tiny.h5" --quiet
"$tlm" report "$work/tiny.h5" -o "$work/tiny.html"
node "$work/report_test.js" "$work/tiny.html" --scenarios 1
