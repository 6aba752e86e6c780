// Reading a calibration file of `tlm calibrate` (docs/calibration.md, "The output") into plain arrays: the
// parameters with their priors, the targets with what was measured, and every generation's particles. As with
// results and sweep files, every dataset is checked against the file's own dimensions (parameters, targets,
// particles) before it is used, and a damaged file is an InputError naming the file and the dataset.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/results.hpp"

namespace tlm::analysis {

struct CalibrationParameter {
  std::string key;  // a scenario key, e.g. reserve.return
  double low = 0, high = 0;
  bool log = false;  // the prior is log-uniform (uniform in the log)
};

struct CalibrationTargetData {
  std::string label;  // "po shortage rate 2024"
  double measured = 0, sd = 0;
};

struct CalibrationGeneration {
  double tolerance = 0;  // a proposal is kept within it (generation 0: infinite, every prior draw)
  long long proposals = 0;
  double ess = 0;                 // effective sample size of the weights: the file's, or (Σw)² / Σw²
  std::size_t particles = 0;      // n
  std::vector<double> values;     // [particle, parameter], row-major (n × k)
  std::vector<double> weight;     // [particle], normalised
  std::vector<double> distance;   // [particle]
  std::vector<double> parts;      // [particle, target] (n × m)
  std::vector<double> simulated;  // [particle, target] (n × m)
  double acceptance_rate() const {
    return proposals > 0 ? static_cast<double>(particles) / static_cast<double>(proposals) : 0.0;
  }
};

struct CalibrationResults {
  std::string path;
  std::string tlm_version, created, command;
  std::string calibration;  // the calibration file's text
  std::string scenario;     // its base scenario, as the file names it
  int replications = 0;     // per particle, when the calibration file states it (0: the scenario's)
  std::vector<CalibrationParameter> parameters;
  std::vector<CalibrationTargetData> targets;
  std::vector<CalibrationGeneration> generations;  // generation 0 (the prior) first

  std::size_t k() const { return parameters.size(); }
  std::size_t m() const { return targets.size(); }
  // Column `j` of a generation's values (parameter j) and of its simulated values (target t).
  std::vector<double> parameter_values(const CalibrationGeneration& g, std::size_t j) const;
  std::vector<double> simulated_values(const CalibrationGeneration& g, std::size_t t) const;
};

// Whether `path` is an HDF5 file whose root attribute kind is "calibration" (false for anything else).
bool is_calibration_file(const std::string& path);

// Loads a calibration file. The priors come from the calibration text the file keeps (its [[parameter]]
// tables: key, low, high, scale), which `tlm calibrate` checked before it ran.
CalibrationResults load_calibration_results(const std::string& path);

}  // namespace tlm::analysis
