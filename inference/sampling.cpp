#include "inference/sampling.hpp"

#include <gsl/gsl_qrng.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "sim/random.hpp"

namespace tlm::inference {

std::vector<std::vector<double>> latin_hypercube(long long n, int k, std::uint64_t seed) {
  std::vector<std::vector<double>> x(static_cast<std::size_t>(n),
                                     std::vector<double>(static_cast<std::size_t>(k)));
  // One stream per design seed; counter (point, dimension, event): event 1 orders the strata, event 2 places
  // the point within its stratum.
  const sim::Stream stream(static_cast<std::uint32_t>(seed), 0);
  for (int j = 0; j < k; ++j) {
    // A permutation of the strata: sort by a random key (ties broken by index, so it is a permutation).
    std::vector<std::pair<std::uint64_t, long long>> order(static_cast<std::size_t>(n));
    for (long long i = 0; i < n; ++i) {
      const auto w = stream.draw(static_cast<std::uint64_t>(i), j, 1);
      order[static_cast<std::size_t>(i)] = {(static_cast<std::uint64_t>(w[0]) << 32) | w[1], i};
    }
    std::sort(order.begin(), order.end());
    for (long long i = 0; i < n; ++i) {
      const long long stratum = order[static_cast<std::size_t>(i)].second;
      const auto w = stream.draw(static_cast<std::uint64_t>(i), j, 2);
      const double u = sim::uniform53(w[0], w[1]);
      double v = (static_cast<double>(stratum) + u) / static_cast<double>(n);
      // Rounding must never push a point into the next stratum.
      const double top = std::nextafter(static_cast<double>(stratum + 1) / static_cast<double>(n), 0.0);
      x[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = std::min(v, top);
    }
  }
  return x;
}

std::vector<std::vector<double>> sobol_sequence(long long n, int k) {
  if (k < 1 || k > kMaxSobolDimension)
    throw std::invalid_argument(fmt::format("sobol_sequence: {} dimensions (1..{})", k, kMaxSobolDimension));
  std::unique_ptr<gsl_qrng, void (*)(gsl_qrng*)> q(gsl_qrng_alloc(gsl_qrng_sobol, static_cast<unsigned>(k)),
                                                   gsl_qrng_free);
  if (!q) throw std::runtime_error("GSL could not allocate a Sobol generator");
  std::vector<std::vector<double>> x(static_cast<std::size_t>(n),
                                     std::vector<double>(static_cast<std::size_t>(k)));
  for (auto& row : x) gsl_qrng_get(q.get(), row.data());
  return x;
}

}  // namespace tlm::inference
