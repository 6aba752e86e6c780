// The files of `tlm sensitivity` (analysis/sensitivity_report.hpp) from reports built by hand: the CSV's
// exact header and rows, the JSON's fields, the HTML's charts and escaping, and the ranking sentences, above
// all when replication noise is too large to rank or a parameter is within it.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/format.hpp"
#include "analysis/results.hpp"
#include "analysis/sensitivity_report.hpp"
#include "tests/html_checks.hpp"
#include "tests/process.hpp"

using tlm::analysis::ranking_sentence;
using tlm::analysis::SensitivityOutputResult;
using tlm::analysis::SensitivityParameter;
using tlm::analysis::SensitivityReport;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SensitivityReport report(const std::string& method, const std::vector<std::string>& keys) {
  SensitivityReport r;
  r.method = method;
  r.study_file = "studies/po.toml";
  r.study_text = "method = \"" + method + "\"\n# a </pre><script>alert(1)</script> comment\n";
  r.scenario = "nl-baseline";
  r.tlm_version = "0.9.0";
  r.created = "2025-01-01T00:00:00Z";
  r.command = "tlm sensitivity studies/po.toml -o out";
  r.samples = method == "sobol" ? 256 : method == "morris" ? 20 : 1;
  r.levels = method == "morris" ? 4 : 0;
  r.replications = 5;
  r.seed = 42;
  r.design_seed = 18446744073709551615ULL;  // the largest seed survives JSON
  r.seconds = 125;
  for (std::size_t i = 0; i < keys.size(); ++i)
    r.parameters.push_back(
        {keys[i], 0.1 * static_cast<double>(i + 1), static_cast<double>(i + 2), i % 2 == 1});
  const std::size_t k = keys.size();
  r.points = method == "sobol"    ? 256 * static_cast<int>(k + 2)
             : method == "morris" ? 20 * static_cast<int>(k + 1)
                                  : static_cast<int>(2 * k + 1);
  return r;
}

SensitivityOutputResult output(const std::string& name, const std::string& description, double variance,
                               double noise_variance) {
  SensitivityOutputResult o;
  o.name = name;
  o.description = description;
  o.unit = "FTE";
  o.mean = 5000;
  o.variance = variance;
  o.noise_variance = noise_variance;
  return o;
}

// A Sobol output with the given total indices; ST_lo is ST − 0.05 (so an ST up to 0.07 is within noise), S1
// is 0.8 ST.
SensitivityOutputResult sobol_output(const std::string& name, const std::string& description,
                                     const std::vector<double>& st, double noise_share) {
  SensitivityOutputResult o = output(name, description, 1000, 1000 * noise_share);
  for (double v : st) {
    o.st.push_back(v), o.st_lo.push_back(v - 0.05), o.st_hi.push_back(v + 0.05);
    o.s1.push_back(0.8 * v), o.s1_lo.push_back(0.8 * v - 0.05), o.s1_hi.push_back(0.8 * v + 0.05);
  }
  return o;
}

SensitivityOutputResult morris_output(const std::string& name, const std::string& description,
                                      const std::vector<double>& mu_star, double variance,
                                      double noise_variance) {
  SensitivityOutputResult o = output(name, description, variance, noise_variance);
  for (double v : mu_star) o.mu_star.push_back(v), o.mu.push_back(-v / 2), o.sigma.push_back(v / 4);
  return o;
}

SensitivityOutputResult oat_output(const std::string& name, const std::string& description,
                                   const std::vector<double>& low, const std::vector<double>& high,
                                   double variance, double noise_variance) {
  SensitivityOutputResult o = output(name, description, variance, noise_variance);
  o.oat_base = 5000;
  o.oat_low = low;
  o.oat_high = high;
  return o;
}

const std::vector<std::string> kEight{
    "teachers.so_trained_effect", "reserve.return", "zij.inflow", "p4", "p5", "p6", "p7", "p8"};

// The text of one <svg> element, from its id to its end.
std::string svg_of(const std::string& html, const std::string& id) {
  const auto at = html.find("<svg id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</svg>", at) - at);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The row labels of a bar chart, top to bottom.
