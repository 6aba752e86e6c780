// Reading an input file (a scenario, a design, a CSV): only a regular file of a sane size, read with POSIX
// calls so that a read error is never taken for the end of the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tlm::sim {

// Inputs are regular files of at most this size: a FIFO would block forever, a device (/dev/zero) never end.
inline constexpr std::uintmax_t kMaxInputBytes = 64u << 20;

// Why `path` is not a readable input file, or "" when it is one (a link to a regular file is one).
std::string not_an_input_file(const std::string& path);

// The whole file, or nullopt with the reason in `why` ("is a directory", "read error: ...").
std::optional<std::string> read_input_file(const std::string& path, std::string& why);

}  // namespace tlm::sim
