// Effects of alternative scenarios against a base. Paired on common random numbers where the runs pair
// (same seed, replications and start world: replication i of both shares its random numbers, so
// ALT_i − BASE_i removes most of the noise the two share), with the unpaired (Welch) interval beside it to
// show that gain. Where they do not pair, the effect is the difference of the means with the Welch interval,
// and the reason is kept with it (docs/report.md, "Pairing").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/costs.hpp"
#include "analysis/headlines.hpp"
#include "analysis/report_text.hpp"

namespace tlm::analysis {

struct Effect {
  std::string base, scenario;  // group names; scenario is the alternative
  std::string metric, sector, route, programme;
  std::string subject;  // a vo subject (its shortage, FTE and rate); empty otherwise
  std::optional<int> year;
  std::string unit;
  Better better = Better::Lower;
  bool paired = true;
  std::string why_unpaired;           // why the runs do not pair; empty when paired
  std::string why_unpaired_nl;        // the same in Dutch (the terminal and report of --lang nl)
  std::size_t n = 0;                  // pairs used (0 when unpaired)
  std::size_t n_base = 0, n_alt = 0;  // runs with a value on each side
  double mean;                        // mean of ALT_i − BASE_i (unpaired: mean ALT − mean BASE)
  double lo, hi;    // 95% t-interval of the paired differences (unpaired: the Welch interval)
  double p_better;  // share of pairs where ALT is better (Neutral: where ALT is lower); ties are not better;
                    // NaN when unpaired
  double base_mean, alt_mean;
  double lo_unpaired, hi_unpaired;  // 95% Welch interval, the two samples taken as independent
};

// Pairs the indicators of base and alt by key; keys present in only one are skipped. `pairing` says whether
// their runs pair (pairing_of); if not, every effect is unpaired. The per-subject
// indicators (vo shortage by subject) are paired in the last of their years only: a comparison reports the
// effect per subject in the last year (docs/model.md 12.5).
std::vector<Effect> compute_effects(const std::string& base_name, const std::vector<Indicator>& base,
                                    const std::string& alt_name, const std::vector<Indicator>& alt,
                                    const Pairing& pairing = {});

// Effects of every scenario after the first against the first, for the given years (empty: defaults).
// Throws InputError if the file holds fewer than two scenarios or a year is not recorded.
std::vector<Effect> file_effects(const std::string& h5path, std::vector<int> years);

// One row per effect; then one row per cost comparison (docs/model.md 13.3: metric cost_per_fte_year, unit
// "EUR per FTE-year", the ratio and its bootstrap interval as mean, lo, hi). The last columns say how the
// interval was made (paired t or bootstrap percentile) and, for the cost rows, the case, its reading and
// whether the interval is unreliable (fewer than 20 pairs).
void write_effects_csv(const std::string& path, const std::vector<Effect>& effects,
                       const std::vector<CostEffect>& costs = {});
// What effects.json says of the comparison besides its rows (docs/report.md): the tlm version that wrote the
// results file, the base, each scenario's seed and replications, and the years of the per-year effects.
struct EffectsMetadata {
  std::string tlm_version, created, base;
  struct Run {
    std::string name;
    std::uint64_t seed = 0;
    int replications = 0;
  };
  std::vector<Run> scenarios;  // the base first
  std::vector<int> years;
};
EffectsMetadata effects_metadata(const std::string& h5path, const std::vector<Effect>& effects);
// An object: the metadata, then "effects" (the effect rows, then the cost comparisons).
void write_effects_json(const std::string& path, const std::vector<Effect>& effects,
                        const std::vector<CostEffect>& costs = {}, const EffectsMetadata& metadata = {});
// The terminal table: one line per effect, grouped by scenario; each scenario's costs (13.3) after its
// effects.
void print_effects(std::ostream& out, const std::vector<Effect>& effects,
                   const std::vector<CostEffect>& costs = {}, Lang lang = Lang::en);

// The effects and cost comparisons of a results file.
struct Comparison {
  std::vector<Effect> effects;
  std::vector<CostEffect> costs;
};
// Writes effects.csv, effects.json and report.html into out_dir (created if needed) and returns what it
// wrote; `checkpoint`, when given, runs before and after each file (it may throw to stop: `tlm compare`
// stops on Ctrl-C there). `shown_h5path`, when given, is the path the report names as its file (`tlm
// compare` reads its results from a staging folder that is renamed into place afterwards); `lang`: the
// language of report.html.
Comparison write_comparison(const std::string& h5path, const std::vector<int>& years,
                            const std::string& out_dir, const std::function<void()>& checkpoint = {},
                            const std::string& shown_h5path = {}, Lang lang = Lang::en);
// `tlm effects`: the effects and cost comparisons of an existing results file, as `tlm compare` makes them;
// writes effects.csv and effects.json into out_dir (created if needed), not the report.
Comparison write_effects_files(const std::string& h5path, const std::vector<int>& years,
                               const std::string& out_dir);
// The terminal table of a comparison in `lang` (`brief`: the summary of print_effects_summary instead, for
// `tlm compare -q`) and the line naming the files in out_dir.
void print_comparison(std::ostream& out, const Comparison& c, const std::string& out_dir, bool brief = false,
                      Lang lang = Lang::en);
// A few lines for `tlm compare -q`: per alternative, its effect on the total shortage of all sectors in the
// last year asked for and on the shortage FTE-years, with their intervals and whether they are paired.
void print_effects_summary(std::ostream& out, const std::vector<Effect>& effects, Lang lang = Lang::en);
// The width the terminal output keeps to (issue 14).
inline constexpr std::size_t kTerminalColumns = 100;

// `tlm compare`: writes effects.csv, effects.json and report.html into out_dir (created if needed),
// prints the table to `out`, returns 0.
int compare_results(const std::string& h5path, const std::vector<int>& years, const std::string& out_dir,
                    std::ostream& out);

// Human label of an effect row, e.g. "Total shortage po 2035", "Shortage rate vo wiskunde 2040".
std::string effect_label(const Effect& e, Lang lang = Lang::en);

}  // namespace tlm::analysis
