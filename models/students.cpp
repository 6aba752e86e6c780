// docs/model.md 6.4 steps 1-4: each student present at t-1 drops out, is delayed, graduates or moves up a
// year.
#include <algorithm>
#include <cmath>

#include "models/events.hpp"
#include "models/keys.hpp"
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
    if (st.intake_year[i] >= ctx.start_year)
      s.out.cohort_graduated(st.intake_year[i] - ctx.start_year, k) += 1;
    if (employed) {
      // Becomes a qualified teacher at its employer (route groenpluk).
      const auto j = st.employer[i];
      const int sec = w.schools.sector[j], jr = w.schools.region[j];
      const double fte = draw_fte(p, sec, rng.draw(st.id[i], ctx.year, event::groenpluk_graduate)[0]);
      const auto rec = add_cohort_record(s, ctx, sec, groenpluk, kNone);
      const int x = sec == vo ? st.subject[i] : 0;  // it worked in its subject's cell (12.4)
      append_teacher(s.teachers, st.id[i], j, x, fte, age, 0, true, groenpluk, s.school_year.q[j], so_trained,
                     rotated, ctx.year, 0, rec);
      s.out.at(m_graduates, ctx.index, jr, sec) += 1;
      if (sec == vo) {
        s.out.subject_at(sm_graduates, ctx.index, jr, x) += 1;
        s.out.subject_at(sm_hires, ctx.index, jr, x) += 1;
      }
      s.out.at(m_hires_groenpluk, ctx.index, jr, sec) += 1;
      s.out.at(m_entrants, ctx.index, jr, sec) += 1;
      s.out.at(m_induction_quality_mean, ctx.index, jr, sec) += s.school_year.q[j];  // a sum until record()
      continue;
    }
    const int sec = sim::categorical(p.study.sector_mix[k], sim::uniform32(words[2]));
    s.out.at(m_graduates, ctx.index, r, sec) += 1;
    // In vo it keeps its subject (one without, drawn by demand_share); in po and mbo the implicit one (12.3).
    int x = 0;
    if (sec == vo) {
      x = st.subject[i];
      if (x == kNoSubject)
        x = draw_vo_subject(w.subjects, rng.draw(st.id[i], ctx.year, event::graduate_subject)[0]);
      s.out.subject_at(sm_graduates, ctx.index, r, x) += 1;
    }
    const double enter =
        std::min(1.0, p.graduates.enter[k] * (so_trained ? p.graduates.so_enter_effect : 1.0));
    if (sim::bernoulli(enter, words[3])) {
      s.graduates.push_back(Graduate{st.id[i], st.school[i], static_cast<std::int16_t>(r),
                                     static_cast<std::int16_t>(age), static_cast<std::uint8_t>(sec),
                                     static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(so_trained),
                                     static_cast<std::uint8_t>(rotated)});
    } else {
      join_reserve(s.reserve, st.id[i], sec, x, reserve_region(w, r, sec, st.id[i], ctx.year, rng), age, 0,
                   ctx.year, kNone);
    }
  }
  sim::soa_remove(st, std::move(keep));
}

void study_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"study.dropout", schema::kProb, schema::kProbPerYear,
           "dropout after study year 1, 2, ...; one value per year of study.years", "6.4",
           TLM_FIELD(study.dropout)},
          {"study.so_effect", schema::kNonNeg, schema::kMultiplier, "dropout in an SO year", "6.4",
           TLM_FIELD(study.so_effect)},
          {"study.groenpluk_dropout_effect", schema::kNonNeg, schema::kMultiplier,
           "dropout of employed (groenpluk) students", "6.4", TLM_FIELD(study.groenpluk_dropout_effect)},
          {"study.delay", schema::kProb, schema::kProbPerYear,
           "chance to need one more year after the final (or an extra) year", "6.4", TLM_FIELD(study.delay)},
          {"study.groenpluk_delay_effect", schema::kNonNeg, schema::kMultiplier,
           "delay of employed (groenpluk) students", "6.4", TLM_FIELD(study.groenpluk_delay_effect)},
          {"study.max_extra_years", schema::Range{0, 20}, "years", "most extra years a student can take",
           "6.4", TLM_FIELD(study.max_extra_years)},
          {"study.years", schema::Range{1, 10}, "years", "nominal length of the programme", "6.4",
           TLM_FIELD(study.years)},
          {"study.so_min_years", schema::Range{0, 20}, "years", "SO years needed to count as SO-trained",
           "6.4", TLM_FIELD(study.so_min_years)},
          {"study.sector_mix", schema::kProb, "shares",
           "sectors a programme's graduates choose; only sectors it serves (sum 1)", "6.4",
           TLM_FIELD(study.sector_mix), true},
          {"study.intake", schema::kPeopleCount, "students per year", "first-year intake in the start year",
           "6.4", TLM_FIELD(study.intake)},
          {"study.intake_growth", schema::kGrowth, "rate per year", "yearly growth of intake", "6.4",
           TLM_FIELD(study.intake_growth)},
          {"study.intake_age", schema::Range{15, 100}, "age", "age of new students", "6.4",
           TLM_FIELD(study.intake_age)},
          {"study.institute_in_partnership", schema::kProb, "probability",
           "chance that a new student's institute is in the partnership", "6.4",
           TLM_FIELD(study.institute_in_partnership)},
          {"graduates.enter", schema::kProb, "probability",
           "chance that a graduate enters the teacher market", "6.4", TLM_FIELD(graduates.enter)},
          {"graduates.so_enter_effect", schema::kNonNeg, schema::kMultiplier,
           "market entry of SO-trained graduates", "6.4", TLM_FIELD(graduates.so_enter_effect)},
          {"graduates.mobility", schema::kProb, "probability",
           "chance that a graduate searches in another region", "6.6", TLM_FIELD(graduates.mobility)},
      });
}

}  // namespace tlm::models
