#include "analysis/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace tlm::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> finite(const std::vector<double>& x) {
  std::vector<double> v;
  v.reserve(x.size());
  for (double d : x)
    if (!std::isnan(d)) v.push_back(d);
  return v;
}

bool all_equal(const std::vector<double>& x) {
  return std::all_of(x.begin(), x.end(), [&](double d) { return d == x.front(); });
}

// Continued fraction of the regularised incomplete beta function (modified Lentz), valid and fast for
// x < (a + 1) / (a + b + 2); the caller uses the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
double beta_cf(double a, double b, double x) {
  constexpr double tiny = 1e-300, eps = 1e-15;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < eps) break;
  }
  return h;
}

double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double lbt =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(lbt) * beta_cf(a, b, x) / a;
  return 1.0 - std::exp(lbt) * beta_cf(b, a, 1.0 - x) / b;
}

}  // namespace

double mean(const std::vector<double>& x) {
  auto v = finite(x);
  if (v.empty()) return kNaN;
  double s = 0.0;
  for (double d : v) s += d;
  return s / static_cast<double>(v.size());
}

double sd(const std::vector<double>& x) {
  auto v = finite(x);
  if (v.size() < 2) return kNaN;
  const double m = mean(v);
  double ss = 0.0;
  for (double d : v) ss += (d - m) * (d - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

double quantile(std::vector<double> x, double p) {
  x = finite(x);
  if (x.empty()) return kNaN;
  std::sort(x.begin(), x.end());
  const double h = (static_cast<double>(x.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

double t_cdf(double t, double df) {
  if (std::isinf(df)) return 0.5 * std::erfc(-t / std::sqrt(2.0));
  const double tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
  return t >= 0 ? 1.0 - tail : tail;
}

double t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0) || !(df > 0.0)) return kNaN;
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -t_quantile(1.0 - p, df);
  // The cdf is monotone: bisect on a bracket grown until it holds p (df = 1 has heavy tails).
  double lo = 0.0, hi = 2.0;
  while (t_cdf(hi, df) < p) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Interval mean_interval(const std::vector<double>& x, double level) {
  auto v = finite(x);
  if (v.empty()) return {kNaN, kNaN};
  const double m = mean(v);
  if (all_equal(v) && v.size() >= 2) return {m, m};
  if (v.size() < 2) return {kNaN, kNaN};
  const double half = t_quantile(0.5 + level / 2.0, static_cast<double>(v.size() - 1)) * sd(v) /
                      std::sqrt(static_cast<double>(v.size()));
  return {m - half, m + half};
}

Summary summarize(const std::vector<double>& x) {
  auto v = finite(x);
  Summary s;
  s.n = v.size();
  s.mean = mean(v);
  s.p05 = quantile(v, 0.05);
  s.p25 = quantile(v, 0.25);
  s.median = quantile(v, 0.5);
  s.p75 = quantile(v, 0.75);
  s.p95 = quantile(v, 0.95);
  s.ci = mean_interval(v);
  return s;
}

Interval welch_interval(const std::vector<double>& a, const std::vector<double>& b, double level) {
  auto x = finite(a), y = finite(b);
  if (x.size() < 2 || y.size() < 2) return {kNaN, kNaN};
  const double d = mean(x) - mean(y);
  const double va = std::pow(sd(x), 2) / static_cast<double>(x.size());
  const double vb = std::pow(sd(y), 2) / static_cast<double>(y.size());
  const double se2 = va + vb;
  if (se2 == 0.0) return {d, d};
  // Welch–Satterthwaite degrees of freedom.
  const double df =
      se2 * se2 / (va * va / static_cast<double>(x.size() - 1) + vb * vb / static_cast<double>(y.size() - 1));
  const double half = t_quantile(0.5 + level / 2.0, df) * std::sqrt(se2);
  return {d - half, d + half};
}

PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& alt,
                                   double level) {
  std::vector<double> b, a, d;
  const std::size_t n = std::min(base.size(), alt.size());
  std::size_t lower = 0, higher = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(base[i]) || std::isnan(alt[i])) continue;
    b.push_back(base[i]);
    a.push_back(alt[i]);
    d.push_back(alt[i] - base[i]);
    lower += alt[i] < base[i];
    higher += alt[i] > base[i];
  }
  PairedDifference r;
  r.n = d.size();
  r.base_mean = mean(b);
  r.alt_mean = mean(a);
  r.mean = mean(d);
  r.paired = mean_interval(d, level);
  r.unpaired = welch_interval(a, b, level);
  r.share_lower = d.empty() ? kNaN : static_cast<double>(lower) / static_cast<double>(d.size());
  r.share_higher = d.empty() ? kNaN : static_cast<double>(higher) / static_cast<double>(d.size());
  return r;
}

