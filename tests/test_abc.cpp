// ABC-SMC apart from the model (inference/abc.hpp), on problems whose posterior is known.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "inference/abc.hpp"
#include "sim/random.hpp"

using namespace tlm::inference;

namespace {

// A noisy observation: the mean of 20 draws of N(θ, 1), θ = −5 + 10 u (a uniform prior on [−5, 5]), with the
// model's own noise from a counter-based stream keyed by the proposal (its coordinates' bits), so a proposal
// gives the same value in any batch.
double sample_mean(double theta, const std::vector<double>& u) {
  std::uint64_t id = 0;
  std::memcpy(&id, &u[0], sizeof id);
  const tlm::sim::Stream stream(99, 0);
  double s = 0.0;
  for (int i = 0; i < 20; ++i) s += theta + tlm::sim::normal(stream.draw(id, i, 1));
  return s / 20.0;
}

}  // namespace

TEST_CASE("ABC-SMC recovers the posterior of a normal mean", "[abc][estimators]") {
  // Data: x̄ = 0.5 of 20 draws with σ = 1, a flat prior: the posterior is N(0.5, 1/20), sd 0.224. ABC with a
  // simulated x̄ and a tolerance that shrinks towards 0 accepts θ with probability ∝ p(x̄ = 0.5 | θ): the
  // simulation's own noise is the likelihood, so the ABC posterior tends to the exact one.
  AbcSettings s;
  s.population = 1000;
  s.max_generations = 12;
  s.min_acceptance = 0.01;
  s.seed = 4;
  const auto gens = abc_smc(1, s, [](const std::vector<std::vector<double>>& batch) {
    std::vector<std::vector<double>> out;
    for (const auto& u : batch) {
      const double x = sample_mean(-5.0 + 10.0 * u[0], u);
      out.push_back({(x - 0.5) * (x - 0.5) / 0.1});
    }
    return out;
  });
  REQUIRE(gens.size() >= 4);
  // Tolerances shrink; weights are normalised.
  for (std::size_t t = 2; t < gens.size(); ++t) CHECK(gens[t].tolerance <= gens[t - 1].tolerance);
  const auto& last = gens.back();
  double wsum = 0.0;
  for (const auto& p : last.particles) wsum += p.weight;
  CHECK(wsum == Approx(1.0));
  const double mean = -5.0 + 10.0 * weighted_mean(last, 0), sd = 10.0 * weighted_sd(last, 0);
  // Bounds: with an ESS of several hundred the Monte Carlo error of the mean is about 0.224 / √ESS < 0.02
  // (margin 0.06: three times that); the tolerance left inflates the sd a little and its Monte Carlo error
  // is about 0.224 / √(2 ESS) ≈ 4% (relative bound 15%).
  CHECK(last.ess() > 200);
  CHECK(mean == Approx(0.5).margin(0.06));
  CHECK(sd == Approx(0.224).epsilon(0.15));
  // Generation 0 is the prior: its mean is about 0 and its sd about 10/√12.
  CHECK(-5.0 + 10.0 * weighted_mean(gens[0], 0) == Approx(0.0).margin(0.3));
  CHECK(10.0 * weighted_sd(gens[0], 0) == Approx(10.0 / std::sqrt(12.0)).epsilon(0.05));
}

TEST_CASE(
    "ABC-SMC: a deterministic model concentrates on its minimum, the same seed gives the same bits in "
    "any batch size",
    "[abc][estimators]") {
  auto model = [](const std::vector<std::vector<double>>& batch) {
    std::vector<std::vector<double>> out;
    for (const auto& u : batch)
      out.push_back({std::pow((u[0] - 0.3) / 0.05, 2), std::pow((u[1] - 0.7) / 0.05, 2)});
    return out;
  };
  AbcSettings s;
  s.population = 300;
  s.max_generations = 10;
  s.seed = 11;
  const auto a = abc_smc(2, s, model);
  CHECK(weighted_mean(a.back(), 0) == Approx(0.3).margin(0.01));
  CHECK(weighted_mean(a.back(), 1) == Approx(0.7).margin(0.01));
  CHECK(a.back().particles.front().parts.size() == 2);
  s.batch = 37;  // another batching: the same proposals, the same acceptances
  const auto b = abc_smc(2, s, model);
  REQUIRE(a.size() == b.size());
  for (std::size_t t = 0; t < a.size(); ++t) {
    CHECK(a[t].proposals == b[t].proposals);
    CHECK(a[t].tolerance == b[t].tolerance);
    REQUIRE(a[t].particles.size() == b[t].particles.size());
    for (std::size_t i = 0; i < a[t].particles.size(); ++i) {
      CHECK(a[t].particles[i].u == b[t].particles[i].u);
      CHECK(a[t].particles[i].weight == b[t].particles[i].weight);
    }
  }
}

TEST_CASE("ABC-SMC stops when acceptance falls below the minimum", "[abc][estimators]") {
  AbcSettings s;
  s.population = 50;
  s.max_generations = 30;
  s.min_acceptance = 0.2;
  const auto gens = abc_smc(1, s, [](const std::vector<std::vector<double>>& batch) {
    std::vector<std::vector<double>> out;
    for (const auto& u : batch) out.push_back({std::fabs(u[0] - 0.5)});
    return out;
  });
  CHECK(gens.size() < 30);
  CHECK(gens.back().acceptance_rate() < 0.2);
}
