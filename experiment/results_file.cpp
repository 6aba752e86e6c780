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
  if (std::filesystem::is_directory(out_path))
    throw PlanError(fmt::format("cannot write {}: it is a directory", path));
  try {
    file_ = std::make_unique<sim::H5Writer>(path);
  } catch (const std::exception&) {
    throw PlanError(fmt::format("cannot write {}", path));
  }
  models::write_file_attributes(*file_);
  for (const auto& [name, value] : root_attributes) file_->set_attr("/", name, value);
}

void ResultsFile::begin(const std::vector<Variant>& variants) {
  for (const auto& v : variants) {
    models::create_scenario_group(*file_, v.group, v.params, v.toml, *v.world, v.replications());
    groups_.push_back(v.group);
  }
}

void ResultsFile::replication(std::size_t variant, int replication, models::Outcomes&& outcomes) {
  models::write_replication(*file_, groups_.at(variant), replication, outcomes);
}

void ResultsFile::commit() {
  file_->commit();
}

void ResultsFile::abort() noexcept {
  if (file_) file_->abort();
}

}  // namespace tlm::experiment
