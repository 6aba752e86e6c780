// MODEL.md 6.4 steps 1-4: each student present at t-1 drops out, is delayed, graduates or moves up a year.
#include <algorithm>
#include <cmath>

#include "sim/apportion.hpp"

#include "models/events.hpp"
#include "models/phases.hpp"
#include "sim/soa.hpp"

namespace tlm::models {
namespace {

// Sector in which a student's dropout or delay counts: last year's placement, unplaced: the main sector.
int counting_sector(const State& s, std::size_t i) {
  const auto j = s.students.school[i];
  return j == kNone ? kMainSector[s.students.programme[i]] : s.world.schools.sector[j];
}

}  // namespace

void student_progress(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  auto& st = s.students;
  const std::size_t n = st.size();
  std::vector<char> keep(n, 1);
  s.graduates.clear();
  sim::WordsAhead draws(rng, st.id, ctx.year, event::student_progress);
  for (std::size_t i = 0; i < n; ++i) {
    const int k = st.programme[i], y = st.study_year[i], r = st.region[i];
    const bool employed = st.employer[i] != kNone;
    const auto& words = draws[i];
    // 1. Dropout (not in extra years). An employed student who drops out leaves its school too.
    if (st.extra_years[i] == 0) {
      const double prob = p.study.dropout[k][y - 1] * (st.so_year[i] ? p.study.so_effect : 1.0) *
                          (employed ? p.study.groenpluk_dropout_effect : 1.0);
      if (sim::bernoulli(std::min(1.0, prob), words[0])) {
        keep[i] = 0;
        s.out.at(m_dropouts, ctx.index, r, counting_sector(s, i)) += 1;
        continue;
      }
    }
    if (y < p.study.years[k]) {  // 4. moves up a year
      ++st.study_year[i];
      ++st.age[i];
      continue;
    }
    // 2. Delay after the final year and after each extra year.
    if (st.extra_years[i] < p.study.max_extra_years) {
      const double prob = p.study.delay * (employed ? p.study.groenpluk_delay_effect : 1.0);
      if (sim::bernoulli(std::min(1.0, prob), words[1])) {
        ++st.extra_years[i];
        ++st.age[i];
        s.out.at(m_delays, ctx.index, r, counting_sector(s, i)) += 1;
        continue;
      }
    }
    // 3. Graduation.
    keep[i] = 0;
    const bool so_trained = st.so_years[i] >= p.study.so_min_years;
    const bool rotated = st.n_seen[i] >= 2;
    const int age = st.age[i] + 1;
    if (st.intake_year[i] >= ctx.start_year) s.out.graduated(st.intake_year[i] - ctx.start_year, k) += 1;
    if (employed) {
      // Becomes a qualified teacher at its employer (route groenpluk).
      const auto j = st.employer[i];
      const int sec = w.schools.sector[j], jr = w.schools.region[j];
      const double fte = draw_fte(p, sec, rng.draw(st.id[i], ctx.year, event::groenpluk_graduate)[0]);
      const auto rec = add_cohort_record(s, ctx, groenpluk, kNone);
      append_teacher(s.teachers, st.id[i], j, fte, age, 0, true, groenpluk, s.schools.q[j], so_trained,
                     rotated, ctx.year, 0, rec);
      s.out.at(m_graduates, ctx.index, jr, sec) += 1;
      s.out.at(m_hires_groenpluk, ctx.index, jr, sec) += 1;
      s.out.at(m_entrants, ctx.index, jr, sec) += 1;
      s.out.at(m_induction_quality_mean, ctx.index, jr, sec) += s.schools.q[j];  // a sum until record()
      continue;
    }
    const int sec = sim::categorical(p.study.sector_mix[k], sim::uniform32(words[2]));
    s.out.at(m_graduates, ctx.index, r, sec) += 1;
    const double enter =
        std::min(1.0, p.graduates.enter[k] * (so_trained ? p.graduates.so_enter_effect : 1.0));
    if (sim::bernoulli(enter, words[3])) {
      s.graduates.push_back(Graduate{st.id[i], st.school[i], static_cast<std::int16_t>(r),
                                     static_cast<std::int16_t>(age), static_cast<std::uint8_t>(sec),
                                     static_cast<std::uint8_t>(so_trained),
                                     static_cast<std::uint8_t>(rotated)});
    } else {
      join_reserve(s.reserve, st.id[i], sec, reserve_region(w, r, sec, st.id[i], ctx.year, rng), age, 0,
                   ctx.year, kNone);
    }
  }
  sim::soa_remove(st, std::move(keep));
}

int reserve_region(const World& w, int region, int sector, std::uint64_t id, int year,
                   const sim::Stream& rng) {
  if (w.weight[region][sector] > 0.0) return region;
  const auto a = rng.draw(id, year, event::reserve_region);
  return pick_region(w, sector, sim::uniform53(a[0], a[1]));
}

void reserve_ageing(State& s, const YearContext& ctx) {
  const auto& p = s.params;
  auto& res = s.reserve;
  std::vector<char> keep(res.size(), 1);
  for (std::size_t i = 0; i < res.size(); ++i) {
    if (res.since[i] >= ctx.year) continue;  // joined this year: not aged
    ++res.age[i];
    ++res.years_out[i];
    if (res.age[i] >= p.teachers.retirement_age || res.years_out[i] >= p.reserve.max_years) keep[i] = 0;
  }
  sim::soa_remove(res, std::move(keep));
}

void intake(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  auto& st = s.students;
  std::vector<double> main_weight(w.regions);
  for (int k = 0; k < kProgrammes; ++k) {
    for (int r = 0; r < w.regions; ++r) main_weight[r] = w.weight[r][kMainSector[k]];
    const long total = std::lround(p.study.intake[k] * p.world.scale *
                                   std::pow(1.0 + p.study.intake_growth, ctx.year - ctx.start_year));
    s.out.intake(ctx.index, k) += static_cast<double>(total);
    // Institutes in the partnership: raised linearly for new intake to the policy target where set.
    double in_partnership = p.study.institute_in_partnership[k];
    if (p.policy.institutes.target_share && p.policy.institutes.target_year) {
      const int span = *p.policy.institutes.target_year - ctx.start_year;
      const double f =
          span <= 0 ? 1.0 : std::clamp(static_cast<double>(ctx.year - ctx.start_year) / span, 0.0, 1.0);
      in_partnership =
          std::max(in_partnership, in_partnership + (*p.policy.institutes.target_share - in_partnership) * f);
    }
    const auto per_region = sim::largest_remainder(total, main_weight);
    std::vector<std::uint64_t> new_ids;
    new_ids.reserve(static_cast<std::size_t>(std::max(0L, total)));
    for (int r = 0; r < w.regions; ++r)
      for (long i = 0; i < per_region[r]; ++i)
        new_ids.push_back(ids::student(ctx.year, k, r, static_cast<std::uint64_t>(i)));
    std::vector<sim::Words> words(new_ids.size());
    rng.draw_many(new_ids, ctx.year, event::intake, words);
    std::size_t next = 0;
    for (int r = 0; r < w.regions; ++r)
      for (long i = 0; i < per_region[r]; ++i, ++next)
        append_student(st, new_ids[next], k, 1, r, sim::bernoulli(in_partnership, words[next][0]),
                       p.study.intake_age[k], ctx.year);
  }
}

}  // namespace tlm::models