namespace {

bool usable(double x, double w) {
  return !std::isnan(x) && w > 0.0;  // a NaN weight fails w > 0 too
}

}  // namespace

double weighted_mean(const std::vector<double>& x, const std::vector<double>& w) {
  double s = 0.0, total = 0.0;
  for (std::size_t i = 0; i < x.size() && i < w.size(); ++i)
    if (usable(x[i], w[i])) s += w[i] * x[i], total += w[i];
  return total > 0.0 ? s / total : kNaN;
}

double weighted_quantile(const std::vector<double>& x, const std::vector<double>& w, double p) {
  std::vector<std::pair<double, double>> v;
  double total = 0.0;
  for (std::size_t i = 0; i < x.size() && i < w.size(); ++i)
    if (usable(x[i], w[i])) v.emplace_back(x[i], w[i]), total += w[i];
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  double acc = 0.0;
  for (const auto& [xi, wi] : v) {
    acc += wi;
    if (acc >= p * total) return xi;
  }
  return v.back().first;  // p × total beyond the rounded sum
}

double weighted_correlation(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<double>& w) {
  std::vector<double> xs, ys, ws;
  for (std::size_t i = 0; i < x.size() && i < y.size() && i < w.size(); ++i)
    if (usable(x[i], w[i]) && !std::isnan(y[i])) xs.push_back(x[i]), ys.push_back(y[i]), ws.push_back(w[i]);
  const double mx = weighted_mean(xs, ws), my = weighted_mean(ys, ws);
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    sxy += ws[i] * (xs[i] - mx) * (ys[i] - my);
    sxx += ws[i] * (xs[i] - mx) * (xs[i] - mx);
    syy += ws[i] * (ys[i] - my) * (ys[i] - my);
  }
  if (!(sxx > 0.0 && syy > 0.0)) return kNaN;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double effective_sample_size(const std::vector<double>& w) {
  double s = 0.0, s2 = 0.0;
  for (const double wi : w)
    if (wi > 0.0) s += wi, s2 += wi * wi;
  return s2 > 0.0 ? s * s / s2 : 0.0;
}

PosteriorSpread posterior_spread(const std::vector<std::vector<double>>& d, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t K = d.size(), R = K ? d[0].size() : 0;
  if (K < 2 || R < 2) return {nan, nan, nan};
  std::vector<double> draw_means(K, 0.0), rep_means(R, 0.0);
  for (std::size_t k = 0; k < K; ++k) {
    if (d[k].size() != R) return {nan, nan, nan};
    for (std::size_t r = 0; r < R; ++r) {
      if (std::isnan(d[k][r])) return {nan, nan, nan};
      draw_means[k] += d[k][r] / static_cast<double>(R);
      rep_means[r] += d[k][r] / static_cast<double>(K);
    }
  }
  PosteriorSpread out{};
  out.mean = mean(rep_means);
  // The residual mean square of the two-way layout without repeats estimates var(e); the draws' means hold
  // var(a) + var(e) / R (the b_r are common to every draw and cancel from their spread).
  double residual = 0.0;
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t r = 0; r < R; ++r) {
      const double x = d[k][r] - draw_means[k] - rep_means[r] + out.mean;
      residual += x * x;
    }
  residual /= static_cast<double>((K - 1) * (R - 1));
  const double between = std::pow(sd(draw_means), 2);
  out.parameter_sd = std::sqrt(std::max(0.0, between - residual / static_cast<double>(R)));
  const double n = static_cast<double>(R);
  out.noise_halfwidth = t_quantile(0.5 + level / 2, n - 1) * sd(rep_means) / std::sqrt(n);
  return out;
}

PairedDifference unpaired_difference(const std::vector<double>& base, const std::vector<double>& alt,
                                     double level) {
  PairedDifference r;
  r.n = 0;
  r.base_mean = mean(base);
  r.alt_mean = mean(alt);
  r.mean = r.alt_mean - r.base_mean;
  r.unpaired = welch_interval(alt, base, level);
  r.paired = r.unpaired;
  r.share_lower = kNaN;
  r.share_higher = kNaN;
  return r;
}

}  // namespace tlm::analysis
