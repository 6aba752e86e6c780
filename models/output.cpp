#include "models/output.hpp"

#include <numeric>

namespace tlm::models {

void create_scenario_group(sim::H5Writer& file, const std::string& group, const Params& params,
                           const std::string& resolved_toml, const World& world, int replications) {
  const std::string g = "/" + group;
  file.create_group(g);
  file.set_attr(g, "scenario", resolved_toml);
  file.set_attr(g, "seed", static_cast<std::uint64_t>(params.seed));
  file.set_attr(g, "replications", static_cast<std::int64_t>(replications));
  std::vector<int> years(params.years.end - params.years.start + 1);
  std::iota(years.begin(), years.end(), params.years.start);
  file.write_ints(g + "/years", years);
  file.write_strings(g + "/regions", world.region_names);
  file.write_strings(g + "/sectors", {kSectorNames.begin(), kSectorNames.end()});
  file.write_strings(g + "/routes", {kRouteNames.begin(), kRouteNames.end()});
  file.write_strings(g + "/programmes", {kProgrammeNames.begin(), kProgrammeNames.end()});
  // The shapes come from an empty replication: one source of truth for the layout.
  const Outcomes shape(static_cast<int>(years.size()), world.regions);
  for (const auto& d : shape.to_datasets())
    file.create_replicated(g + "/" + d.path, static_cast<std::size_t>(replications), d.values.shape(), d.unit,
                           d.description);
}

void write_replication(sim::H5Writer& file, const std::string& group, int replication,
                       const Outcomes& outcomes) {
  for (const auto& d : outcomes.to_datasets())
    file.write_replication("/" + group + "/" + d.path, static_cast<std::size_t>(replication), d.values);
}

}  // namespace tlm::models
