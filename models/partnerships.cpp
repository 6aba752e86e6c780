// docs/model.md 6.2: schools join partnerships (four joining modes, openness, pilot ramp); membership sets
// each school's induction quality q_j and placement capacity cap_j.
#include <algorithm>
#include <cmath>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/phases.hpp"
#include "sim/order.hpp"

namespace tlm::models {
namespace {

constexpr int kLongAgo = -30000;  // member_since of start members: fully ramped

// A school accepted in t-1 becomes a member in t and joins its region's partnership with the fewest members.
void admit_accepted(State& s, int year) {
  const auto& w = s.world;
  const int per_region = s.params.partnerships.per_region;
  for (std::size_t j = 0; j < s.school_year.accepted.size(); ++j) {
    if (!s.school_year.accepted[j]) continue;
    s.school_year.accepted[j] = 0;
    s.school_year.member[j] = 1;
    s.school_year.member_since[j] = static_cast<std::int16_t>(year);
    const int first = w.schools.region[j] * per_region;
    int best = first;
    for (int p = first; p < first + per_region; ++p)
      if (s.partnership_members[p] < s.partnership_members[best]) best = p;
    s.school_year.partnership[j] = best;
    ++s.partnership_members[best];
  }
}

// Non-members (not already accepted) in this year's draw order.
std::vector<std::int32_t> applicants_in_order(const State& s, const sim::Stream& rng, int year) {
  std::vector<std::int32_t> non;
  for (std::size_t j = 0; j < s.school_year.member.size(); ++j)
    if (!s.school_year.member[j] && !s.school_year.accepted[j]) non.push_back(static_cast<std::int32_t>(j));
  auto order = sim::draw_order(
      non.size(), [&](std::size_t i) { return ids::school(non[i]); }, rng, year, event::join_order);
  std::vector<std::int32_t> out(non.size());
  for (std::size_t i = 0; i < non.size(); ++i) out[i] = non[order[i]];
  return out;
}

bool accepts(const State& s, const sim::Stream& rng, int year, std::int32_t j) {
  return sim::bernoulli(s.params.policy.joining.openness,
                        rng.draw(ids::school(j), year, event::join_decision)[1]);
}

// Takes `shortfall` schools that match `in_scope` from the ordered applicants; each is accepted or refused.
template <class InScope>
void take_shortfall(State& s, const sim::Stream& rng, int year, const std::vector<std::int32_t>& order,
                    long shortfall, InScope&& in_scope) {
  for (std::size_t i = 0; i < order.size() && shortfall > 0; ++i) {
    const auto j = order[i];
    if (s.school_year.member[j] || s.school_year.accepted[j] || !in_scope(j)) continue;
    --shortfall;  // a refused school is not replaced this year
    if (accepts(s, rng, year, j)) s.school_year.accepted[j] = 1;
  }
}

}  // namespace

double ramp(const Params& p, const SchoolYear& s, std::size_t j, int year) {
  if (!s.member[j]) return 0.0;
  const int k = year - s.member_since[j] + 1;  // its k-th year as member
  return std::min(1.0, static_cast<double>(k) / p.policy.joining.pilot_years);
}

void induction_and_capacity(const Params& p, const World& w, SchoolYear& s, int year) {
  const auto& base =
      (p.policy.induction.base_quality && year >= p.policy.induction.from_year.value_or(p.years.start + 1))
          ? *p.policy.induction.base_quality
          : p.induction.base_quality;
  for (std::size_t j = 0; j < s.demand.size(); ++j) {
    const double benefit = s.member[j] * ramp(p, s, j, year);
    s.q[j] = std::min(1.0, base[w.schools.sector[j]] + benefit * p.induction.so_boost);
    s.cap[j] = static_cast<std::int32_t>(std::floor(
        s.demand[j] * p.placement.per_fte * (1.0 + benefit * p.placement.so_extra) + w.schools.u[j]));
  }
}

SchoolYear start_school_state(const World& w, const Params& p) {
  const std::size_t n = w.schools.size();
  SchoolYear s;
  s.demand = w.schools.demand;
  s.member = w.schools.member;
  s.member_since.assign(n, static_cast<std::int16_t>(kLongAgo));
  s.accepted.assign(n, 0);
  s.partnership = w.schools.partnership;
  s.q.assign(n, 0.0);
  s.cap.assign(n, 0);
  s.last_shortage.assign(n, 0.0);
  s.cell_demand = w.cell_start_demand;
  s.cell_staff.assign(w.cells(), 0.0);
  s.cell_vacancy.assign(w.cells(), 0.0);
  s.cell_stopgap = w.start_stopgap;
  // The start year uses the base quality in force then (policy.induction applies from its from_year).
  induction_and_capacity(p, w, s, p.years.start);
  return s;
}

void partnerships(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  const auto& jp = p.policy.joining;
  const int t = ctx.year;
  admit_accepted(s, t);

  switch (jp.mode) {
    case JoiningMode::none:
      break;
    case JoiningMode::schedule: {
      const auto order = applicants_in_order(s, rng, t);
      for (const auto& step : jp.schedule) {
        if (t + 1 < step.year) continue;
        auto in_scope = [&](std::int32_t j) {
          return (step.sector < 0 || w.schools.sector[j] == step.sector) &&
                 (step.region < 0 || w.schools.region[j] == step.region);
        };
        long n = 0, members = 0;
        for (std::size_t j = 0; j < w.schools.size(); ++j)
          if (in_scope(static_cast<std::int32_t>(j))) {
            ++n;
            members += s.school_year.member[j] || s.school_year.accepted[j];
          }
        take_shortfall(s, rng, t, order, std::lround(step.share * static_cast<double>(n)) - members,
                       in_scope);
      }
      break;
    }
    case JoiningMode::target: {
      const auto order = applicants_in_order(s, rng, t);
      for (int sec = 0; sec < kSectors; ++sec) {
        if (!jp.sectors[sec]) continue;
        long n = 0, members = 0, start_members = 0;
        for (std::size_t j = 0; j < w.schools.size(); ++j)
          if (w.schools.sector[j] == sec) {
            ++n;
            members += s.school_year.member[j];
            start_members += w.schools.member[j];
          }
        if (n == 0) continue;
        const double start_share = static_cast<double>(start_members) / static_cast<double>(n);
        const int span = jp.target_year - ctx.start_year;
        const double f =
            span <= 0 ? 1.0 : std::clamp(static_cast<double>(t + 1 - ctx.start_year) / span, 0.0, 1.0);
        const double target = start_share + (jp.target_share - start_share) * f;
        take_shortfall(s, rng, t, order, std::lround(target * static_cast<double>(n)) - members,
                       [&](std::int32_t j) { return w.schools.sector[j] == sec; });
      }
      break;
    }
    case JoiningMode::adoption: {
      // Member share per (region, sector), then each non-member applies independently.
      std::vector<PerSector<double>> members(w.regions, {0, 0, 0}), count(w.regions, {0, 0, 0});
      for (std::size_t j = 0; j < w.schools.size(); ++j) {
        count[w.schools.region[j]][w.schools.sector[j]] += 1;
        members[w.schools.region[j]][w.schools.sector[j]] += s.school_year.member[j];
      }
      for (auto j : applicants_in_order(s, rng, t)) {
        const int r = w.schools.region[j], sec = w.schools.sector[j];
        const double share = members[r][sec] / count[r][sec];
        const double prob = std::clamp(
            jp.adoption[0] + jp.adoption[1] * share + jp.adoption[2] * s.school_year.last_shortage[j], 0.0,
            1.0);
        const auto words = rng.draw(ids::school(j), t, event::join_decision);
        if (sim::bernoulli(prob, words[0]) && sim::bernoulli(jp.openness, words[1]))
          s.school_year.accepted[j] = 1;
      }
      break;
    }
  }
  induction_and_capacity(p, w, s.school_year, t);
}

void partnership_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(), {
                              {"partnerships.start_member_share", schema::kProb, "share of schools",
                               "schools that are members at the start", "4.1",
                               TLM_FIELD(partnerships.start_member_share)},
                              {"partnerships.per_region", schema::Range{1, 1000}, "partnerships",
                               "partnerships per region", "4.1", TLM_FIELD(partnerships.per_region)},
                          });
}

