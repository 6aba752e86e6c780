// The one schedule of a year (docs/model.md section 3 and 6): a table of named steps in the model's order.
// The replication (simulation.cpp), the benchmarks and the tests all walk this table, so the order of the
// phases is written down once.
#pragma once

#include <array>
#include <string_view>

#include "models/phases.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"

namespace tlm::models {

struct Step {
  std::string_view name;     // as in docs/model.md and the benchmarks, e.g. "teacher_exits"
  std::string_view section;  // docs/model.md section
  void (*run)(State& s, const YearContext& ctx, const sim::Stream& rng);
};

// Steps of every simulated year t = years.start + 1 ... years.end, in order. The last one records the state.
inline constexpr std::array<Step, 9> kYearSchedule{{
    {"demand", "6.1", [](State& s, const YearContext& c, const sim::Stream&) { demand(s, c); }},
    {"partnerships", "6.2",
     [](State& s, const YearContext& c, const sim::Stream& r) { partnerships(s, c, r); }},
    {"teacher_exits", "6.3",
     [](State& s, const YearContext& c, const sim::Stream& r) { teacher_exits(s, c, r); }},
    {"student_progress", "6.4",
     [](State& s, const YearContext& c, const sim::Stream& r) { student_progress(s, c, r); }},
    {"reserve_ageing", "6.4.5",
     [](State& s, const YearContext& c, const sim::Stream&) { reserve_ageing(s, c); }},
    {"intake", "6.4.6", [](State& s, const YearContext& c, const sim::Stream& r) { intake(s, c, r); }},
    {"placement", "6.5",
     [](State& s, const YearContext& c, const sim::Stream& r) {
       placement(s.students, s.world, s.school_year, s.params.policy.rotation, r, c.year);
     }},
    {"market", "6.6", [](State& s, const YearContext& c, const sim::Stream& r) { market(s, c, r); }},
    {"record", "7", [](State& s, const YearContext& c, const sim::Stream&) { record(s, c); }},
}};

// The position of a named step in kYearSchedule (a compile-time error in a constant expression when unknown).
constexpr std::size_t step_index(std::string_view name) {
  for (std::size_t i = 0; i < kYearSchedule.size(); ++i)
    if (kYearSchedule[i].name == name) return i;
  throw "no such step in kYearSchedule";
}

// The start year (section 3): the generated state is recorded as it is; the start teachers are the `initial`
// cohort and the start world's first-year students the intake cohort of the start year.
void start_year(State& s);
// Runs every step of year `ctx.year` in schedule order.
inline void run_year(State& s, const YearContext& ctx, const sim::Stream& rng) {
  for (const auto& step : kYearSchedule) step.run(s, ctx, rng);
}

}  // namespace tlm::models
