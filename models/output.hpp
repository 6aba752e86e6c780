// The output layout of ARCHITECTURE.md for one scenario's group, on top of the engine's HDF5 writer.
#pragma once

#include <cstdint>
#include <string>

#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/world.hpp"
#include "sim/h5writer.hpp"

namespace tlm::models {

// The version of the results file's layout (docs/output.md). 2: cohort tables per sector of entry, the
// scenario facts, the metric registry's attributes. Readers refuse a version they do not know.
inline constexpr std::int64_t kFormatVersion = 3;

// The root attributes every results file carries (format_version).
void write_file_attributes(sim::H5Writer& file);
// Creates /<group>/ with its attributes, axis datasets and empty replicated datasets.
void create_scenario_group(sim::H5Writer& file, const std::string& group, const Params& params,
                           const std::string& resolved_toml, const World& world, int replications);
// Writes replication `replication` of the group.
void write_replication(sim::H5Writer& file, const std::string& group, int replication,
                       const Outcomes& outcomes);

}  // namespace tlm::models
