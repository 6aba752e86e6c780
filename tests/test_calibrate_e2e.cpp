// End-to-end runs of `tlm calibrate` on a small world (docs/calibration.md): ABC-SMC recovers a parameter
// from a target that a run at a known value produced; the posterior files and the fitted scenario are
// written; bad calibration files get exact messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <fmt/format.h>

#include "process.hpp"

using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;

using tlm::test::write_file;

namespace {}  // namespace

TEST_CASE("calibrate recovers the reserve's return chance from the shortage it produced",
          "[e2e][calibrate]") {
  TempDir dir;
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2030\n[world]\nscale = 0.1\n");
  // The target: the po shortage rate in 2030 of the small world at reserve.return = 0.03, the mean of its 4
  // replications with seed 5 (tlm sweep; 0.08067). The calibration runs the same replications, so at 0.03 it
  // reproduces the target exactly; the sd (0.003, about the spread of one replication) sets how far around it
  // the posterior reaches.
  write_file(dir / "c.toml", R"(scenario = "small.toml"
replications = 4
seed = 5
population = 40
generations = 5
[[parameter]]
key = "reserve.return"
low = 0.005
high = 0.1
scale = "log"
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2030
value = 0.08067
sd = 0.003
label = "po shortage rate 2030"
)");
  const auto r = run(fmt::format("cd '{}' && '{}' calibrate c.toml -j 2 --write-scenario fitted.toml",
                                 dir.path().string(), tlm::test::tlm_binary()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // The posterior's 90% interval holds the value that made the target (fixed seeds: this is one run, checked
  // once; the prior's 90% interval is [0.0079, 0.086], so the data must have narrowed it to hold 0.03).
  std::smatch m;
  const std::string out = r.out;
  REQUIRE(
      std::regex_search(out, m, std::regex(R"(reserve\.return\s+([0-9.e-]+) \[([0-9.e-]+), ([0-9.e-]+)\])")));
  const double median = std::stod(m[1]), lo = std::stod(m[2]), hi = std::stod(m[3]);
  CHECK(lo <= 0.03);
  CHECK(hi >= 0.03);
  CHECK(hi / lo < 4.0);  // narrower than the prior's 0.086 / 0.0079 ≈ 11
  CHECK(median > 0.01);
  CHECK(median < 0.06);
  for (const char* f : {"c.h5", "c.posterior.csv", "c.generations.csv", "c.report.html", "fitted.toml"})
    CHECK(std::filesystem::exists(dir / f));
  // The report beside them (tests/test_calibration_report.cpp checks its numbers): the target and the median.
  const std::string report = read_file(dir / "c.report.html");
  CHECK(report.find("<td>po shortage rate 2030</td><td class=\"num\">0.08067</td>") != std::string::npos);
  CHECK(report.find(fmt::format("posterior median {:.4g}, 90% interval {:.4g} to {:.4g}", median, lo, hi)) !=
        std::string::npos);
  const std::string gens = read_file(dir / "c.generations.csv");
  CHECK(gens.rfind("generation,tolerance,proposals,accepted,acceptance_rate,ess\n0,inf,40,40,1,", 0) == 0);
  // The fitted scenario is a scenario: it validates and holds the median.
  const std::string fitted = read_file(dir / "fitted.toml");
  CHECK(fitted.find("name = \"fitted\"") != std::string::npos);
  CHECK(run(fmt::format("'{}' validate '{}'", tlm::test::tlm_binary(), dir / "fitted.toml")).exit_code == 0);
}

TEST_CASE("a bad calibration file: every problem with file, line and column", "[e2e][calibrate]") {
  TempDir dir;
  write_file(dir / "bad.toml",
             "scenario = \"nl-baseline\"\npopulation = 1\n[[parameter]]\nkey = \"reserve.return\"\nlow = "
             "0.01\nhigh = "
             "0.05\n[[target]]\nmetric = \"shortage_rate\"\nyear = 2030\nvalue = 0.08\nsd = 0.0\n");
  const auto r = run(fmt::format("'{}' calibrate '{}'", tlm::test::tlm_binary(), dir / "bad.toml"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == (dir / "bad.toml") + ":2:14: `population` must be in [2, 100000], got 1\n" +
                     (dir / "bad.toml") + ":11:6: `sd` must be above 0, got 0\n");
  CHECK_FALSE(std::filesystem::exists(dir / "bad.h5"));
}
