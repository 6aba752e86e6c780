// Teachers' exits (docs/model.md 6.3): retirement, attrition (the zij trajectory in its place), the wish to
// move, ageing.
#pragma once

#include <algorithm>
#include <vector>

#include "models/forward.hpp"
#include "models/partnerships.hpp"
#include "models/types.hpp"

namespace tlm::models {

// Keys teachers.* (6.3).
struct TeacherParams {
  int retirement_age = 67;
  double early_retirement = 0.05;
  PerSector<std::array<double, kExpLevels>> attrition{{
      {.08, .06, .05, .04, .035, .03, .03, .025, .025, .02, .02},
      {.20, .08, .06, .045, .04, .035, .03, .03, .025, .025, .02},
      {.12, .07, .05, .045, .04, .035, .03, .03, .025, .025, .02},
  }};
  // A multiplier of a sector's whole attrition curve: one number for a calibration to fit (14), where the
  // eleven values of the curve would be too many.
  PerSector<double> attrition_scale{1.0, 1.0, 1.0};
  double so_trained_effect = 0.82;
  PerRoute<double> route_effect{1.0, 1.0, 1.0, 1.1, 1.3, 1.2};
  double rotation_effect = 0.95;
  double workload_effect = 2.0;
  double mobility = 0.04;
};

void teacher_exits(State& s, const YearContext& ctx, const sim::Stream& rng);
void teacher_keys(std::vector<schema::Key>& keys);  // teachers.*

// The attrition chance of 6.3.2 for one qualified teacher (or a zij-instromer after its trajectory), in two
// parts: what all teachers of a region, sector and experience share, and the teacher's own factors, with
// m_subject as `subject_effect`. teacher_exits looks the first part up in a table per (region, sector,
// experience) made once a year. Inline: the second runs for every teacher every year (and the closed-form
// tests call both). A factor that does not apply is 1.0: x * 1.0 == x exactly.
inline double attrition_shared(const TeacherParams& tp, int sector, int exp, double region_shortage_rate) {
  return tp.attrition[sector][std::min(exp, kExpLevels - 1)] * tp.attrition_scale[sector] *
         (1.0 + tp.workload_effect * region_shortage_rate);
}
inline double attrition_own(const TeacherParams& tp, const InductionParams& induction, int exp, int route,
                            double q, bool so_trained, bool rotated, double subject_effect) {
  // The factors are looked up, not branched on: whether a teacher is starting is a coin toss to the branch
  // predictor.
  const bool starting = exp < 5;
  const double induction_factor[2] = {1.0, 1.0 - q * (1.0 - induction.full_effect)};
  const double so_factor[2] = {1.0, tp.so_trained_effect};
  const double rotation_factor[2] = {1.0, tp.rotation_effect};
  return induction_factor[exp < induction.years] * so_factor[so_trained && starting] *
         tp.route_effect[route] * rotation_factor[rotated && starting] *
         subject_effect;  // m_subject: subjects.attrition_effect of a vo teacher's subject (12.4), else 1
}
inline double attrition_probability(const TeacherParams& tp, const InductionParams& induction, int sector,
                                    int exp, int route, double q, bool so_trained, bool rotated,
                                    double region_shortage_rate, double subject_effect = 1.0) {
  return std::min(1.0, attrition_shared(tp, sector, exp, region_shortage_rate) *
                           attrition_own(tp, induction, exp, route, q, so_trained, rotated, subject_effect));
}

}  // namespace tlm::models