void induction_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"induction.base_quality", schema::kProb, "quality 0..1",
           "induction quality of a school before membership", "6.2", TLM_FIELD(induction.base_quality)},
          {"induction.so_boost", schema::kProb, "quality 0..1", "induction quality added by full membership",
           "6.2", TLM_FIELD(induction.so_boost)},
          {"induction.full_effect", schema::kNonNeg, schema::kMultiplier,
           "attrition multiplier under perfect induction", "6.3", TLM_FIELD(induction.full_effect)},
          {"induction.years", schema::Range{0, 50}, "years",
           "years of experience during which induction acts", "6.3", TLM_FIELD(induction.years)},
          {"placement.per_fte", schema::kNonNeg, "places per FTE",
           "student placements a school offers per FTE of demand", "6.2", TLM_FIELD(placement.per_fte)},
          {"placement.so_extra", schema::kNonNeg, "share",
           "extra placement capacity of a fully ramped member", "6.2", TLM_FIELD(placement.so_extra)},
      });
}

void joining_policy_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"policy.joining.mode", schema::kAny, "", "how schools join partnerships (docs/model.md 6.2.1)",
           "6.2", TLM_FIELD(policy.joining.mode)},
          {"policy.joining.schedule", schema::kProb, "",
           "steps {sector, region, share, year} for mode schedule (share in [0, 1])", "6.2",
           TLM_FIELD(policy.joining.schedule)},
          {"policy.joining.sectors", schema::kAny, "", "sectors the target applies to: \"all\" or a list",
           "6.2", TLM_FIELD(policy.joining.sectors)},
          {"policy.joining.target_share", schema::kProb, "share of schools",
           "member share reached in target_year", "6.2", TLM_FIELD(policy.joining.target_share)},
          {"policy.joining.target_year", schema::kYear, "year",
           "year the target share is reached (mode target)", "6.2", TLM_FIELD(policy.joining.target_year)},
          {"policy.joining.adoption", schema::kAny, "probability terms",
           "{a0, a1, a2}: a non-member applies with a0 + a1 x regional member share + a2 x own shortage rate",
           "6.2",
           [](Params& p) -> schema::Field { return schema::AdoptionField{&p.policy.joining.adoption}; }},
          {"policy.joining.openness", schema::kProb, "probability", "chance an application is accepted",
           "6.2", TLM_FIELD(policy.joining.openness)},
          {"policy.joining.pilot_years", schema::Range{1, 50}, "years",
           "years a new member needs to reach full benefits", "6.2", TLM_FIELD(policy.joining.pilot_years)},
          {"policy.induction.base_quality", schema::kProb, "quality 0..1",
           "replaces induction.base_quality from from_year (unset: no change)", "6.2",
           TLM_FIELD(policy.induction.base_quality)},
          {"policy.induction.from_year", schema::kYear, "year",
           "first year of policy.induction.base_quality (unset: start + 1)", "6.2",
           TLM_FIELD(policy.induction.from_year)},
      });
}

}  // namespace tlm::models