std::vector<std::string> row_labels(const std::string& svg) {
  std::vector<std::string> out;
  const std::string open = "class=\"row-label\"";
  for (auto at = svg.find(open); at != std::string::npos; at = svg.find(open, at + 1)) {
    const auto b = svg.find('>', at) + 1;
    out.push_back(svg.substr(b, svg.find('<', b) - b));
  }
  return out;
}

}  // namespace

TEST_CASE("sensitivity: the ranking sentence of Sobol indices", "[sensitivity][report]") {
  SensitivityReport r = report("sobol", kEight);
  const auto o = sobol_output("shortage_fte po 2035", "Total shortage in po in 2035",
                              {0.62, 0.21, 0.08, 0.01, 0.015, 0.0, 0.02, 0.005}, 0.01);
  CHECK(
      ranking_sentence(r, o) ==
      "Total shortage in po in 2035 depends most on teachers.so_trained_effect (ST 0.62), then "
      "reserve.return "
      "(0.21) and zij.inflow (0.08); the other 5 parameters (p7, p5, p4, p8 and p6) are not distinguishable "
      "from noise.");

  // The order is that of ST, not of the parameters; one parameter within noise is named alone.
  auto o2 = sobol_output("x", "Retention after 5 years", {0.1, 0.3, 0.5, 0.2, 0.11, 0.12, 0.13, 0.0}, 0.0);
  CHECK(
      ranking_sentence(r, o2) ==
      "Retention after 5 years depends most on zij.inflow (ST 0.50), then reserve.return (0.30), p4 (0.20), "
      "p7 "
      "(0.13), p6 (0.12) and 2 others above the noise with at most 0.11 each; p8 is not distinguishable from "
      "noise.");

  // An ST above the 0.02 floor but below the noise share is within noise: noise shows in every ST.
  auto o3 = sobol_output("x", "Total shortage in po in 2035", {0.6, 0.18, 0.14, 0, 0, 0, 0, 0}, 0.15);
  o3.st_lo[1] = 0.1;
  o3.st_lo[2] = 0.1;
  CHECK(ranking_sentence(r, o3) ==
        "Total shortage in po in 2035 depends most on teachers.so_trained_effect (ST 0.60), then "
        "reserve.return "
        "(0.18); the other 6 parameters (zij.inflow, p4, p5, p6, p7 and p8) are not distinguishable from "
        "noise.");

  // Noise above a quarter of the variance: say so before any ranking, and name only what is clearly above.
  const auto noisy = sobol_output("x", "Total shortage in po in 2035", {0.62, 0.3, 0.08, 0, 0, 0, 0, 0}, 0.4);
  CHECK(
      ranking_sentence(r, noisy) ==
      "Replication noise is a large part of the variation of total shortage in po in 2035 (40% of its "
      "variance "
      "over the points): more replications are needed before ranking its parameters. Clearly above the noise "
      "so far: teachers.so_trained_effect (ST 0.62).");
  const auto all_noise = sobol_output("x", "Total shortage in po in 2035", {0.3, 0.3, 0, 0, 0, 0, 0, 0}, 0.5);
  CHECK(ranking_sentence(r, all_noise) ==
        "Replication noise is a large part of the variation of total shortage in po in 2035 (50% of its "
        "variance "
        "over the points): more replications are needed before ranking its parameters.");

  // Nothing above noise; an acronym keeps its capitals mid-sentence.
  SensitivityReport r2 = report("sobol", {"a", "b"});
  const auto flat = sobol_output("x", "PO shortage", {0.03, 0.01}, 0.05);
  CHECK(ranking_sentence(r2, flat) ==
        "No parameter moves PO shortage clearly more than replication noise over the ranges given: a and b "
        "are not "
        "distinguishable from noise.");
  // An output that does not vary.
  auto constant = sobol_output("x", "the cost", {kNaN, kNaN}, 0);
  constant.variance = 0;
  CHECK(ranking_sentence(r2, constant) ==
        "The cost is the same at every point: no parameter moves it over the ranges given.");
  // Indices that do not match the parameters are the caller's error.
  CHECK_THROWS_AS(ranking_sentence(r2, sobol_output("x", "y", {0.5}, 0)), std::invalid_argument);
  SensitivityReport bad = r2;
  bad.method = "fast";
  CHECK_THROWS_AS(ranking_sentence(bad, flat), std::invalid_argument);
}

