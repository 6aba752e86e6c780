// The market (docs/model.md 6.6), region by region: moves, binding, qualified seekers (graduates and
// returners), zij-instromers, groenpluk (groenpluk.cpp), stopgaps.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "models/forward.hpp"
#include "models/types.hpp"

namespace tlm::models {

// Keys market.* (6.6; market.enabled: the checks of section 8).
struct MarketParams {
  bool enabled = true;
  double binding_so = 0.5;
  double binding_regular = 0.25;
  double so_member_preference = 2.0;
  PerSector<double> stopgap_share{0.45, 0.55, 0.5};
};

// Keys zij.*: the candidates of 6.6.3 and their trajectory (6.3.3).
struct ZijParams {
  double dropout = 0.05;
  double so_effect = 0.7;
  int years = 2;
  PerSector<double> inflow{1100, 450, 650};
  double shortage_elasticity = 2.0;
  std::array<int, 2> age_range{28, 50};
};

void market(State& s, const YearContext& ctx, const sim::Stream& rng);
// An entrant record for retention curves (section 7): entry year, the sector of the school it enters, route;
// returns its index.
std::int32_t add_cohort_record(State& s, const YearContext& ctx, int sector, int route, std::int32_t prev);

void zij_keys(std::vector<schema::Key>& keys);     // zij.*
void market_keys(std::vector<schema::Key>& keys);  // market.*

}  // namespace tlm::models
