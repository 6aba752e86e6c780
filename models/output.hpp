// The output layout of ARCHITECTURE.md for one scenario's group, on top of the engine's HDF5 writer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/world.hpp"
#include "sim/h5writer.hpp"

namespace tlm::models {

// The version of the results file's layout (docs/output.md). 2: cohort tables per sector of entry, the
// scenario facts, the metric registry's attributes. Readers refuse a version they do not know.
inline constexpr std::int64_t kFormatVersion = 3;

// The axis datasets of a results group or a sweep file's root `group` ("" for the root): years, regions,
// sectors, routes, programmes, subjects, replication (0..replications-1) and k (1..kRetentionYears), each a
// dimension scale named like its dataset (docs/output.md, "Axes").
void write_axes(sim::H5File& file, const std::string& group, const std::vector<int>& years,
                const std::vector<std::string>& regions, const std::vector<std::string>& subjects,
                std::size_t replications);
// Attaches to each dimension of the dataset `group`/`path` its axis: those of `leading` (e.g.
// {"replication"}), then those of `axes` (the dataset's own, sim::Dataset::axes), each an axis dataset of
// `group`.
void attach_axes(sim::H5File& file, const std::string& group, const std::string& path,
                 const std::vector<std::string>& leading, const std::vector<std::string>& axes);

// The root attributes every results file carries (format_version).
void write_file_attributes(sim::H5Writer& file);
// Creates /<group>/ with its attributes, axis datasets and empty replicated datasets.
void create_scenario_group(sim::H5Writer& file, const std::string& group, const Params& params,
                           const std::string& resolved_toml, const World& world, int replications);
// Writes replication `replication` of the group.
void write_replication(sim::H5Writer& file, const std::string& group, int replication,
                       const Outcomes& outcomes);

}  // namespace tlm::models
