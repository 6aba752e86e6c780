// `tlm report SWEEP.h5` end to end: small sweeps of the `tiny` world through the binary, the report's numbers
// recomputed from the file with h5py and numpy (not with analysis/), and damaged files refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/results.hpp"
#include "tests/html_checks.hpp"
#include "tests/process.hpp"

namespace fs = std::filesystem;
using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;
using tlm::test::tlm_binary;

namespace {

using tlm::test::count;

// The alternative of the test sweeps: tiny with groenpluk banned at member schools.
void write_files(const TempDir& dir, const std::string& design_name, const std::string& design) {
  std::ofstream(dir / "ban.toml")
      << "extends = \"tiny\"\nname = \"tiny-ban\"\n[policy.groenpluk]\nrule = \"ban\"\n";
  std::ofstream(dir / design_name) << design;
}

// A grid over a number and a text value: 4 points, 3 replications, base tiny and the alternative tiny-ban.
const char* kGrid = R"(scenario = "tiny"
alternatives = ["ban.toml"]
replications = 3
[[parameter]]
key = "policy.induction.base_quality.po"
values = [0.45, 0.85]
[[parameter]]
key = "policy.joining.mode"
values = ["none", "target"]
)";

// A Latin hypercube of 12 points over a log-scaled and a linear parameter.
const char* kLhs = R"(scenario = "tiny"
alternatives = ["ban.toml"]
replications = 2
design = "lhs"
points = 12
[[parameter]]
key = "reserve.return"
low = 0.01
high = 0.1
scale = "log"
[[parameter]]
key = "policy.induction.base_quality.po"
low = 0.3
high = 0.9
)";

// The rows of the numbers table behind chart `chart`: data-x -> {median, p05, p95} and the points pooled.
struct Row {
  double median = NAN, p05 = NAN, p95 = NAN;
  int points = 0;
};
std::map<std::string, Row> rows_of(const std::string& html, const std::string& chart) {
  std::map<std::string, Row> out;
  const std::string start = fmt::format("<tr data-chart=\"{}\" data-x=\"", chart);
  for (auto p = html.find(start); p != std::string::npos; p = html.find(start, p + 1)) {
    const auto x_end = html.find('"', p + start.size());
    const std::string x = html.substr(p + start.size(), x_end - p - start.size());
    const std::string tr = html.substr(p, html.find("</tr>", p) - p);
    Row r;
    std::vector<double> values;
    for (auto v = tr.find("data-value=\""); v != std::string::npos; v = tr.find("data-value=\"", v + 1))
      values.push_back(std::stod(tr.substr(v + 12, tr.find('"', v + 12) - v - 12)));
    REQUIRE(values.size() == 3);
    r.median = values[0], r.p05 = values[1], r.p95 = values[2];
    // The cells: series, parameter, value, points, runs, …
    std::vector<std::string> cells;
    for (auto c = tr.find("<td"); c != std::string::npos; c = tr.find("<td", c + 1)) {
      const auto open = tr.find('>', c) + 1;
      cells.push_back(tr.substr(open, tr.find("</td>", open) - open));
    }
    REQUIRE(cells.size() == 8);
    r.points = std::stoi(cells[3]);
    out[x] = r;
  }
  return out;
}

// Runs a Python snippet (h5py, numpy) on the sweep file `f` and returns its stdout: numbers one per line.
std::vector<double> python_numbers(const TempDir& dir, const std::string& h5, const std::string& code) {
  const std::string script = dir / "check.py";
  std::ofstream(script) << "import h5py, numpy as np\nf = h5py.File(" << '"' << h5 << '"' << ")\n"
                        << "done = f['done'][()] == 1\nyears = list(f['years'][()])\n"
                        << "sectors = [s.decode() for s in f['sectors'][()]]\n"
                        << "def pooled(table, points):\n"
                        << "    v = table[points][done[points]]\n"
                        << "    return np.percentile(v, [50, 5, 95])\n"
                        << code;
  const auto r = run(fmt::format("/usr/bin/python3 '{}'", script));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<double> out;
  std::istringstream in(r.out);
  for (double v; in >> v;) out.push_back(v);
  return out;
}

