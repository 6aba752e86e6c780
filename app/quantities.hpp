// The value of a study's quantity (an output of `tlm sensitivity`, a target of `tlm calibrate`) at one task
// of a sweep file (docs/sensitivity.md, docs/calibration.md).
#pragma once

#include <string>
#include <vector>

#include "analysis/sweep_results.hpp"
#include "experiment/sensitivity_study.hpp"

namespace tlm::app {

// The 5-year retention of the task's entrants (docs/model.md 7.4), as the quantity's sector and route say.
double retention_value(const analysis::SweepResults& r, const std::string& variant,
                       const experiment::SensitivityOutput& o, std::size_t p, std::size_t rep);
// The quantity of `variant` at point p, replication rep: a metric over its sector(s) and year(s) (a ratio as
// Σ numerator / Σ denominator) or of one vo subject, or the retention of a route k years after entry.
double output_value(const analysis::SweepResults& r, const std::string& variant,
                    const experiment::SensitivityOutput& o, std::size_t p, std::size_t rep);
// The national metrics the quantities need, ratios' parts included.
std::vector<std::string> needed_metrics(const std::vector<experiment::SensitivityOutput>& outputs);
// The subject metrics the quantities of a vo subject need, ratios' parts included.
std::vector<std::string> needed_subject_metrics(const std::vector<experiment::SensitivityOutput>& outputs);

}  // namespace tlm::app
