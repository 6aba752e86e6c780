#include "models/simulation.hpp"

#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/soa.hpp"

namespace tlm::models {

State::State(const World& w, const Params& p)
    : world(w),
      params(p),
      school_year(start_school_state(w, p)),
      // Room for a year's growth: hires are appended before leavers of the next year are removed.
      teachers(sim::soa_copy(w.teachers, w.teachers.size() + w.teachers.size() / 8)),
      students(sim::soa_copy(w.students, w.students.size() + w.students.size() / 2)),
      reserve(sim::soa_copy(w.reserve, w.reserve.size() + w.reserve.size() / 4)),
      last_shortage_rate(w.regions, PerSector<double>{0, 0, 0}),
      last_market_rate(w.market_cells.size(), 0.0),
      partnership_members(w.partnership_region.size(), 0),
      out(p.years.end - p.years.start + 1, w.regions, w.subjects.count()) {
  for (std::size_t j = 0; j < w.schools.size(); ++j)
    if (w.schools.partnership[j] != kNone) ++partnership_members[w.schools.partnership[j]];
}

void start_year(State& s) {
  const int start = s.params.years.start;
  const YearContext first{start, start, 0};
  for (std::size_t i = 0; i < s.teachers.size(); ++i)
    s.teachers.cohort_rec[i] =
        add_cohort_record(s, first, s.world.schools.sector[s.teachers.school[i]], initial, kNone);
  // Start teachers in a zij trajectory (imported) complete into zij_completed(0, s), so they are the zij
  // cohort of the start year, as the start world's first-years are its intake cohort (docs/model.md A.4).
  for (std::size_t i = 0; i < s.teachers.size(); ++i)
    if (s.teachers.zij_year[i] > 0) s.out.cohort_zij(0, s.world.schools.sector[s.teachers.school[i]]) += 1;
  // Their graduates count in graduated(0, k), so they count in intake(0, k) too.
  for (std::size_t i = 0; i < s.students.size(); ++i)
    if (s.students.intake_year[i] == start) s.out.cohort_intake(0, s.students.programme[i]) += 1;
  record(s, first);
}

Outcomes run_replication(const World& world, const Params& params, std::uint32_t replication,
                         const std::atomic<bool>* cancel) {
  State s(world, params);
  const sim::Stream rng(static_cast<std::uint32_t>(params.seed), replication);
  const int start = params.years.start;

  start_year(s);
  for (int t = start + 1; t <= params.years.end; ++t) {
    if (cancel && cancel->load()) break;
    run_year(s, YearContext{t, start, t - start}, rng);
  }
  return std::move(s.out);
}

}  // namespace tlm::models