void check_row(const Row& row, const std::vector<double>& expected) {
  REQUIRE(expected.size() == 3);
  CHECK(row.median == Approx(expected[0]).epsilon(1e-12));
  CHECK(row.p05 == Approx(expected[1]).epsilon(1e-12));
  CHECK(row.p95 == Approx(expected[2]).epsilon(1e-12));
}

}  // namespace

TEST_CASE("tlm report of a grid sweep: a chart per headline and parameter, medians and bands as in the file",
          "[e2e][analysis][sweep]") {
  TempDir dir;
  write_files(dir, "grid.toml", kGrid);
  const auto sweep = run(
      fmt::format("cd '{}' && '{}' sweep grid.toml -o grid.h5 -q -j 2", dir.path().string(), tlm_binary()));
  INFO(sweep.err);
  REQUIRE(sweep.exit_code == 0);
  const auto r = run(fmt::format("'{}' report '{}'", tlm_binary(), dir / "grid.h5"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "grid.html");  // default: the sweep file with .html
  // 13 headlines (total shortage of po, vo, mbo and all sectors in 2030 and 2040, the rate of each sector in
  // 2040, FTE-years, policy cost) × 2 parameters, under the base and as the effect of the one alternative.
  CHECK(count(html, "class=\"chart sweep-chart sweep-level\"") == 26);
  CHECK(count(html, "class=\"chart sweep-chart sweep-effect\"") == 26);
  CHECK(tlm::test::unboxed_tables(html) == 0);
  CHECK(tlm::test::off_palette_colours(html).empty());
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("fan-chart") == std::string::npos);
  CHECK(html.find("not the uncertainty of the parameters themselves") != std::string::npos);
  CHECK(html.find("<code>policy.joining.mode</code></td><td>none, target</td>") != std::string::npos);
  CHECK(html.find("<code>policy.groenpluk.rule</code>") != std::string::npos);  // the settings that differ
  // The text values are categories, labelled without their TOML quotes.
  CHECK(html.find(">target</text>") != std::string::npos);

  const std::string h5 = dir / "grid.h5";
  SECTION("the total shortage of po in 2040 at base_quality.po 0.45: both points of that value, pooled") {
    const auto rows = rows_of(html, "level-shortage_fte-po-2040-p0");
    REQUIRE(rows.size() == 2);
    REQUIRE(rows.count("0.45"));
    CHECK(rows.at("0.45").points == 2);
    check_row(rows.at("0.45"), python_numbers(dir, h5, R"(
x = f['points/policy.induction.base_quality.po'][()]
t = f['tiny/national/shortage_fte'][:, :, years.index(2040), sectors.index('po')]
print(*pooled(t, x == 0.45))
)"));
  }
  SECTION("the paired effect on the shortage of all sectors in 2030 where joining.mode is target") {
    const auto rows = rows_of(html, "effect1-shortage_fte-all-2030-p1");
    REQUIRE(rows.count("target"));
    check_row(rows.at("target"), python_numbers(dir, h5, R"(
x = np.array([s.decode() for s in f['points/policy.joining.mode'][()]])
y = years.index(2030)
d = f['tiny-ban/national/shortage_fte'][:, :, y, :].sum(axis=2) - f['tiny/national/shortage_fte'][:, :, y, :].sum(axis=2)
print(*pooled(d, x == "target"))
)"));
  }
  SECTION("the shortage rate of vo in 2040: the ratio of the national sums, per run, then pooled") {
    const auto rows = rows_of(html, "level-shortage_rate-vo-2040-p0");
    REQUIRE(rows.count("0.85"));
    check_row(rows.at("0.85"), python_numbers(dir, h5, R"(
x = f['points/policy.induction.base_quality.po'][()]
y, s = years.index(2040), sectors.index('vo')
t = f['tiny/national/shortage_fte'][:, :, y, s] / f['tiny/national/demand_fte'][:, :, y, s]
print(*pooled(t, x == 0.85))
)"));
  }
}

TEST_CASE("tlm report of a Latin hypercube sweep: 8 quantile bins, every point a dot, a log axis",
          "[e2e][analysis][sweep]") {
  TempDir dir;
  write_files(dir, "lhs.toml", kLhs);
  REQUIRE(
      run(fmt::format("cd '{}' && '{}' sweep lhs.toml -o lhs.h5 -q -j 2", dir.path().string(), tlm_binary()))
          .exit_code == 0);
  const auto r = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), dir / "lhs.h5", dir / "r.html"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "r.html");
  CHECK(count(html, "class=\"chart sweep-chart") == 52);
  CHECK(count(html, "<path class=\"dots\"") == 52);
  CHECK(count(html, "reserve.return (log scale)") == 26);
  // Each chart's dots: one per point (a zero-length segment each).
  const auto first = html.find("<path class=\"dots\" d=\"");
  REQUIRE(first != std::string::npos);
  const std::string d = html.substr(first, html.find("\"", first + 22) - first);
  CHECK(count(d, "h0") == 12);
  CHECK(html.find("0.01 to 0.1 (12 points, Latin hypercube)") != std::string::npos);

  const auto rows = rows_of(html, "level-shortage_fte-all-2040-p0");
  REQUIRE(rows.size() == 8);
  int pooled_points = 0;
  for (const auto& [x, row] : rows) pooled_points += row.points;
  CHECK(pooled_points == 12);
  // The first bin: the points whose ranks r (from 0) have r × 8 / 12 = 0, i.e. the two smallest values, drawn
  // at the median of their values on the log scale.
  const auto expected = python_numbers(dir, dir / "lhs.h5", R"(
x = f['points/reserve.return'][()]
first = np.zeros(len(x), bool)
first[np.argsort(x, kind='stable')[:2]] = True
t = f['tiny/national/shortage_fte'][:, :, years.index(2040), :].sum(axis=2)
print(*pooled(t, first))
print(10 ** np.median(np.log10(x[first])))
)");
  REQUIRE(expected.size() == 4);
  const auto bin = std::min_element(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::stod(a.first) < std::stod(b.first);
  });
  CHECK(std::stod(bin->first) == Approx(expected[3]).epsilon(1e-12));
  check_row(bin->second, {expected[0], expected[1], expected[2]});
}

