// Statistics over replications: summaries with bands and confidence intervals, paired and unpaired
// (Welch) intervals of a difference. NaN values (e.g. a retention with no entrants) are left out.
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

}  // namespace tlm::analysis