TEST_CASE("sensitivity: the ranking sentences of Morris and one-at-a-time effects", "[sensitivity][report]") {
  // Morris, 4 levels: Δ = 2/3; noise variance 50: an elementary effect's noise sd is sqrt(100) / Δ = 15, and
  // μ* up to twice that (30 FTE) is within noise.
  SensitivityReport m = report("morris", {"a.x", "b.y", "c.z"});
  const auto mo = morris_output("n", "Total shortage in po in 2035", {29.9, 120, 31}, 10000, 50);
  CHECK(ranking_sentence(m, mo) ==
        "Total shortage in po in 2035 depends most on b.y (μ* 120 FTE), then c.z (31.0 FTE); a.x is not "
        "distinguishable from noise.");
  // The same with a noise share of 30%: more replications first.
  const auto mo_noisy = morris_output("n", "Total shortage in po in 2035", {29.9, 120, 31}, 50.0 / 0.3, 50);
  CHECK(
      ranking_sentence(m, mo_noisy) ==
      "Replication noise is a large part of the variation of total shortage in po in 2035 (30% of its "
      "variance "
      "over the points): more replications are needed before ranking its parameters. Clearly above the noise "
      "so far: b.y (μ* 120 FTE) and c.z (31.0 FTE).");

  // One at a time: the swing |high − low|; noise variance 50 gives 2·sqrt(100) = 20 FTE as noise.
  SensitivityReport t = report("oat", {"c.small", "a.large", "b.middle"});
  const auto to = oat_output("n", "Total shortage in po in 2035", {5, -100, 30}, {15, 50, -5}, 10000, 50);
  CHECK(ranking_sentence(t, to) ==
        "Total shortage in po in 2035 depends most on a.large (swing 150 FTE), then b.middle (35.0 FTE); "
        "c.small is "
        "not distinguishable from noise.");
  // A share: in percentage points.
  auto share = oat_output("n", "The shortage rate of po in 2035", {-0.01, 0.0}, {0.02, 0.0001}, 0.001, 1e-8);
  share.unit = "share";
  SensitivityReport t2 = report("oat", {"a", "b"});
  CHECK(ranking_sentence(t2, share) ==
        "The shortage rate of po in 2035 depends most on a (swing 3.00 pp); b is not distinguishable from "
        "noise.");
  // Without any noise every non-zero swing counts; a single parameter "depends on".
  SensitivityReport one = report("oat", {"a"});
  CHECK(ranking_sentence(one, oat_output("n", "Cost", {-1}, {1}, 1, 0)) ==
        "Cost depends on a (swing 2.00 FTE).");
}

