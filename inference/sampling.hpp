// Sampling plans in the unit cube: pure numerics, no word of the domain (ARCHITECTURE: inference/). Sweep
// designs (experiment/design.cpp) and sensitivity analysis (inference/sensitivity.hpp) map them onto ranges.
#pragma once

#include <cstdint>
#include <vector>

namespace tlm::inference {

// GSL's Sobol generator has direction numbers for at most 40 dimensions.
inline constexpr int kMaxSobolDimension = 40;

// Points in the unit cube [0, 1)^k, one row per point.
// A Latin hypercube: every one of the n strata of every dimension holds exactly one point; the strata are
// permuted and the points placed in them by the counter-based streams keyed by `seed`.
std::vector<std::vector<double>> latin_hypercube(long long n, int k, std::uint64_t seed);
// The first n points of GSL's Sobol sequence in k dimensions (k ≤ kMaxSobolDimension), from its first point.
std::vector<std::vector<double>> sobol_sequence(long long n, int k);

}  // namespace tlm::inference
