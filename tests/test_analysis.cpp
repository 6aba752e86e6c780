// analysis/: statistics, reading results files, headline indicators, paired effects and the report,
// on the synthetic fixture of tests/analysis_fixture.py whose effects are known exactly.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/analysis.hpp"
#include "analysis/format.hpp"
#include "analysis/page.hpp"
#include "analysis/stats.hpp"
#include "analysis/svg.hpp"
#include "process.hpp"
#include "tests/html_checks.hpp"

namespace fs = std::filesystem;
using namespace tlm::analysis;

namespace {

using tlm::test::TempDir;  // a fresh folder, removed at the end

std::string fixture(const TempDir& dir, const std::string& args = "") {
  const std::string out = dir / "fixture.h5";
  const std::string cmd =
      fmt::format("/usr/bin/python3 '{}/analysis_fixture.py' '{}' {}", TLM_TEST_DIR, out, args);
  REQUIRE(std::system(cmd.c_str()) == 0);
  return out;
}

const Effect& effect(const std::vector<Effect>& eff, const std::string& scenario, const std::string& metric,
                     const std::string& sector, const std::string& route, const std::string& programme,
                     std::optional<int> year, const std::string& subject = {}) {
  for (const auto& e : eff)
    if (e.scenario == scenario && e.metric == metric && e.sector == sector && e.route == route &&
        e.programme == programme && e.year == year && e.subject == subject)
      return e;
  FAIL("no effect " << scenario << " " << metric << " " << sector << route << programme);
  throw std::logic_error("unreachable");
}

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

using tlm::test::count;

}  // namespace

TEST_CASE("t quantiles match the published table, also for fractional degrees of freedom",
          "[analysis][stats]") {
  CHECK(t_quantile(0.975, 1) == Approx(12.7062047).margin(1e-7));
  CHECK(t_quantile(0.975, 2) == Approx(4.3026527).margin(1e-7));
  CHECK(t_quantile(0.975, 4) == Approx(2.7764451).margin(1e-7));
  CHECK(t_quantile(0.975, 9) == Approx(2.2621572).margin(1e-7));
  CHECK(t_quantile(0.975, 29) == Approx(2.0452296).margin(1e-7));
  CHECK(t_quantile(0.975, 100) == Approx(1.9839715).margin(1e-7));
  // Reference values by numerical integration of the t density (Simpson, 200,000 steps).
  CHECK(t_quantile(0.975, 5.882352941176471) == Approx(2.458823709699147).epsilon(1e-8));
  CHECK(t_quantile(0.95, 2.5) == Approx(2.558218614135936).epsilon(1e-8));
  CHECK(t_quantile(0.025, 4) == Approx(-2.7764451).epsilon(1e-8));
  CHECK(t_cdf(t_quantile(0.9, 7.3), 7.3) == Approx(0.9).epsilon(1e-10));
}

TEST_CASE("quantiles interpolate linearly like R type 7 and skip NaN", "[analysis][stats]") {
  CHECK(quantile({4, 1, 3, 2}, 0.05) == Approx(1.15));
  CHECK(quantile({4, 1, 3, 2}, 0.5) == Approx(2.5));
  CHECK(quantile({1, NAN, 3}, 1.0) == 3.0);
  const Summary s = summarize({1, 2, 3, 4, 5, NAN});
  CHECK(s.n == 5);
  CHECK(s.mean == 3.0);
  CHECK(s.p05 == Approx(1.2));
  CHECK(s.p95 == Approx(4.8));
}

TEST_CASE("the paired interval equals mean ± t(0.975, n−1) sd/√n computed by hand", "[analysis][stats]") {
  // Differences 1..5: mean 3, sd √2.5, se √0.5.
  const auto d = paired_difference({10, 10, 10, 10, 10}, {11, 12, 13, 14, 15});
  CHECK(d.n == 5);
  CHECK(d.mean == 3.0);
  const double half = 2.7764451051977987 * std::sqrt(2.5) / std::sqrt(5.0);
  CHECK(d.paired.lo == Approx(3 - half).epsilon(1e-9));
  CHECK(d.paired.hi == Approx(3 + half).epsilon(1e-9));
  CHECK(d.share_higher == 1.0);
  CHECK(d.share_lower == 0.0);
}

TEST_CASE("the Welch interval equals the hand computation with Satterthwaite degrees of freedom",
          "[analysis][stats]") {
  // a − b: −3; se² = 2.5/5 + 10/5 = 2.5; df = 2.5² / (0.5²/4 + 2²/4) = 5.882…
  const Interval w = welch_interval({1, 2, 3, 4, 5}, {2, 4, 6, 8, 10});
  const double half = 2.458823709699147 * std::sqrt(2.5);
  CHECK(w.lo == Approx(-3 - half).epsilon(1e-8));
  CHECK(w.hi == Approx(-3 + half).epsilon(1e-8));
}