TEST_CASE("sensitivity: indices.csv has the method's header and a round-trip row per output and parameter",
          "[sensitivity][report]") {
  tlm::test::TempDir dir;
  SensitivityReport r = report("sobol", {"teachers.so_trained_effect", "reserve.return"});
  auto o = sobol_output("shortage_fte po 2035", "Total shortage", {1.0 / 3, 0.1}, 0.125);
  o.s1_lo[1] = kNaN;  // not estimated: an empty field
  r.outputs.push_back(o);
  r.outputs.push_back(sobol_output("groenpluk-ban − nl-baseline: a, \"b\"", "Effect", {0.5, 0.25}, 0.0));
  const std::string path = dir / "indices.csv";
  tlm::analysis::write_sensitivity_csv(r, path);
  CHECK(
      tlm::test::read_file(path) ==
      "output,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,noise_share\n"
      "\"shortage_fte po 2035\",\"teachers.so_trained_effect\",0.26666666666666666,0.21666666666666667,"
      "0.31666666666666665,0.3333333333333333,0.2833333333333333,0.3833333333333333,0.125\n"
      "\"shortage_fte po "
      "2035\",\"reserve.return\",0.08000000000000002,,0.13,0.1,0.05,0.15000000000000002,0.125\n"
      "\"groenpluk-ban − nl-baseline: a, \"\"b\"\"\",\"teachers.so_trained_effect\",0.4,0.35000000000000003,"
      "0.45,0.5,0.45,0.55,0\n"
      "\"groenpluk-ban − nl-baseline: a, \"\"b\"\"\",\"reserve.return\",0.2,0.15000000000000002,"
      "0.25,0.25,0.2,0.3,0\n");
  // The text round-trips: the value read back is the value written.
  CHECK(std::stod("0.3333333333333333") == 1.0 / 3);
  CHECK(std::stod("0.26666666666666666") == 0.8 * (1.0 / 3));

  SensitivityReport m = report("morris", {"a"});
  m.outputs.push_back(morris_output("n", "d", {12.5}, 100, 1));
  tlm::analysis::write_sensitivity_csv(m, path);
  CHECK(tlm::test::read_file(path) ==
        "output,parameter,mu_star,mu,sigma,noise_share\n\"n\",\"a\",12.5,-6.25,3.125,0.01\n");

  SensitivityReport t = report("oat", {"a", "b"});
  t.outputs.push_back(oat_output("n", "d", {-100, 3}, {50, 1}, 400, 100));
  tlm::analysis::write_sensitivity_csv(t, path);
  CHECK(
      tlm::test::read_file(path) ==
      "output,parameter,low,high,swing,noise_share\n\"n\",\"a\",-100,50,150,0.25\n\"n\",\"b\",3,1,2,0.25\n");
  // Only the file is left: no temporary beside it.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("sensitivity: indices.json holds the whole report", "[sensitivity][report]") {
  tlm::test::TempDir dir;
  SensitivityReport r = report("sobol", {"teachers.so_trained_effect", "reserve.return"});
  r.alternatives = {"groenpluk-ban"};
  auto o = sobol_output("shortage_fte po 2035", "Total shortage in po in 2035", {0.62, 0.01}, 0.1);
  o.s1_hi[0] = kNaN;
  r.outputs.push_back(o);
  auto e = sobol_output("groenpluk-ban − nl-baseline: shortage_fte po 2035", "Effect of groenpluk-ban",
                        {0.3, 0.2}, 0.0);
  e.effect = true;
  e.alternative = "groenpluk-ban";
  r.outputs.push_back(e);
  const std::string path = dir / "indices.json";
  tlm::analysis::write_sensitivity_json(r, path);
  const auto j = nlohmann::json::parse(tlm::test::read_file(path));
  CHECK(j["method"] == "sobol");
  CHECK(j["study_file"] == r.study_file);
  CHECK(j["study_text"] == r.study_text);
  CHECK(j["scenario"] == "nl-baseline");
  CHECK(j["alternatives"] == nlohmann::json::array({"groenpluk-ban"}));
  CHECK(j["samples"] == 256);
  CHECK(j["replications"] == 5);
  CHECK(j["points"] == 1024);
  CHECK(j["seed"] == 42);
  CHECK(j["design_seed"].get<std::uint64_t>() == 18446744073709551615ULL);
  CHECK(j["seconds"] == 125.0);
  REQUIRE(j["parameters"].size() == 2);
  CHECK(j["parameters"][0]["key"] == "teachers.so_trained_effect");
  CHECK(j["parameters"][0]["low"] == 0.1);
  CHECK(j["parameters"][0]["high"] == 2.0);
  CHECK(j["parameters"][0]["scale"] == "linear");
  CHECK(j["parameters"][1]["scale"] == "log");
  REQUIRE(j["outputs"].size() == 2);
  const auto& o0 = j["outputs"][0];
  CHECK(o0["name"] == "shortage_fte po 2035");
  CHECK(o0["description"] == "Total shortage in po in 2035");
  CHECK(o0["unit"] == "FTE");
  CHECK(o0["effect"] == false);
  CHECK(o0["alternative"].is_null());
  CHECK(o0["variance"] == 1000.0);
  CHECK(o0["noise_variance"] == 100.0);
  CHECK(o0["noise_share"] == 0.1);
  CHECK(o0["ranking"] == ranking_sentence(r, o));
  REQUIRE(o0["indices"].size() == 2);
  CHECK(o0["indices"][0]["parameter"] == "teachers.so_trained_effect");
  CHECK(o0["indices"][0]["ST"] == 0.62);
  CHECK(o0["indices"][0]["ST_lo"] == o.st_lo[0]);
  CHECK(o0["indices"][0]["S1"] == o.s1[0]);
  CHECK(o0["indices"][0]["S1_hi"].is_null());  // NaN
  CHECK(o0["indices"][0]["within_noise"] == false);
  CHECK(o0["indices"][1]["within_noise"] == true);
  CHECK(j["outputs"][1]["effect"] == true);
  CHECK(j["outputs"][1]["alternative"] == "groenpluk-ban");

  SensitivityReport t = report("oat", {"a"});
  t.outputs.push_back(oat_output("n", "d", {-100}, {50}, 400, 100));
  tlm::analysis::write_sensitivity_json(t, path);
  const auto jt = nlohmann::json::parse(tlm::test::read_file(path));
  CHECK(jt["outputs"][0]["base"] == 5000.0);
  CHECK(jt["outputs"][0]["indices"][0]["low"] == -100.0);
  CHECK(jt["outputs"][0]["indices"][0]["high"] == 50.0);
  CHECK(jt["outputs"][0]["indices"][0]["swing"] == 150.0);

  SensitivityReport m = report("morris", {"a"});
  m.outputs.push_back(morris_output("n", "d", {12.5}, 100, 1));
  tlm::analysis::write_sensitivity_json(m, path);
  const auto jm = nlohmann::json::parse(tlm::test::read_file(path));
  CHECK(jm["levels"] == 4);
  CHECK(jm["outputs"][0]["indices"][0]["mu_star"] == 12.5);
  CHECK(jm["outputs"][0]["indices"][0]["mu"] == -6.25);
  CHECK(jm["outputs"][0]["indices"][0]["sigma"] == 3.125);
}

