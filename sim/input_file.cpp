#include "sim/input_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace tlm::sim {

std::string not_an_input_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto st = fs::status(path, ec);  // follows links: a link to a regular file is fine
  if (ec) return ec.message();
  if (fs::is_directory(st)) return "is a directory";
  if (!fs::is_regular_file(st)) return "is not a regular file (a FIFO, socket or device)";
  const auto size = fs::file_size(path, ec);
  if (ec) return ec.message();
  if (size > kMaxInputBytes) return fmt::format("is larger than {} MiB", kMaxInputBytes >> 20);
  return {};
}

std::optional<std::string> read_input_file(const std::string& path, std::string& why) {
  why = not_an_input_file(path);
  if (!why.empty()) return std::nullopt;
  // POSIX reads, because a stream takes a read error (EIO) for the end of the file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      why = fmt::format("read error: {}", std::strerror(errno));
      ::close(fd);
      return std::nullopt;
    }
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxInputBytes) {
      why = fmt::format("is larger than {} MiB", kMaxInputBytes >> 20);
      ::close(fd);
      return std::nullopt;
    }
  }
  ::close(fd);
  return text;
}

}  // namespace tlm::sim