TEST_CASE(
    "tlm report of a sweep colours its variants as a comparison does: never an alternative in the base's",
    "[e2e][analysis][sweep]") {
  TempDir dir;
  // Thirteen alternatives: one more than the palette has colours after the base's.
  std::string alternatives;
  for (int i = 1; i <= 13; ++i) {
    std::ofstream(dir / fmt::format("alt{}.toml", i))
        << fmt::format("extends = \"tiny\"\nname = \"alt{}\"\n", i);
    alternatives += fmt::format("{}\"alt{}.toml\"", i > 1 ? ", " : "", i);
  }
  std::ofstream(dir / "many.toml") << fmt::format(
      "scenario = \"tiny\"\nalternatives = [{}]\nreplications = 1\n[[parameter]]\nkey = "
      "\"reserve.return\"\nvalues = [0.02, 0.06]\n",
      alternatives);
  REQUIRE(run(fmt::format("cd '{}' && '{}' sweep many.toml -o many.h5 -q -j 2", dir.path().string(),
                          tlm_binary()))
              .exit_code == 0);
  REQUIRE(run(fmt::format("'{}' report '{}'", tlm_binary(), dir / "many.h5")).exit_code == 0);
  const std::string html = read_file(dir / "many.html");
  const std::string& base = tlm::analysis::svg::scenario_colour(0);
  for (std::size_t v = 1; v <= 13; ++v) {
    const auto at = html.find(fmt::format("id=\"effect{}-shortage_fte-po-2040-p0\"", v));
    REQUIRE(at != std::string::npos);
    const std::string chart = html.substr(at, html.find("</svg>", at) - at);
    INFO("alternative " << v);
    CHECK(chart.find(fmt::format("stroke=\"{}\"", tlm::analysis::svg::scenario_colour(v))) !=
          std::string::npos);
    CHECK(chart.find(base) == std::string::npos);
  }
  CHECK(tlm::test::off_palette_colours(html).empty());
}

