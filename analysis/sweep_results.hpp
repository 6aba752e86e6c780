// Reading a sweep file of `tlm sweep` (docs/output.md, "Sweep files") into plain arrays: the design's
// parameters and points, and per variant the national metrics [point, replication, year, sector]. As with a
// results file (results.hpp) every dataset read is checked against the file's own axes first, and a damaged
// file is an InputError naming the file and the dataset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/results.hpp"

namespace tlm::analysis {

struct SweepParameter {
  std::string key;
  bool numeric = true;              // values in `numbers`; otherwise only in `texts`
  std::vector<double> numbers;      // per point (NaN for a text value)
  std::vector<std::string> texts;   // per point: a text value's TOML text ('none', true), or the number's
  std::optional<double> low, high;  // lhs and sobol designs: the design's range
  bool log = false;                 // lhs and sobol: scale "log"
};

struct SweepResults {
  std::string path;
  std::string tlm_version, created, command;
  std::string design, design_file, design_kind;  // the design file's text, its name, grid | lhs | sobol
  std::uint64_t seed = 0;
  std::size_t points = 0, replications = 0;
  bool complete = false;  // every task has run (the file was renamed from .part)
  std::vector<SweepParameter> parameters;
  std::vector<std::string> variants;             // the base first, then the alternatives
  std::map<std::string, std::string> scenarios;  // variant -> its resolved scenario (no point's values)
  std::vector<int> years;
  std::vector<std::string> regions, sectors, routes, programmes, subjects;
  std::vector<std::uint8_t> done, failed;  // [point × replications + replication]
  // variant -> metric -> [point, replication, year, sector]; NaN for every task not marked done.
  std::map<std::string, std::map<std::string, Array>> national;
  // With `cohorts`: variant -> entrants [point, replication, year, sector, route] and retained [point,
  // replication, year, sector, route, k] (docs/output.md "Cohort tables"); NaN for every task not done.
  std::map<std::string, Array> entrants, retained;
  // With `subject_metrics`: variant -> subject metric -> [point, replication, year, subject] (vo only); NaN
  // for every task not done.
  std::map<std::string, std::map<std::string, Array>> subject_national;
  std::map<std::string, std::string> units;  // of the loaded metrics

  bool is_done(std::size_t point, std::size_t replication) const {
    return done.at(point * replications + replication) == 1;
  }
  std::size_t done_count() const;
  std::size_t failed_count() const;
  bool is_grid() const { return design_kind == "grid"; }
};

// Whether `path` is an HDF5 file whose root attribute kind is "sweep" (false for anything else, a missing
// file included: the reader of results files then says what is wrong).
bool is_sweep_file(const std::string& path);

// Loads a sweep file: its design, axes and marks, and the national metrics `metric_names` (each must exist
// for every variant) and `optional_metrics` where every variant has them. Before anything is read, every
// national/* and subject_national/* dataset of every variant is checked against points × replications ×
// years × sectors (subjects), the points and marks against points (× replications).
SweepResults load_sweep(const std::string& path, const std::vector<std::string>& metric_names,
                        const std::vector<std::string>& optional_metrics = {}, bool cohorts = false,
                        const std::vector<std::string>& subject_metrics = {});

// One variant at one point as the results of a run: its replications, and the national values as one
// region named "national"; the entrants and retained of the cohort tables where loaded (no other cohort
// tables, no subject metrics). The headline definitions (headlines.hpp)
// and national_sum / national_ratio apply to it unchanged, so a number means the same as in a run's report.
ScenarioResults sweep_point(const SweepResults& s, const std::string& variant, std::size_t point);

}  // namespace tlm::analysis
