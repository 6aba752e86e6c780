// Structure-of-arrays agent storage: an agent kind lists its columns once (`columns()` returning a tuple of
// references to std::vectors), and these helpers keep every column in step.
#pragma once

#include <cstddef>
#include <tuple>
#include <vector>

namespace tlm::sim {

template <class Agents>
std::size_t soa_size(Agents& a) {
  return std::get<0>(a.columns()).size();
}

// Keeps the agents whose keep[i] is true, in their order (stable, so storage order stays deterministic).
template <class Agents>
void soa_compact(Agents& a, const std::vector<char>& keep) {
  std::apply(
      [&](auto&... col) {
        (
            [&](auto& c) {
              std::size_t out = 0;
              for (std::size_t i = 0; i < c.size(); ++i)
                if (keep[i]) c[out++] = c[i];
              c.resize(out);
            }(col),
            ...);
      },
      a.columns());
}

template <class Agents>
void soa_reserve(Agents& a, std::size_t n) {
  std::apply([&](auto&... col) { (col.reserve(n), ...); }, a.columns());
}

}  // namespace tlm::sim
