// Sweep designs apart from the model: the grid's size and order, the Latin hypercube's strata, GSL's Sobol
// points, the log scale, and the exact messages for bad design files.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "experiment/design.hpp"

using tlm::experiment::Design;
using tlm::experiment::DesignKind;
using tlm::experiment::parse_design;

namespace {

std::string errors_of(const std::string& text) {
  try {
    parse_design(text, "d.toml");
  } catch (const tlm::models::ScenarioErrors& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a grid has the product of the value counts, the last parameter varying fastest",
          "[sweep][design]") {
  const Design d = parse_design(R"(
[[parameter]]
key = "a"
values = [1.0, 2.0, 3.0]
[[parameter]]
key = "b"
values = ["x", "y"]
[[parameter]]
key = "c"
values = [10, 20, 30, 40]
)",
                                "d.toml");
  CHECK(d.kind == DesignKind::Grid);
  REQUIRE(d.point_count() == 3 * 2 * 4);
  const auto pts = tlm::experiment::design_points(d, {false, false, true});
  REQUIRE(pts.size() == 24);
  CHECK(pts[0][0].text == "1.0");
  CHECK(pts[0][1].text == "'x'");  // TOML text for --set
  CHECK(pts[0][1].label == "x");   // the points table's value
  CHECK(std::isnan(pts[0][1].number));
  CHECK(pts[0][2].text == "10");
  CHECK(pts[1][2].text == "20");   // c varies fastest
  CHECK(pts[4][1].label == "y");   // then b
  CHECK(pts[8][0].text == "2.0");  // a slowest
  std::set<std::string> distinct;
  for (const auto& p : pts) distinct.insert(p[0].text + p[1].text + p[2].text);
  CHECK(distinct.size() == 24);  // every combination once
  CHECK_FALSE(d.parameters[1].numeric());
  CHECK(d.parameters[2].numeric());
}

TEST_CASE("a Latin hypercube puts exactly one point in every stratum of every parameter", "[sweep][design]") {
  for (const long long n : {1LL, 7LL, 64LL, 1000LL}) {
    const int k = 5;
    const auto x = tlm::inference::latin_hypercube(n, k, 42);
    REQUIRE(x.size() == static_cast<std::size_t>(n));
    for (int j = 0; j < k; ++j) {
      std::vector<int> hits(static_cast<std::size_t>(n), 0);
      for (const auto& row : x) {
        REQUIRE(row[j] >= 0.0);
        REQUIRE(row[j] < 1.0);
        ++hits[static_cast<std::size_t>(std::floor(row[j] * static_cast<double>(n)))];
      }
      for (const int h : hits) REQUIRE(h == 1);
    }
  }
  // The design seed chooses the hypercube; the same seed gives the same bits.
  CHECK(tlm::inference::latin_hypercube(16, 3, 1) == tlm::inference::latin_hypercube(16, 3, 1));
  CHECK(tlm::inference::latin_hypercube(16, 3, 1) != tlm::inference::latin_hypercube(16, 3, 2));
}

TEST_CASE("the Sobol design is GSL's sequence: its published first points", "[sweep][design]") {
  // The example of the GSL manual ("Quasi-Random Sequences", examples): the 2-d Sobol sequence starts
  // 0.5 0.5, 0.75 0.25, 0.25 0.75, 0.375 0.375, 0.875 0.875, 0.625 0.125, 0.125 0.625.
  const std::vector<std::vector<double>> published{
      {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}};
  CHECK(tlm::inference::sobol_sequence(7, 2) == published);
  // Mapped onto [low, high] of each parameter, on a log scale where asked.
  const Design d = parse_design(R"(
design = "sobol"
points = 3
[[parameter]]
key = "a"
low = 0.0
high = 2.0
[[parameter]]
key = "b"
low = 0.01
high = 1.0
scale = "log"
)",
                                "d.toml");
  const auto pts = tlm::experiment::design_points(d, {false, false});
  REQUIRE(pts.size() == 3);
  CHECK(pts[0][0].number == 1.0);
  CHECK(pts[1][0].number == 1.5);
  CHECK(pts[0][1].number == Approx(0.1).epsilon(1e-12));  // the middle of [0.01, 1] on a log scale
  CHECK(pts[1][1].number == Approx(std::pow(10.0, -1.5)).epsilon(1e-12));
  CHECK(pts[0][0].text == "1.0");
}

