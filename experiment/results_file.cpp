#include "experiment/results_file.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "models/output.hpp"

namespace tlm::experiment {

ResultsFile::ResultsFile(const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& root_attributes)
    : path_(path) {
  const auto out_path = std::filesystem::path(path);
  const auto dir = out_path.has_parent_path() ? out_path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(dir))
    throw PlanError(fmt::format("cannot write {}: directory {} does not exist", path, dir.string()));
  // Only a regular file (or nothing) is replaced: never a directory, a symlink, a FIFO or a device, whose
  // rename-over would destroy something that is not a results file.
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(out_path, ec);
  if (!ec && std::filesystem::exists(status)) {
    if (std::filesystem::is_directory(status))
      throw PlanError(fmt::format("cannot write {}: it is a directory", path));
    if (!std::filesystem::is_regular_file(status))
      throw PlanError(
          fmt::format("cannot write {}: it exists and is not a regular file ({}); give -o a new "
                      "name or a regular file",
                      path, std::filesystem::is_symlink(status) ? "a symbolic link" : "a special file"));
  }
  removed_ = sim::remove_dead_temporaries(path);
  try {
    file_ = std::make_unique<sim::H5Writer>(path);
  } catch (const std::exception& e) {
    throw PlanError(e.what());
  }
  models::write_file_attributes(*file_);
  for (const auto& [name, value] : root_attributes) file_->set_attr("/", name, value);
  // 1 only when the last replication is in (commit()): a reader of the temporary, while it is written or
  // after its run was killed, refuses it as an unfinished run instead of analysing the replications missing.
  file_->set_attr("/", "complete", std::int64_t{0});
}

void ResultsFile::begin(const std::vector<Variant>& variants) {
  for (const auto& v : variants) {
    models::create_scenario_group(*file_, v.group, v.params, v.toml, *v.world, v.replications());
    // What the scenario states and what --set changed, one per line, for the report (docs/output.md); an
    // attribute only when there is something to say (HDF5 has no empty fixed-length string).
    const std::string g = "/" + v.group;
    if (!v.set_keys.empty()) file_->set_attr(g, "set_keys", fmt::format("{}", fmt::join(v.set_keys, "\n")));
    if (!v.overrides.empty())
      file_->set_attr(g, "overrides", fmt::format("{}", fmt::join(v.overrides, "\n")));
    groups_.push_back(v.group);
  }
  // The structure and complete = 0 on disk: what a killed run leaves is readable as unfinished.
  file_->flush();
}

void ResultsFile::replication(std::size_t variant, int replication, models::Outcomes&& outcomes) {
  models::write_replication(*file_, groups_.at(variant), replication, outcomes);
}

void ResultsFile::commit() {
  file_->set_attr("/", "complete", std::int64_t{1});
  file_->commit();
}

void ResultsFile::abort() noexcept {
  if (file_) file_->abort();
}

}  // namespace tlm::experiment
