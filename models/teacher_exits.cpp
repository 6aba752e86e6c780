// MODEL.md 6.3: each teacher present at t-1 retires, leaves (attrition, or dropout from a zij trajectory) or
// looks for another school; survivors age a year.
#include <algorithm>

#include "models/events.hpp"
#include "models/phases.hpp"
#include "sim/soa.hpp"

namespace tlm::models {

void teacher_exits(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  auto& t = s.teachers;
  const std::size_t n = t.size();
  std::vector<char> keep(n, 1);
  sim::WordsAhead draws(rng, t.id, ctx.year, event::teacher_exit);
  for (std::size_t i = 0; i < n; ++i) {
    const auto j = t.school[i];
    const int r = w.schools.region[j], sec = w.schools.sector[j];
    const auto& words = draws[i];
    // 1. Retirement.
    if (t.age[i] >= p.teachers.retirement_age ||
        (t.age[i] >= 60 && sim::bernoulli(p.teachers.early_retirement, words[0]))) {
      keep[i] = 0;
      s.out.at(m_exits_retire, ctx.index, r, sec) += 1;
      continue;
    }
    // 2. Attrition, or dropout from a zij trajectory.
    bool leaves;
    if (t.zij_year[i] > 0) {
      const double prob = p.zij.dropout * (s.schools.member[j] ? p.zij.so_effect : 1.0);
      leaves = sim::bernoulli(prob, words[1]);
      if (leaves) s.out.at(m_zij_dropped, ctx.index, r, sec) += 1;
    } else {
      const double prob = attrition_probability(p, sec, t.exp[i], t.route[i], t.q[i], t.so_trained[i],
                                                t.rotated[i], s.last_shortage_rate[r][sec]);
      leaves = sim::bernoulli(prob, words[1]);
    }
    if (leaves) {
      keep[i] = 0;
      s.out.at(m_exits_attrition, ctx.index, r, sec) += 1;
      if (t.qualified[i] && t.age[i] < 60 && sim::bernoulli(p.reserve.share_of_leavers, words[2]))
        join_reserve(s.reserve, t.id[i], sec, r, t.age[i], t.exp[i], ctx.year, t.cohort_rec[i]);
      continue;
    }
    // 3. Mobility: the move itself happens in the market (6.6 step 0).
    t.seeks_move[i] = sim::bernoulli(p.teachers.mobility, words[3]) ? 1 : 0;
    // Survivors age; zij-instromers move on in their trajectory.
    ++t.age[i];
    ++t.exp[i];
    if (t.zij_year[i] > 0) {
      if (t.zij_year[i] >= p.zij.years) {
        t.zij_year[i] = 0;
        t.qualified[i] = 1;
        s.out.at(m_zij_completed, ctx.index, r, sec) += 1;
        const int hired = t.entry_year[i] - ctx.start_year;
        if (hired >= 0) s.out.zij_completed(hired, sec) += 1;
      } else {
        ++t.zij_year[i];
      }
    }
  }
  sim::soa_remove(t, std::move(keep));
}

void join_reserve(Reserve& r, std::uint64_t id, int sector, int region, int age, int exp, int year,
                  std::int32_t cohort_rec) {
  r.id.push_back(id);
  r.sector.push_back(static_cast<std::uint8_t>(sector));
  r.region.push_back(static_cast<std::int16_t>(region));
  r.age.push_back(static_cast<std::int16_t>(age));
  r.exp.push_back(static_cast<std::int16_t>(exp));
  r.years_out.push_back(0);
  r.since.push_back(static_cast<std::int16_t>(year));
  r.cohort_rec.push_back(cohort_rec);
}

}  // namespace tlm::models
