#include "models/output.hpp"

#include <numeric>

namespace tlm::models {

void write_axes(sim::H5File& file, const std::string& group, const std::vector<int>& years,
                const std::vector<std::string>& regions, const std::vector<std::string>& subjects,
                std::size_t replications) {
  const std::string g = group + "/";
  std::vector<int> reps(replications), k(static_cast<std::size_t>(kRetentionYears));
  std::iota(reps.begin(), reps.end(), 0);
  std::iota(k.begin(), k.end(), 1);
  file.write_ints(g + "years", years);
  file.write_strings(g + "regions", regions);
  file.write_strings(g + "sectors", {kSectorNames.begin(), kSectorNames.end()});
  file.write_strings(g + "routes", {kRouteNames.begin(), kRouteNames.end()});
  file.write_strings(g + "programmes", {kProgrammeNames.begin(), kProgrammeNames.end()});
  file.write_strings(g + "subjects", subjects);  // vo subjects: the last axis of subject_metrics
  file.write_ints(g + "replication", reps);
  file.write_ints(g + "k", k);
  for (const char* axis :
       {"years", "regions", "sectors", "routes", "programmes", "subjects", "replication", "k"})
    file.make_scale(g + axis, axis);
}

void attach_axes(sim::H5File& file, const std::string& group, const std::string& path,
                 const std::vector<std::string>& leading, const std::vector<std::string>& axes) {
  std::vector<std::string> all;
  for (const auto* list : {&leading, &axes})
    for (const auto& a : *list) all.push_back(group + "/" + a);
  file.attach_scales(group + "/" + path, all);
}

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
  write_axes(file, g, years, world.region_names, world.subjects.names,
             static_cast<std::size_t>(replications));
  // Which regions are urban (1) and which not (0), in the order of /regions: the report's urban–rest
  // contrast.
  file.write_ints(g + "/region_urban", {world.urban.begin(), world.urban.end()});
  file.attach_scales(g + "/region_urban", {g + "/regions"});
  // The shapes come from an empty replication: one source of truth for the layout.
  const Outcomes shape(static_cast<int>(years.size()), world.regions, world.subjects.count());
  for (const auto& d : shape.to_datasets()) {
    file.create_replicated(g + "/" + d.path, static_cast<std::size_t>(replications), d.values.shape(), d.unit,
                           d.description);
    for (const auto& [name, value] : d.attributes) file.set_attr(g + "/" + d.path, name, value);
    attach_axes(file, g, d.path, {"replication"}, d.axes);
  }
}

void write_replication(sim::H5Writer& file, const std::string& group, int replication,
                       const Outcomes& outcomes) {
  for (const auto& d : outcomes.to_datasets())
    file.write_replication("/" + group + "/" + d.path, static_cast<std::size_t>(replication), d.values);
}

}  // namespace tlm::models
