// The stille reserve (docs/model.md 4.1, 6.3, 6.4, 6.6): who joins it, where, how it ages, who returns.
// Joining happens in three phases (attrition leavers in 6.3, graduates who do not enter in 6.4, unhired
// graduates in 6.6) and returning in the market (6.6 step 2); the rules live here, once.
#include "models/reserve.hpp"
#include "models/keys.hpp"

#include <algorithm>

#include "models/events.hpp"
#include "models/phases.hpp"
#include "sim/soa.hpp"

namespace tlm::models {

void join_reserve(Reserve& r, std::uint64_t id, int sector, int subject, int region, int age, int exp,
                  int year, std::int32_t cohort_rec) {
  r.id.push_back(id);
  r.sector.push_back(static_cast<std::uint8_t>(sector));
  r.subject.push_back(static_cast<std::uint8_t>(sector == vo ? subject : 0));
  r.region.push_back(static_cast<std::int16_t>(region));
  r.age.push_back(static_cast<std::int16_t>(age));
  r.exp.push_back(static_cast<std::int16_t>(exp));
  r.years_out.push_back(0);
  r.since.push_back(static_cast<std::int16_t>(year));
  r.cohort_rec.push_back(cohort_rec);
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

sim::Groups<Returner> reserve_returns(const State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  const std::size_t n_markets = w.market_cells.size();
  sim::Groups<Returner> returners(n_markets);
  // The chance per (region, sector, subject) market, from the market's shortage rate (12.4).
  std::vector<double> return_prob(n_markets);
  for (std::size_t m = 0; m < n_markets; ++m)
    return_prob[m] =
        std::min(1.0, p.reserve.return_rate * (1.0 + p.reserve.shortage_pull * s.last_market_rate[m]));
  sim::WordsAhead return_draws(rng, s.reserve.id, ctx.year, event::reserve_return);
  for (std::size_t i = 0; i < s.reserve.size(); ++i) {
    const auto m = static_cast<std::size_t>(
        w.subject_market(s.reserve.region[i], s.reserve.sector[i], s.reserve.subject[i]));
    if (sim::bernoulli(return_prob[m], return_draws[i][0]))
      returners.add(m, Returner{s.reserve.id[i], static_cast<std::int32_t>(i), s.reserve.cohort_rec[i],
                                s.reserve.age[i], s.reserve.exp[i]});
  }
  returners.finish();
  return returners;
}

void reserve_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"reserve.share_of_leavers", schema::kProb, "probability",
           "chance that a qualified attrition leaver under 60 joins the reserve", "6.3",
           TLM_FIELD(reserve.share_of_leavers)},
          {"reserve.start_size", schema::kPeopleCount, "persons", "size of the stille reserve at the start",
           "4.1", TLM_FIELD(reserve.start_size)},
          {"reserve.return", schema::kProb, schema::kProbPerYear,
           "chance that a reserve member returns (at zero shortage)", "6.6", TLM_FIELD(reserve.return_rate)},
          {"reserve.shortage_pull", schema::kNonNeg, "per shortage rate",
           "returns rise by 1 + this x last year's shortage rate", "6.6", TLM_FIELD(reserve.shortage_pull)},
          {"reserve.max_years", schema::Range{0, 100}, "years",
           "years out after which a member leaves the reserve", "6.4", TLM_FIELD(reserve.max_years)},
      });
}

}  // namespace tlm::models
