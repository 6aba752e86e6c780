// Vacancies of one region's cells during the market (docs/model.md 6.6, 12.4): the weighted pick of a cell of
// a (region, sector, subject) market, chance proportional to v_jx, × so_member_preference for member schools
// when the seeker is SO-trained. Vacancies enter the trees in millionths of an FTE (sim::units), so their
// sums are exact.
#pragma once

#include <array>
#include <vector>

#include "models/groenpluk.hpp"
#include "models/state.hpp"
#include "sim/fenwick.hpp"
#include "sim/random.hpp"

namespace tlm::models {

class Vacancies {
 public:
  Vacancies(State& s, int region);
  // A cell of market `market` (World::subject_market of this region) with v_jx > 0, or kNone; `exclude` (a
  // mover's own cell) is left out.
  std::int32_t pick(int market, bool so_trained, double u, std::int32_t exclude);
  // Staff of a cell changes by `fte` (negative: someone left): v_jx = max(0, D_jx - staff_jx).
  void add_staff(std::int32_t cell, double fte);

 private:
  void refresh(std::int32_t cell);
  std::array<sim::Fenwick::Weight, 2> weights_of(std::int32_t cell) const;
  std::size_t slot(std::int32_t c) const { return static_cast<std::size_t>(s.world.cell_slot[c]); }
  std::array<sim::Fenwick, 2>& trees_of(int market) {
    return trees[static_cast<std::size_t>(market - first_market)];
  }
  State& s;
  int first_market;
  std::vector<std::array<sim::Fenwick, 2>> trees;  // per market of the region: [plain, SO-preferred]
};

}  // namespace tlm::models
