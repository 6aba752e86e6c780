#include "inference/abc.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/random.hpp"

namespace tlm::inference {
namespace {

constexpr std::uint16_t kPick = 1, kPerturb = 2, kPrior = 3;

double quantile_of(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// The perturbation kernel: N(0, Σ) with Σ = 2 × the weighted covariance of the last generation, as its
// Cholesky factor L (row-major k × k, lower), and the normalising constant of its density.
struct Kernel {
  std::size_t k = 0;
  std::vector<double> L;  // Σ = L Lᵀ, row-major k × k, lower
  double log_norm = 0;    // −½ log((2π)^k |Σ|)

  double& at(std::vector<double>& m, std::size_t i, std::size_t j) const { return m[i * k + j]; }
  double at(const std::vector<double>& m, std::size_t i, std::size_t j) const { return m[i * k + j]; }

  Kernel(const AbcGeneration& g, std::size_t dims) : k(dims) {
    std::vector<double> mean(k, 0.0), cov(k * k, 0.0);
    for (const auto& p : g.particles)
      for (std::size_t i = 0; i < k; ++i) mean[i] += p.weight * p.u[i];
    for (const auto& p : g.particles)
      for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j)
          at(cov, i, j) += p.weight * (p.u[i] - mean[i]) * (p.u[j] - mean[j]);
    for (auto& c : cov) c *= 2.0;
    // A degenerate population (every particle equal in some dimension) gets a small floor, so that the
    // kernel still moves.
    for (std::size_t i = 0; i < k; ++i) at(cov, i, i) = std::max(at(cov, i, i), 1e-10);
    L = cov;
    gsl_matrix_view m = gsl_matrix_view_array(L.data(), k, k);
    gsl_error_handler_t* old = gsl_set_error_handler_off();
    int status = gsl_linalg_cholesky_decomp1(&m.matrix);
    if (status != GSL_SUCCESS) {  // not positive definite (collinear particles): the diagonal only
      L.assign(k * k, 0.0);
      for (std::size_t i = 0; i < k; ++i) at(L, i, i) = at(cov, i, i);
      m = gsl_matrix_view_array(L.data(), k, k);
      status = gsl_linalg_cholesky_decomp1(&m.matrix);
    }
    gsl_set_error_handler(old);
    if (status != GSL_SUCCESS) throw std::runtime_error("ABC-SMC: the perturbation kernel is degenerate");
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = i + 1; j < k; ++j) at(L, i, j) = 0.0;  // GSL leaves Lᵀ above the diagonal
    double log_det = 0.0;
    for (std::size_t i = 0; i < k; ++i) log_det += 2.0 * std::log(at(L, i, i));
    log_norm = -0.5 * (static_cast<double>(k) * std::log(2.0 * M_PI) + log_det);
  }
  // x = L z
  std::vector<double> apply(const std::vector<double>& z) const {
    std::vector<double> x(k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j <= i; ++j) x[i] += at(L, i, j) * z[j];
    return x;
  }
  // log N(d; 0, Σ): forward substitution L y = d, then −½ |y|².
  double log_density(const std::vector<double>& d) const {
    std::vector<double> y(k, 0.0);
    double q = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
      double s = d[i];
      for (std::size_t j = 0; j < i; ++j) s -= at(L, i, j) * y[j];
      y[i] = s / at(L, i, i);
      q += y[i] * y[i];
    }
    return log_norm - 0.5 * q;
  }
};

}  // namespace

double AbcGeneration::ess() const {
  double s = 0.0, s2 = 0.0;
  for (const auto& p : particles) {
    s += p.weight;
    s2 += p.weight * p.weight;
  }
  return s2 > 0 ? s * s / s2 : 0.0;
}

double weighted_mean(const AbcGeneration& g, int d) {
  double m = 0.0, w = 0.0;
  for (const auto& p : g.particles) {
    m += p.weight * p.u[static_cast<std::size_t>(d)];
    w += p.weight;
  }
  return w > 0 ? m / w : std::nan("");
}

double weighted_sd(const AbcGeneration& g, int d) {
  const double m = weighted_mean(g, d);
  double v = 0.0, w = 0.0;
  for (const auto& p : g.particles) {
    v += p.weight * (p.u[static_cast<std::size_t>(d)] - m) * (p.u[static_cast<std::size_t>(d)] - m);
    w += p.weight;
  }
  return w > 0 ? std::sqrt(v / w) : std::nan("");
}

double weighted_quantile(const AbcGeneration& g, int d, double q) {
  std::vector<std::pair<double, double>> v;
  double total = 0.0;
  for (const auto& p : g.particles) {
    v.emplace_back(p.u[static_cast<std::size_t>(d)], p.weight);
    total += p.weight;
  }
  std::sort(v.begin(), v.end());
  double acc = 0.0;
  for (const auto& [x, w] : v) {
    acc += w;
    if (acc >= q * total) return x;
  }
  return v.empty() ? std::nan("") : v.back().first;
}

