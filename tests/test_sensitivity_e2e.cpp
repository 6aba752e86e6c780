// End-to-end runs of `tlm sensitivity` on a small world (docs/sensitivity.md): a parameter that cannot move
// an output gets indices of exactly 0 (common random numbers make its points identical), the same bits on any
// number of threads and MPI ranks, exact messages for bad studies.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "process.hpp"

using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;

using tlm::test::write_file;

namespace {

std::string tlm_bin() {
  return tlm::test::tlm_binary();
}

// A tenth of the Netherlands to 2031, and a study of two parameters: reserve.return moves the shortage,
// costs.induction cannot (it only prices induction), but it moves the induction costs.
void study(const TempDir& dir, const std::string& method, int samples) {
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2031\n[world]\nscale = 0.1\n");
  write_file(dir / "s.toml", fmt::format(R"(scenario = "small.toml"
method = "{}"
samples = {}
replications = 2
seed = 3
bootstrap = 50
[[parameter]]
key = "reserve.return"
low = 0.0125
high = 0.05
scale = "log"
[[parameter]]
key = "costs.induction"
low = 1000.0
high = 3000.0
[[output]]
metric = "shortage_fte"
sector = "po"
year = 2030
of = "base"
label = "shortage po 2030"
[[output]]
metric = "cost_induction"
years = "all"
label = "induction costs"
)",
                                         method, samples));
}

// The cells of the row of indices.csv for (output, parameter) (names are quoted; the test's have no commas).
std::vector<std::string> row(const std::string& csv, const std::string& output,
                             const std::string& parameter) {
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("\"" + output + "\",\"" + parameter + "\",", 0) == 0) {
      std::vector<std::string> cells;
      std::istringstream cs(line);
      for (std::string c; std::getline(cs, c, ',');) cells.push_back(c);
      return cells;
    }
  FAIL("no row for " << output << ", " << parameter << " in\n" << csv);
  return {};
}

}  // namespace

