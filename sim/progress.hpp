// A progress line on stderr (done/total, rate, time left): on a terminal a live line; elsewhere (a batch
// log), when asked for, a plain line every 10 seconds and one when done.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace tlm::sim {

class Progress {
 public:
  Progress(std::size_t total, std::string what, bool enabled);
  // `prefix` starts every plain line (e.g. "tlm sweep: "); `log_lines`: plain lines when not on a terminal.
  Progress(std::size_t total, std::string what, bool enabled, std::string prefix, bool log_lines);
  void update(std::size_t done);
  void finish();

 private:
  std::size_t total_;
  std::string what_;
  bool enabled_;
  bool live_ = true;
  std::string prefix_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

bool stderr_is_terminal();

}  // namespace tlm::sim