TEST_CASE("sensitivity: report.html has a tornado chart per output, widest swing on top",
          "[sensitivity][report]") {
  tlm::test::TempDir dir;
  SensitivityReport r = report("oat", {"c.small", "a<large>", "b.middle"});
  r.outputs.push_back(oat_output("shortage_fte po 2035", "Total shortage in po & vo", {5, -100, 30},
                                 {15, 50, -5}, 10000, 50));
  r.outputs.push_back(
      oat_output("shortage_fte vo 2035", "Total shortage in vo", {-1, 0, -400}, {1, 0, 300}, 10000, 50));
  const std::string path = dir / "report.html";
  tlm::analysis::write_sensitivity_html(r, path);
  const std::string html = tlm::test::read_file(path);
  CHECK(html.find("<!DOCTYPE html>") == 0);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(count(html, "class=\"chart sens-tornado\"") == 2);
  CHECK(count(html, "data-labels=\"above\">") == 2);  // the row labels above the bars (docs/report.md)
  CHECK(tlm::test::unboxed_tables(html) == 0);
  CHECK(tlm::test::off_palette_colours(html).empty());
  CHECK(row_labels(svg_of(html, "tornado-0")) ==
        std::vector<std::string>{"a&lt;large&gt;", "b.middle", "c.small"});
  CHECK(row_labels(svg_of(html, "tornado-1")) ==
        std::vector<std::string>{"b.middle", "c.small", "a&lt;large&gt;"});
  // Two colours with a legend, and the base value as a reference line.
  const std::string t0 = svg_of(html, "tornado-0");
  CHECK(t0.find("parameter at its low end") != std::string::npos);
  CHECK(t0.find("parameter at its high end") != std::string::npos);
  CHECK(count(t0, "class=\"bar\"") == 6);
  CHECK(t0.find("class=\"zero reference\"") != std::string::npos);
  // Names are escaped everywhere; the study file's text too.
  CHECK(html.find("a<large>") == std::string::npos);
  CHECK(html.find("Total shortage in po &amp; vo") != std::string::npos);
  CHECK(html.find("</pre><script>") == std::string::npos);
  CHECK(html.find("# a &lt;/pre&gt;&lt;script&gt;") != std::string::npos);
  // The ranking sentence under the chart, the parameter table, how to read it.
  CHECK(html.find(tlm::analysis::html_escape(ranking_sentence(r, r.outputs[0]))) != std::string::npos);
  CHECK(html.find("<table class=\"parameters\">") != std::string::npos);
  CHECK(html.find("<h2>How to read this</h2>") != std::string::npos);
  CHECK(html.find("one at a time") != std::string::npos);
  CHECK(html.find("not probabilities") != std::string::npos);
  CHECK(html.find("<details><summary>The study file</summary>") != std::string::npos);
}

