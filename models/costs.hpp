// Policy costs (docs/model.md section 13): what SO places, partnerships, induction and joining cost, per
// year, region and sector, in constant euros, computed from the recorded state of every year (the start year
// included).
#pragma once

#include <vector>

#include "models/forward.hpp"

namespace tlm::models {

// Keys costs.* (13.1, 13.2), in euros.
struct CostParams {
  double so_student = 1250;  // per student in an SO year and per zij-instromer in trajectory at a member
  double partnership = 0;    // per partnership with at least one member, per year
  double induction = 1830;   // per teacher-year of induction at q = 1 (scaled by the teacher's q_i)
  double joining = 50000;    // once per school, in its first year as a member
};

// The cost_* metrics of year ctx (13.1), from the state as record() leaves it; record() calls it.
void record_costs(State& s, const YearContext& ctx);
void cost_keys(std::vector<schema::Key>& keys);  // costs.*

}  // namespace tlm::models
