// Largest-remainder apportionment: split an integer total in proportion to weights, exactly.
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace tlm::sim {

// Ties in the remainders go to the lower index, so the result is deterministic.
inline std::vector<long> largest_remainder(long total, const std::vector<double>& weights) {
  std::vector<long> out(weights.size(), 0);
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (total <= 0 || !(sum > 0.0)) return out;
  std::vector<double> rem(weights.size());
  long given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    out[i] = static_cast<long>(std::floor(exact));
    rem[i] = exact - static_cast<double>(out[i]);
    given += out[i];
  }
  std::vector<std::size_t> idx(weights.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
  for (std::size_t k = 0; given < total && k < idx.size(); ++k) {
    if (weights[idx[k]] <= 0.0) continue;
    ++out[idx[k]];
    ++given;
  }
  return out;
}

}  // namespace tlm::sim
