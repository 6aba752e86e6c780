#include "inference/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "inference/sampling.hpp"
#include "sim/random.hpp"

namespace tlm::inference {
namespace {

double mean(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// The indices from the rows `rows` of A, B and each AB_i (a bootstrap resample, or 0..n-1).
void estimate(const SaltelliPlan& p, const std::vector<double>& y, const std::vector<int>& rows,
              std::vector<double>& s1, std::vector<double>& st) {
  const double n = static_cast<double>(rows.size());
  double m = 0.0;
  for (const int j : rows) m += y[p.a(j)] + y[p.b(j)];
  m /= 2.0 * n;
  double var = 0.0;
  for (const int j : rows) var += (y[p.a(j)] - m) * (y[p.a(j)] - m) + (y[p.b(j)] - m) * (y[p.b(j)] - m);
  var /= 2.0 * n;
  s1.assign(static_cast<std::size_t>(p.k), 0.0);
  st.assign(static_cast<std::size_t>(p.k), 0.0);
  if (!(var > 0.0)) return;  // a constant output: no parameter explains anything
  for (int i = 0; i < p.k; ++i) {
    double first = 0.0, total = 0.0;
    for (const int j : rows) {
      const double fa = y[p.a(j)], fb = y[p.b(j)], fab = y[p.ab(i, j)];
      first += fb * (fab - fa);          // Saltelli et al. (2010), table 2 (b)
      total += (fa - fab) * (fa - fab);  // Jansen (1999), table 2 (f)
    }
    s1[static_cast<std::size_t>(i)] = first / n / var;
    st[static_cast<std::size_t>(i)] = total / (2.0 * n) / var;
  }
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

SaltelliPlan saltelli(int n, int k) {
  if (k < 1 || 2 * k > kMaxSobolDimension)
    throw std::invalid_argument(
        fmt::format("Sobol indices take 1 to {} parameters (a Sobol sequence of 2k dimensions), got {}",
                    kMaxSobolDimension / 2, k));
  if (n < 2) throw std::invalid_argument("Sobol indices need at least 2 base samples");
  SaltelliPlan p;
  p.n = n;
  p.k = k;
  const auto seq = sobol_sequence(n, 2 * k);
  p.points.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(k + 2));
  for (int j = 0; j < n; ++j) {
    const auto& row = seq[static_cast<std::size_t>(j)];
    std::vector<double> a(row.begin(), row.begin() + k), b(row.begin() + k, row.end());
    p.points[p.a(j)] = a;
    p.points[p.b(j)] = b;
    for (int i = 0; i < k; ++i) {
      auto ab = a;
      ab[static_cast<std::size_t>(i)] = b[static_cast<std::size_t>(i)];
      p.points[p.ab(i, j)] = std::move(ab);
    }
  }
  return p;
}

std::vector<SobolIndices> sobol_indices(const SaltelliPlan& plan, const std::vector<double>& y, int bootstrap,
                                        std::uint64_t seed, double level) {
  if (y.size() != plan.points.size())
    throw std::invalid_argument(
        fmt::format("sobol_indices: {} outputs for {} points", y.size(), plan.points.size()));
  std::vector<int> rows(static_cast<std::size_t>(plan.n));
  std::iota(rows.begin(), rows.end(), 0);
  std::vector<double> s1, st;
  estimate(plan, y, rows, s1, st);
  std::vector<SobolIndices> out(static_cast<std::size_t>(plan.k));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].s1 = s1[i];
    out[i].st = st[i];
  }
  if (bootstrap <= 0) return out;
  // Resample the n rows with replacement; replicate b uses the stream's counter (b, j).
  const sim::Stream stream(static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
  std::vector<std::vector<double>> bs1(out.size()), bst(out.size());
  std::vector<int> pick(rows.size());
  for (int b = 0; b < bootstrap; ++b) {
    for (std::size_t j = 0; j < pick.size(); ++j)
      pick[j] = sim::uniform_int(
          0, plan.n - 1, stream.draw(static_cast<std::uint64_t>(b), 0, 1, static_cast<std::uint32_t>(j))[0]);
    estimate(plan, y, pick, s1, st);
    for (std::size_t i = 0; i < out.size(); ++i) {
      bs1[i].push_back(s1[i]);
      bst[i].push_back(st[i]);
    }
  }
  const double tail = (1.0 - level) / 2.0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].s1_lo = quantile(bs1[i], tail);
    out[i].s1_hi = quantile(bs1[i], 1.0 - tail);
    out[i].st_lo = quantile(bst[i], tail);
    out[i].st_hi = quantile(bst[i], 1.0 - tail);
  }
  return out;
}