TEST_CASE("tlm report of an unfinished sweep says so and uses the done tasks only",
          "[e2e][analysis][sweep]") {
  TempDir dir;
  write_files(dir, "grid.toml", kGrid);
  // --tasks 5: five tasks, then stop; the file stays grid.h5.part.
  REQUIRE(run(fmt::format("cd '{}' && '{}' sweep grid.toml -o grid.h5 -q -j 1 --tasks 5", dir.path().string(),
                          tlm_binary()))
              .exit_code == 0);
  REQUIRE(fs::exists(dir / "grid.h5.part"));
  const auto r =
      run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), dir / "grid.h5.part", dir / "p.html"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "p.html");
  CHECK(html.find("The sweep is not complete</strong>: 5 of 12 tasks") != std::string::npos);
  int runs = 0;
  for (const auto& [x, row] : rows_of(html, "level-shortage_fte-po-2040-p0")) runs += row.points > 0;
  CHECK(runs >= 1);
}

TEST_CASE("tlm report refuses a damaged sweep file with exit code 2, naming the file and dataset",
          "[e2e][analysis][sweep][hardening]") {
  TempDir dir;
  write_files(dir, "grid.toml", kGrid);
  REQUIRE(run(fmt::format("cd '{}' && '{}' sweep grid.toml -o good.h5 -q -j 2", dir.path().string(),
                          tlm_binary()))
              .exit_code == 0);
  const std::vector<std::pair<std::string, std::string>> damages{
      {"g = f['tiny-ban/national']; del g['shortage_fte']; g['shortage_fte'] = numpy.zeros((3, 3, 16, 3))",
       "/tiny-ban/national/shortage_fte has shape [3, 3, 16, 3], expected [4, 3, 16, 3]"},
      {"g = f['tiny/subject_national']; del g['hires']; g['hires'] = numpy.zeros((4, 3, 16, 2))",
       "/tiny/subject_national/hires has shape"},
      {"del f['points/policy.induction.base_quality.po']; f['points/policy.induction.base_quality.po'] = "
       "numpy.zeros(3)",
       "/points/policy.induction.base_quality.po has shape [3], expected [4]"},
      {"del f['done']; f['done'] = numpy.ones((4, 2), 'u1')", "/done has shape [4, 2], expected [4, 3]"},
      {"del f['tiny-ban/national/open_fte']", "variant tiny-ban of the sweep has no metric open_fte"},
      {"f.attrs['format_version'] = numpy.int64(2)",
       "results format version 2, but this tlm reads format version"},
  };
  int i = 0;
  for (const auto& [damage, words] : damages) {
    INFO(damage);
    const std::string bad = dir / fmt::format("bad{}.h5", i);
    const std::string html = dir / fmt::format("bad{}.html", i++);
    fs::copy_file(dir / "good.h5", bad);
    REQUIRE(run(fmt::format("/usr/bin/python3 -c \"import h5py, numpy; f = h5py.File('{}', 'a'); {}\"", bad,
                            damage))
                .exit_code == 0);
    const auto r = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), bad, html));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(bad) != std::string::npos);
    CHECK(r.err.find(words) != std::string::npos);
    CHECK_FALSE(fs::exists(html));
  }
  const auto year = run(
      fmt::format("'{}' report '{}' --years 2099 -o '{}'", tlm_binary(), dir / "good.h5", dir / "y.html"));
  CHECK(year.exit_code == 2);
  CHECK(year.err.find("the sweep has no year 2099") != std::string::npos);
  // A reader of results files is told what the file is.
  try {
    tlm::analysis::read_file_info(dir / "good.h5");
    FAIL("a sweep file was read as a results file");
  } catch (const tlm::analysis::InputError& e) {
    CHECK(std::string(e.what()).find("a sweep file (tlm sweep), not a results file") != std::string::npos);
  }
}

TEST_CASE("tlm report still writes the report of a results file", "[e2e][analysis][sweep]") {
  TempDir dir;
  REQUIRE(run(fmt::format("'{}' run tiny -r 2 -q -o '{}'", tlm_binary(), dir / "tiny.h5")).exit_code == 0);
  const auto r = run(fmt::format("'{}' report '{}'", tlm_binary(), dir / "tiny.h5"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "tiny.html");
  CHECK(count(html, "class=\"chart fan-chart\"") == 4);
  CHECK(html.find("sweep-chart") == std::string::npos);
  CHECK(html.find("<h1>The teacher labour market: simulation results</h1>") != std::string::npos);
}