TEST_CASE("identical paired samples give an exact zero effect with a zero-width interval",
          "[analysis][stats]") {
  const std::vector<double> x{3.5, 7.25, 1e6, 42};
  const auto d = paired_difference(x, x);
  CHECK(d.mean == 0.0);
  CHECK(d.paired.lo == 0.0);
  CHECK(d.paired.hi == 0.0);
  CHECK(d.share_lower == 0.0);
  CHECK(d.share_higher == 0.0);
  CHECK(d.unpaired.width() > 0.0);
}

TEST_CASE("pairs with a NaN on either side are left out of the paired difference", "[analysis][stats]") {
  const auto d = paired_difference({1, NAN, 3, 4}, {2, 5, NAN, 6});
  CHECK(d.n == 2);
  CHECK(d.mean == 1.5);
}

TEST_CASE("scenarios are listed in creation order, or name order when the file does not track it",
          "[analysis][results]") {
  TempDir dir;
  CHECK(list_scenarios(fixture(dir)) == std::vector<std::string>{"base", "alt", "base#2"});
  TempDir dir2;
  CHECK(list_scenarios(fixture(dir2, "--no-order")) == std::vector<std::string>{"alt", "base", "base#2"});
}

TEST_CASE("loading a scenario reads its axes, attributes, metrics and cohort tables", "[analysis][results]") {
  TempDir dir;
  const auto path = fixture(dir);
  const FileInfo info = read_file_info(path);
  CHECK(info.tlm_version == "0.1.0-fixture");
  const ScenarioResults r = load_scenario(path, "alt", {"shortage_fte", "students"});
  CHECK(r.years.front() == 2025);
  CHECK(r.years.back() == 2034);
  CHECK(r.regions == std::vector<std::string>{"R01", "R02"});
  CHECK(r.sectors == std::vector<std::string>{"po", "vo", "mbo"});
  CHECK(r.routes.size() == 6);
  CHECK(r.programmes.size() == 5);
  CHECK(r.seed == 20251001u);
  CHECK(r.replications == 10);
  CHECK(r.scenario_toml.find("rule = \"ban\"") != std::string::npos);
  CHECK(r.metrics.size() == 2);
  CHECK(r.units.at("shortage_fte") == "FTE");
  // base cell (rep 3, year 2, region 1, mbo) = 300 + 10 + 2 + 150; alt subtracts 3 × (5 + 0.3).
  CHECK(r.metric("shortage_fte")({3, 2, 1, 2}) == Approx(462 - 15.9));
  CHECK(r.retained.shape == std::vector<std::size_t>{10, 10, 6, 5});
  CHECK(std::isnan(r.retained({0, 9, 0, 0})));  // 2034 + 1 is past the horizon
  CHECK(load_scenario(path, "base").metrics.size() == 40);
}

TEST_CASE("national ratios are ratios of sums, not means of cell ratios", "[analysis][results]") {
  TempDir dir;
  const ScenarioResults r = load_scenario(fixture(dir), "base", {"students_so", "students"});
  // Year 0: Σ students_so = 3 × (400 + 700), Σ students = 3 × (1000 + 1500).
  CHECK(national_ratio(r, "students_so", "students")[0][0] == Approx(1100.0 / 2500.0));
}

TEST_CASE("files that are not tlm results are refused with an error naming the file", "[analysis][results]") {
  TempDir dir;
  const std::string text = dir / "notes.txt";
  std::ofstream(text) << "hello\n";
  CHECK_THROWS_AS(list_scenarios(text), InputError);
  CHECK_THROWS_WITH(list_scenarios(text), Catch::Contains("notes.txt"));
  CHECK_THROWS_WITH(list_scenarios(dir / "missing.h5"), Catch::Contains("missing.h5"));
  const std::string empty = dir / "empty.h5";
  REQUIRE(
      std::system(
          fmt::format("/usr/bin/python3 -c \"import h5py; h5py.File('{}', 'w').create_group('x')\"", empty)
              .c_str()) == 0);
  CHECK_THROWS_WITH(list_scenarios(empty), Catch::Contains("empty.h5") && Catch::Contains("not a valid tlm"));
  CHECK_THROWS_AS(load_scenario(fixture(dir), "nope"), InputError);
}

