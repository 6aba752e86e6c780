// The headline outcomes of docs/model.md section 7, one value per replication ("indicators"), and the
// terminal table `tlm run` prints after a run. The same indicators feed the paired effects (effects.hpp)
// and the report, so a number means the same thing everywhere.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/report_text.hpp"
#include "analysis/results.hpp"

namespace tlm::analysis {

// Which direction of change is an improvement; Neutral (groenpluk hires) reports the share of
// replications in which the alternative is lower.
enum class Better { Lower, Higher, Neutral };

struct Indicator {
  std::string metric;     // shortage_fte, open_fte, shortage_fte_years, retention_5y, so_share,
                          // graduation_share, groenpluk_hires, zij_completion_share, cost_total;
                          // per vo subject: shortage_fte and shortage_rate
  std::string sector;     // po, vo, mbo, "all"; empty if not by sector
  std::string route;      // for retention_5y
  std::string programme;  // for graduation_share (or "all")
  std::string subject;    // a vo subject (metric shortage_fte or shortage_rate, sector vo); else empty
  std::optional<int> year;
  std::string unit;  // FTE, FTE-years, share, persons, EUR
  Better better = Better::Lower;
  std::vector<double> values;  // one per replication; NaN where undefined (e.g. no entrants)

  // Identity without the values: two scenarios' indicators pair up by this key.
  std::string key() const;
};

// Human label, e.g. "Total shortage po 2035", "5-year retention zij", "Shortage rate vo wiskunde 2040".
std::string indicator_label(const Indicator& i, Lang lang = Lang::en);

// The metrics indicators() and the report need; pass to load_scenario to avoid loading the rest.
const std::vector<std::string>& headline_metrics();
// Metrics whose indicators are added where the file has them (cost_total: files written before costs were
// recorded lack it), and teachers and schools for the start state that decides the pairing
// (pairing_state_metrics); pass to load_scenario as its optional metrics.
const std::vector<std::string>& optional_headline_metrics();
// The subject metrics the per-subject headlines need (shortage_fte, demand_fte); pass to load_scenario.
const std::vector<std::string>& headline_subject_metrics();
// start + 5, start + 10 and end, those within the recorded years, without repeats.
std::vector<int> default_years(const ScenarioResults& r);
// The routes whose 5-year retention is a headline (grad_so, grad_regular, groenpluk, zij).
const std::vector<std::string>& headline_routes();

// Windows of the cohort headlines, as [first, last] entry / intake / hire years.
struct Window {
  int first, last;
  bool empty() const { return last < first; }
};
// The spans come from the file's facts (the scenario's own study.years, study.max_extra_years, zij.years).
Window retention_window(const ScenarioResults& r);  // start + 1 … end − retention_years
// start + 1 … end − (the programme's study years + max extra years)
Window graduation_window(const ScenarioResults& r, const std::string& programme);
Window zij_window(const ScenarioResults& r);  // start + 1 … end − zij years

// Every indicator of one scenario; `years` are the years of the per-year indicators (shortage, open
// shortage, SO share, the vo shortage per subject); every year must be recorded (InputError otherwise).
// With more than one vo subject (docs/model.md 12.5) they end with the national vo shortage of each subject,
// in file order: per subject and year shortage_fte (FTE) and shortage_rate (Σ shortage / Σ demand, a share);
// with the one subject "all" there are none (they would repeat the vo shortage).
std::vector<Indicator> indicators(const ScenarioResults& r, const std::vector<int>& years);

// Pooled share still teaching k = 0..5 years after entry, per replication ([rep][k]), over the entry
// years of retention_window (k = 0 is 1 by definition).
std::vector<std::vector<double>> retention_curve(const ScenarioResults& r, const std::string& route);

// The scenario's world.scale (from its resolved TOML; 1 where absent). Below about 0.5 the vo subject
// markets are thin and their shortages exaggerated (docs/model.md 12.5).
double world_scale(const ScenarioResults& r);
// Whether the scenario has per-subject headlines (more than one vo subject, and the subject metrics loaded).
bool has_subject_headlines(const ScenarioResults& r);

// A compact table of the headlines of every scenario in the file, with the vo shortage by subject (FTE and
// rate, subject × year) where the scenario has subjects; its words and numbers in `lang` (`tlm run --lang`).
void print_headlines(std::ostream& out, const std::string& h5path, Lang lang = Lang::en);

}  // namespace tlm::analysis
