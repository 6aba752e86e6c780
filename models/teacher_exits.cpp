// docs/model.md 6.3: each teacher present at t-1 retires, leaves (attrition, or dropout from a zij
// trajectory) or looks for another school; survivors age a year.
#include <algorithm>
#include <array>
#include <cstring>
#include <span>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/phases.hpp"
#include "sim/lanes.hpp"
#include "sim/soa.hpp"

namespace tlm::models {

namespace {

struct SchoolRows {
  std::int32_t region_sector;  // r × kSectors + sector
  std::int32_t subjects;       // sector × n_subjects: the school's row of subject_effect
};

// What the common case of teacher_exits reads and writes: parameters as plain values, columns as pointers.
// Passed by value into common_fates, so the pointers stay in registers although the byte stores could alias
// anything reached through memory.
struct CommonFate {
  const std::int32_t* school;
  const SchoolRows* row_of;
  const double* shared_of;  // attrition_shared per (region, sector, experience level)
  const double* m_subject;  // per sector and subject
  const std::uint8_t *route, *subject, *so_trained, *rotated, *zij_year;
  const double* q;
  std::int16_t *age, *exp;
  std::uint8_t* seeks_move;
  TeacherParams tp;
  InductionParams induction;
  double early, mobility;  // p × 2^32: a word w succeeds with chance p when w < p × 2^32 (sim::bernoulli)
};

constexpr std::size_t kBlock = 256;
constexpr double kScale32 = 4294967296.0;

// The common fate of the teachers b, b+1, ... of `words` (one per teacher), four at a time: a teacher outside
// a zij trajectory who neither retires nor leaves (about nine in ten) only decides on mobility and ages. The
// others (their offsets from b, in order) go into `others`; returns their number. Each lane does the scalar
// code's operations in the same order (attrition_own4, times the shared part, then the minimum with 1; a word
// compared with p × 2^32 as sim::bernoulli does), so its result is the scalar code's bit for bit.
[[gnu::always_inline]] inline std::size_t common_fates(const CommonFate c, std::size_t b,
                                                       std::span<const sim::Words> words,
                                                       std::uint32_t* others) {
  const std::size_t m = words.size(), m4 = m - m % sim::kLanes;
  // Per teacher of the block, what the lanes load four at a time, as doubles (exact for these integers).
  alignas(32) double shared[kBlock], route_factor[kBlock], subject_factor[kBlock], quality[kBlock], e[kBlock],
      a[kBlock], zij[kBlock], so[kBlock], rot[kBlock], w0[kBlock], w1[kBlock], w3[kBlock];
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t i = b + k;
    const SchoolRows row = c.row_of[c.school[i]];
    const int x = c.exp[i];
    shared[k] = c.shared_of[row.region_sector * kExpLevels + std::min(x, kExpLevels - 1)];
    route_factor[k] = c.tp.route_effect[c.route[i]];
    subject_factor[k] = c.m_subject[row.subjects + c.subject[i]];
    quality[k] = c.q[i];
    e[k] = x;
    a[k] = c.age[i];
    zij[k] = c.zij_year[i];
    so[k] = c.so_trained[i];
    rot[k] = c.rotated[i];
    w0[k] = words[k][0];
    w1[k] = words[k][1];
    w3[k] = words[k][3];
  }
  const sim::Doubles4 one{1.0, 1.0, 1.0, 1.0}, zero{};
  const double retirement_age = c.tp.retirement_age;
  std::size_t n_others = 0;
  for (std::size_t k = 0; k < m4; k += sim::kLanes) {
    sim::Doubles4 ek, ak, qk, sok, rotk, zijk, sharedk, routek, subjectk, w0k, w1k, w3k;
    sim::load4(ek, e + k);
    sim::load4(ak, a + k);
    sim::load4(qk, quality + k);
    sim::load4(sok, so + k);
    sim::load4(rotk, rot + k);
    sim::load4(zijk, zij + k);
    sim::load4(sharedk, shared + k);
    sim::load4(routek, route_factor + k);
    sim::load4(subjectk, subject_factor + k);
    sim::load4(w0k, w0 + k);
    sim::load4(w1k, w1 + k);
    sim::load4(w3k, w3 + k);
    sim::Doubles4 own;
    attrition_own4(own, c.tp, c.induction, ek, routek, qk, sok, rotk, subjectk);
    sim::Doubles4 attrition = sharedk * own;
    attrition = attrition < one ? attrition : one;  // std::min(1.0, attrition)
    const sim::Mask4 retires = (ak >= retirement_age) | ((ak >= 60.0) & (w0k < c.early));
    const sim::Mask4 stays = ~retires & (zijk == zero) & ~(w1k < attrition * kScale32);
    const sim::Mask4 moves = w3k < c.mobility;
    for (std::size_t l = 0; l < sim::kLanes; ++l) {
      const std::size_t i = b + k + l;
      const bool survives = stays[l] != 0;
      c.seeks_move[i] = survives ? static_cast<std::uint8_t>(moves[l] != 0) : c.seeks_move[i];
      c.age[i] = static_cast<std::int16_t>(c.age[i] + survives);
      c.exp[i] = static_cast<std::int16_t>(c.exp[i] + survives);
      others[n_others] = static_cast<std::uint32_t>(k + l);
      n_others += !survives;
    }
  }
  for (std::size_t k = m4; k < m; ++k) others[n_others++] = static_cast<std::uint32_t>(k);
  return n_others;
}

}  // namespace

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
  std::vector<SchoolRows> rows(w.schools.size());
  for (std::size_t j = 0; j < rows.size(); ++j)
    rows[j] = {w.schools.region[j] * kSectors + w.schools.sector[j], w.schools.sector[j] * n_subjects};
  const double* const shared_of = shared.data();
  const double* const m_subject = subject_effect.data();
  const SchoolRows* const row_of = rows.data();
  char* const kept = keep.data();
  // The attrition chance of teacher i: the shared part of its school's row times its own factors (6.3.2).
  auto attrition_of = [&](std::size_t i) {
    const SchoolRows row = row_of[school[i]];
    const int e = exp[i];
    return std::min(1.0, shared_of[row.region_sector * kExpLevels + std::min(e, kExpLevels - 1)] *
                             attrition_own(tp, induction, e, route[i], q[i], so_trained[i], rotated[i],
                                           m_subject[row.subjects + subject[i]]));
  };
  // Every fate of teacher i, with its words: retirement, attrition or dropout, the wish to move, ageing.
  auto fate = [&](std::size_t i, const sim::Words& words) {
    const auto j = school[i];
    const SchoolRows row = row_of[j];
    const int x = subject[i];
    const int r = row.region_sector / kSectors, sec = row.region_sector % kSectors;
    // 1. Retirement.
    if (age[i] >= tp.retirement_age || (age[i] >= 60 && sim::bernoulli(tp.early_retirement, words[0]))) {
      kept[i] = 0;
      s.out.at(m_exits_retire, ctx.index, r, sec) += 1;
      if (sec == vo) s.out.subject_at(sm_exits, ctx.index, r, x) += 1;
      return;
    }
    // 2. Attrition, or dropout from a zij trajectory.
    bool leaves;
    if (zij_year[i] > 0) {
      const double prob = zp.dropout * (member[j] ? zp.so_effect : 1.0);
      leaves = sim::bernoulli(prob, words[1]);
      if (leaves) s.out.at(m_zij_dropped, ctx.index, r, sec) += 1;
    } else {
      leaves = sim::bernoulli(attrition_of(i), words[1]);
    }
    if (leaves) {
      kept[i] = 0;
      s.out.at(m_exits_attrition, ctx.index, r, sec) += 1;
      if (sec == vo) s.out.subject_at(sm_exits, ctx.index, r, x) += 1;
      if (qualified[i] && age[i] < 60 && sim::bernoulli(share_of_leavers, words[2]))
        join_reserve(s.reserve, t.id[i], sec, x, r, age[i], exp[i], ctx.year, t.cohort_rec[i]);
      return;
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
  };
  // Block by block: first the common fate of every teacher of the block, four at a time (common_fates), then
  // `fate` for the others, in order. No teacher's fate reads another's, and the others' effects (counts, the
  // reserve's order) happen in the order of the teachers, so this is `fate` for every teacher in turn.
  const CommonFate common{school,
                          row_of,
                          shared_of,
                          m_subject,
                          route,
                          subject,
                          so_trained,
                          rotated,
                          zij_year,
                          q,
                          age,
                          exp,
                          seeks_move,
                          tp,
                          induction,
                          tp.early_retirement * kScale32,
                          tp.mobility * kScale32};
  std::array<std::uint32_t, kBlock> others{};
  sim::WordsAhead<kBlock> draws(rng, t.id, ctx.year, event::teacher_exit);
  for (std::size_t b = 0; b < n; b += kBlock) {
    const auto words = draws.block(b);
    std::size_t n_others = 0;
    sim::with_avx2([&]() __attribute__((always_inline)) {
      n_others = common_fates(common, b, words, others.data());
    });
    for (std::size_t o = 0; o < n_others; ++o) fate(b + others[o], words[others[o]]);
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
