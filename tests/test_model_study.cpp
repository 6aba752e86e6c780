// docs/model.md section 8, second closed form: with the market off and study.so_effect = 1, the expected
// graduation share of an intake cohort of programme k is Π_y (1 − dropout[k][y]).
//
// Why the cohorts used here can be compared with it: delay (6.4 step 2) only postpones graduation, and
// dropout is not drawn in extra years, so a student who survives the dropout draws of its study years
// graduates after at most study.max_extra_years extra years. A cohort entering in t (study year 1 in t)
// completes its final year in t + years[k] and graduates at the latest in t + years[k] + max_extra_years;
// cohorts with that year ≤ years.end are followed to the end (the same window as the headline, analysis/
// headlines.cpp). The last test checks this argument directly: with study.delay = 0 these cohorts graduate
// exactly the same students (common random numbers).
//
// With the market off nobody is employed (no groenpluk), so no groenpluk dropout effect either. Each
// student's dropout draws are its own, so graduates of a programme over the chosen cohorts and R replications
// are Binomial(n, G_k): a two-sided normal interval, Bonferroni over the 5 programmes (family-wise 0.1%).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "model_helpers.hpp"

using namespace tlm;
using namespace tlm::test;

namespace {

Params study_params() {
  Params p = models::load_scenario("tiny").params;
  p.market.enabled = false;
  p.study.so_effect = 1.0;
  p.study.intake = {400, 400, 400, 400, 400};
  p.reserve.start_size = {0, 0, 0};
  return p;
}

// Last intake year index whose cohort is followed to the end.
int last_cohort(const Params& p, int k) {
  return p.years.end - p.years.start - (p.study.years[k] + p.study.max_extra_years);
}

double closed_form_graduation(const Params& p, int k) {
  double g = 1.0;
  for (int y = 0; y < p.study.years[k]; ++y) g *= 1.0 - p.study.dropout[k][static_cast<std::size_t>(y)];
  return g;
}

}  // namespace

TEST_CASE("model: graduation share of intake cohorts follows the closed form of section 8",
          "[model][closed-form]") {
  const Params p = study_params();
  const int R = 12;
  const auto world = models::build_world(p);
  const auto runs = run_all(world, p, R);
  const double z = z_bonferroni(models::kProgrammes);
  for (int k = 0; k < models::kProgrammes; ++k) {
    double intake = 0.0, graduated = 0.0;
    for (const auto& o : runs)
      for (int y = 1; y <= last_cohort(p, k); ++y) {
        intake += o.cohort_intake(y, k);
        graduated += o.cohort_graduated(y, k);
      }
    const double G = closed_form_graduation(p, k), share = graduated / intake;
    const double bound = z * std::sqrt(G * (1 - G) / intake);
    INFO(models::kProgrammeNames[k] << ": " << share << " vs closed form " << G << " ± " << bound << " (n "
                                    << intake << ")");
    CHECK(intake == R * 400.0 * last_cohort(p, k));
    CHECK(std::abs(share - G) <= bound);
  }
}

TEST_CASE("model: delay postpones graduation but does not change who graduates by the end",
          "[model][mechanism]") {
  Params p = study_params();
  p.study.intake = {60, 60, 60, 60, 60};
  Params no_delay = p;
  no_delay.study.delay = 0.0;
  const auto a = run_all(models::build_world(p), p, 3);
  const auto b = run_all(models::build_world(no_delay), no_delay, 3);
  double delays = 0.0;
  for (std::size_t r = 0; r < a.size(); ++r) {
    for (int k = 0; k < models::kProgrammes; ++k)
      for (int y = 1; y <= last_cohort(p, k); ++y)
        REQUIRE(a[r].cohort_graduated(y, k) == b[r].cohort_graduated(y, k));
    for (int y = 1; y < a[r].years; ++y) delays += national(a[r], models::m_delays, y);
  }
  CHECK(delays > 0);  // there was delay to ignore
}

TEST_CASE("model: SO years lower dropout (study.so_effect), on common random numbers", "[model][mechanism]") {
  // Same students, same dropout draws; a chance only lowered by SO years: every replication's graduates of
  // every cohort are at least those with so_effect = 1, and strictly more in total.
  Params p = study_params();
  p.study.intake = {100, 100, 100, 100, 100};
  Params so = p;
  so.study.so_effect = 0.85;
  const auto a = run_all(models::build_world(p), p, 3);
  const auto b = run_all(models::build_world(so), so, 3);
  double more = 0.0;
  for (std::size_t r = 0; r < a.size(); ++r)
    for (int k = 0; k < models::kProgrammes; ++k)
      for (int y = 1; y <= last_cohort(p, k); ++y) {
        REQUIRE(b[r].cohort_graduated(y, k) >= a[r].cohort_graduated(y, k));
        more += b[r].cohort_graduated(y, k) - a[r].cohort_graduated(y, k);
      }
  CHECK(more > 0);
}

TEST_CASE("model: the start year's first-year students are the intake cohort of year index 0",
          "[model][cohorts]") {
  // Start students in study year 1 entered in years.start (intake_year = start); their graduates count in
  // graduated(0, k), so intake(0, k) must count them too (else graduated > intake for that cohort).
  const Params p = study_params();
  const auto world = models::build_world(p);
  std::array<double, models::kProgrammes> first_years{};
  for (std::size_t i = 0; i < world.students.size(); ++i)
    if (world.students.study_year[i] == 1) first_years[world.students.programme[i]] += 1;
  const auto runs = run_all(world, p, 2);
  for (int k = 0; k < models::kProgrammes; ++k) {
    INFO(models::kProgrammeNames[k]);
    CHECK(first_years[k] == std::lround(p.study.intake[k] * p.world.scale));
    CHECK(runs[0].cohort_intake(0, k) == first_years[k]);
    CHECK(runs[0].cohort_graduated(0, k) <= runs[0].cohort_intake(0, k));
  }
}
