// A progress line on stderr (done/total, rate, time left), only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace tlm::sim {

class Progress {
 public:
  Progress(std::size_t total, std::string what, bool enabled);
  void update(std::size_t done);
  void finish();

 private:
  std::size_t total_;
  std::string what_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

bool stderr_is_terminal();

}  // namespace tlm::sim
