// Structure-of-arrays agent storage: an agent kind lists its columns once (`columns()` returning a tuple of
// references to std::vectors), and these helpers keep every column in step.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

namespace tlm::sim {

template <class Agents>
std::size_t soa_size(const Agents& a) {
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

// For a pass that reads column `col` only at scattered rows (a few agents in a hundred): each such read
// would miss the cache, as the hardware prefetcher follows dense streams only. Called for every row i, this
// asks for the line `kAhead` bytes ahead once per cache line, so the column arrives as one stream.
template <class T>
inline void prefetch_column(const T* col, std::size_t i) {
  constexpr std::size_t kLine = 64, kAhead = 1024;
  static_assert(sizeof(T) <= kLine && kLine % sizeof(T) == 0);
  // The address ahead may lie past the column's end (a prefetch never faults): formed as an integer, as
  // pointer arithmetic past the end would be undefined.
  if (i % (kLine / sizeof(T)) == 0)
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(col + i) + kAhead));
}

template <class Agents>
void soa_reserve(Agents& a, std::size_t n) {
  std::apply([&](auto&... col) { (col.reserve(n), ...); }, a.columns());
}

// A copy with room for `capacity` agents. A plain copy has no spare room, so the first agent added would
// reallocate (and copy) every column at twice the size.
template <class Agents>
Agents soa_copy(const Agents& from, std::size_t capacity) {
  Agents to;
  soa_reserve(to, std::max(capacity, soa_size(from)));
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    const auto src = from.columns();
    auto dst = to.columns();
    ((std::get<I>(dst).assign(std::get<I>(src).begin(), std::get<I>(src).end())), ...);
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(from.columns())>>{});
  return to;
}

}  // namespace tlm::sim

namespace tlm::sim {

// Removes the agents whose keep[i] is false by moving the last agent into the hole (swap-and-pop):
// O(removed × columns). Storage order changes, so nothing may depend on it (draw order is by draw and id).
template <class Agents>
void soa_remove(Agents& a, std::vector<char> keep) {
  auto cols = a.columns();
  std::size_t n = std::get<0>(cols).size();
  for (std::size_t i = 0; i < n;) {
    if (keep[i]) {
      ++i;
      continue;
    }
    --n;
    if (i != n) {
      std::apply([&](auto&... col) { ((col[i] = std::move(col[n])), ...); }, cols);
      keep[i] = keep[n];
    }
  }
  std::apply([&](auto&... col) { (col.resize(n), ...); }, cols);
}

}  // namespace tlm::sim
