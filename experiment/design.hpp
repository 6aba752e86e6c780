// Sweep designs (docs/sweeps.md): a design file names a base scenario, its alternatives and parameters, and
// how points are laid out over them: a full factorial grid of listed values, a Latin hypercube or a Sobol
// sequence over [low, high] (linear or log scale). This file reads and checks the design and generates its
// points; experiment/sweep.hpp validates every point against the scenario and runs them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inference/sampling.hpp"
#include "models/scenario.hpp"

namespace tlm::experiment {

using inference::kMaxSobolDimension;

// Given: points in the unit cube supplied by the caller (a sensitivity analysis's plan), mapped like lhs.
enum class DesignKind { Grid, Lhs, Sobol, Given };
const char* design_kind_name(DesignKind kind);

// Bounds that keep a design a sane size (docs/sweeps.md): points × replications tasks.
inline constexpr long long kMaxPoints = 1'000'000;
inline constexpr int kMaxParameters = 200;

struct DesignParameter {
  std::string key;  // a scenario key, or one entry of a table (policy.induction.base_quality.po)
  std::vector<std::string> values;  // grid: the TOML text of each value
  std::vector<double> numbers;      // grid: each value as a number (NaN for text and booleans)
  std::vector<std::string> labels;  // grid: each value for the points table (a string without its quotes)
  std::optional<double> low, high;  // lhs / sobol
  bool log = false;                 // scale = "log"
  models::InputError where;         // the `key` entry
  std::vector<models::InputError> value_where;  // grid: each value; lhs / sobol: low, high
  bool numeric() const;  // every value a number (a column of numbers in the points table)
};

struct Design {
  std::string path;                      // as given
  std::string text;                      // the file, for provenance and resume
  std::string scenario = "nl-baseline";  // a file (relative to the design's folder) or an embedded name
  models::InputError scenario_where;
  std::vector<std::string> alternatives;  // same
  std::vector<models::InputError> alternative_where;
  std::optional<int> replications;    // default: the base scenario's
  std::optional<std::uint64_t> seed;  // default: the base scenario's
  DesignKind kind = DesignKind::Grid;
  long long points = 0;           // lhs / sobol
  std::uint64_t design_seed = 1;  // lhs
  bool regions = false;           // regional detail in the output
  std::vector<DesignParameter> parameters;
  std::vector<std::vector<double>> unit;  // Given: one row per point, one column per parameter, in [0, 1]

  long long point_count() const;  // grid: the product of the value counts
};

// Reads and checks a design file (every key known, every type and bound right); scenario keys and their
// values are checked later, against the scenario, by plan_sweep. Throws models::ScenarioErrors.
Design load_design(const std::string& path);
Design parse_design(const std::string& text, const std::string& display);

// One point: the value of each parameter, as the text of a --set override and as a number (NaN for text).
struct PointValue {
  std::string text;   // TOML: 0.45, 'ban'
  double number;      // NaN for text
  std::string label;  // for the points table: 0.45, ban
};
// A scenario named in a design (or a study file at `design_path`): a path relative to that file's folder, or
// an embedded name (a name with '/' or ending in .toml is a path, as on the command line).
std::string scenario_source(const std::string& name, const std::string& design_path);
// The design's base scenario, or nothing where it does not load (plan_sweep then reports why).
std::optional<models::Params> load_base_scenario(const Design& design);

// The design's points in order (grid: the first parameter varies slowest). `integer[j]`: parameter j takes
// whole numbers (sampled values are rounded).
std::vector<std::vector<PointValue>> design_points(const Design& design, const std::vector<bool>& integer);

}  // namespace tlm::experiment
