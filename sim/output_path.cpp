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

std::string outputs_problem(const std::string& dir, const std::vector<std::string>& names,
                            const std::vector<std::string>& inputs) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return "";
  for (const auto& name : names)
    if (auto why = output_problem((std::filesystem::path(dir) / name).string(), inputs); !why.empty())
      return why;
  return "";
}

MadeFolder::~MadeFolder() {
  std::error_code ec;
  for (const auto& dir : created_) std::filesystem::remove(dir, ec);  // only while empty
}

std::string MadeFolder::make(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (fs::is_directory(status)) return "";
  if (fs::exists(status)) return "it exists and is not a folder";
  std::vector<std::string> missing;
  for (fs::path p = fs::path(dir).lexically_normal(); !p.empty() && !fs::exists(fs::symlink_status(p, ec));
       p = p.parent_path()) {
    if (p.filename().empty()) {  // "out/": the folder itself is its parent path
      if (p == p.parent_path()) break;
      continue;
    }
    missing.push_back(p.string());
    if (p == p.parent_path()) break;
  }
  std::error_code made;
  fs::create_directories(dir, made);
  for (const auto& p : missing)
    if (fs::is_directory(fs::symlink_status(p, ec))) created_.push_back(p);
  if (made) return made.message();
  return fs::is_directory(dir, ec) ? "" : "it could not be created";
}

}  // namespace tlm::sim
