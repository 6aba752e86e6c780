// The memory estimate of a plan (experiment/memory.cpp): the sizes --max-memory reads, and how the estimate
// follows the scenario. The refusal itself is tested end to end in test_run_e2e.cpp.
#include <catch2/catch.hpp>

#include <cmath>

#include <string>
#include <vector>

#include "experiment/memory.hpp"

TEST_CASE("parse_size reads the sizes of --max-memory", "[hardening]") {
  using tlm::experiment::parse_size;
  CHECK(*parse_size("4G") == 4.0 * 1024 * 1024 * 1024);
  CHECK(*parse_size("512M") == 512.0 * 1024 * 1024);
  CHECK(*parse_size("1.5GiB") == 1.5 * 1024 * 1024 * 1024);
  CHECK(*parse_size("800k") == 800.0 * 1024);
  CHECK(*parse_size("2tb") == 2.0 * 1024 * 1024 * 1024 * 1024);
  CHECK(*parse_size("1000") == 1000.0);
  for (const char* bad : {"", "lots", "4X", "-1G", "0", "nan", "inf", "4GG"}) {
    INFO(bad);
    CHECK_FALSE(parse_size(bad).has_value());
  }
}

TEST_CASE("the memory estimate follows scale, years and threads", "[hardening]") {
  using namespace tlm::experiment;
  auto plan_of = [](std::vector<std::string> overrides, int reps) {
    Request r;
    r.scenarios = {"nl-baseline"};
    r.overrides = std::move(overrides);
    r.replications = reps;
    return plan(r);
  };
  const auto base = estimate_memory(plan_of({}, 100), 2);
  const auto big = estimate_memory(plan_of({"world.scale=4"}, 100), 2);
  CHECK(base.in_flight == 2);
  CHECK(estimate_memory(plan_of({}, 1), 2).in_flight == 1);  // never more in flight than replications
  // People scale with world.scale (the cubes do not): 4x the people, a little under 4x the bytes.
  CHECK(big.teachers == Approx(4 * base.teachers));
  CHECK(big.total_bytes() > 3.5 * base.total_bytes());
  CHECK(big.total_bytes() < 4.0 * base.total_bytes());
  // nl-baseline: about 240 thousand teachers; the whole run well under a GiB (measured peak RSS about 100
  // MB).
  CHECK(base.teachers > 2e5);
  CHECK(base.teachers < 3e5);
  CHECK(base.total_bytes() < 1024.0 * 1024 * 1024);
  // Demand growth raises the peak: 10% a year over the 15 simulated years is 1.1^15 times the teachers.
  const auto flat = estimate_memory(plan_of({"demand.growth=0"}, 100), 2);
  const auto grow = estimate_memory(plan_of({"demand.growth=0.1"}, 100), 2);
  CHECK(grow.teachers == Approx(flat.teachers * std::pow(1.1, 15)).epsilon(1e-9));
}
