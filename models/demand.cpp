// MODEL.md 6.1: demand grows by sector, by a constant or a table by year.
#include "models/phases.hpp"

namespace tlm::models {

void demand(State& s, const YearContext& ctx) {
  const auto& sector = s.world.schools.sector;
  PerSector<double> factor;
  for (int k = 0; k < kSectors; ++k) factor[k] = 1.0 + s.params.demand.growth[k].at(ctx.year);
  for (std::size_t j = 0; j < s.schools.demand.size(); ++j) s.schools.demand[j] *= factor[sector[j]];
}

}  // namespace tlm::models
