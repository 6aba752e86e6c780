// "Draw order": ascending order of a per-entity uniform of one event, ties broken by id (ARCHITECTURE.md).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/random.hpp"

namespace tlm::sim {

namespace detail {

// Sorts 64-bit keys ascending by their upper 32 bits, stably (LSD radix, 3 passes of 11 bits: the three
// histograms fit in the L1 cache); `tmp` is scratch of the same size. Passes whose digit is the same for
// every key are skipped.
inline void radix_sort_upper32(std::vector<std::uint64_t>& keys, std::vector<std::uint64_t>& tmp) {
  constexpr int kBits = 11, kPasses = 3;
  constexpr std::uint64_t kMask = (1u << kBits) - 1;
  const std::size_t n = keys.size();
  std::array<std::array<std::uint32_t, 1u << kBits>, kPasses> count{};
  for (const auto k : keys)
    for (int b = 0; b < kPasses; ++b) ++count[b][(k >> (32 + kBits * b)) & kMask];
  for (int b = 0; b < kPasses; ++b) {
    auto& c = count[b];
    const int shift = 32 + kBits * b;
    if (c[(keys[0] >> shift) & kMask] == n) continue;  // all keys share this digit
    std::uint32_t sum = 0;
    for (auto& x : c) {
      const auto here = x;
      x = sum;
      sum += here;
    }
    for (const auto k : keys) tmp[c[(k >> shift) & kMask]++] = k;
    keys.swap(tmp);
  }
}

}  // namespace detail

// Indices 0..n-1 sorted by (draw word 0 of (ids[i], year, event), ids[i]); `words[i]` gets entity i's four
// words, so a caller that needs the other words of the same draw does not draw them again.
//
// Implementation: the words come from Stream::draw_many; each entity becomes one 64-bit key (word << 32 |
// index), sorted by word (std::sort for small n, a stable radix sort otherwise); runs of equal words, rare
// with 32-bit words, are then ordered by id. The result is the same as sorting (word, id) pairs, as ids are
// unique.
//
// A DrawOrder keeps its buffers between calls: a phase that orders many small groups (hundreds a year)
// allocates once instead of three times per group. The order it returns lives until the next call.
class DrawOrder {
 public:
  const std::vector<std::uint32_t>& operator()(std::span<const std::uint64_t> ids, const Stream& stream,
                                               int year, std::uint16_t event, std::vector<Words>& words) {
    const std::size_t n = ids.size();
    words.resize(n);
    stream.draw_many(ids, year, event, words);
    keys_.resize(n);
    for (std::size_t i = 0; i < n; ++i) keys_[i] = (static_cast<std::uint64_t>(words[i][0]) << 32) | i;
    if (n < 512) {
      std::sort(keys_.begin(), keys_.end());
    } else {
      tmp_.resize(n);
      detail::radix_sort_upper32(keys_, tmp_);
    }
    out_.resize(n);
    for (std::size_t i = 0; i < n;) {
      std::size_t end = i + 1;
      while (end < n && (keys_[end] >> 32) == (keys_[i] >> 32)) ++end;
      if (end - i > 1)  // equal words: by id
        std::sort(keys_.begin() + static_cast<std::ptrdiff_t>(i),
                  keys_.begin() + static_cast<std::ptrdiff_t>(end), [&](std::uint64_t a, std::uint64_t b) {
                    return ids[static_cast<std::uint32_t>(a)] < ids[static_cast<std::uint32_t>(b)];
                  });
      for (; i < end; ++i) out_[i] = static_cast<std::uint32_t>(keys_[i]);
    }
    return out_;
  }
  // The last order, moved out (for a one-off call).
  std::vector<std::uint32_t> release() && { return std::move(out_); }

 private:
  std::vector<std::uint64_t> keys_, tmp_;
  std::vector<std::uint32_t> out_;
};

inline std::vector<std::uint32_t> draw_order(std::span<const std::uint64_t> ids, const Stream& stream,
                                             int year, std::uint16_t event, std::vector<Words>& words) {
  DrawOrder order;
  order(ids, stream, year, event, words);
  return std::move(order).release();
}

// The same order for entities whose ids are given by a function of the index.
template <class IdAt>
std::vector<std::uint32_t> draw_order(std::size_t n, IdAt&& id_at, const Stream& stream, int year,
                                      std::uint16_t event) {
  std::vector<std::uint64_t> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = id_at(i);
  std::vector<Words> words;
  return draw_order(ids, stream, year, event, words);
}

}  // namespace tlm::sim
