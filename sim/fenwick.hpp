// Weighted choice in O(log n): a Fenwick (binary indexed) tree of non-negative weights.
// total() caches its sum, so a tree is not to be read from two threads at once (each replication has its
// own).
#pragma once

#include <cstddef>
#include <vector>

namespace tlm::sim {

class Fenwick {
 public:
  Fenwick() = default;
  explicit Fenwick(std::size_t n) { reset(n); }

  void reset(std::size_t n) {
    tree_.assign(n + 1, 0.0);
    weight_.assign(n, 0.0);
    mask_ = 1;
    while (mask_ * 2 <= n) mask_ *= 2;
    total_valid_ = false;
    positive_ = 0;
  }
  // Builds from weights in O(n).
  void assign(const std::vector<double>& weights) {
    reset(weights.size());
    weight_ = weights;
    for (const double w : weights) positive_ += w > 0.0;
    for (std::size_t i = 1; i <= weights.size(); ++i) {
      tree_[i] += weights[i - 1];
      std::size_t parent = i + (i & (~i + 1));
      if (parent <= weights.size()) tree_[parent] += tree_[i];
    }
  }
  std::size_t size() const { return weight_.size(); }
  double weight(std::size_t i) const { return weight_[i]; }
  void set(std::size_t i, double w) {
    add(i, w - weight_[i]);
    positive_ += static_cast<std::ptrdiff_t>(w > 0.0) - static_cast<std::ptrdiff_t>(weight_[i] > 0.0);
    weight_[i] = w;
  }
  // The sum of all weights, summed along the tree's top path; kept until the next change, so repeated picks
  // from an unchanged tree (a caller that tries several trees in turn) do not walk it again.
  double total() const {
    if (!total_valid_) {
      double s = 0.0;
      for (std::size_t i = size(); i > 0; i -= i & (~i + 1)) s += tree_[i];
      total_ = s;
      total_valid_ = true;
    }
    return total_;
  }
  // The index i with prefix(i) <= target < prefix(i + 1), skipping zero weights; size() if target >= total.
  std::size_t find(double target) const {
    std::size_t pos = 0;
    for (std::size_t step = mask_; step > 0; step >>= 1) {
      std::size_t next = pos + step;
      if (next <= size() && tree_[next] <= target) {
        pos = next;
        target -= tree_[next];
      }
    }
    // Guard against rounding leaving us on a zero-weight slot.
    while (pos < size() && weight_[pos] <= 0.0) ++pos;
    if (pos >= size()) {
      // Rounding past the top: the last positive weight.
      for (std::size_t i = size(); i > 0; --i)
        if (weight_[i - 1] > 0.0) return i - 1;
      return size();
    }
    return pos;
  }
  // Weighted pick with a uniform u in [0, 1); size() when all weights are zero. A tree whose weights were all
  // set to zero may keep a rounding residue in its sums: the count of positive weights answers that case at
  // once, where find() would scan every slot twice (a full market, asked by each remaining seeker).
  std::size_t pick(double u) const {
    if (positive_ == 0) return size();
    const double t = total();
    if (!(t > 0.0)) return size();
    return find(u * t);
  }

 private:
  void add(std::size_t i, double delta) {
    for (++i; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
    total_valid_ = false;
  }
  std::vector<double> tree_;
  std::vector<double> weight_;
  std::size_t mask_ = 1;
  std::ptrdiff_t positive_ = 0;  // weights > 0
  mutable double total_ = 0.0;
  mutable bool total_valid_ = false;
};

}  // namespace tlm::sim
