// Reading a results file (docs/output.md) into plain arrays. analysis/ knows the results only through
// this format, never through the models' types, so a file written by any version of `tlm` (or by a
// test fixture) can be analysed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tlm::analysis {

// Bad input to the analysis (missing file, not a tlm results file, too few scenarios, a year not in the
// file): the app maps it to exit code 2. Messages always name the file.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes `text` to `path` whole or not at all: under a temporary name beside it (<path>.tmp<pid>), renamed
// over `path` once written and closed. A file that cannot be created is an InputError ("<what>: cannot
// write"), like any unwritable output path; a write that fails on the way (a full disk) is a
// std::runtime_error naming the reason. Either way the temporary is removed and `path` is unchanged.
void write_text_file(const std::string& path, const std::string& text, const std::string& what = "");
// The first half of write_text_file, for outputs that appear together or not at all: writes and closes `text`
// under the temporary name and returns it; the caller renames it over `path` (or removes it). Fails as
// write_text_file does, the temporary removed.
std::string write_text_temporary(const std::string& path, const std::string& text,
                                 const std::string& what = "");

// Why `path` cannot be read as a tlm `kind` ("P: no such file", "P: not a tlm results file (a directory)"),
// or
// "" when it is a regular file (or a link to one): a FIFO is never opened, since that blocks until a writer
// comes.
std::string file_problem(const std::string& path, const std::string& kind = "results file");

// A dense row-major float64 array with its shape.
struct Array {
  std::vector<std::size_t> shape;
  std::vector<double> data;

  std::size_t size() const { return data.size(); }
  std::size_t dim(std::size_t i) const { return shape.at(i); }
  // Element at a full index; the number of indices must equal the rank.
  double operator()(std::initializer_list<std::size_t> idx) const;
};

// The array summed over one axis (NaN stays NaN: a cell past the horizon is past it in every sector).
Array sum_over_axis(const Array& a, std::size_t axis);

// The results-file format this analysis reads (the root attribute format_version, docs/output.md).
inline constexpr int kReadableFormatVersion = 3;

// Root attributes of a results file.
struct FileInfo {
  int format_version = 0;
  std::string tlm_version;
  std::string created;
  std::string command;
  std::vector<std::string> scenarios;  // the base first (when named), then in order of creation
  std::string base_scenario;           // the base (attribute base_scenario); "" in files written before it
};

struct ScenarioResults {
  std::string name;           // the group name (may differ from the scenario's own name, e.g. "X#2")
  std::string scenario_toml;  // the resolved scenario, as TOML text
  // The keys the scenario's files or --set state, and the --set texts (attributes set_keys and overrides;
  // empty in files written before them).
  std::vector<std::string> set_keys, overrides;
  std::uint64_t seed = 0;
  int replications = 0;
  std::vector<int> years;
  std::vector<std::string> regions, sectors, routes, programmes;
  // Per region, 1 if urban (dataset region_urban); empty in files written before it.
  std::vector<int> region_urban;
  // Facts of the scenario that reading the cohort tables needs (group attributes, docs/output.md).
  std::vector<int> study_years;  // per programme
  int max_extra_years = 0;
  int zij_years = 0;
  int retention_years = 0;                   // k = 1..retention_years in cohorts/retained
  std::map<std::string, Array> metrics;      // [replication, year, region, sector]; only those loaded
  std::map<std::string, std::string> units;  // of the loaded metrics
  // vo subjects (docs/model.md 12, docs/output.md), in file order: the 13 default subjects, ["all"] for the
  // subject-free model, or a scenario's own set. po and mbo have none.
  std::vector<std::string> subjects;
  // Subject metrics [replication, year, region, subject], vo only; only those loaded. Every dataset of the
  // group, loaded or not, has been checked against the axes.
  std::map<std::string, Array> subject_metrics;
  std::map<std::string, std::string> subject_units;  // of the loaded subject metrics
  // For a loaded subject metric that is a ratio: its numerator and denominator (attributes of the dataset;
  // an empty numerator is a mean weighted by the denominator).
  std::map<std::string, std::pair<std::string, std::string>> subject_ratios;
  // Cohort tables (docs/output.md); empty arrays if the file has none.
  Array entrants, retained, intake, graduated, zij, zij_completed;
  // Entrants [rep, year, sector of entry, route] and retained [rep, year, sector, route, k] as in the file;
  // `entrants` and `retained` above are their sums over the sector of entry.
  Array entrants_by_sector, retained_by_sector;

