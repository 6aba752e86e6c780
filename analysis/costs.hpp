// What a policy costs per FTE-year of shortage it avoids (docs/model.md 13.3). The statistics take plain
// per-replication numbers (Σ cost_total and Σ shortage_fte over the recorded years, of a base and an
// alternative, paired by replication) and know nothing of results files, so they are tested on synthetic
// data; file_cost_effects reads those sums from a `tlm compare` file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/report_text.hpp"
#include "analysis/stats.hpp"

namespace tlm::analysis {

// The bootstrap of 13.3: resamples of the paired replications, drawn from a counter-based stream with a
// fixed key, so the same input gives the same interval on any machine and at any time.
struct BootstrapOptions {
  int resamples = 2000;
  std::uint32_t seed = 1333;  // docs/report.md; "13.3"
  double level = 0.95;
};
// Below this many pairs the bootstrap interval is marked as unreliable (13.3).
inline constexpr std::size_t kReliablePairs = 20;

// The replications of resample b (0-based): n draws with replacement from 0..n−1, word k of
// Philox(key {seed, 0}, counter {b, 0, 0, k / 4}). The same b gives the same pairs for every sector and
// alternative.
std::vector<std::size_t> bootstrap_resample(std::size_t n, int b, std::uint32_t seed);

// The ratio −mean(d_cost) / mean(d_shortage) of paired differences (ALT − BASE): euros per FTE-year of
// shortage avoided when the policy costs more and lowers the shortage; euros saved per FTE-year of added
// shortage when it costs less and raises it. Infinite when mean(d_shortage) is 0, or has the sign opposite
// to `shortage_sign` (no shortage avoided, or none added: no finite price).
double cost_ratio(double mean_cost_diff, double mean_shortage_diff, int shortage_sign);

// Percentile interval of cost_ratio over the resamples, each pair (d_cost[i], d_shortage[i]) taken as a
// unit. `shortage_sign` as for cost_ratio (−1 for avoided, +1 for added). The percentiles interpolate like
// quantile() (R type 7); an infinite resample counts as larger than every finite one.
Interval bootstrap_ratio_interval(const std::vector<double>& d_cost, const std::vector<double>& d_shortage,
                                  int shortage_sign, const BootstrapOptions& options = {});

// The four cases of 13.3, and a fifth for what they leave open.
enum class CostCase {
  per_fte_year_avoided,      // costs more, shortage lower: euros per FTE-year avoided
  cheaper_and_fewer,         // costs less (or the same), shortage lower: no ratio
  costs_more_no_fewer,       // costs more, shortage not lower: no ratio
  saved_per_fte_year_added,  // costs less, shortage higher: euros saved per FTE-year of added shortage
  no_reduction,              // costs less or the same, shortage neither lower nor higher: no ratio
};

// The shortage is "lower" when the 95% interval of its difference lies wholly below 0, "higher" when it
// lies wholly above 0; otherwise no change is detectable (a NaN bound: neither). The cost is "more" when
// the mean cost difference is above 0 and "less" when it is below.
CostCase cost_case(double mean_cost_diff, Interval shortage_diff);
// A stable name for files: "per_fte_year_avoided", "cheaper_and_fewer", ...
const char* cost_case_id(CostCase c);
bool has_ratio(CostCase c);

// Everything 13.3 reports for one alternative and one group of sectors.
struct CostEffectiveness {
  std::size_t n = 0;          // pairs used
  PairedDifference cost;      // Σ cost_total over the recorded years, EUR (t-interval, as every effect)
  PairedDifference shortage;  // Σ shortage_fte over the recorded years, FTE-years
  CostCase kind = CostCase::no_reduction;
  double ratio;       // cost_ratio of the means (EUR per FTE-year); NaN when the case has no ratio
  Interval ratio_ci;  // bootstrap percentile interval of the ratio; NaN when the case has no ratio
  bool unreliable;    // fewer than kReliablePairs pairs: the interval is not to be trusted
  int resamples;      // of the bootstrap
  std::uint32_t seed;
  bool paired = true;  // false: the runs do not pair (docs/report.md, "Pairing"); Welch intervals and a
                       // bootstrap of each side on its own
};

// The comparison of 13.3 from per-replication sums (index i of base and alt is replication i; pairs with a
// NaN are left out). With `paired` false the two sides are independent samples (of any sizes): the cost
// and shortage differences get Welch intervals, and a bootstrap resample draws each side on its own (the
// base from key {seed, 0}, the alternative from key {seed + 1, 0}).
CostEffectiveness cost_effectiveness(const std::vector<double>& base_cost,
                                     const std::vector<double>& alt_cost,
                                     const std::vector<double>& base_shortage,
                                     const std::vector<double>& alt_shortage,
                                     const BootstrapOptions& options = {}, bool paired = true);

// What the case says, in words, for a reader: "€253,000 per FTE-year of shortage avoided (95% interval
// €212,000 to €310,000)", "no reduction detectable: costs more, no fewer shortages", ... With
// `unreliable` the interval is marked so.
std::string cost_text(const CostEffectiveness& c, Lang lang = Lang::en);
// Euros for readers: "€1,234", "−€56" (a true minus sign), "+€7" with `sign`.
std::string euros(double v, bool sign = false);
// Like euros() but in millions from a million up, with one decimal: "€41.7M" (terminal tables).
std::string euros_short(double v, bool sign = false);

// The comparison of every alternative in a `tlm compare` file with the base, for all sectors ("all") and
// per sector, in the order alternative × {all, sectors...}. Empty when the file holds no cost_total (a file
// written before costs were recorded).
struct CostEffect {
  std::string base, scenario, sector;
  std::string why_unpaired;  // empty when the runs pair
  int first_year = 0, last_year = 0;
  CostEffectiveness stats;
};
std::vector<CostEffect> file_cost_effects(const std::string& h5path, const BootstrapOptions& options = {});

// The row of a cost comparison in effects.csv / effects.json.
inline constexpr const char* kCostRowMetric = "cost_per_fte_year";
inline constexpr const char* kCostRowUnit = "EUR per FTE-year";

// The terminal lines of the cost comparisons of `scenario` (none when it has none): per group of sectors the
// cost and shortage differences with their paired intervals, and the reading of 13.3.
void print_cost_effects(std::ostream& out, const std::vector<CostEffect>& costs, const std::string& scenario,
                        Lang lang = Lang::en);

}  // namespace tlm::analysis
