// The analysis API the app calls: headlines after `tlm run`, effects for `tlm compare`, the report.
#pragma once

#include "analysis/calibration_results.hpp"  // is_calibration_file
#include "analysis/effects.hpp"              // compare_results, file_effects
#include "analysis/headlines.hpp"            // print_headlines, indicators
#include "analysis/report.hpp"               // write_report
#include "analysis/results.hpp"              // InputError, load_scenario, list_scenarios
#include "analysis/sweep_results.hpp"        // is_sweep_file