MorrisPlan morris(int r, int k, int levels, std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("Morris levels must be an even number ≥ 2");
  if (r < 1 || k < 1) throw std::invalid_argument("Morris needs at least one trajectory and one parameter");
  MorrisPlan p;
  p.r = r;
  p.k = k;
  p.levels = levels;
  p.delta = static_cast<double>(levels) / (2.0 * (levels - 1));
  const double step = 1.0 / (levels - 1);
  const int base_levels = levels / 2;  // the levels x with x + Δ ≤ 1: 0, 1/(p-1), …, 1 − Δ
  const sim::Stream stream(static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
  for (int t = 0; t < r; ++t) {
    std::vector<double> x(static_cast<std::size_t>(k));
    std::vector<int> sign(static_cast<std::size_t>(k));
    std::vector<std::pair<std::uint32_t, int>> order;
    for (int i = 0; i < k; ++i) {
      const auto w = stream.draw(static_cast<std::uint64_t>(t), i, 2);
      const double start = step * sim::uniform_int(0, base_levels - 1, w[0]);
      sign[static_cast<std::size_t>(i)] = (w[1] & 1u) ? 1 : -1;
      // Moving down starts Δ higher, so that every point stays on the grid.
      x[static_cast<std::size_t>(i)] = sign[static_cast<std::size_t>(i)] > 0 ? start : start + p.delta;
      order.emplace_back(w[2], i);
    }
    std::sort(order.begin(), order.end());
    p.points.push_back(x);
    p.moved.emplace_back();
    p.sign.emplace_back();
    for (const auto& [key, i] : order) {
      (void)key;
      x[static_cast<std::size_t>(i)] += sign[static_cast<std::size_t>(i)] * p.delta;
      x[static_cast<std::size_t>(i)] = std::clamp(x[static_cast<std::size_t>(i)], 0.0, 1.0);
      p.points.push_back(x);
      p.moved.back().push_back(i);
      p.sign.back().push_back(sign[static_cast<std::size_t>(i)]);
    }
  }
  return p;
}

std::vector<MorrisIndices> morris_indices(const MorrisPlan& plan, const std::vector<double>& y) {
  if (y.size() != plan.points.size())
    throw std::invalid_argument(
        fmt::format("morris_indices: {} outputs for {} points", y.size(), plan.points.size()));
  std::vector<std::vector<double>> effects(static_cast<std::size_t>(plan.k));
  for (int t = 0; t < plan.r; ++t)
    for (int s = 1; s <= plan.k; ++s) {
      const std::size_t row =
          static_cast<std::size_t>(t) * static_cast<std::size_t>(plan.k + 1) + static_cast<std::size_t>(s);
      const int i = plan.moved[static_cast<std::size_t>(t)][static_cast<std::size_t>(s - 1)];
      const int sign = plan.sign[static_cast<std::size_t>(t)][static_cast<std::size_t>(s - 1)];
      effects[static_cast<std::size_t>(i)].push_back((y[row] - y[row - 1]) / (sign * plan.delta));
    }
  std::vector<MorrisIndices> out(static_cast<std::size_t>(plan.k));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& e = effects[i];
    double abs_sum = 0.0;
    for (const double v : e) abs_sum += std::fabs(v);
    out[i].mu = mean(e);
    out[i].mu_star = abs_sum / static_cast<double>(e.size());
    double ss = 0.0;
    for (const double v : e) ss += (v - out[i].mu) * (v - out[i].mu);
    out[i].sigma = e.size() > 1 ? std::sqrt(ss / static_cast<double>(e.size() - 1)) : 0.0;
  }
  return out;
}

std::vector<std::vector<double>> one_at_a_time(const std::vector<double>& base) {
  std::vector<std::vector<double>> rows{base};
  for (std::size_t i = 0; i < base.size(); ++i)
    for (const double end : {0.0, 1.0}) {
      auto x = base;
      x[i] = end;
      rows.push_back(std::move(x));
    }
  return rows;
}

double OatEffect::swing() const {
  return std::fabs(high - low);
}

std::vector<OatEffect> oat_effects(int k, const std::vector<double>& y) {
  if (y.size() != 1 + 2 * static_cast<std::size_t>(k))
    throw std::invalid_argument(fmt::format("oat_effects: {} outputs for {} points", y.size(), 1 + 2 * k));
  std::vector<OatEffect> out(static_cast<std::size_t>(k));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].low = y[1 + 2 * i] - y[0];
    out[i].high = y[2 + 2 * i] - y[0];
  }
  return out;
}

}  // namespace tlm::inference
