// A calibration (docs/calibration.md): the file of `tlm calibrate` — a base scenario, the parameters to fit
// with their priors (uniform or log-uniform over [low, high]), the targets (a model quantity, the measured
// value and its uncertainty) and the settings of ABC-SMC (inference/abc.hpp).
#pragma once

#include <string>
#include <vector>

#include "experiment/design.hpp"
#include "experiment/sensitivity_study.hpp"
#include "inference/abc.hpp"

namespace tlm::experiment {

struct CalibrationTarget {
  SensitivityOutput quantity;  // metric, sector, year (or years), route, label
  double value = 0;            // measured
  double sd = 0;               // the measurement's uncertainty (> 0)
};

struct CalibrationStudy {
  Design design;  // the scenario, replications, seed and parameters (their priors); points: set per batch
  std::vector<CalibrationTarget> targets;
  inference::AbcSettings abc;
};

// Reads and checks the file: every key, type and bound; every target's metric, sector and year. Throws
// models::ScenarioErrors.
CalibrationStudy load_calibration(const std::string& path);

}  // namespace tlm::experiment
