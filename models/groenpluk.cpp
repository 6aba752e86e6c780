// docs/model.md 6.6 step 4: schools with a vacancy of at least 0.2 FTE hire students before they graduate.
// Rules (policy.groenpluk.rule) bind member schools only; non-members follow `none` and may take students
// placed at member schools (leakage).
#include <algorithm>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/market_detail.hpp"
#include "models/phases.hpp"
#include "sim/order.hpp"

namespace tlm::models {

void groenpluk_hiring(State& s, const YearContext& ctx, const sim::Stream& rng, int r,
                      std::span<const std::int32_t> region_students) {
  const auto& p = s.params;
  const auto& w = s.world;
  auto& st = s.students;
  auto& sy = s.school_year;
  constexpr double kMinVacancy = 0.2;
  const auto rule = p.policy.groenpluk.rule;
  auto open_cell = [&](std::int32_t j) {
    for (int x = 0, n = w.cells_of(j); x < n; ++x)
      if (sy.cell_vacancy[w.cell_begin[j] + x] >= kMinVacancy) return true;
    return false;
  };

  // Groenpluk stays per school (12.4): the region's schools with a cell of v_jx >= 0.2.
  std::vector<std::int32_t> schools;
  for (int sec = 0; sec < kSectors; ++sec)
    for (auto j : w.market_schools[w.market_index(r, sec)])
      if (open_cell(j)) schools.push_back(j);
  if (schools.empty()) return;

  // The region's students who could ever be eligible, in draw order.
  std::vector<std::int32_t> candidates;
  candidates.reserve(region_students.size());
  for (auto i : region_students)
    if (st.employer[i] == kNone && st.study_year[i] >= p.groenpluk.min_study_year[st.programme[i]])
      candidates.push_back(i);
  {
    const auto order = sim::draw_order(
        candidates.size(), [&](std::size_t i) { return st.id[candidates[i]]; }, rng, ctx.year,
        event::groenpluk_student);
    std::vector<std::int32_t> sorted(candidates.size());
    for (std::size_t i = 0; i < order.size(); ++i) sorted[i] = candidates[order[i]];
    candidates.swap(sorted);
  }
  // Eligible for a cell of sector `sec` and subject `x`: not employed, in a programme serving the sector, of
  // the cell's subject in vo, in its final or an extra year where the rule asks.
  auto eligible = [&](std::int32_t i, int sec, int x, bool final_only) {
    const int k = st.programme[i];
    return st.employer[i] == kNone && kServes[k][sec] && (sec != vo || st.subject[i] == x) &&
           (!final_only || st.study_year[i] >= p.study.years[k]);
  };
  // Own placed students per school of the region, in draw order: a counting sort by the school's place in the
  // region (its sector's schools, then its slot there); school k's students are own[own_start[k] ..
  // own_start[k + 1]).
  std::array<std::size_t, kSectors + 1> first_of_sector{};
  for (int sec = 0; sec < kSectors; ++sec)
    first_of_sector[sec + 1] = first_of_sector[sec] + w.market_schools[w.market_index(r, sec)].size();
  auto place_in_region = [&](std::int32_t j) { return first_of_sector[w.schools.sector[j]] + w.slot[j]; };
  std::vector<std::uint32_t> own_start(first_of_sector[kSectors] + 1, 0);
  for (auto i : candidates)
    if (const auto j = st.school[i]; j != kNone && w.schools.region[j] == r)
      ++own_start[place_in_region(j) + 1];
  for (std::size_t k = 1; k < own_start.size(); ++k) own_start[k] += own_start[k - 1];
  std::vector<std::int32_t> own(own_start.back());
  {
    std::vector<std::uint32_t> next(own_start.begin(), own_start.end() - 1);
    for (auto i : candidates)
      if (const auto j = st.school[i]; j != kNone && w.schools.region[j] == r)
        own[next[place_in_region(j)]++] = i;
  }
  // "Any" eligible: one cursor per (market of the region, final-only), advanced past students that can no
  // longer qualify for it (eligibility only ever ends: a student once employed stays employed this year).
  const int first_market = w.subject_market(r, po, 0);
  std::vector<std::array<std::size_t, 2>> cursor(static_cast<std::size_t>(w.markets_per_region()), {0, 0});

  const auto school_order = sim::draw_order(
      schools.size(), [&](std::size_t i) { return ids::school(schools[i]); }, rng, ctx.year,
      event::groenpluk_school);
  std::vector<std::int32_t> pick_student;  // per cell of the school: the student it would hire, or kNone
  std::vector<double> pick_weight;
  for (auto o : school_order) {
    const auto j = schools[o];
    const int sec = w.schools.sector[j];
    const int n_cells = w.cells_of(j);
    const auto c0 = w.cell_begin[j];
    const bool member = sy.member[j];
    const bool bound = member && rule != GroenplukRule::none;
    const double factor = (bound && rule == GroenplukRule::ban) ? 1.0 - p.policy.groenpluk.compliance : 1.0;
    const bool final_only = bound && rule == GroenplukRule::final_year;
    const auto own_begin = own.begin() + own_start[place_in_region(j)],
               own_end = own.begin() + own_start[place_in_region(j) + 1];
    pick_student.assign(static_cast<std::size_t>(n_cells), kNone);
    pick_weight.assign(static_cast<std::size_t>(n_cells), 0.0);
    for (std::uint32_t attempt = 1; open_cell(j); ++attempt) {
      const auto words = rng.draw(ids::school(j), ctx.year, event::groenpluk_school, attempt);
      if (!sim::bernoulli(p.groenpluk.propensity * factor, words[1])) break;
      // The cells with v_jx >= 0.2 that have an eligible student: its own placed students of that subject
      // first, then any of that subject, in draw order.
      int qualifying = 0, last = -1;
      for (int x = 0; x < n_cells; ++x) {
        const auto ux = static_cast<std::size_t>(x);
        pick_student[ux] = kNone;
        pick_weight[ux] = 0.0;
        const double v = sy.cell_vacancy[c0 + x];
        if (!(v >= kMinVacancy)) continue;
        std::int32_t hired = kNone;
        for (auto it = own_begin; it != own_end; ++it)
          if (eligible(*it, sec, x, final_only)) {
            hired = *it;
            break;
          }
        if (hired == kNone) {
          auto& c = cursor[static_cast<std::size_t>(w.subject_market(r, sec, x) - first_market)]
                          [final_only ? 1 : 0];
          while (c < candidates.size() && !eligible(candidates[c], sec, x, final_only)) ++c;
          if (c < candidates.size()) hired = candidates[c];
        }
        if (hired == kNone) continue;
        pick_student[ux] = hired;
        pick_weight[ux] = v;
        ++qualifying;
        last = x;
      }
      if (qualifying == 0) break;
      // A vo school with several such cells picks one, chance proportional to v_jx, with a draw of its own.
      int x = last;
      if (qualifying > 1) {
        const auto a = rng.draw(ids::school(j), ctx.year, event::groenpluk_cell, attempt);
        x = sim::categorical(pick_weight, sim::uniform53(a[0], a[1]));
      }
      const auto hired = pick_student[static_cast<std::size_t>(x)];
      const auto c = c0 + x;
      const double fte = std::min(p.groenpluk.fte, sy.cell_vacancy[c]);
      st.employer[hired] = j;
      st.employed_fte[hired] = fte;
      sy.cell_staff[c] += fte;
      sy.cell_vacancy[c] = std::max(0.0, sy.cell_vacancy[c] - fte);
      s.out.at(m_groenpluk_hires, ctx.index, r, sec) += 1;
      if (member) s.out.at(m_groenpluk_hires_member, ctx.index, r, sec) += 1;
    }
  }
}

void groenpluk_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(),
              {
                  {"groenpluk.propensity", schema::kProb, "probability",
                   "chance a school with a vacancy hires a student", "6.6", TLM_FIELD(groenpluk.propensity)},
                  {"groenpluk.min_study_year", schema::Range{1, 20}, "study year",
                   "lowest study year a school may hire from", "6.6", TLM_FIELD(groenpluk.min_study_year)},
                  {"groenpluk.fte", schema::kShareOfFte, "FTE",
                   "fte an employed student works (at most the vacancy)", "6.6", TLM_FIELD(groenpluk.fte)},
              });
}

void groenpluk_policy_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"policy.groenpluk.rule", schema::kAny, "",
           "groenpluk rule at member schools (docs/model.md 6.6.4)", "6.6", TLM_FIELD(policy.groenpluk.rule)},
          {"policy.groenpluk.compliance", schema::kProb, "share",
           "share of member schools' hires a ban prevents", "6.6", TLM_FIELD(policy.groenpluk.compliance)},
      });
}

}  // namespace tlm::models
