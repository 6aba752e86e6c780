// Statistics over replications: summaries with bands and confidence intervals, paired and unpaired
// (Welch) intervals of a difference; and over weighted samples (the particles of a calibration). NaN values
// (e.g. a retention with no entrants) are left out.
#pragma once

#include <cstddef>
#include <vector>

namespace tlm::analysis {

double mean(const std::vector<double>& x);
// Sample standard deviation (n − 1); NaN for n < 2.
double sd(const std::vector<double>& x);
// Quantile with linear interpolation between order statistics (R type 7, numpy's default).
double quantile(std::vector<double> x, double p);

// Student t distribution with `df` degrees of freedom (df may be fractional, as Welch's is).
double t_cdf(double t, double df);
double t_quantile(double p, double df);

struct Interval {
  double lo, hi;
  double width() const { return hi - lo; }
};

// Over replications: the mean, a band holding 90% of the replications (5th–95th percentile) and the
// 95% confidence interval of the mean.
struct Summary {
  std::size_t n = 0;
  double mean, p05, p25, median, p75, p95;
  Interval ci;
};
Summary summarize(const std::vector<double>& x);

// 95% t-interval of the mean of `x`: mean ± t(0.975, n − 1) sd / √n. A sample without variation gives a
// zero-width interval; n < 2 with variation unknown gives NaN bounds.
Interval mean_interval(const std::vector<double>& x, double level = 0.95);

// Paired comparison of alt with base, replication by replication (common random numbers). Pairs with a
// NaN on either side are dropped.
struct PairedDifference {
  std::size_t n = 0;
  double base_mean, alt_mean;
  double mean;          // mean of alt_i − base_i
  Interval paired;      // t-interval from the paired differences
  Interval unpaired;    // Welch interval from the two samples as if independent
  double share_lower;   // share of pairs with alt_i < base_i
  double share_higher;  // share of pairs with alt_i > base_i
};
PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& alt,
                                   double level = 0.95);

// The same comparison for runs that are not paired (docs/report.md, "Pairing"): every finite value of each
// side is used (the two may have different counts), `mean` is mean(alt) − mean(base), `paired` holds the
// Welch interval like `unpaired`, `n` is 0 (no pairs) and the shares are NaN (no run has a partner).
PairedDifference unpaired_difference(const std::vector<double>& base, const std::vector<double>& alt,
                                     double level = 0.95);

// Welch interval of mean(a) − mean(b) for independent samples.
Interval welch_interval(const std::vector<double>& a, const std::vector<double>& b, double level = 0.95);

// Weighted samples (x_i with weight w_i >= 0, e.g. the particles of an ABC generation). A pair with a NaN
// value or a weight that is NaN or not above 0 is left out; no weight left gives NaN.
double weighted_mean(const std::vector<double>& x, const std::vector<double>& w);
// The weighted quantile: the smallest x_i whose cumulative weight (in the order of x) reaches p × the total,
// the inverse of the weighted empirical distribution function. The same definition as
// inference::weighted_quantile, so a report's posterior median is the one `tlm calibrate` prints and writes.
double weighted_quantile(const std::vector<double>& x, const std::vector<double>& w, double p);
// Pearson's correlation with weights: the weighted covariance over the product of the weighted standard
// deviations; NaN when either has no spread.
double weighted_correlation(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<double>& w);
// Kish's effective sample size (Σw)² / Σw²: how many equally weighted samples carry as much information.
double effective_sample_size(const std::vector<double>& w);

// An effect over draws of a posterior × replications on common random numbers, d[k][r] = μ + a_k + b_r +
// e_kr: a_k the parameters' part (draw k), b_r the noise replication r shares across the draws, e_kr the
// rest. The mean; the sd of a_k (the between-draw variance of the draws' means less the residual mean
// square / R, floored at 0: the draws' own noise is not counted as the parameters'); and the half-width of
// the `level` t-interval of the mean from the noise alone, over the replications each averaged over the
// draws. Needs at least 2 draws and 2 replications, every cell a number (NaN otherwise).
struct PosteriorSpread {
  double mean, parameter_sd, noise_halfwidth;
};
PosteriorSpread posterior_spread(const std::vector<std::vector<double>>& d, double level = 0.90);

}  // namespace tlm::analysis
