// "Draw order": ascending order of a per-entity uniform of one event, ties broken by id (ARCHITECTURE.md).
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/random.hpp"

namespace tlm::sim {

// Indices 0..ids.size()-1 sorted by (draw word of (id, year, event), id).
template <class IdAt>
std::vector<std::uint32_t> draw_order(std::size_t n, IdAt&& id_at, const Stream& stream, int year,
                                      std::uint16_t event) {
  struct Key {
    std::uint32_t word;
    std::uint64_t id;
    std::uint32_t index;
  };
  std::vector<Key> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t id = id_at(i);
    keys[i] = {stream.draw(id, year, event)[0], id, static_cast<std::uint32_t>(i)};
  }
  std::sort(keys.begin(), keys.end(),
            [](const Key& a, const Key& b) { return a.word != b.word ? a.word < b.word : a.id < b.id; });
  std::vector<std::uint32_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = keys[i].index;
  return out;
}

}  // namespace tlm::sim
