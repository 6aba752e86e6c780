// A dense n-dimensional array of doubles, row-major: one replication's slice of a result dataset.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tlm::sim {

class NdArray {
 public:
  NdArray() = default;
  NdArray(std::vector<std::size_t> shape, double fill = 0.0) : shape_(std::move(shape)) {
    data_.assign(std::accumulate(shape_.begin(), shape_.end(), std::size_t{1}, std::multiplies<>()), fill);
  }
  const std::vector<std::size_t>& shape() const { return shape_; }
  std::size_t size() const { return data_.size(); }
  double* data() { return data_.data(); }
  const double* data() const { return data_.data(); }

  template <class... I>
  double& operator()(I... idx) {
    return data_[offset({static_cast<std::size_t>(idx)...})];
  }
  template <class... I>
  double operator()(I... idx) const {
    return data_[offset({static_cast<std::size_t>(idx)...})];
  }

 private:
  std::size_t offset(std::initializer_list<std::size_t> idx) const {
    // An index of the wrong rank would address another cell silently: refuse it (a well-predicted branch).
    if (idx.size() != shape_.size()) throw std::logic_error("NdArray: index of the wrong rank");
    std::size_t off = 0, d = 0;
    for (std::size_t i : idx) off = off * shape_[d++] + i;
    return off;
  }
  std::vector<std::size_t> shape_;
  std::vector<double> data_;
};

// A named dataset of a replication, with the metadata written beside it.
struct Dataset {
  std::string path;  // relative to the run's group, e.g. "metrics/open_fte"
  std::string unit;
  std::string description;
  NdArray values;
  std::vector<std::pair<std::string, std::string>> attributes = {};  // further string attributes
  // The axis datasets of its dimensions, one per dimension of `values`, named as in the group (e.g. "years",
  // "regions"): the writer attaches them as dimension scales.
  std::vector<std::string> axes = {};
};

}  // namespace tlm::sim