TEST_CASE("effects on the fixture equal the known paired differences", "[analysis][effects]") {
  TempDir dir;
  const auto eff = file_effects(fixture(dir), {2030});
  const std::vector<std::string> sectors{"po", "vo", "mbo"};
  for (std::size_t s = 0; s < 3; ++s) {
    // Per replication: −2 (s + 1) (5 + 0.1 rep); mean over rep 0..9: −2 (s + 1) 5.45.
    const Effect& e = effect(eff, "alt", "shortage_fte", sectors[s], "", "", 2030);
    const double k = 2.0 * static_cast<double>(s + 1);
    CHECK(e.n == 10);
    CHECK(e.mean == Approx(-k * 5.45));
    const double sd_rep = std::sqrt(55.0 / 6.0);  // sd of 0..9
    const double half = 2.2621571627409915 * k * 0.1 * sd_rep / std::sqrt(10.0);
    CHECK(e.lo == Approx(-k * 5.45 - half));
    CHECK(e.hi == Approx(-k * 5.45 + half));
    CHECK(e.p_better == 1.0);
    // The shared noise (50 rep per cell) widens the unpaired interval far beyond the paired one.
    CHECK((e.hi_unpaired - e.lo_unpaired) > 3 * (e.hi - e.lo));
    const Effect& y = effect(eff, "alt", "shortage_fte_years", sectors[s], "", "", std::nullopt);
    CHECK(y.mean == Approx(-10 * k * 5.45));
  }
  CHECK(effect(eff, "alt", "shortage_fte", "all", "", "", 2030).mean == Approx(-12 * 5.45));
  CHECK(effect(eff, "alt", "open_fte", "all", "", "", 2030).mean == Approx(-6 * 5.45));
  const Effect& zij = effect(eff, "alt", "retention_5y", "", "zij", "", std::nullopt);
  CHECK(zij.mean == Approx(std::pow(0.95, 5) - std::pow(0.9, 5)));
  CHECK(zij.p_better == 1.0);
  const Effect& so = effect(eff, "alt", "retention_5y", "", "grad_so", "", std::nullopt);
  CHECK(so.mean == 0.0);
  CHECK(so.lo == 0.0);
  CHECK(so.hi == 0.0);
  CHECK(effect(eff, "alt", "so_share", "all", "", "", 2030).mean == Approx(300.0 / 7500.0));
  CHECK(effect(eff, "alt", "graduation_share", "", "", "pabo", std::nullopt).mean == Approx(0.05));
  CHECK(effect(eff, "alt", "graduation_share", "", "", "all", std::nullopt).mean == Approx(0.05));
  const Effect& gp = effect(eff, "alt", "groenpluk_hires", "all", "", "", std::nullopt);
  CHECK(gp.mean == Approx(60 - 180));
  CHECK(gp.p_better == 1.0);  // neutral: the share of runs where ALT is lower
  CHECK(effect(eff, "alt", "zij_completion_share", "all", "", "", std::nullopt).mean == Approx(0.1));
}

TEST_CASE("a scenario compared with an identical copy has exact zero effects with zero-width intervals",
          "[analysis][effects]") {
  TempDir dir;
  const auto eff = file_effects(fixture(dir), {});
  std::size_t copies = 0;
  for (const auto& e : eff) {
    if (e.scenario != "base#2") continue;
    ++copies;
    CHECK(e.base == "base");
    CHECK(e.mean == 0.0);
    CHECK(e.lo == 0.0);
    CHECK(e.hi == 0.0);
    CHECK(e.p_better == 0.0);
  }
  // 8 shortage, 8 open, 4 FTE-years, 4 retention, 2 SO, 6 graduation, 4 + 4, 4 cost, and the vo shortage of 3
  // subjects in the last year, FTE and rate.
  CHECK(copies == 50);
}

TEST_CASE("default years are start + 5, start + 10 and end", "[analysis][effects]") {
  TempDir dir;
  const ScenarioResults r = load_scenario(fixture(dir), "base", headline_metrics());
  CHECK(default_years(r) == std::vector<int>{2030, 2034});  // start + 10 = 2035 is past the end
}

TEST_CASE("a year outside the recorded years, or a single-scenario file, is bad input for compare",
          "[analysis][effects]") {
  TempDir dir;
  CHECK_THROWS_AS(file_effects(fixture(dir), {2050}), InputError);
  TempDir dir2;
  CHECK_THROWS_WITH(file_effects(fixture(dir2, "--scenarios base"), {}), Catch::Contains("fixture.h5"));
}

TEST_CASE("compare_results writes effects.csv, effects.json with paired and unpaired bounds, and the report",
          "[analysis][effects]") {
  TempDir dir;
  const auto path = fixture(dir);
  std::ostringstream out;
  CHECK(compare_results(path, {2030, 2034}, dir / "cmp", out) == 0);
  CHECK(out.str().find("alt vs base") != std::string::npos);
  const auto rows = nlohmann::json::parse(slurp(dir / "cmp/effects.json"))["effects"];
  REQUIRE(rows.is_array());
  bool found = false;
  for (const auto& r : rows) {
    for (const char* k : {"scenario", "metric", "sector", "year", "mean", "lo", "hi", "p_better", "base_mean",
                          "alt_mean", "lo_unpaired", "hi_unpaired"})
      REQUIRE(r.contains(k));
    if (r["scenario"] == "alt" && r["metric"] == "shortage_fte" && r["sector"] == "all" &&
        r["year"] == 2034) {
      found = true;
      CHECK(r["mean"].get<double>() == Approx(-65.4));
      CHECK(r["base"] == "base");
    }
    if (r["metric"] == "retention_5y") CHECK(r["sector"].is_null());
  }
  CHECK(found);
  const std::string csv = slurp(dir / "cmp/effects.csv");
  CHECK(csv.rfind("base,scenario,metric,sector,route,programme,subject,year,unit,n,mean,lo,hi,p_better", 0) ==
        0);
  CHECK(count(csv, "\n") == rows.size() + 1);
  CHECK(fs::exists(dir / "cmp/report.html"));
}