  int start() const { return years.front(); }
  int end() const { return years.back(); }
  // Index of a year / sector / route / programme; throws InputError if absent.
  std::size_t year_index(int year) const;
  std::size_t sector_index(const std::string& s) const;
  std::size_t route_index(const std::string& r) const;
  std::size_t programme_index(const std::string& p) const;
  std::size_t subject_index(const std::string& s) const;
  const Array& metric(const std::string& m) const;
  const Array& subject_metric(const std::string& m) const;
};

// Throws InputError (naming the file) if `path` is missing, not HDF5 or holds no tlm scenario group.
FileInfo read_file_info(const std::string& path);
std::vector<std::string> list_scenarios(const std::string& path);
// Loads one scenario group. `metric_names` empty: every metric in the file; otherwise only those (a
// missing one is an InputError). `optional_metrics` are loaded too where the file has them (a file written
// before a metric existed lacks it). Cohort tables and the subjects are always loaded.
// `subject_metric_names`: which subject_metrics/* to load; nullopt (the default) every one, an empty list
// none, otherwise those (a missing one is an InputError). Whatever is loaded, every subject metric's shape
// is checked against replications × years × regions × subjects; a subject metric loaded together with the
// metric of the same name (demand_fte, staff_fte, open_fte, hidden_fte, shortage_fte, teachers) must sum
// over subjects to that metric's vo column (1e-9 relative), else the file is refused.
ScenarioResults load_scenario(
    const std::string& path, const std::string& scenario, const std::vector<std::string>& metric_names = {},
    const std::vector<std::string>& optional_metrics = {},
    const std::optional<std::vector<std::string>>& subject_metric_names = std::nullopt);

// National aggregates, [replication][year]. `sector` empty: all sectors. Counts and FTE are summed over
// regions (and sectors); ratio metrics must be formed from these sums, never averaged over cells.
std::vector<std::vector<double>> national_sum(const ScenarioResults& r, const std::string& metric,
                                              const std::string& sector = {});
// Σ numerator / Σ denominator per replication and year (NaN where the denominator is 0).
std::vector<std::vector<double>> national_ratio(const ScenarioResults& r, const std::string& numerator,
                                                const std::string& denominator,
                                                const std::string& sector = {});

// A subject metric summed over regions, [replication][year][subject] (subjects in file order). A ratio
// subject metric (subject_ratios) is Σ numerator / Σ denominator over the regions, never a mean of cells
// (NaN where the denominator is 0).
std::vector<std::vector<std::vector<double>>> national_by_subject(const ScenarioResults& r,
                                                                  const std::string& metric);
// Σ numerator / Σ denominator over regions, per replication, year and subject (NaN where the denominator
// is 0); e.g. the national shortage rate of each subject from shortage_fte and demand_fte.
std::vector<std::vector<std::vector<double>>> national_subject_ratio(const ScenarioResults& r,
                                                                     const std::string& numerator,
                                                                     const std::string& denominator);

// What decides whether the runs of two scenarios pair (docs/report.md, "Pairing"): replication i of both
// draws the same random numbers only with the same seed, and starts from the same world only with the same
// generated start; a paired difference also needs the same replications on both sides.
struct StartFacts {
  std::string name;
  std::uint64_t seed = 0;
  int replications = 0;
  int start = 0, end = 0;
  // Per replication: the recorded start state (the start year of pairing_state_metrics, those loaded),
  // region by region and sector by sector.
  std::vector<std::vector<double>> start_state;
};
// The states whose start year tells one generated start world from another: demand, teachers and schools by
// region and sector (the world itself, before any policy has acted; not flows, which are 0 in the start year,
// nor costs, which depend on the prices).
const std::vector<std::string>& pairing_state_metrics();
StartFacts start_facts(const ScenarioResults& r);

struct Pairing {
  bool paired = true;
  std::string why_not;     // empty when paired: e.g. "the seeds differ (1 and 7)"
  std::string why_not_nl;  // the same in Dutch, for a Dutch report or terminal ("de seeds verschillen")
};
// Paired when the seeds, the replications, the start years and the recorded start states are the same.
Pairing pairing_of(const StartFacts& base, const StartFacts& alt);

}  // namespace tlm::analysis
