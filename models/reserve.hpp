// The stille reserve (docs/model.md 4.1, 6.3, 6.4, 6.6), in one place: joining, its region, ageing, returns.
#pragma once

#include <cstdint>
#include <vector>

#include "models/state.hpp"
#include "sim/random.hpp"

namespace tlm::models {

// A person joins the reserve of `sector` in `region` (an attrition leaver keeps its entrant record).
void join_reserve(Reserve& r, std::uint64_t id, int sector, int region, int age, int exp, int year,
                  std::int32_t cohort_rec);
// The region of a person joining the reserve of `sector`: its own, or, where its own has no school of the
// sector, one drawn by the sector's weights (4.1: nobody sits in a region without such schools).
int reserve_region(const World& w, int region, int sector, std::uint64_t id, int year,
                   const sim::Stream& rng);
// 6.4: members present at t-1 age by a year and leave at retirement age or after reserve.max_years out.
void reserve_ageing(State& s, const YearContext& ctx);
// 6.6 step 2: the members who return this year, by market (region * 3 + sector), as indices into the reserve;
// each returns with reserve.return x (1 + reserve.shortage_pull x last year's shortage rate of its market).
std::vector<std::vector<std::int32_t>> reserve_returns(const State& s, const YearContext& ctx,
                                                       const sim::Stream& rng);

}  // namespace tlm::models
