// docs/model.md 6.3: each teacher present at t-1 retires, leaves (attrition, or dropout from a zij
// trajectory) or looks for another school; survivors age a year.
#include <algorithm>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/phases.hpp"
#include "sim/soa.hpp"

namespace tlm::models {

void teacher_exits(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& w = s.world;
  auto& t = s.teachers;
  const std::size_t n = t.size();
  std::vector<char> keep(n, 1);
  // Parameters and columns as locals: the loop stores bytes (keep, seeks_move, zij_year), and a byte store
  // may alias anything reached through a reference, which would make the compiler reload every one of these
  // for every teacher.
  const TeacherParams tp = s.params.teachers;
  const InductionParams induction = s.params.induction;
  const ZijParams zp = s.params.zij;
  const double share_of_leavers = s.params.reserve.share_of_leavers;
  const std::int32_t* const school = t.school.data();
  const std::uint8_t* const member = s.school_year.member.data();
  std::int16_t* const age = t.age.data();
  std::int16_t* const exp = t.exp.data();
  std::uint8_t* const zij_year = t.zij_year.data();
  std::uint8_t* const qualified = t.qualified.data();
  std::uint8_t* const seeks_move = t.seeks_move.data();
  const std::uint8_t* const route = t.route.data();
  const std::uint8_t* const so_trained = t.so_trained.data();
  const std::uint8_t* const rotated = t.rotated.data();
  const std::uint8_t* const subject = t.subject.data();
  const double* const q = t.q.data();
  // The shared part of the attrition chance per (region, sector, experience level), made once a year, and per
  // school where its rows are: a teacher reads one school entry and one table entry for it.
  const int n_subjects = w.subjects.count();
  std::vector<double> shared(static_cast<std::size_t>(w.regions * kSectors * kExpLevels));
  for (int r = 0; r < w.regions; ++r)
    for (int sec = 0; sec < kSectors; ++sec)
      for (int e = 0; e < kExpLevels; ++e)
        shared[static_cast<std::size_t>((r * kSectors + sec) * kExpLevels + e)] =
            attrition_shared(tp, sec, e, s.last_shortage_rate[r][sec]);
  // m_subject per sector and subject: 1 outside vo (12.4).
  std::vector<double> subject_effect(static_cast<std::size_t>(kSectors * n_subjects), 1.0);
  for (int x = 0; x < n_subjects; ++x)
    subject_effect[static_cast<std::size_t>(vo * n_subjects + x)] = w.subjects.attrition_effect[x];
  struct SchoolRows {
    std::int32_t region_sector;  // r × kSectors + sector
    std::int32_t subjects;       // sector × n_subjects: the school's row of subject_effect
  };
  std::vector<SchoolRows> rows(w.schools.size());
  for (std::size_t j = 0; j < rows.size(); ++j)
    rows[j] = {w.schools.region[j] * kSectors + w.schools.sector[j], w.schools.sector[j] * n_subjects};
  const double* const shared_of = shared.data();
  const double* const m_subject = subject_effect.data();
  const SchoolRows* const row_of = rows.data();
  char* const kept = keep.data();
  sim::WordsAhead draws(rng, t.id, ctx.year, event::teacher_exit);
  for (std::size_t i = 0; i < n; ++i) {
    const auto j = school[i];
    const SchoolRows row = row_of[j];
    const int x = subject[i], e = exp[i];
    const auto& words = draws[i];
    const double attrition =
        std::min(1.0, shared_of[row.region_sector * kExpLevels + std::min(e, kExpLevels - 1)] *
                          attrition_own(tp, induction, e, route[i], q[i], so_trained[i], rotated[i],
                                        m_subject[row.subjects + x]));
    // The common case first, with one rarely taken jump: a teacher outside a zij trajectory who neither
    // retires nor leaves (about nine in ten) only decides on mobility and ages. The rest take the steps
    // below.
    const bool retires =
        (age[i] >= tp.retirement_age) | ((age[i] >= 60) & sim::bernoulli(tp.early_retirement, words[0]));
    if (!retires && zij_year[i] == 0 && !sim::bernoulli(attrition, words[1])) {
      seeks_move[i] = sim::bernoulli(tp.mobility, words[3]) ? 1 : 0;
      ++age[i];
      ++exp[i];
      continue;
    }
    const int r = row.region_sector / kSectors, sec = row.region_sector % kSectors;
    // 1. Retirement.
    if (age[i] >= tp.retirement_age || (age[i] >= 60 && sim::bernoulli(tp.early_retirement, words[0]))) {
      kept[i] = 0;
      s.out.at(m_exits_retire, ctx.index, r, sec) += 1;
      if (sec == vo) s.out.subject_at(sm_exits, ctx.index, r, x) += 1;
      continue;
    }
    // 2. Attrition, or dropout from a zij trajectory.
    bool leaves;
    if (zij_year[i] > 0) {
      const double prob = zp.dropout * (member[j] ? zp.so_effect : 1.0);
      leaves = sim::bernoulli(prob, words[1]);
      if (leaves) s.out.at(m_zij_dropped, ctx.index, r, sec) += 1;
    } else {
      leaves = sim::bernoulli(attrition, words[1]);
    }
    if (leaves) {
      kept[i] = 0;
      s.out.at(m_exits_attrition, ctx.index, r, sec) += 1;
      if (sec == vo) s.out.subject_at(sm_exits, ctx.index, r, x) += 1;
      if (qualified[i] && age[i] < 60 && sim::bernoulli(share_of_leavers, words[2]))
        join_reserve(s.reserve, t.id[i], sec, x, r, age[i], exp[i], ctx.year, t.cohort_rec[i]);
      continue;
    }
    // 3. Mobility: the move itself happens in the market (6.6 step 0).
    seeks_move[i] = sim::bernoulli(tp.mobility, words[3]) ? 1 : 0;
    // Survivors age; zij-instromers move on in their trajectory.
    ++age[i];
    ++exp[i];
    if (zij_year[i] > 0) {
      if (zij_year[i] >= zp.years) {
        zij_year[i] = 0;
        qualified[i] = 1;
        s.out.at(m_zij_completed, ctx.index, r, sec) += 1;
        const int hired = t.entry_year[i] - ctx.start_year;
        if (hired >= 0) s.out.cohort_zij_completed(hired, sec) += 1;
      } else {
        ++zij_year[i];
      }
    }
  }
  sim::soa_remove(t, std::move(keep));
}

void teacher_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"teachers.retirement_age", schema::Range{50, 100}, "age", "age at which teachers retire", "6.3",
           TLM_FIELD(teachers.retirement_age)},
          {"teachers.early_retirement", schema::kProb, schema::kProbPerYear,
           "chance to retire at ages 60 to retirement_age - 1", "6.3", TLM_FIELD(teachers.early_retirement)},
          {"teachers.attrition", schema::kProb, schema::kProbPerYear,
           "base chance to leave education, by experience 0, 1, ..., 10+", "6.3",
           TLM_FIELD(teachers.attrition)},
          {"teachers.attrition_scale", schema::kNonNeg, schema::kMultiplier,
           "multiplies the sector's whole attrition curve (for calibration)", "6.3",
           TLM_FIELD(teachers.attrition_scale)},
          {"teachers.so_trained_effect", schema::kNonNeg, schema::kMultiplier,
           "attrition of SO-trained teachers while exp < 5", "6.3", TLM_FIELD(teachers.so_trained_effect)},
          {"teachers.route_effect", schema::kNonNeg, schema::kMultiplier,
           "attrition by entry route (missing routes: 1)", "6.3", TLM_FIELD(teachers.route_effect)},
          {"teachers.rotation_effect", schema::kNonNeg, schema::kMultiplier,
           "attrition while exp < 5 of teachers placed at two or more schools as students", "6.3",
           TLM_FIELD(teachers.rotation_effect)},
          {"teachers.workload_effect", schema::kNonNeg, "per shortage rate",
           "attrition rises by 1 + this x last year's regional shortage rate", "6.3",
           TLM_FIELD(teachers.workload_effect)},
          {"teachers.mobility", schema::kProb, schema::kProbPerYear, "chance to look for another school",
           "6.3", TLM_FIELD(teachers.mobility)},
      });
}

}  // namespace tlm::models
