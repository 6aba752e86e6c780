// Counter-based random streams (ARCHITECTURE.md "Random numbers").
// Every draw is a pure function of (key = {seed, replication}, counter = {id_lo, id_hi, (year << 16) | event,
// k}), so results do not depend on thread count, scheduling or storage order, and two scenarios that differ
// only in policy give the same entity the same draw for the same decision (common random numbers).
#pragma once

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

namespace tlm::sim {

using Words = std::array<std::uint32_t, 4>;

class Stream {
 public:
  Stream(std::uint32_t seed, std::uint32_t replication) : key_{{seed, replication}} {}

  // Four independent 32-bit words for (entity, year, event, k).
  Words draw(std::uint64_t id, int year, std::uint16_t event, std::uint32_t k = 0) const {
    r123::Philox4x32::ctr_type ctr{{static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(id >> 32),
                                    (static_cast<std::uint32_t>(year) << 16) | event, k}};
    auto r = r123::Philox4x32{}(ctr, key_);
    return {r[0], r[1], r[2], r[3]};
  }

  // draw(ids[i], year, event, k) for every i, into out[i] (out.size() >= ids.size()): the same bits, eight
  // counters at a time with AVX2 where the CPU has it (a phase fetches the words of a block of agents ahead
  // of its per-agent logic; one Philox call alone is 10 dependent rounds).
  void draw_many(std::span<const std::uint64_t> ids, int year, std::uint16_t event, std::span<Words> out,
                 std::uint32_t k = 0) const;

 private:
  r123::Philox4x32::key_type key_;
};

// The words of (ids[i], year, event) for a loop that visits i in increasing order: drawn a block ahead with
// Stream::draw_many, so a per-agent loop pays a fraction of a Philox call per agent.
template <std::size_t Block = 256>
class WordsAhead {
 public:
  WordsAhead(const Stream& stream, std::span<const std::uint64_t> ids, int year, std::uint16_t event)
      : stream_(stream), ids_(ids), year_(year), event_(event) {}
  const Words& operator[](std::size_t i) {
    if (i < begin_ || i >= end_) {
      begin_ = i;
      end_ = std::min(ids_.size(), i + Block);
      stream_.draw_many(ids_.subspan(begin_, end_ - begin_), year_, event_, buf_);
    }
    return buf_[i - begin_];
  }

 private:
  const Stream& stream_;
  std::span<const std::uint64_t> ids_;
  int year_;
  std::uint16_t event_;
  std::size_t begin_ = 0, end_ = 0;
  std::array<Words, Block> buf_;
};

// A probability compared with a 32-bit word: p = 1 always succeeds, p = 0 never does.
inline bool bernoulli(double p, std::uint32_t w) {
  return static_cast<double>(w) < p * 4294967296.0;
}

// Uniform in [0, 1) with 32 bits of resolution (for ordering and comparison).
inline double uniform32(std::uint32_t w) {
  return static_cast<double>(w) * (1.0 / 4294967296.0);
}

// Uniform in [0, 1) with 53 bits from two words (for values that are transformed).
inline double uniform53(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t bits = (static_cast<std::uint64_t>(hi) << 21) ^ (lo >> 11);
  return static_cast<double>(bits & ((std::uint64_t{1} << 53) - 1)) * 0x1.0p-53;
}

// Uniform in (0, 1) with 53 bits: never exactly 0, safe for logarithms.
inline double uniform53_open(std::uint32_t hi, std::uint32_t lo) {
  return uniform53(hi, lo) + 0x1.0p-54;
}

// Integer uniform in [lo, hi] from one word (multiply-shift; bias < 2^-32 × range).
inline int uniform_int(int lo, int hi, std::uint32_t w) {
  const std::uint64_t range = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<int>((static_cast<std::uint64_t>(w) * range) >> 32);
}

// Index of the category whose cumulative weight first exceeds u × total. Weights need not sum to 1.
inline int categorical(std::span<const double> weights, double u) {
  double total = 0.0;
  for (double w : weights) total += w;
  double target = u * total, acc = 0.0;
  int last_positive = -1;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    acc += weights[i];
    last_positive = static_cast<int>(i);
    if (target < acc) return static_cast<int>(i);
  }
  return last_positive;  // rounding at the top end
}

// Poisson by inversion of one 53-bit uniform. Means above 500 are split into equal parts, each with its own
// uniform from `next_uniform` (sum of Poissons is Poisson), so exp(-mean) never underflows.
template <class NextUniform>
std::int64_t poisson(double mean, NextUniform&& next_uniform) {
  if (!(mean > 0.0)) return 0;
  const int parts = mean > 500.0 ? static_cast<int>(std::ceil(mean / 500.0)) : 1;
  const double m = mean / parts;
  std::int64_t total = 0;
  for (int part = 0; part < parts; ++part) {
    const double u = next_uniform();
    double p = std::exp(-m), cdf = p;
    std::int64_t n = 0;
    while (u >= cdf && n < 100000) {
      ++n;
      p *= m / static_cast<double>(n);
      cdf += p;
      if (p == 0.0 && cdf < u) break;  // numerical tail: stop
    }
    total += n;
  }
  return total;
}

}  // namespace tlm::sim

namespace tlm::sim {

// Standard normal by Box-Muller from two 53-bit uniforms (four words).
inline double normal(const Words& w) {
  const double u1 = uniform53_open(w[0], w[1]);
  const double u2 = uniform53(w[2], w[3]);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace tlm::sim
