// Weighted choice in O(log n): a Fenwick (binary indexed) tree of non-negative integer weights.
// Integers make every sum exact: the total is a running count instead of a walk, a pick that leaves one slot
// out is arithmetic instead of hiding and restoring the slot, and no rounding can land a pick on a zero
// weight. Real-valued weights (FTE) enter in fixed units (`units`). A tree is not to be shared between
// threads (each replication has its own).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tlm::sim {

// Fixed-point units of a real weight: 2^20 per unit (about a millionth of an FTE), rounded half up (a plain
// conversion, not llround's call into libm). Weights up to 2^42 units' worth (4e12 FTE) sum without overflow.
inline constexpr double kUnitsPerOne = 1048576.0;
inline std::int64_t units(double w) {
  return w > 0.0 ? static_cast<std::int64_t>(w * kUnitsPerOne + 0.5) : 0;
}

// The integer target floor(u × total) of a uniform u in [0, 1) with 53 bits (sim::uniform53): exact, so the
// pick of prefix(i) <= target < prefix(i + 1) has the chance weight(i) / total.
inline std::int64_t scale_unit(double u, std::int64_t total) {
  __extension__ using Wide = unsigned __int128;  // g++'s 128-bit integer: the product of two 64-bit numbers
  const auto k = static_cast<std::uint64_t>(u * 0x1.0p53);  // exact: u = k / 2^53
  return static_cast<std::int64_t>((static_cast<Wide>(k) * static_cast<std::uint64_t>(total)) >> 53);
}

class Fenwick {
 public:
  using Weight = std::int64_t;
  Fenwick() = default;
  explicit Fenwick(std::size_t n) { reset(n); }

  void reset(std::size_t n) {
    tree_.assign(n + 1, 0);
    weight_.assign(n, 0);
    mask_ = 1;
    while (mask_ * 2 <= n) mask_ *= 2;
    total_ = 0;
  }
  // Builds from weights in O(n).
  void assign(const std::vector<Weight>& weights) {
    reset(weights.size());
    weight_ = weights;
    for (std::size_t i = 1; i <= weights.size(); ++i) {
      tree_[i] += weights[i - 1];
      total_ += weights[i - 1];
      const std::size_t parent = i + (i & (~i + 1));
      if (parent <= weights.size()) tree_[parent] += tree_[i];
    }
  }
  std::size_t size() const { return weight_.size(); }
  Weight weight(std::size_t i) const { return weight_[i]; }
  Weight total() const { return total_; }
  void set(std::size_t i, Weight w) { add(i, w - weight_[i]); }
  void add(std::size_t i, Weight delta) {
    weight_[i] += delta;
    total_ += delta;
    for (++i; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
  }
  // The sum of the weights before slot i.
  Weight prefix(std::size_t i) const {
    Weight s = 0;
    for (; i > 0; i -= i & (~i + 1)) s += tree_[i];
    return s;
  }
  // The index i with prefix(i) <= target < prefix(i + 1) (its weight is positive); size() if target >= total.
  std::size_t find(Weight target) const {
    if (target >= total_ || target < 0) return size();
    std::size_t pos = 0;
    for (std::size_t step = mask_; step > 0; step >>= 1) {
      const std::size_t next = pos + step;
      if (next <= size() && tree_[next] <= target) {
        pos = next;
        target -= tree_[next];
      }
    }
    return pos;
  }
  // Weighted pick with a uniform u in [0, 1); size() when all weights are zero.
  std::size_t pick(double u) const { return total_ > 0 ? find(scale_unit(u, total_)) : size(); }
  // The same, with slot `exclude` left out (as if its weight were zero).
  std::size_t pick_excluding(double u, std::size_t exclude) const {
    const Weight hidden = weight_[exclude], rest = total_ - hidden;
    if (rest <= 0) return size();
    Weight target = scale_unit(u, rest);
    if (hidden > 0 && target >= prefix(exclude)) target += hidden;
    return find(target);
  }

 private:
  std::vector<Weight> tree_;
  std::vector<Weight> weight_;
  std::size_t mask_ = 1;
  Weight total_ = 0;
};

}  // namespace tlm::sim
