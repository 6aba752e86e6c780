#include "sim/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace tlm::sim {

bool stderr_is_terminal() {
  return ::isatty(2) == 1;
}

Progress::Progress(std::size_t total, std::string what, bool enabled)
    : total_(total), what_(std::move(what)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {
  last_ = start_ - std::chrono::seconds(1);
}

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && now - last_ < std::chrono::milliseconds(200)) return;  // throttle redraws
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
  const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  std::fputs(
      fmt::format("\r\033[K{}/{} {}  {:.1f}/s  {:.0f} s left", done, total_, what_, rate, left).c_str(),
      stderr);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

}  // namespace tlm::sim