TEST_CASE("sensitivity: report.html shows Sobol indices with intervals, sorted by ST",
          "[sensitivity][report]") {
  tlm::test::TempDir dir;
  SensitivityReport r = report("sobol", kEight);
  r.outputs.push_back(sobol_output("shortage_fte po 2035", "Total shortage in po in 2035",
                                   {0.08, 0.62, 0.01, 0.21, 0, 0, 0, 0}, 0.01));
  const std::string path = dir / "report.html";
  tlm::analysis::write_sensitivity_html(r, path);
  const std::string html = tlm::test::read_file(path);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(count(html, "class=\"chart sens-sobol\"") == 1);
  const std::string c = svg_of(html, "sobol-0");
  const auto labels = row_labels(c);
  REQUIRE(labels.size() == 8);
  CHECK(std::vector<std::string>(labels.begin(), labels.begin() + 3) ==
        std::vector<std::string>{"reserve.return", "p4", "teachers.so_trained_effect"});
  CHECK(count(c, "class=\"bar\"") == 16);      // S1 and ST for each parameter
  CHECK(count(c, "class=\"whisker\"") == 16);  // each with its interval
  CHECK(c.find("class=\"noise\"") != std::string::npos);
  CHECK(html.find("ST − S1") != std::string::npos);
  CHECK(html.find("interactions") != std::string::npos);
  CHECK(html.find("1.0%") != std::string::npos);  // the noise share
}

TEST_CASE("sensitivity: report.html shows Morris μ* and σ with numbered, explained points",
          "[sensitivity][report]") {
  tlm::test::TempDir dir;
  SensitivityReport r = report("morris", {"a.x", "b&y", "c.z"});
  r.outputs.push_back(morris_output("n1", "Total shortage", {29.9, 120, 31}, 10000, 50));
  r.outputs.push_back(morris_output("n2", "Cost", {3, 2, 1}, 10, 0));
  const std::string path = dir / "report.html";
  tlm::analysis::write_sensitivity_html(r, path);
  const std::string html = tlm::test::read_file(path);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(count(html, "class=\"chart sens-morris\"") == 2);
  CHECK(count(html, "class=\"chart sens-mustar\"") == 2);
  const std::string s = svg_of(html, "morris-0");
  CHECK(count(s, "<g class=\"point\">") == 3);
  // Numbered by μ*, the full name as the tooltip; the bars name them too.
  CHECK(s.find("<title>b&amp;y</title>") < s.find("<title>c.z</title>"));
  CHECK(s.find("<title>c.z</title>") < s.find("<title>a.x</title>"));
  CHECK(row_labels(svg_of(html, "mustar-0")) == std::vector<std::string>{"1. b&amp;y", "2. c.z", "3. a.x"});
  CHECK(row_labels(svg_of(html, "mustar-1")) == std::vector<std::string>{"1. a.x", "2. b&amp;y", "3. c.z"});
  CHECK(html.find("<tr data-parameter=\"b&amp;y\"><td class=\"num\">1</td>") != std::string::npos);
  CHECK(html.find("b&y") == std::string::npos);
  CHECK(html.find("non-linearity") != std::string::npos);
}

TEST_CASE("sensitivity: writing into a missing folder fails with the file's name and leaves nothing",
          "[sensitivity][report]") {
  tlm::test::TempDir dir;
  SensitivityReport r = report("oat", {"a"});
  r.outputs.push_back(oat_output("n", "d", {-1}, {1}, 1, 0));
  const std::string missing = dir / "missing";
  const std::string csv = missing + "/indices.csv", json = missing + "/indices.json",
                    html = missing + "/report.html";
  auto message = [](auto&& write) -> std::string {
    try {
      write();
    } catch (const tlm::analysis::InputError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(message([&] { tlm::analysis::write_sensitivity_csv(r, csv); }) ==
        csv + ": cannot write the sensitivity indices: No such file or directory");
  CHECK(message([&] { tlm::analysis::write_sensitivity_json(r, json); }) ==
        json + ": cannot write the sensitivity indices: No such file or directory");
  CHECK(message([&] { tlm::analysis::write_sensitivity_html(r, html); }) ==
        html + ": cannot write the report: No such file or directory");
  CHECK_FALSE(std::filesystem::exists(missing));
  CHECK(std::filesystem::is_empty(dir.path()));
}