std::vector<AbcGeneration> abc_smc(int k, const AbcSettings& s, const AbcModel& model,
                                   const AbcProgressFn& progress) {
  if (k < 1) throw std::invalid_argument("ABC-SMC needs at least one parameter");
  if (s.population < 2) throw std::invalid_argument("ABC-SMC needs a population of at least 2");
  const int batch = s.batch > 0 ? s.batch : s.population;
  std::vector<AbcGeneration> gens;
  for (int t = 0; t < s.max_generations; ++t) {
    // The stream of generation t: every proposal n draws from counter (n, t, event).
    const sim::Stream stream(static_cast<std::uint32_t>(s.seed), static_cast<std::uint32_t>(t));
    AbcGeneration g;
    std::optional<Kernel> kernel;
    std::vector<double> cumulative;
    if (t > 0) {
      const auto& last = gens.back();
      std::vector<double> d;
      for (const auto& p : last.particles) d.push_back(p.distance);
      g.tolerance = quantile_of(d, s.quantile);
      // Distances that are not numbers (a target the model cannot produce) leave nothing to accept.
      if (!std::isfinite(g.tolerance)) break;
      kernel.emplace(last, static_cast<std::size_t>(k));
      double acc = 0.0;
      for (const auto& p : last.particles) cumulative.push_back(acc += p.weight);
    }
    long long next = 0;  // the next proposal's number
    // Past population / min_acceptance proposals the generation can no longer reach min_acceptance: it
    // stops there, unfinished, and so does the calibration.
    const long long limit =
        t > 0 && s.min_acceptance > 0
            ? std::min(s.max_proposals, static_cast<long long>(std::ceil(s.population / s.min_acceptance)))
            : s.max_proposals;
    while (static_cast<int>(g.particles.size()) < s.population) {
      if (next >= limit) {
        g.complete = false;
        g.proposals = next;
        break;
      }
      // A batch of proposals inside the cube (those outside are rejected without a run: the prior is 0
      // there).
      std::vector<std::vector<double>> proposals;
      std::vector<long long> numbers;  // each proposal's number
      while (static_cast<int>(proposals.size()) < batch && next < limit) {
        const auto n = static_cast<std::uint64_t>(next++);
        std::vector<double> u(static_cast<std::size_t>(k));
        if (t == 0) {
          for (int i = 0; i < k; ++i) {
            const auto w = stream.draw(n, i, kPrior);
            u[static_cast<std::size_t>(i)] = sim::uniform53(w[0], w[1]);
          }
        } else {
          const auto w = stream.draw(n, 0, kPick);
          const double r = sim::uniform53(w[0], w[1]);
          const auto j = static_cast<std::size_t>(
              std::upper_bound(cumulative.begin(), cumulative.end(), r * cumulative.back()) -
              cumulative.begin());
          const auto& base = gens.back().particles[std::min(j, cumulative.size() - 1)].u;
          std::vector<double> z(static_cast<std::size_t>(k));
          for (int i = 0; i < k; ++i)
            z[static_cast<std::size_t>(i)] = sim::normal(stream.draw(n, i, kPerturb));
          const auto step = kernel->apply(z);
          bool inside = true;
          for (int i = 0; i < k; ++i) {
            u[static_cast<std::size_t>(i)] =
                base[static_cast<std::size_t>(i)] + step[static_cast<std::size_t>(i)];
            inside = inside && u[static_cast<std::size_t>(i)] >= 0.0 && u[static_cast<std::size_t>(i)] < 1.0;
          }
          if (!inside) continue;
        }
        proposals.push_back(std::move(u));
        numbers.push_back(static_cast<long long>(n));
      }
      if (proposals.empty()) continue;
      const auto parts = model(proposals);
      if (parts.size() != proposals.size())
        throw std::logic_error(fmt::format("ABC-SMC: the model gave {} results for {} proposals",
                                           parts.size(), proposals.size()));
      for (std::size_t i = 0; i < proposals.size(); ++i) {
        if (static_cast<int>(g.particles.size()) >= s.population)
          break;  // the batch's surplus is not counted
        // Proposals are counted up to the one that filled the population (those outside the cube included),
        // so that the count does not depend on the batch size.
        g.proposals = numbers[i] + 1;
        AbcParticle p;
        p.u = proposals[i];
        p.parts = parts[i];
        p.distance = std::accumulate(p.parts.begin(), p.parts.end(), 0.0);
        if (!(p.distance <= g.tolerance) && t > 0) continue;
        g.particles.push_back(std::move(p));
      }
      if (progress)
        progress({t, g.tolerance, static_cast<int>(g.particles.size()) >= s.population ? g.proposals : next,
                  static_cast<int>(g.particles.size())});
    }
    // Weights: uniform in generation 0; then prior / Σ_j w_j K(u − u_j) (the prior is constant in the cube).
    double total = 0.0;
    for (auto& p : g.particles) {
      if (t == 0) {
        p.weight = 1.0;
      } else {
        double denom = 0.0;
        std::vector<double> d(static_cast<std::size_t>(k));
        for (const auto& q : gens.back().particles) {
          for (int i = 0; i < k; ++i)
            d[static_cast<std::size_t>(i)] =
                p.u[static_cast<std::size_t>(i)] - q.u[static_cast<std::size_t>(i)];
          denom += q.weight * std::exp(kernel->log_density(d));
        }
        p.weight = denom > 0 ? 1.0 / denom : 0.0;
      }
      total += p.weight;
    }
    for (auto& p : g.particles) p.weight = total > 0 ? p.weight / total : 0.0;
    const bool stop = !g.complete || (t > 0 && g.acceptance_rate() < s.min_acceptance) ||
                      (t > 0 && g.tolerance <= s.min_tolerance);
    gens.push_back(std::move(g));
    if (stop || gens.back().particles.empty()) break;
  }
  return gens;
}

}  // namespace tlm::inference