TEST_CASE(
    "sobol: a parameter that cannot move the shortage has indices of exactly 0, the same bits on 1 and "
    "2 threads and 2 MPI ranks",
    "[e2e][sensitivity]") {
  TempDir dir;
  study(dir, "sobol", 8);  // 8 × (2 + 2) = 32 points × 2 replications
  const auto r = run(tlm_bin() + " sensitivity " + (dir / "s.toml") + " -j 1 -o " + (dir / "j1"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* f : {"indices.csv", "indices.json", "report.html", "sensitivity.h5"})
    CHECK(std::filesystem::exists(dir / (std::string("j1/") + f)));
  const std::string csv = read_file(dir / "j1/indices.csv");
  CHECK(csv.rfind("output,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi", 0) == 0);
  const auto dummy = row(csv, "shortage po 2030", "costs.induction");
  REQUIRE(dummy.size() >= 8);
  CHECK(std::stod(dummy[2]) == 0.0);  // S1: f(AB) = f(A) at every row, on common random numbers
  CHECK(std::stod(dummy[5]) == 0.0);  // ST
  const auto real = row(csv, "shortage po 2030", "reserve.return");
  REQUIRE(real.size() >= 8);
  CHECK(std::stod(real[5]) > 0.5);  // the reserve's return explains the shortage
  // The price of induction explains its cost.
  // (With N = 8 the estimates are rough — the intervals say so — but the order is clear.)
  CHECK(std::stod(row(csv, "induction costs", "costs.induction")[5]) >
        10 * std::stod(row(csv, "induction costs", "reserve.return")[5]));
  REQUIRE(run(tlm_bin() + " sensitivity " + (dir / "s.toml") + " -q -j 2 -o " + (dir / "j2")).exit_code == 0);
  CHECK(read_file(dir / "j2/indices.csv") == csv);
  REQUIRE(run("command -v mpirun").exit_code == 0);
  const auto m = run(
      "ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:detect_leaks=0\" mpirun --oversubscribe --allow-run-as-root -n 2 " +
      tlm_bin() + " sensitivity " + (dir / "s.toml") + " -q -j 1 -o " + (dir / "m2"));
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  CHECK(read_file(dir / "m2/indices.csv") == csv);
}

TEST_CASE("morris and one at a time: the parameter that cannot move the shortage has no effect",
          "[e2e][sensitivity]") {
  TempDir dir;
  SECTION("morris") {
    study(dir, "morris", 3);  // 3 trajectories × 3 points
    const auto r = run(tlm_bin() + " sensitivity " + (dir / "s.toml") + " -q -o " + (dir / "out"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(dir / "out/indices.csv");
    CHECK(csv.rfind("output,parameter,mu_star,mu,sigma", 0) == 0);
    CHECK(std::stod(row(csv, "shortage po 2030", "costs.induction")[2]) == 0.0);
    CHECK(std::stod(row(csv, "shortage po 2030", "reserve.return")[2]) > 0.0);
  }
  SECTION("one at a time") {
    study(dir, "oat", 2);
    // And the 5-year retention of the SO-trained graduates who entered in 2026 (the one cohort followed to
    // 2031).
    std::ofstream(dir / "s.toml", std::ios::app)
        << "[[output]]\nmetric = \"retention_5y\"\nroute = \"grad_so\"\nlabel = \"retention grad_so\"\n";
    const auto r = run(tlm_bin() + " sensitivity " + (dir / "s.toml") + " -q -o " + (dir / "out"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(dir / "out/indices.csv");
    CHECK(csv.rfind("output,parameter,low,high,swing", 0) == 0);
    CHECK(std::stod(row(csv, "shortage po 2030", "costs.induction")[4]) == 0.0);
    CHECK(std::stod(row(csv, "retention grad_so", "costs.induction")[4]) == 0.0);
    CHECK(std::stod(row(csv, "retention grad_so", "reserve.return")[4]) > 0.0);
    // Fewer returners, a larger shortage.
    CHECK(std::stod(row(csv, "shortage po 2030", "reserve.return")[2]) > 0.0);
  }
}

TEST_CASE("a bad sensitivity study: every problem with file, line and column, nothing written",
          "[e2e][sensitivity]") {
  TempDir dir;
  study(dir, "sobol", 8);
  std::string text = read_file(dir / "s.toml");
  text.replace(text.find("metric = \"shortage_fte\""), 23, "metric = \"shortage_ftw\"");
  text.replace(text.find("year = 2030"), 11, "year = 2050");
  write_file(dir / "bad.toml", text);
  const auto r = run(tlm_bin() + " sensitivity " + (dir / "bad.toml") + " -o " + (dir / "out"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == (dir / "bad.toml") +
                     ":17:10: unknown metric `shortage_ftw`; did you mean `shortage_fte`?\n" +
                     (dir / "bad.toml") + ":19:8: year 2050 is outside the scenario's years 2025–2031\n");
  CHECK_FALSE(std::filesystem::exists(dir / "out"));
  write_file(dir / "nomethod.toml",
             "scenario = \"small.toml\"\n[[parameter]]\nkey = \"reserve.return\"\nlow = 0.1\nhigh = 0.2\n"
             "[[output]]\nmetric = \"shortage_fte\"\nyear = 2030\n");
  write_file(
      dir / "ret.toml",
      "scenario = \"small.toml\"\nmethod = \"oat\"\n[[parameter]]\nkey = \"reserve.return\"\n"
      "low = 0.01\nhigh = 0.05\n[[output]]\nmetric = \"retention_5y\"\nroute = \"zij\"\nyear = 2030\n");
  const auto ret = run(tlm_bin() + " sensitivity " + (dir / "ret.toml"));
  CHECK(ret.exit_code == 2);
  CHECK(ret.err ==
        (dir / "ret.toml") +
            ":10:8: retention_5y pools the cohorts that entered from the start + 1 to the end − 5; it "
            "takes no `year`\n");
  const auto n = run(tlm_bin() + " sensitivity " + (dir / "nomethod.toml"));
  CHECK(n.exit_code == 2);
  CHECK(n.err == (dir / "nomethod.toml") +
                     ": a sensitivity study needs `method` (\"sobol\", \"morris\" or \"oat\")\n");
}
