// Parameter uncertainty in a comparison: `tlm compare ... --posterior calib.h5` (docs/calibration.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analysis/report_text.hpp"
#include "app/commands.hpp"

namespace tlm::app {

// K draws of a calibration's posterior (its last generation), resampled by weight.
struct PosteriorDraws {
  std::vector<std::string> keys;            // the fitted scenario keys
  std::vector<std::vector<double>> values;  // per draw: one value per key
  std::vector<std::size_t> particles;       // per draw: the particle it is
  std::size_t generation = 0;
  std::string calibration;  // the calibration file's text
};
// Throws BadInput when the file is not a calibration of tlm calibrate or is inconsistent.
PosteriorDraws read_posterior(const std::string& path, int draws);

struct PosteriorCompareOptions {
  std::vector<std::string> scenarios;  // BASE ALT ...
  std::string posterior;               // calib.h5
  int draws = 20;
  std::optional<int> replications;  // per draw (default 5)
  int threads = 0;
  std::string max_memory;  // --max-memory; empty: the memory available
  std::string out_dir;
  std::vector<int> years;
  bool quiet = false;
  analysis::Lang lang = analysis::Lang::en;  // of report.html and the terminal table
};

// Runs every scenario on each draw × replication (one sweep, on threads and MPI ranks) into
// out_dir/posterior.h5 and writes out_dir/effects.csv and effects.json; prints the effects.
void run_posterior_compare(const PosteriorCompareOptions& opts);

}  // namespace tlm::app
