// Demand (docs/model.md 6.1): every school's demand grows by its sector's rate for the year.
#pragma once

#include <vector>

#include "models/forward.hpp"
#include "models/types.hpp"

namespace tlm::models {

// Keys demand.* (6.1).
struct DemandParams {
  PerSector<YearTable> growth{YearTable{0.003, {}}, YearTable{-0.006, {}}, YearTable{0.0, {}}};
};

void demand(State& s, const YearContext& ctx);
void demand_keys(std::vector<schema::Key>& keys);

}  // namespace tlm::models
