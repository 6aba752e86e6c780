// The output layout of ARCHITECTURE.md for one scenario's group, on top of the engine's HDF5 writer.
#pragma once

#include <string>

#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/world.hpp"
#include "sim/h5writer.hpp"

namespace tlm::models {

// Creates /<group>/ with its attributes, axis datasets and empty replicated datasets.
void create_scenario_group(sim::H5Writer& file, const std::string& group, const Params& params,
                           const std::string& resolved_toml, const World& world, int replications);
// Writes replication `replication` of the group.
void write_replication(sim::H5Writer& file, const std::string& group, int replication,
                       const Outcomes& outcomes);

}  // namespace tlm::models