TEST_CASE("the report of a comparison holds every chart, the effects and the settings that differ",
          "[analysis][report]") {
  TempDir dir;
  const std::string html = report_html(fixture(dir), {});
  CHECK(count(html, "class=\"chart fan-chart\"") == 4 * 3);  // po, vo, mbo, all × 3 scenarios
  CHECK(count(html, "class=\"chart retention-chart\"") == 3);
  CHECK(count(html, "class=\"chart so-share-chart\"") == 1);
  // Shortage, FTE-years, shares; and one of the vo subjects per alternative.
  CHECK(count(html, "class=\"chart forest-plot\"") == 3 + 2);
  CHECK(count(html, "<svg id=\"forest-subjects-") == 2);
  CHECK(count(html, "class=\"chart medians-chart\"") == 4);
  // The page's layout (docs/report.md, "Layout"): tables scroll in their own box, the forest plots' labels
  // stand above their rows, the charts draw with the shared palette.
  CHECK(tlm::test::unboxed_tables(html) == 0);
  CHECK(count(html, "<div class=\"table-scroll\"") > 3);
  // Three forest plots of the headlines and one per alternative of the vo subjects' effects.
  CHECK(count(html, "class=\"chart forest-plot\" viewBox=\"0 0 640 ") == 3 + 2);
  CHECK(count(html, "data-labels=\"above\">") == 3 + 2);
  CHECK(tlm::test::off_palette_colours(html).empty());
  CHECK(html.find("id=\"fan-po-0\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // no resource from the network
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("policy.groenpluk.rule") != std::string::npos);
  CHECK(html.find("No setting differs") != std::string::npos);  // base#2 is the same scenario
  CHECK(html.find("In 2030 the total shortage in po is") != std::string::npos);
  CHECK(html.find("#0072B2") != std::string::npos);  // Okabe–Ito
  CHECK(html.find("<table class=\"headlines\">") != std::string::npos);
  CHECK(html.find("5-year retention zij") != std::string::npos);
}

TEST_CASE("the report of a single run has its charts and no effects section", "[analysis][report]") {
  TempDir dir;
  const std::string html = report_html(fixture(dir, "--scenarios base"), {2030});
  CHECK(count(html, "class=\"chart fan-chart\"") == 4);
  CHECK(count(html, "class=\"chart retention-chart\"") == 1);
  CHECK(count(html, "class=\"chart so-share-chart\"") == 1);
  CHECK(count(html, "forest-plot") == 0);
  CHECK(count(html, "medians-chart") == 0);
  CHECK(html.find("id=\"effects\"") == std::string::npos);
}

TEST_CASE("the settings diff keys values by table, reads multi-line arrays and ignores comments",
          "[analysis][report]") {
  const std::string a =
      "# resolved\nname = \"a\"\nseed = 1  # the seed\n[policy.joining]\nmode = \"schedule\"\nschedule = [\n "
      " "
      "{year = 2027},  # first step\n]\nlabel = \"a # b\"\n";
  const std::string b =
      "name = \"b\"\nseed = 1\n[policy.joining]\nmode = \"schedule\"\nschedule = [\n  {year = "
      "2028},\n]\nextra = 2\nlabel = \"a # b\"\n";
  const auto flat = flatten_toml(a);
  CHECK(flat.at("policy.joining.mode") == "'schedule'");  // toml++ writes literal strings
  CHECK(flat.at("policy.joining.schedule") == "[ { year = 2027 } ]");
  CHECK(flat.at("seed") == "1");
  CHECK(flat.at("policy.joining.label") == "'a # b'");
  const auto d = diff_settings(a, b);
  REQUIRE(d.size() == 2);
  CHECK(d[0].key == "policy.joining.extra");
  CHECK(d[0].base.empty());
  CHECK(d[1].key == "policy.joining.schedule");
}

TEST_CASE(
    "the settings diff writes numbers in their shortest form and shows the keys a scenario states even at "
    "the base's value",
    "[analysis][report]") {
  const std::string a =
      "name = \"a\"\n[study]\nshare = { mbo = 0.80000000000000004, po = 1.0 }\nx = 0.10000000000000001\n"
      "[policy.joining]\nmode = \"none\"\ntarget_share = 1.0\ntarget_year = 2029\n";
  const std::string b =
      "name = \"b\"\n[study]\nshare = { mbo = 0.90000000000000002, po = 1.0 }\nx = 0.10000000000000001\n"
      "[policy.joining]\nmode = \"target\"\ntarget_share = 1.0\ntarget_year = 2029\n";
  const auto flat = flatten_toml(a);
  CHECK(flat.at("study.share") == "{ mbo = 0.8, po = 1.0 }");
  CHECK(flat.at("study.x") == "0.1");
  CHECK(flat.at("policy.joining.target_share") == "1.0");
  CHECK(flat.at("policy.joining.target_year") == "2029");
  // Without set keys only what differs; with them also the keys b states (a sub-key names its value).
  CHECK(diff_settings(a, b).size() == 2);
  const auto d = diff_settings(a, b, {"policy.joining.mode", "policy.joining.target_share", "study.x.y"});
  REQUIRE(d.size() == 4);
  CHECK(d[0].key == "policy.joining.mode");
  CHECK(!d[0].same);
  CHECK(d[1].key == "policy.joining.target_share");
  CHECK(d[1].same);
  CHECK(d[1].alt == "1.0");
  CHECK(d[2].key == "study.share");
  CHECK(d[2].base == "{ mbo = 0.8, po = 1.0 }");
  CHECK(d[3].key == "study.x");
  CHECK(d[3].same);
  const std::string html = settings_table("a", a, "b", b, {"policy.joining.target_share"});
  CHECK(html.find("0.8,") != std::string::npos);
  CHECK(html.find("0.80000000000000004") == std::string::npos);
  CHECK(html.find("(set, same value)") != std::string::npos);
}

TEST_CASE("print_headlines shows every scenario with shortage, retention, SO share and completion",
          "[analysis][headlines]") {
  TempDir dir;
  std::ostringstream out;
  print_headlines(out, fixture(dir));
  const std::string s = out.str();
  CHECK(count(s, "Total shortage") == 3);
  CHECK(s.find("base#2: 10 replications") != std::string::npos);
  CHECK(s.find("5-year retention") != std::string::npos);
  CHECK(s.find("SO share") != std::string::npos);
  CHECK(s.find("Zij completion") != std::string::npos);
  CHECK(count(s, "Policy costs 2025–2034, million EUR") == 3);
  CHECK(s.find("2,") != std::string::npos);  // FTE-years with a thousands separator
}

TEST_CASE("numbers keep their sign when only the decimals are non-zero, and lose it when they round to zero",
          "[analysis][format]") {
  using tlm::analysis::points;
  using tlm::analysis::signed_thousands;
  using tlm::analysis::thousands;
  CHECK(thousands(-0.0909, 1) == "-0.1");
  CHECK(thousands(-0.04, 1) == "0.0");
  CHECK(thousands(-12345.6, 0) == "-12,346");
  CHECK(signed_thousands(-0.0909, 1) == "−0.1");
  CHECK(signed_thousands(0.0909, 1) == "+0.1");
  CHECK(signed_thousands(0.04, 1) == "0.0");
  CHECK(points(-0.000909, 1) == "−0.1 pp");
}

// ---- vo subjects (format 3): the fixture's subjects wiskunde, engels, overig divide each vo cell by fixed
// shares (tests/analysis_fixture.py): shortage 0.5, 0.2, 0.3; demand 0.2, 0.3, 0.5.

namespace {

const std::vector<std::string> kSubjects{"wiskunde", "engels", "overig"};
const double kShortageShare[] = {0.5, 0.2, 0.3};
const double kDemandShare[] = {0.2, 0.3, 0.5};

// Runs python on the file with `f` (h5py, opened for appending) and `numpy` in scope.
void damage(const std::string& path, const std::string& code) {
  const std::string cmd = fmt::format(
      "/usr/bin/python3 -c \"import h5py, numpy; f = h5py.File('{}', 'a'); {}; f.close()\"", path, code);
  REQUIRE(std::system(cmd.c_str()) == 0);
}

}  // namespace

TEST_CASE("subjects and subject metrics are read in file order, with units and ratio attributes",
          "[analysis][results][subjects]") {
  TempDir dir;
  const auto path = fixture(dir);
  const ScenarioResults r = load_scenario(path, "alt", {"shortage_fte"});
  CHECK(r.subjects == kSubjects);  // not alphabetical: the file's order
  CHECK(r.subject_metrics.size() == 11);
  CHECK(r.subject_units.at("shortage_fte") == "FTE");
  CHECK(r.subject_units.at("hires") == "persons");
  REQUIRE(r.subject_ratios.count("shortage_rate"));
  CHECK(r.subject_ratios.at("shortage_rate") ==
        std::pair<std::string, std::string>{"shortage_fte", "demand_fte"});
  CHECK(r.subject_ratios.size() == 1);
  CHECK(r.subject_metric("shortage_fte").shape == std::vector<std::size_t>{10, 10, 2, 3});
  // vo cell (rep 3, year 2, region 1) = 200 + 10 + 2 + 150 − 2 × 5.3 in alt; engels has 0.2 of it.
  CHECK(r.subject_metric("shortage_fte")({3, 2, 1, 1}) == Approx(0.2 * (362 - 10.6)));
  CHECK(r.subject_metric("hires")({0, 0, 0, 2}) == 7.0);
  CHECK(r.subject_index("overig") == 2);
  CHECK_THROWS_AS(r.subject_index("latijn"), InputError);

  // Only the subject metrics asked for; none; a missing one is bad input naming the file.
  CHECK(
      load_scenario(path, "base", {"shortage_fte"}, {}, std::vector<std::string>{}).subject_metrics.empty());
  const auto one = load_scenario(path, "base", {"shortage_fte"}, {}, std::vector<std::string>{"exits"});
  CHECK(one.subject_metrics.size() == 1);
  CHECK(one.subjects == kSubjects);
  CHECK_THROWS_WITH(load_scenario(path, "base", {}, {}, std::vector<std::string>{"nope"}),
                    Catch::Contains("fixture.h5") && Catch::Contains("no subject metric nope"));
}

TEST_CASE("national subject ratios are ratios of sums over regions, never means of cells",
          "[analysis][results][subjects]") {
  TempDir dir;
  const ScenarioResults r = load_scenario(fixture(dir), "base", {"shortage_fte"});
  const auto rate = national_by_subject(r, "shortage_rate");  // from the file's numerator / denominator
  const auto direct = national_subject_ratio(r, "shortage_fte", "demand_fte");
  const auto fte = national_by_subject(r, "shortage_fte");
  for (std::size_t x = 0; x < 3; ++x) {
    // Replication 2, year index 4: vo shortage Σ over regions 410 + 2·4 + 100·2; vo demand 2000 + 2100.
    const double shortage = kShortageShare[x] * (410 + 8 + 200);
    CHECK(fte[2][4][x] == Approx(shortage));
    CHECK(rate[2][4][x] == Approx(shortage / (kDemandShare[x] * 4100)));
    CHECK(direct[2][4][x] == Approx(rate[2][4][x]));
    // The mean of the two regions' cell rates is another number.
    const double cells =
        0.5 * kShortageShare[x] * ((200 + 4 + 100) / 2000.0 + (210 + 4 + 100) / 2100.0) / kDemandShare[x];
    CHECK(rate[2][4][x] != Approx(cells));
  }
}

TEST_CASE("a file whose subject tables disagree with its axes is refused: InputError, exit 2, naming them",
          "[analysis][results][subjects]") {
  TempDir dir;
  const auto good = fixture(dir);
  const std::vector<std::pair<std::string, std::string>> damages{
      {"del f['alt/subject_metrics/hires']; f['alt/subject_metrics/hires'] = numpy.zeros((10, 10, 2, 4))",
       "alt/subject_metrics/hires has shape [10, 10, 2, 4], expected [10, 10, 2, 3] (replications × years × "
       "regions × subjects)"},
      {"del f['alt/subject_metrics/exits']; f['alt/subject_metrics/exits'] = numpy.zeros((9, 10, 2, 3))",
       "alt/subject_metrics/exits has shape [9, 10, 2, 3]"},
      {"del f['alt/subject_metrics/teachers']; f['alt/subject_metrics/teachers'] = numpy.zeros((10, 10, 2))",
       "alt/subject_metrics/teachers has shape [10, 10, 2]"},
      {"del f['alt/subjects']", "missing dataset /alt/subjects"},
      {"del f['alt/subjects']; f['alt/subjects'] = numpy.array([b'wiskunde', b'engels', b'wiskunde'])",
       "/alt/subjects names one entry twice"},
      {"del f['alt/subject_metrics']", "missing group /alt/subject_metrics"},
      {"f['alt/subject_metrics/shortage_fte'][0, 0, 0, 0] += 1",
       "/alt/subject_metrics/shortage_fte summed over subjects is"},
  };
  int i = 0;
  for (const auto& [code, words] : damages) {
    INFO(code);
    const std::string bad = dir / fmt::format("bad{}.h5", i++);
    fs::copy_file(good, bad);
    damage(bad, code);
    try {
      load_scenario(bad, "alt", headline_metrics(), {},
                    std::vector<std::string>{"shortage_fte", "demand_fte"});
      FAIL("a damaged file was accepted");
    } catch (const InputError& e) {
      CHECK_THAT(e.what(), Catch::Contains(words) && Catch::Contains(bad));
    }
    const std::string html = dir / fmt::format("bad{}.html", i);
    const auto r = tlm::test::run(fmt::format("'{}' report '{}' -o '{}'", TLM_BINARY, bad, html));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(words) != std::string::npos);
    CHECK_FALSE(fs::exists(html));
  }
}

