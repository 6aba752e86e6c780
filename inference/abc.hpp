// ABC-SMC: sequential Monte Carlo approximate Bayesian computation (Toni et al. 2009; Beaumont et al. 2009),
// as pure numerics (docs/calibration.md). The parameters live in the unit cube, where every prior is uniform
// (a log-uniform prior is uniform in the log: the caller maps). The model is a batch function, so that the
// caller runs a generation's proposals in parallel (on the sweep engine) and in any order.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace tlm::inference {

struct AbcSettings {
  int population = 200;          // accepted particles per generation
  int max_generations = 8;       // generation 0 (the prior) included
  double quantile = 0.5;         // the next tolerance: this quantile of the last generation's distances
  double min_acceptance = 0.02;  // stop when a generation accepts fewer of its proposals
  double min_tolerance = 0.0;    // stop once the tolerance is at or below this
  int batch = 0;                 // proposals simulated at once (0: the population)
  long long max_proposals = 1'000'000;  // per generation: stop (the last generation unfinished) beyond this
  std::uint64_t seed = 1;
};

struct AbcParticle {
  std::vector<double> u;      // the parameters in the unit cube
  double weight = 0;          // normalised: the weights of a generation sum to 1
  double distance = 0;        // Σ of the per-target parts
  std::vector<double> parts;  // per target (e.g. squared standardised errors)
};

struct AbcGeneration {
  double tolerance = std::numeric_limits<double>::infinity();  // generation 0: every prior draw accepted
  std::vector<AbcParticle> particles;
  long long proposals = 0;  // simulated
  double acceptance_rate() const {
    return proposals ? static_cast<double>(particles.size()) / proposals : 0.0;
  }
  double ess() const;    // effective sample size (Σw)² / Σw²
  bool complete = true;  // false: max_proposals was reached before the population was full
};

// The model: for each proposal (a point of the unit cube), the per-target parts of its distance (their sum is
// the distance). Called with batches; its results must not depend on how proposals are batched.
using AbcModel =
    std::function<std::vector<std::vector<double>>(const std::vector<std::vector<double>>& batch)>;

// Told after every batch: the generation, its tolerance, the proposals simulated and accepted so far.
struct AbcProgress {
  int generation = 0;
  double tolerance = 0;
  long long proposals = 0;
  int accepted = 0;
};
using AbcProgressFn = std::function<void(const AbcProgress&)>;

// Runs ABC-SMC: generation 0 samples the prior; each next generation proposes from the last (a weighted pick,
// then a Gaussian perturbation with twice the last generation's weighted covariance, Beaumont et al. 2009;
// proposals outside the cube are rejected without a run), accepts those within the tolerance and weights them
// by prior / Σ_j w_j K(u | u_j). Stops after max_generations, when acceptance falls below min_acceptance, or
// when the tolerance reaches min_tolerance. Every random draw comes from counter-based streams keyed by the
// seed, the generation and the proposal's number: the same seed, the same generations.
std::vector<AbcGeneration> abc_smc(int dimensions, const AbcSettings& settings, const AbcModel& model,
                                   const AbcProgressFn& progress = {});

// The weighted mean and standard deviation of dimension d of a generation.
double weighted_mean(const AbcGeneration& g, int d);
double weighted_sd(const AbcGeneration& g, int d);
// The weighted quantile q of dimension d.
double weighted_quantile(const AbcGeneration& g, int d, double q);

}  // namespace tlm::inference
