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
                      const std::vector<std::int32_t>& region_students) {
  const auto& p = s.params;
  const auto& w = s.world;
  auto& st = s.students;
  constexpr double kMinVacancy = 0.2;
  const auto rule = p.policy.groenpluk.rule;

  std::vector<std::int32_t> schools;
  for (int sec = 0; sec < kSectors; ++sec)
    for (auto j : w.market_schools[w.market_index(r, sec)])
      if (s.school_year.vacancy[j] >= kMinVacancy) schools.push_back(j);
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
  auto eligible = [&](std::int32_t i, int sec, bool final_only) {
    const int k = st.programme[i];
    return st.employer[i] == kNone && kServes[k][sec] &&
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
  // "Any" eligible: one cursor per (sector, final-only), advanced past students that can no longer qualify.
  std::array<std::array<std::size_t, 2>, kSectors> cursor{};

  const auto school_order = sim::draw_order(
      schools.size(), [&](std::size_t i) { return ids::school(schools[i]); }, rng, ctx.year,
      event::groenpluk_school);
  for (auto o : school_order) {
    const auto j = schools[o];
    const int sec = w.schools.sector[j];
    const bool member = s.school_year.member[j];
    const bool bound = member && rule != GroenplukRule::none;
    const double factor = (bound && rule == GroenplukRule::ban) ? 1.0 - p.policy.groenpluk.compliance : 1.0;
    const bool final_only = bound && rule == GroenplukRule::final_year;
    const auto own_begin = own.begin() + own_start[place_in_region(j)],
               own_end = own.begin() + own_start[place_in_region(j) + 1];
    for (std::uint32_t attempt = 1; s.school_year.vacancy[j] >= kMinVacancy; ++attempt) {
      const auto words = rng.draw(ids::school(j), ctx.year, event::groenpluk_school, attempt);
      if (!sim::bernoulli(p.groenpluk.propensity * factor, words[1])) break;
      std::int32_t hired = kNone;
      for (auto it = own_begin; it != own_end; ++it)
        if (eligible(*it, sec, final_only)) {
          hired = *it;
          break;
        }
      if (hired == kNone) {
        auto& c = cursor[sec][final_only ? 1 : 0];
        while (c < candidates.size() && !eligible(candidates[c], sec, final_only)) ++c;
        if (c < candidates.size()) hired = candidates[c];
      }
      if (hired == kNone) break;
      const double fte = std::min(p.groenpluk.fte, s.school_year.vacancy[j]);
      st.employer[hired] = j;
      st.employed_fte[hired] = fte;
      s.school_year.staff[j] += fte;
      s.school_year.vacancy[j] = std::max(0.0, s.school_year.vacancy[j] - fte);
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