TEST_CASE("a results file of format version 2 is refused, naming both versions",
          "[analysis][results][subjects]") {
  TempDir dir;
  const auto path = fixture(dir, "--format-version 2");
  CHECK_THROWS_WITH(read_file_info(path),
                    Catch::Contains("results format version 2, but this tlm reads format version 3") &&
                        Catch::Contains("fixture.h5"));
  CHECK_THROWS_AS(load_scenario(path, "base"), InputError);
  const auto r = tlm::test::run(fmt::format("'{}' report '{}' -o '{}'", TLM_BINARY, path, dir / "r.html"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("results format version 2, but this tlm reads format version 3") != std::string::npos);
}

TEST_CASE("the headlines give the national vo shortage per subject, FTE and rate, as computed by hand",
          "[analysis][headlines][subjects]") {
  TempDir dir;
  const auto path = fixture(dir);
  const ScenarioResults r =
      load_scenario(path, "alt", headline_metrics(), optional_headline_metrics(), headline_subject_metrics());
  const auto ind = indicators(r, {2025, 2030, 2034});
  std::vector<const Indicator*> per_subject;
  for (const auto& i : ind)
    if (!i.subject.empty()) per_subject.push_back(&i);
  REQUIRE(per_subject.size() == 3 * 3 * 2);
  // Subjects in file order, each with its years, FTE then rate; after every other indicator.
  CHECK(per_subject.front()->subject == "wiskunde");
  CHECK(per_subject.back()->subject == "overig");
  CHECK(&ind.back() == per_subject.back());
  for (const auto* i : per_subject) {
    const std::size_t x = r.subject_index(i->subject);
    const int y = *i->year - 2025;
    CHECK(i->sector == "vo");
    REQUIRE(i->values.size() == 10);
    for (std::size_t rep = 0; rep < 10; ++rep) {
      // Σ over regions of the alt vo shortage: 410 + 2y + 100 rep − 4 (5 + 0.1 rep), times the share.
      const double rp = static_cast<double>(rep);
      const double fte = kShortageShare[x] * (410 + 2 * y + 100 * rp - 4 * (5 + 0.1 * rp));
      if (i->metric == "shortage_fte") {
        CHECK(i->unit == "FTE");
        CHECK(i->values[rep] == Approx(fte).epsilon(1e-12));
      } else {
        CHECK(i->metric == "shortage_rate");
        CHECK(i->unit == "share");
        CHECK(i->values[rep] == Approx(fte / (kDemandShare[x] * 4100)).epsilon(1e-12));
      }
    }
  }
  CHECK(indicator_label(*per_subject[1]) == "Shortage rate vo wiskunde 2025");

  // The terminal table: subject × year, FTE and rate, subjects in file order.
  std::ostringstream out;
  print_headlines(out, path);
  const std::string s = out.str();
  CHECK(count(s, "vo shortage by subject, FTE") == 3);
  CHECK(count(s, "vo shortage rate by subject") == 3);
  const auto table = s.find("vo shortage by subject");
  CHECK(s.find("wiskunde", table) < s.find("engels", table));
  CHECK(s.find("engels", table) < s.find("overig", table));
  // base, wiskunde, 2025: 0.5 × (410 + 100 rep), mean over rep 0..9: 430; rate 430 / 820 = 52.4%.
  CHECK(s.find("430 [") != std::string::npos);
  CHECK(s.find("52.4% [") != std::string::npos);
}

TEST_CASE("with the one subject 'all' there are no per-subject headlines, tables or effects",
          "[analysis][headlines][subjects]") {
  TempDir dir;
  const auto path = fixture(dir, "--subjects all");
  const ScenarioResults r = load_scenario(path, "base", headline_metrics(), optional_headline_metrics(),
                                          headline_subject_metrics());
  CHECK(r.subjects == std::vector<std::string>{"all"});
  CHECK_FALSE(has_subject_headlines(r));
  for (const auto& i : indicators(r, {2030})) CHECK(i.subject.empty());
  std::ostringstream out;
  print_headlines(out, path);
  CHECK(out.str().find("by subject") == std::string::npos);
  for (const auto& e : file_effects(path, {})) CHECK(e.subject.empty());
  CHECK(report_html(path, {}).find("id=\"subjects\"") == std::string::npos);
}

TEST_CASE("compare gives the paired effect on the vo shortage per subject in the last year",
          "[analysis][effects][subjects]") {
  TempDir dir;
  const auto path = fixture(dir);
  const auto eff = file_effects(path, {2030, 2034});
  std::size_t subject_rows = 0;
  for (const auto& e : eff)
    if (!e.subject.empty()) {
      ++subject_rows;
      CHECK(e.year == 2034);  // the last year only
    }
  CHECK(subject_rows == 2 * 3 * 2);  // alt and base#2 × 3 subjects × FTE and rate
  const double sd_rep = std::sqrt(55.0 / 6.0);
  for (std::size_t x = 0; x < 3; ++x) {
    // Per replication alt − base = −4 share (5 + 0.1 rep); mean −4 share 5.45.
    const Effect& f = effect(eff, "alt", "shortage_fte", "vo", "", "", 2034, kSubjects[x]);
    const double k = 4 * kShortageShare[x];
    CHECK(f.n == 10);
    CHECK(f.mean == Approx(-k * 5.45));
    const double half = 2.2621571627409915 * k * 0.1 * sd_rep / std::sqrt(10.0);
    CHECK(f.lo == Approx(-k * 5.45 - half));
    CHECK(f.hi == Approx(-k * 5.45 + half));
    CHECK(f.p_better == 1.0);
    CHECK(f.base_mean == Approx(kShortageShare[x] * (410 + 18 + 450)));
    const Effect& r = effect(eff, "alt", "shortage_rate", "vo", "", "", 2034, kSubjects[x]);
    CHECK(r.unit == "share");
    CHECK(r.mean == Approx(-k * 5.45 / (kDemandShare[x] * 4100)));
    CHECK(effect(eff, "base#2", "shortage_fte", "vo", "", "", 2034, kSubjects[x]).mean == 0.0);
  }

  std::ostringstream out;
  CHECK(compare_results(path, {2030, 2034}, dir / "cmp", out) == 0);
  CHECK(out.str().find("Total shortage vo wiskunde 2034") != std::string::npos);
  CHECK(out.str().find("Shortage rate vo overig 2034") != std::string::npos);
  CHECK(out.str().find("wiskunde 2030") == std::string::npos);
  const auto rows = nlohmann::json::parse(slurp(dir / "cmp/effects.json"))["effects"];
  std::size_t json_subject_rows = 0;
  for (const auto& row : rows) {
    REQUIRE(row.contains("subject"));
    if (row["subject"].is_null()) continue;
    ++json_subject_rows;
    if (row["scenario"] == "alt" && row["metric"] == "shortage_fte" && row["subject"] == "engels")
      CHECK(row["mean"].get<double>() == Approx(-0.8 * 5.45));
  }
  CHECK(json_subject_rows == 12);
  const std::string csv = slurp(dir / "cmp/effects.csv");
  CHECK(csv.find("\"alt\",shortage_rate,vo,,,\"engels\",2034,share,10,") != std::string::npos);
  CHECK(csv.find("\"alt\",shortage_fte,vo,,,,2034,FTE,10,") != std::string::npos);  // no subject: empty

  const std::string html = slurp(dir / "cmp/report.html");
  CHECK(html.find("id=\"subjects\"") != std::string::npos);
  CHECK(count(html, "<table class=\"subjects\">") == 3);         // one per scenario
  CHECK(count(html, "<table class=\"subject-effects\">") == 2);  // one per alternative
  CHECK(html.find("alt compared with base, 2034") != std::string::npos);
  CHECK(html.find("Total shortage vo engels 2034") != std::string::npos);  // in the table of all effects
  const auto sub = html.find("<table class=\"subjects\">");
  CHECK(html.find("wiskunde", sub) < html.find("engels", sub));
  // The subjects add one forest plot per alternative: the effect on each subject's shortage rate.
  CHECK(count(html, "class=\"chart forest-plot\"") == 3 + 2);
  CHECK(html.find("alt: shortage rate by vo subject, 2034") != std::string::npos);
}

TEST_CASE("below world.scale 0.5 the subject tables warn that thin markets exaggerate their shortages",
          "[analysis][headlines][subjects]") {
  TempDir dir;
  const auto path = fixture(dir, "--scenarios base");
  damage(path,
         "g = f['base']; g.attrs['scenario'] = g.attrs['scenario'] + '\\\\n[world]\\\\nscale = 0.05\\\\n'");
  REQUIRE(world_scale(load_scenario(path, "base", {"shortage_fte"}, {}, std::vector<std::string>{})) == 0.05);
  std::ostringstream out;
  print_headlines(out, path);
  CHECK(out.str().find("world.scale 0.05: below about 0.5 the subject markets are thin") !=
        std::string::npos);
  CHECK(report_html(path, {}).find("base runs at world.scale 0.05: below about 0.5") != std::string::npos);
  TempDir full;
  std::ostringstream full_out;
  print_headlines(full_out, fixture(full, "--scenarios base"));
  CHECK(full_out.str().find("thin") == std::string::npos);
}

namespace {

// CIE L*a*b* (D65) of "#RRGGBB", and the WCAG relative luminance.
struct Lab {
  double l, a, b;
};
double linear(int c) {
  const double v = c / 255.0;
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
std::array<double, 3> linear_rgb(const std::string& hex) {
  return {linear(std::stoi(hex.substr(1, 2), nullptr, 16)), linear(std::stoi(hex.substr(3, 2), nullptr, 16)),
          linear(std::stoi(hex.substr(5, 2), nullptr, 16))};
}
double luminance(const std::string& hex) {
  const auto c = linear_rgb(hex);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
Lab lab(const std::string& hex) {
  const auto c = linear_rgb(hex);
  const double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
  const double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  const double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
  auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}
double delta_e(const std::string& p, const std::string& q) {
  const Lab a = lab(p), b = lab(q);
  return std::hypot(a.l - b.l, a.a - b.a, a.b - b.b);
}

}  // namespace

TEST_CASE("the palette: 12 alternatives and the base all distinct, none like the base, none faint on white",
          "[analysis][report][palette]") {
  const auto& p = svg::palette();
  REQUIRE(p.size() >= 13);
  for (std::size_t i = 0; i < p.size(); ++i) {
    INFO(p[i]);
    CHECK(1.05 / (luminance(p[i]) + 0.05) >= 3.0);  // contrast with white: no faint yellow
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      INFO(p[j]);
      CHECK(delta_e(p[i], p[j]) >= (i == 0 ? 30.0 : 20.0));
    }
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < 13; ++i) seen.insert(svg::scenario_colour(i));
  CHECK(seen.size() == 13);
  CHECK(svg::scenario_colour(0) == p.front());
  for (std::size_t i = 1; i < 100; ++i) CHECK(svg::scenario_colour(i) != p.front());
}
