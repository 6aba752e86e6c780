// The HTML report: one self-contained file (inline SVG and CSS, no script, no network) for a reader who
// is not a modeller. A file with several scenarios (from `tlm compare`) adds the effects of each against
// the first, a forest plot, and the settings that differ. A sweep file (`tlm sweep`) and a calibration file
// (`tlm calibrate`) get their own reports.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/report_text.hpp"

namespace tlm::analysis {

// `years`: the years of the summary and effects (empty: start + 5, start + 10, end). A sweep file (root
// attribute kind "sweep") gets the sweep report instead, a calibration file (kind "calibration") the
// calibration report (`years` unused). `shown_path`, when given, is the path the page names as its file
// instead of `h5path` (the final place of a file read from a staging folder). `lang`: the language of the
// report, whichever kind (report_text.hpp).
void write_report(const std::string& h5path, const std::string& html_path, const std::vector<int>& years,
                  const std::string& shown_path = {}, Lang lang = Lang::en);
std::string report_html(const std::string& h5path, const std::vector<int>& years,
                        const std::string& shown_path = {}, Lang lang = Lang::en);
// The report of a sweep file (sweep_report.cpp): each headline against each parameter, under the base and as
// the paired effect of each alternative. `years`: of the total shortage (empty: start + 5 and the last year);
// the shortage rate is that of the last of them.
std::string sweep_report_html(const std::string& h5path, const std::vector<int>& years, Lang lang = Lang::en);

// The report of a calibration file of `tlm calibrate` (calibration_report.cpp): each target measured against
// the prior and posterior predictive, the marginal posteriors over their priors, the posterior correlations
// and the generations. An inconsistent file is an InputError.
// `shown`: the name the page gives the file (default `h5path`), when it is read under a temporary name.
std::string calibration_report_html(const std::string& h5path, Lang lang = Lang::en,
                                    const std::string& shown = "");

struct Effect;
// The sentence that reports one effect against the base, e.g. "11 FTE lower than under base (95% interval
// −11 to −10); lower in 100% of runs"; `share`: a ratio, in percentage points. HTML-escaped.
std::string effect_sentence(const Effect& e, bool share, const std::string& base, Lang lang = Lang::en);

// A reading of the resolved scenario TOML: "table.key" -> value text, for diffing. Tables recurse; arrays and
// inline tables are one value, written as TOML with numbers in their shortest round-trip form (0.8, not
// 0.80000000000000004; a whole float keeps its ".0"); comments and blank lines are skipped.
std::map<std::string, std::string> flatten_toml(const std::string& text);

struct SettingDiff {
  std::string key, base, alt;  // base or alt empty when the key is absent on that side
  bool same = false;           // a key a scenario sets explicitly, to the value the other has
};
// Keys whose values differ, and the keys in `set_keys` (those the scenarios' files or --set state; a key
// matches its sub-keys and the table it is in) even where the values are the same (the scenario's `name`
// and `description` are left out: they always differ).
std::vector<SettingDiff> diff_settings(const std::string& base_toml, const std::string& alt_toml,
                                       const std::vector<std::string>& set_keys = {});

}  // namespace tlm::analysis
