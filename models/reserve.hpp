// The stille reserve (docs/model.md 4.1.7, 6.3.5, 6.4.5, 6.6.2), in one place: its parameters, joining, its
// region, ageing, returns.
#pragma once

#include <cstdint>
#include <vector>

#include "models/forward.hpp"
#include "models/population.hpp"
#include "models/types.hpp"
#include "sim/groups.hpp"

namespace tlm::models {

// Keys reserve.* (4.1.7, 6.3.5, 6.4.5, 6.6.2).
struct ReserveParams {
  double share_of_leavers = 0.6;
  PerSector<double> start_size{31000, 20000, 12000};
  double return_rate = 0.025;  // key `reserve.return` (a C++ keyword)
  double shortage_pull = 3.0;
  int max_years = 15;
};

// A person joins the reserve of `sector` in `region` (an attrition leaver keeps its entrant record).
void join_reserve(Reserve& r, std::uint64_t id, int sector, int subject, int region, int age, int exp,
                  int year, std::int32_t cohort_rec);
// The region of a person joining the reserve of `sector`: its own, or, where its own has no school of the
// sector, one drawn by the sector's weights (4.1: nobody sits in a region without such schools).
int reserve_region(const World& w, int region, int sector, std::uint64_t id, int year,
                   const sim::Stream& rng);
// 6.4.5: members present at t-1 age by a year and leave at retirement age or after reserve.max_years out.
void reserve_ageing(State& s, const YearContext& ctx);
// A member who returns this year, copied out of the reserve's columns in the pass that draws the returns (the
// market reads them in draw order, which would miss the cache on every field).
struct Returner {
  std::uint64_t id;
  std::int32_t index;  // into the reserve
  std::int32_t cohort_rec;
  std::int16_t age;
  std::int16_t exp;
};
// 6.6.2: the members who return this year, by (region, sector, subject) market; each returns with
// reserve.return x (1 + reserve.shortage_pull x last year's shortage rate of its market).
sim::Groups<Returner> reserve_returns(const State& s, const YearContext& ctx, const sim::Stream& rng);

void reserve_keys(std::vector<schema::Key>& keys);  // reserve.*

}  // namespace tlm::models
