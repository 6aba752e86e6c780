// The recorded state of a year (docs/model.md section 7), after 6.6: the metric cube and cohort retention.
#pragma once

#include "models/forward.hpp"

namespace tlm::models {

void record(State& s, const YearContext& ctx);

}  // namespace tlm::models
