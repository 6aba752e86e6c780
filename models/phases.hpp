// The phases of one year, MODEL.md section 6, each in the file named after it.
#pragma once

#include <algorithm>

#include "models/reserve.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"

namespace tlm::models {

// 6.1 demand.cpp
void demand(State& s, const YearContext& ctx);
// 6.2 partnerships.cpp: joining, then induction quality and placement capacity for the year.
void partnerships(State& s, const YearContext& ctx, const sim::Stream& rng);
void induction_and_capacity(const Params& p, const World& w, SchoolState& schools, int year);
SchoolState start_school_state(const World& w, const Params& p);
// 6.3 teacher_exits.cpp: retirement, attrition (zij trajectories included), mobility, ageing.
void teacher_exits(State& s, const YearContext& ctx, const sim::Stream& rng);
// 6.4 students.cpp: dropout, delay, graduation.
void student_progress(State& s, const YearContext& ctx, const sim::Stream& rng);
// 6.4 reserve.cpp: the reserve ages (see models/reserve.hpp for the rest of the reserve).
void reserve_ageing(State& s, const YearContext& ctx);
// 6.4 intake.cpp: new students.
void intake(State& s, const YearContext& ctx, const sim::Stream& rng);
// 6.5 placement.cpp: every student placed anew. Used for the start world too (with the world's stream).
void placement(Students& students, const World& w, const SchoolState& schools, bool rotation,
               const sim::Stream& rng, int year);
// 6.6 market.cpp (moves, binding, seekers, zij) and groenpluk.cpp (step 4), region by region.
void market(State& s, const YearContext& ctx, const sim::Stream& rng);
// Section 7, outcomes.cpp / recording.cpp: the recorded state after 6.6.
void record(State& s, const YearContext& ctx);

// Helpers shared by phases.
// An entrant record for retention curves; returns its index.
std::int32_t add_cohort_record(State& s, const YearContext& ctx, int route, std::int32_t prev);

}  // namespace tlm::models

namespace tlm::models {
// The attrition chance of 6.3 step 2 for one qualified teacher (or a zij-instromer after its trajectory).
// Inline: it runs for every teacher every year (and the closed-form tests call it). A factor that does not
// apply is 1.0: x * 1.0 == x exactly.
inline double attrition_probability(const Params::Teachers& tp, const Params::Induction& induction,
                                    int sector, int exp, int route, double q, bool so_trained, bool rotated,
                                    double region_shortage_rate) {
  // The factors are looked up, not branched on: whether a teacher is starting is a coin toss to the branch
  // predictor.
  const bool starting = exp < 5;
  const double induction_factor[2] = {1.0, 1.0 - q * (1.0 - induction.full_effect)};
  const double so_factor[2] = {1.0, tp.so_trained_effect};
  const double rotation_factor[2] = {1.0, tp.rotation_effect};
  double prob = tp.attrition[sector][std::min(exp, kExpLevels - 1)];
  prob *= induction_factor[exp < induction.years];
  prob *= so_factor[so_trained && starting];
  prob *= tp.route_effect[route];
  prob *= rotation_factor[rotated && starting];
  prob *= 1.0 + tp.workload_effect * region_shortage_rate;
  return std::min(1.0, prob);
}
inline double attrition_probability(const Params& p, int sector, int exp, int route, double q,
                                    bool so_trained, bool rotated, double region_shortage_rate) {
  return attrition_probability(p.teachers, p.induction, sector, exp, route, q, so_trained, rotated,
                               region_shortage_rate);
}
}  // namespace tlm::models
