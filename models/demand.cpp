// docs/model.md 6.1: demand grows by sector, by a constant or a table by year.
#include "models/keys.hpp"
#include "models/phases.hpp"

namespace tlm::models {

void demand(State& s, const YearContext& ctx) {
  const auto& sector = s.world.schools.sector;
  PerSector<double> factor;
  for (int k = 0; k < kSectors; ++k) factor[k] = 1.0 + s.params.demand.growth[k].at(ctx.year);
  for (std::size_t j = 0; j < s.school_year.demand.size(); ++j) s.school_year.demand[j] *= factor[sector[j]];
  // Every subject of a vo school grows alike (12.2).
  const auto& cell_school = s.world.cell_school;
  for (std::size_t c = 0; c < cell_school.size(); ++c)
    s.school_year.cell_demand[c] *= factor[sector[static_cast<std::size_t>(cell_school[c])]];
}

void demand_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(), {
                              {"demand.growth", schema::kGrowth, "rate per year",
                               "growth of every school's demand; a constant or a year table", "6.1",
                               TLM_FIELD(demand.growth)},
                          });
}

}  // namespace tlm::models
