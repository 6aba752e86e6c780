#include "models/output.hpp"

#include <numeric>

namespace tlm::models {

void write_file_attributes(sim::H5Writer& file) {
  file.set_attr("/", "format_version", kFormatVersion);
}

void create_scenario_group(sim::H5Writer& file, const std::string& group, const Params& params,
                           const std::string& resolved_toml, const World& world, int replications) {
  const std::string g = "/" + group;
  file.create_group(g);
  file.set_attr(g, "scenario", resolved_toml);
  file.set_attr(g, "seed", static_cast<std::uint64_t>(params.seed));
  file.set_attr(g, "replications", static_cast<std::int64_t>(replications));
  // Facts the analysis needs to read the cohort tables (which cohorts are followed to the end), so that it
  // never assumes a scenario's values: study lengths per programme, extra years, zij trajectory, retention.
  std::vector<std::int64_t> study_years(params.study.years.begin(), params.study.years.end());
  file.set_attr(g, "study_years", study_years);
  file.set_attr(g, "max_extra_years", static_cast<std::int64_t>(params.study.max_extra_years));
  file.set_attr(g, "zij_years", static_cast<std::int64_t>(params.zij.years));
  file.set_attr(g, "retention_years", static_cast<std::int64_t>(kRetentionYears));
  std::vector<int> years(params.years.end - params.years.start + 1);
  std::iota(years.begin(), years.end(), params.years.start);
  file.write_ints(g + "/years", years);
  file.write_strings(g + "/regions", world.region_names);
  // Which regions are urban (1) and which not (0), in the order of /regions: the report's urban–rest
  // contrast.
  file.write_ints(g + "/region_urban", {world.urban.begin(), world.urban.end()});
  file.write_strings(g + "/sectors", {kSectorNames.begin(), kSectorNames.end()});
  file.write_strings(g + "/routes", {kRouteNames.begin(), kRouteNames.end()});
  file.write_strings(g + "/programmes", {kProgrammeNames.begin(), kProgrammeNames.end()});
  file.write_strings(g + "/subjects", world.subjects.names);  // vo subjects: the last axis of subject_metrics
  // The shapes come from an empty replication: one source of truth for the layout.
  const Outcomes shape(static_cast<int>(years.size()), world.regions, world.subjects.count());
  for (const auto& d : shape.to_datasets()) {
    file.create_replicated(g + "/" + d.path, static_cast<std::size_t>(replications), d.values.shape(), d.unit,
                           d.description);
    for (const auto& [name, value] : d.attributes) file.set_attr(g + "/" + d.path, name, value);
  }
}

void write_replication(sim::H5Writer& file, const std::string& group, int replication,
                       const Outcomes& outcomes) {
  for (const auto& d : outcomes.to_datasets())
    file.write_replication("/" + group + "/" + d.path, static_cast<std::size_t>(replication), d.values);
}

}  // namespace tlm::models
