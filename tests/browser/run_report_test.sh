#!/usr/bin/env bash
# The report in a real browser: writes reports of the synthetic fixture (a comparison and a single run),
# of a real `tlm run tiny`, of a small sweep, sensitivity study and calibration of tiny, opens each in headless
# Chromium (report_test.js) and checks them, at 1400 px, at 420 px and printed on A4.
# Usage: run_report_test.sh TLM_BINARY WORK_DIR.   Exit 77 (ctest: skipped) without node or Chromium.
# With TLM_REPORT_SHOTS=DIR the screenshots (1400 and 420 px) and the printed PDFs go into DIR, to look at.
set -euo pipefail
tlm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") work=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "SKIP: node not found"; exit 77; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || { echo "SKIP: ${CHROMIUM:-/usr/bin/chromium} not found"; exit 77; }

mkdir -p "$work"
# playwright-core is installed into the build tree by scripts/setup --tests: a test run never fetches.
[[ -d $work/node_modules/playwright-core ]] ||
  { echo "SKIP: playwright-core is not installed in $work (run scripts/setup --tests)"; exit 77; }
cp "$here/report_test.js" "$work/"
shots=()
if [[ -n ${TLM_REPORT_SHOTS:-} ]]; then
  mkdir -p "$TLM_REPORT_SHOTS"
  shots=(--shots "$TLM_REPORT_SHOTS")
fi
check() { node "$work/report_test.js" "$@" "${shots[@]}"; }

/usr/bin/python3 "$here/../analysis_fixture.py" "$work/compare.h5"
/usr/bin/python3 "$here/../analysis_fixture.py" "$work/single.h5" --scenarios base
"$tlm" report "$work/compare.h5" -o "$work/compare.html"
"$tlm" report "$work/single.h5" -o "$work/single.html"
check "$work/compare.html" --scenarios 3
# The same comparison in Dutch: longer words in the same layout.
"$tlm" report "$work/compare.h5" --lang nl -o "$work/compare-nl.html"
check "$work/compare-nl.html" --scenarios 3
check "$work/single.html" --scenarios 1

"$tlm" run tiny -r 3 -o "$work/tiny.h5" --quiet
"$tlm" report "$work/tiny.h5" -o "$work/tiny.html"
check "$work/tiny.html" --scenarios 1

# A sweep with an alternative (charts of levels and of paired effects), a one-at-a-time sensitivity study
# and a calibration of two generations: small, seconds each.
printf 'extends = "tiny"\nname = "tiny-ban"\n[policy.groenpluk]\nrule = "ban"\n' >"$work/ban.toml"
cat >"$work/sweep.toml" <<'END'
scenario = "tiny"
alternatives = ["ban.toml"]
replications = 2
[[parameter]]
key = "reserve.return"
values = [0.02, 0.06]
END
rm -f "$work/sweep.h5"
(cd "$work" && "$tlm" sweep sweep.toml -q -o sweep.h5)
"$tlm" report "$work/sweep.h5" -o "$work/sweep.html"
check "$work/sweep.html" --kind sweep
"$tlm" report "$work/sweep.h5" --lang nl -o "$work/sweep-nl.html"
check "$work/sweep-nl.html" --kind sweep

cat >"$work/study.toml" <<'END'
scenario = "tiny"
method = "oat"
replications = 2
seed = 3
[[parameter]]
key = "reserve.return"
low = 0.0125
high = 0.05
scale = "log"
[[parameter]]
key = "teachers.attrition_scale.po"
low = 0.5
high = 2.0
[[output]]
metric = "shortage_fte"
sector = "po"
year = 2030
label = "shortage po 2030"
END
rm -rf "$work/sensitivity"
"$tlm" sensitivity "$work/study.toml" -q -o "$work/sensitivity"
check "$work/sensitivity/report.html" --kind sensitivity

cat >"$work/calibration.toml" <<'END'
scenario = "tiny"
replications = 2
seed = 3
population = 6
generations = 2
min_acceptance = 0.0
[[parameter]]
key = "reserve.return"
low = 0.005
high = 0.1
scale = "log"
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2028
value = 0.08
sd = 0.005
END
rm -f "$work/calibration.h5" "$work/calibration.report.html"
"$tlm" calibrate "$work/calibration.toml" -q -o "$work/calibration.h5"
check "$work/calibration.report.html" --kind calibration
