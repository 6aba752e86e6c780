// Global sensitivity analysis as pure numerics (docs/sensitivity.md): the sampling plans of Saltelli's Sobol
// indices, Morris's elementary effects and a one-at-a-time sweep in the unit cube, and the estimators that
// turn a model's outputs at those points into indices. Nothing here knows the model: the tests check them on
// functions with known indices (Ishigami, Sobol's G).
#pragma once

#include <cstdint>
#include <vector>

namespace tlm::inference {

// Saltelli's scheme: matrices A and B of n rows from a Sobol sequence in 2k dimensions (A its first k
// columns, B the last k), and for each parameter i the matrix AB_i: A with column i taken from B. The model
// runs at all n(k + 2) rows.
struct SaltelliPlan {
  int n = 0, k = 0;
  std::vector<std::vector<double>> points;  // A (n rows), B (n rows), AB_0 … AB_{k-1} (n rows each)
  std::size_t a(int j) const { return static_cast<std::size_t>(j); }
  std::size_t b(int j) const { return static_cast<std::size_t>(n + j); }
  std::size_t ab(int i, int j) const { return static_cast<std::size_t>((2 + i) * n + j); }
};
// k ≤ kMaxSobolDimension / 2 (GSL's Sobol sequence has 40 dimensions).
SaltelliPlan saltelli(int n, int k);

struct SobolIndices {
  double s1 = 0, s1_lo = 0, s1_hi = 0;  // first order (Saltelli 2010) and its bootstrap interval
  double st = 0, st_lo = 0, st_hi = 0;  // total (Jansen 1999) and its bootstrap interval
};
// The indices of each parameter from y (one value per row of the plan). The intervals are percentile
// bootstrap intervals of `level` over `bootstrap` resamples of the n rows, drawn from the counter-based
// streams keyed by `seed`. The variance is that of A's and B's outputs together.
std::vector<SobolIndices> sobol_indices(const SaltelliPlan& plan, const std::vector<double>& y, int bootstrap,
                                        std::uint64_t seed, double level = 0.95);

// Morris's trajectories on a grid of `levels` levels (Morris 1991): r trajectories of k + 1 points, each step
// moving one parameter (in a random order) by ±Δ, Δ = levels / (2 (levels − 1)), from a random base point.
struct MorrisPlan {
  int r = 0, k = 0, levels = 0;
  double delta = 0;
  std::vector<std::vector<double>> points;  // trajectory t, step s (0..k): row t (k + 1) + s
  std::vector<std::vector<int>> moved;      // [t][s-1]: the parameter step s moved
  std::vector<std::vector<int>> sign;       // [t][s-1]: +1 or −1
};
MorrisPlan morris(int r, int k, int levels, std::uint64_t seed);

struct MorrisIndices {
  double mu_star = 0;  // mean |elementary effect|: the importance
  double mu = 0;       // mean elementary effect: its direction (cancels when effects change sign)
  double sigma = 0;    // standard deviation of the effects: interactions and non-linearity
};
// Elementary effects per unit of the unit cube ((y(x + Δe_i) − y(x)) / Δ; multiply by the range for the
// parameter's own units).
std::vector<MorrisIndices> morris_indices(const MorrisPlan& plan, const std::vector<double>& y);

// One at a time: row 0 the base point, then each parameter at its low (0) and high (1) end with the others at
// the base: rows 1 + 2i and 2 + 2i.
std::vector<std::vector<double>> one_at_a_time(const std::vector<double>& base);

struct OatEffect {
  double low = 0, high = 0;  // y at the parameter's low and high end, minus y at the base
  double swing() const;      // |high − low|: the bar's length in a tornado chart
};
std::vector<OatEffect> oat_effects(int k, const std::vector<double>& y);

}  // namespace tlm::inference
