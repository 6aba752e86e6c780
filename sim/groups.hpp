// Items sorted into numbered groups, stored flat: one array of items in group order and one of offsets,
// instead of a vector per group. A phase that sorts a pass's output into hundreds of small groups a year
// allocates a few times instead of several times per group, and reads each group as one contiguous span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tlm::sim {

template <class T>
class Groups {
 public:
  explicit Groups(std::size_t groups) : begin_(groups + 1, 0) {}

  // Adds an item to a group (before finish()); within a group the items keep the order they were added in.
  void add(std::size_t group, T item) {
    group_.push_back(static_cast<std::uint32_t>(group));
    pending_.push_back(std::move(item));
    ++begin_[group + 1];
  }
  // Sorts the items into their groups (a stable counting sort); after it, groups can be read, not added to.
  void finish() {
    for (std::size_t g = 1; g < begin_.size(); ++g) begin_[g] += begin_[g - 1];
    items_.resize(pending_.size());
    std::vector<std::size_t> next(begin_.begin(), begin_.end() - 1);
    for (std::size_t k = 0; k < pending_.size(); ++k) items_[next[group_[k]]++] = std::move(pending_[k]);
    pending_ = {};
    group_ = {};
  }
  std::size_t groups() const { return begin_.size() - 1; }
  std::span<const T> operator[](std::size_t group) const {
    return {items_.data() + begin_[group], begin_[group + 1] - begin_[group]};
  }

 private:
  std::vector<std::size_t> begin_;  // counts while adding; offsets after finish()
  std::vector<std::uint32_t> group_;
  std::vector<T> pending_;
  std::vector<T> items_;
};

}  // namespace tlm::sim
