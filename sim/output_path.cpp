#include "sim/output_path.hpp"

#include <filesystem>

#include <fmt/format.h>

namespace tlm::sim {

std::string output_problem(const std::string& path, const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  const fs::path out(path);
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return fmt::format("cannot write {}: directory {} does not exist", path, dir.string());
  const auto status = fs::symlink_status(out, ec);
  if (ec || !fs::exists(status)) return "";
  if (fs::is_directory(status)) return fmt::format("cannot write {}: it is a directory", path);
  if (!fs::is_regular_file(status))
    return fmt::format("cannot write {}: it exists and is not a regular file ({})", path,
                       fs::is_symlink(status) ? "a symbolic link" : "a special file");
  for (const auto& in : inputs) {
    std::error_code same;
    if (fs::equivalent(out, fs::path(in), same) && !same)
      return fmt::format("cannot write {}: it is an input of this command ({}); give the output another name",
                         path, in);
  }
  return "";
}

}  // namespace tlm::sim
