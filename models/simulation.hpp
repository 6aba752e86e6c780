// One replication: the start world through every year of docs/model.md section 3.
#pragma once

#include <atomic>
#include <cstdint>

#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/world.hpp"

namespace tlm::models {

// Runs replication `replication` (0-based) of a scenario from its start world. Returns the outcomes; when
// `cancel` becomes true, stops early and returns what it has (the caller discards it).
Outcomes run_replication(const World& world, const Params& params, std::uint32_t replication,
                         const std::atomic<bool>* cancel = nullptr);

}  // namespace tlm::models