TEST_CASE("a sampled design rounds the values of a whole-number key", "[sweep][design]") {
  const Design d = parse_design(
      "design = \"lhs\"\npoints = 20\n[[parameter]]\nkey = \"n\"\nlow = 1\nhigh = 4\n", "d.toml");
  for (const auto& p : tlm::experiment::design_points(d, {true})) {
    CHECK(p[0].number == std::round(p[0].number));
    CHECK(p[0].text.find('.') == std::string::npos);
  }
}

TEST_CASE("bad design files: every problem with file, line and column", "[sweep][design][errors]") {
  CHECK(errors_of("scenario = 3\n[[parameter]]\nkey = \"a\"\nvalues = [1]\n") ==
        "d.toml:1:12: `scenario` must be a string, got an integer\n");
  CHECK(errors_of("desing = \"grid\"\n[[parameter]]\nkey = \"a\"\nvalues = [1]\n") ==
        "d.toml:1:1: unknown key `desing` in a sweep design; did you mean `design`?\n");
  CHECK(errors_of("design = \"random\"\n[[parameter]]\nkey = \"a\"\nvalues = [1]\n") ==
        "d.toml:1:10: `design` must be \"grid\", \"lhs\" or \"sobol\", got \"random\"\n");
  CHECK(errors_of("") ==
        "d.toml: a design needs at least one [[parameter]] (a key and its values, or low and high)\n");
  CHECK(errors_of("[[parameter]]\nkey = \"a\"\nlow = 1.0\nhigh = 2.0\n") ==
        "d.toml:2:7: [[parameter]] 1 needs `values` in a grid design\n"
        "d.toml:3:7: `low`/`high` are for design = \"lhs\" or \"sobol\"; a grid takes `values`\n");
  CHECK(errors_of("design = \"lhs\"\n[[parameter]]\nkey = \"a\"\nlow = 1.0\nhigh = 2.0\n") ==
        "d.toml: design = \"lhs\" needs `points` (how many points to sample)\n");
  CHECK(errors_of("design = \"lhs\"\npoints = 4\n[[parameter]]\nkey = \"a\"\nlow = 2.0\nhigh = 1.0\n") ==
        "d.toml:6:8: `high` (1.0) must be greater than `low` (2.0)\n");
  CHECK(errors_of("design = \"lhs\"\npoints = 4\n[[parameter]]\nkey = \"a\"\nlow = 0.0\nhigh = 1.0\nscale = "
                  "\"log\"\n") == "d.toml:5:7: `low` must be above 0 with scale = \"log\", got 0.0\n");
  CHECK(errors_of("design = \"lhs\"\npoints = 0\n[[parameter]]\nkey = \"a\"\nlow = 0.0\nhigh = 1.0\n") ==
        "d.toml:2:10: `points` must be in [1, 1000000], got 0\n");
  CHECK(errors_of("[[parameter]]\nkey = \"a\"\nvalues = [1, 2, 1]\n") ==
        "d.toml:3:17: the value 1 is listed twice\n");
  CHECK(errors_of("[[parameter]]\nkey = \"a\"\nvalues = [1]\n[[parameter]]\nkey = \"a\"\nvalues = [2]\n") ==
        "d.toml:5:7: `a` is a parameter twice (also at line 2)\n");
  CHECK(errors_of("[[parameter]]\nvalues = [1]\nkye = \"a\"\n") ==
        "d.toml:1:1: [[parameter]] 1 has no `key` (the scenario key it varies)\n"
        "d.toml:3:1: unknown key `kye` in [[parameter]] 1 (keys: key, values, low, high, scale)\n");
  CHECK(errors_of("[[parameter]\n").find("d.toml:1:") == 0);  // a TOML syntax error, at its place
  std::string many = "design = \"sobol\"\npoints = 2\n";
  for (int j = 0; j < 41; ++j)
    many += "[[parameter]]\nkey = \"k" + std::to_string(j) + "\"\nlow = 0.0\nhigh = 1.0\n";
  CHECK(errors_of(many) ==
        "d.toml: design = \"sobol\" takes at most 40 parameters (GSL's Sobol sequence), got 41\n");
}
