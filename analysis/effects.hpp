// Paired effects of alternative scenarios against a base, on common random numbers: replication i of
// every scenario in a `tlm compare` file shares its random numbers, so ALT_i − BASE_i removes most of
// the noise the two share. The unpaired (Welch) interval is reported beside it to show that gain.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/costs.hpp"
#include "analysis/headlines.hpp"

namespace tlm::analysis {

struct Effect {
  std::string base, scenario;  // group names; scenario is the alternative
  std::string metric, sector, route, programme;
  std::string subject;  // a vo subject (its shortage, FTE and rate); empty otherwise
  std::optional<int> year;
  std::string unit;
  Better better = Better::Lower;
  std::size_t n = 0;  // pairs used
  double mean;        // mean of ALT_i − BASE_i
  double lo, hi;      // 95% t-interval of the paired differences
  double p_better;    // share of pairs where ALT is better (Neutral: where ALT is lower); ties are not better
  double base_mean, alt_mean;
  double lo_unpaired, hi_unpaired;  // 95% Welch interval, the two samples taken as independent
};

// Pairs the indicators of base and alt by key; keys present in only one are skipped. The per-subject
// indicators (vo shortage by subject) are paired in the last of their years only: a comparison reports the
// effect per subject in the last year (docs/model.md 12.5).
std::vector<Effect> compute_effects(const std::string& base_name, const std::vector<Indicator>& base,
                                    const std::string& alt_name, const std::vector<Indicator>& alt);

// Effects of every scenario after the first against the first, for the given years (empty: defaults).
// Throws InputError if the file holds fewer than two scenarios or a year is not recorded.
std::vector<Effect> file_effects(const std::string& h5path, std::vector<int> years);

// One row per effect; then one row per cost comparison (docs/model.md 13.3: metric cost_per_fte_year, unit
// "EUR per FTE-year", the ratio and its bootstrap interval as mean, lo, hi). The last columns say how the
// interval was made (paired t or bootstrap percentile) and, for the cost rows, the case, its reading and
// whether the interval is unreliable (fewer than 20 pairs).
void write_effects_csv(const std::string& path, const std::vector<Effect>& effects,
                       const std::vector<CostEffect>& costs = {});
void write_effects_json(const std::string& path, const std::vector<Effect>& effects,
                        const std::vector<CostEffect>& costs = {});
// The terminal table: one line per effect, grouped by scenario; each scenario's costs (13.3) after its
// effects.
void print_effects(std::ostream& out, const std::vector<Effect>& effects,
                   const std::vector<CostEffect>& costs = {});

// The effects and cost comparisons of a results file.
struct Comparison {
  std::vector<Effect> effects;
  std::vector<CostEffect> costs;
};
// Writes effects.csv, effects.json and report.html into out_dir (created if needed) and returns what it
// wrote; `checkpoint`, when given, runs before and after each file (it may throw to stop: `tlm compare`
// stops on Ctrl-C there).
Comparison write_comparison(const std::string& h5path, const std::vector<int>& years,
                            const std::string& out_dir, const std::function<void()>& checkpoint = {});
// The terminal table of a comparison and the line naming the files in out_dir.
void print_comparison(std::ostream& out, const Comparison& c, const std::string& out_dir);

// `tlm compare`: writes effects.csv, effects.json and report.html into out_dir (created if needed),
// prints the table to `out`, returns 0.
int compare_results(const std::string& h5path, const std::vector<int>& years, const std::string& out_dir,
                    std::ostream& out);

// Human label of an effect row, e.g. "Total shortage po 2035", "Shortage rate vo wiskunde 2040".
std::string effect_label(const Effect& e);

}  // namespace tlm::analysis
