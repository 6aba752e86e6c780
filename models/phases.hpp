// The mechanisms of a year (docs/model.md section 6), each in the files named after it; their order is the
// schedule's (models/schedule.hpp).
#pragma once

#include "models/costs.hpp"
#include "models/demand.hpp"
#include "models/groenpluk.hpp"
#include "models/market.hpp"
#include "models/partnerships.hpp"
#include "models/placement.hpp"
#include "models/record.hpp"
#include "models/reserve.hpp"
#include "models/state.hpp"
#include "models/students.hpp"
#include "models/teacher_exits.hpp"
#include "sim/random.hpp"

namespace tlm::models {
// The attrition chance with a scenario's parameters (teacher_exits.hpp has the parts).
inline double attrition_probability(const Params& p, int sector, int exp, int route, double q,
                                    bool so_trained, bool rotated, double region_shortage_rate,
                                    double subject_effect = 1.0) {
  return attrition_probability(p.teachers, p.induction, sector, exp, route, q, so_trained, rotated,
                               region_shortage_rate, subject_effect);
}
}  // namespace tlm::models
