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

Progress::Progress(std::size_t total, std::string what, bool enabled, std::string prefix, bool log_lines)
    : Progress(total, std::move(what), enabled && (stderr_is_terminal() || log_lines)) {
  live_ = stderr_is_terminal();
  prefix_ = std::move(prefix);
  if (!live_) last_ = start_;  // the first plain line after 10 seconds
}

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const auto every = live_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(10000);
  if ((done < total_ || !live_) && now - last_ < every) return;  // throttle redraws
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
  const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  const std::string line = fmt::format("{}/{} {}  {:.2f}/s  {:.0f} s left", done, total_, what_, rate, left);
  if (live_)
    std::fputs(fmt::format("\r\033[K{}", line).c_str(), stderr);
  else
    std::fputs(fmt::format("{}{}\n", prefix_, line).c_str(), stderr);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_) return;
  if (live_) {
    std::fputs("\r\033[K", stderr);
  } else {
    // A log reader learns that the work ended and how long it took (issue 14).
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fputs(fmt::format("{}{} {} done in {:.1f} s\n", prefix_, total_, what_, secs).c_str(), stderr);
  }
  std::fflush(stderr);
}

}  // namespace tlm::sim
