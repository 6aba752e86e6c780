// The sensitivity estimators apart from the model (inference/sensitivity.hpp), on functions whose indices are
// known in closed form: Ishigami (a = 7, b = 0.1) and Sobol's G function; Morris on linear functions.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "inference/sensitivity.hpp"

using namespace tlm::inference;

namespace {

constexpr double kPi = std::numbers::pi;

double ishigami(const std::vector<double>& u) {
  const double a = 7.0, b = 0.1;
  const double x1 = -kPi + 2 * kPi * u[0], x2 = -kPi + 2 * kPi * u[1], x3 = -kPi + 2 * kPi * u[2];
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

const std::vector<double> kG{0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0};
double g_function(const std::vector<double>& u) {
  double g = 1.0;
  for (std::size_t i = 0; i < kG.size(); ++i) g *= (std::fabs(4.0 * u[i] - 2.0) + kG[i]) / (1.0 + kG[i]);
  return g;
}

template <class F>
std::vector<double> evaluate(const std::vector<std::vector<double>>& points, F&& f) {
  std::vector<double> y;
  for (const auto& p : points) y.push_back(f(p));
  return y;
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function lie within 0.02 of the analytic ones at N = 2^14",
          "[sensitivity][estimators]") {
  const double a = 7.0, b = 0.1, pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v1 = 0.5 * std::pow(1 + b * pi4 / 5, 2), v2 = a * a / 8,
               v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const std::vector<double> s1{v1 / v, v2 / v, 0.0}, st{(v1 + v13) / v, v2 / v, v13 / v};
  const auto plan = saltelli(1 << 14, 3);
  REQUIRE(plan.points.size() == static_cast<std::size_t>((1 << 14) * 5));
  const auto idx = sobol_indices(plan, evaluate(plan.points, ishigami), 200, 1);
  // Tolerance 0.02: the bound; the estimators' error at this N is about 0.005 (Saltelli et al. 2010).
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("parameter " << i);
    CHECK(idx[i].s1 == Approx(s1[i]).margin(0.02));
    CHECK(idx[i].st == Approx(st[i]).margin(0.02));
    CHECK(idx[i].s1_lo <= idx[i].s1);
    CHECK(idx[i].s1 <= idx[i].s1_hi);
    CHECK(idx[i].st_lo <= idx[i].st);
    CHECK(idx[i].st <= idx[i].st_hi);
    CHECK(idx[i].s1_hi - idx[i].s1_lo < 0.1);  // the interval is informative at this N
  }
  // The same seed gives the same bits; another seed other intervals but the same point estimates.
  const auto again = sobol_indices(plan, evaluate(plan.points, ishigami), 200, 1);
  CHECK(again[0].s1_lo == idx[0].s1_lo);
  const auto other = sobol_indices(plan, evaluate(plan.points, ishigami), 200, 2);
  CHECK(other[0].s1 == idx[0].s1);
  CHECK(other[0].s1_lo != idx[0].s1_lo);
}

TEST_CASE("Sobol indices of Sobol's G function lie within 0.02 of the analytic ones at N = 2^14",
          "[sensitivity][estimators]") {
  std::vector<double> vi;
  double prod = 1.0;
  for (const double a : kG) {
    vi.push_back(1.0 / (3.0 * (1 + a) * (1 + a)));
    prod *= 1 + vi.back();
  }
  const double v = prod - 1.0;
  const auto plan = saltelli(1 << 14, static_cast<int>(kG.size()));
  const auto idx = sobol_indices(plan, evaluate(plan.points, g_function), 0, 1);
  for (std::size_t i = 0; i < kG.size(); ++i) {
    INFO("parameter " << i);
    CHECK(idx[i].s1 == Approx(vi[i] / v).margin(0.02));
    CHECK(idx[i].st == Approx(vi[i] * prod / (1 + vi[i]) / v).margin(0.02));
  }
  // The parameters with a = 99 barely matter: their total indices are below 0.02.
  for (std::size_t i = 4; i < kG.size(); ++i) CHECK(idx[i].st < 0.02);
}

TEST_CASE("a constant output has all indices 0, a parameter without effect has a total index of 0",
          "[sensitivity][estimators]") {
  const auto plan = saltelli(64, 2);
  const auto flat = sobol_indices(plan, std::vector<double>(plan.points.size(), 3.0), 10, 1);
  CHECK(flat[0].s1 == 0.0);
  CHECK(flat[1].st == 0.0);
  const auto idx = sobol_indices(plan, evaluate(plan.points, [](const auto& u) { return u[0]; }), 10, 1);
  CHECK(idx[1].st == 0.0);  // exactly: AB_1 changes only the second column
  CHECK(idx[0].st == Approx(1.0).margin(0.05));
}

TEST_CASE("Morris: on a linear function every elementary effect is its coefficient, sigma 0",
          "[sensitivity][estimators]") {
  const std::vector<double> c{3.0, -2.0, 0.0, 0.5};
  const auto plan = morris(20, 4, 4, 7);
  REQUIRE(plan.points.size() == 20u * 5u);
  for (const auto& p : plan.points)
    for (const double x : p) {
      CHECK(x >= 0.0);
      CHECK(x <= 1.0);
      // On the grid of 4 levels: 0, 1/3, 2/3, 1.
      CHECK(std::fabs(x * 3 - std::round(x * 3)) < 1e-12);
    }
  const auto idx = morris_indices(plan, evaluate(plan.points, [&](const auto& u) {
                                    double y = 0;
                                    for (std::size_t i = 0; i < c.size(); ++i) y += c[i] * u[i];
                                    return y;
                                  }));
  for (std::size_t i = 0; i < c.size(); ++i) {
    CHECK(idx[i].mu == Approx(c[i]).margin(1e-9));
    CHECK(idx[i].mu_star == Approx(std::fabs(c[i])).margin(1e-9));
    CHECK(idx[i].sigma == Approx(0.0).margin(1e-9));
  }
  // Each trajectory moves every parameter exactly once, by ±Δ = 2/3.
  for (int t = 0; t < plan.r; ++t) {
    std::vector<int> seen(4, 0);
    for (const int i : plan.moved[static_cast<std::size_t>(t)]) ++seen[static_cast<std::size_t>(i)];
    for (const int s : seen) CHECK(s == 1);
  }
  CHECK(plan.delta == Approx(2.0 / 3.0));
}

TEST_CASE("Morris ranks the Ishigami parameters, x3 acts only through interaction (mu near 0, sigma large)",
          "[sensitivity][estimators]") {
  const auto plan = morris(200, 3, 4, 3);
  const auto idx = morris_indices(plan, evaluate(plan.points, ishigami));
  CHECK(idx[0].mu_star > 0.0);
  CHECK(idx[2].sigma > std::fabs(idx[2].mu));
  CHECK(idx[1].mu == Approx(0.0).margin(0.01 * idx[1].mu_star + 1e-9));  // sin² is symmetric on the grid
}

TEST_CASE("one at a time: the tornado's bars are the differences from the base",
          "[sensitivity][estimators]") {
  const auto rows = one_at_a_time({0.5, 0.25});
  REQUIRE(rows.size() == 5);
  CHECK(rows[1] == std::vector<double>{0.0, 0.25});
  CHECK(rows[4] == std::vector<double>{0.5, 1.0});
  const auto e = oat_effects(2, evaluate(rows, [](const auto& u) { return 4 * u[0] - u[1]; }));
  CHECK(e[0].low == Approx(-2.0));
  CHECK(e[0].high == Approx(2.0));
  CHECK(e[0].swing() == Approx(4.0));
  CHECK(e[1].low == Approx(0.25));
  CHECK(e[1].high == Approx(-0.75));
}
