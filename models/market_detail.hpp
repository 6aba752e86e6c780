// Vacancies of one region's schools during the market, with the weighted pick of docs/model.md 6.6:
// chance proportional to v_j, × so_member_preference for member schools when the seeker is SO-trained.
#pragma once

#include <array>

#include "models/groenpluk.hpp"
#include "models/state.hpp"
#include "sim/fenwick.hpp"
#include "sim/random.hpp"

namespace tlm::models {

class Vacancies {
 public:
  Vacancies(State& s, int region);
  // A school of the region and sector with v_j > 0, or kNone; `exclude` (a mover's own school) is left out.
  std::int32_t pick(int sector, bool so_trained, double u, std::int32_t exclude);
  // Staff changes by `fte` (negative: someone left): v_j = max(0, D_j - staff_j).
  void add_staff(std::int32_t j, double fte);

 private:
  void refresh(std::int32_t j);
  std::size_t slot(std::int32_t j) const { return static_cast<std::size_t>(s.world.slot[j]); }
  State& s;
  int r;
  std::array<std::array<sim::Fenwick, 2>, kSectors> trees;  // [sector][plain, SO-preferred]
};

}  // namespace tlm::models
