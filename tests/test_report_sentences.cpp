// The words of the report: every summary sentence says the direction, size and interval of the effect it
// comes from (issue: a report must never say "higher" for a decrease).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "analysis/effects.hpp"
#include "analysis/format.hpp"
#include "analysis/headlines.hpp"
#include "analysis/report.hpp"
#include "analysis/results.hpp"
#include "analysis/stats.hpp"
#include "tests/process.hpp"

using tlm::analysis::Better;
using tlm::analysis::Effect;
using tlm::analysis::effect_sentence;

namespace {

Effect effect(double mean, double lo, double hi, double p_better, Better better, const char* unit) {
  Effect e;
  e.mean = mean;
  e.lo = lo;
  e.hi = hi;
  e.p_better = p_better;
  e.better = better;
  e.unit = unit;
  e.n = 20;
  return e;
}

}  // namespace

TEST_CASE("report: an effect's sentence has its direction, size, interval and share of runs", "[report]") {
  // A decrease of a count: "lower", the magnitude without sign, the interval with signs.
  CHECK(effect_sentence(effect(-11.4, -12.2, -10.6, 1.0, Better::Lower, "FTE"), false, "base") ==
        "11 FTE lower than under base (95% interval −12 to −11); lower in 100% of runs");
  // An increase: "higher".
  CHECK(effect_sentence(effect(250.0, 200.0, 300.0, 0.05, Better::Lower, "FTE"), false, "base") ==
        "250 FTE higher than under base (95% interval +200 to +300); lower in 5% of runs");
  // Better is higher (retention): the share of runs counts runs where it is higher.
  CHECK(
      effect_sentence(effect(0.012, 0.010, 0.014, 0.95, Better::Higher, "share"), true, "nl-baseline") ==
      "1.2 percentage points higher than under nl-baseline (95% interval +1.0 pp to +1.4 pp); higher in 95% "
      "of runs");
  // A small decrease of a share keeps enough decimals not to read as 0.
  CHECK(
      effect_sentence(effect(-0.0004, -0.0006, -0.0002, 0.9, Better::Higher, "share"), true, "b") ==
      "0.04 percentage points lower than under b (95% interval −0.06 pp to −0.02 pp); higher in 90% of runs");
  // Identical runs.
  CHECK(effect_sentence(effect(0, 0, 0, NAN, Better::Lower, "FTE"), false, "b") ==
        "exactly the same as under b in every run");
  // The base's name is escaped.
  CHECK(effect_sentence(effect(1, 0.5, 1.5, NAN, Better::Lower, "FTE"), false, "a<b") ==
        "1.0 FTE higher than under a&lt;b (95% interval +0.5 to +1.5)");
}

// Every summary sentence of a comparison's report is the sentence of the effect it belongs to, in the section
// of that alternative, with the direction word that the effect's sign gives: on the synthetic fixture, whose
// alternative lowers the shortage in some cells and raises it in none.
TEST_CASE("report: each summary sentence of a comparison comes from its own effect", "[report][e2e]") {
  tlm::test::TempDir dir;
  const std::string h5 = dir / "fixture.h5";
  REQUIRE(tlm::test::run(fmt::format("/usr/bin/python3 '{}/analysis_fixture.py' '{}'", TLM_TEST_DIR, h5))
              .exit_code == 0);
  const std::string html = tlm::analysis::report_html(h5, {});
  const auto effects = tlm::analysis::file_effects(h5, {});
  const auto summary = html.substr(html.find("<section id=\"summary\">"));
  int checked = 0;
  const int last_year = tlm::analysis::default_years(tlm::analysis::load_scenario(h5, "base")).back();
  for (const auto& e : effects) {
    // The effects the summary states: the shortage per sector and year, FTE-years of all sectors, 5-year
    // retention per headline route, the last year's SO share, the graduation and zij completion shares.
    bool share = true;
    if (!e.subject.empty()) continue;  // per-subject effects are in the tables, not the summary
    if (e.metric == "shortage_fte" || e.metric == "shortage_fte_years") {
      if ((e.metric == "shortage_fte") == (e.sector == "all")) continue;
      share = false;
    } else if (e.metric == "so_share") {
      if (e.sector != "all" || e.year != last_year) continue;
    } else if (e.metric == "graduation_share") {
      if (e.programme != "all") continue;
    } else if (e.metric == "zij_completion_share") {
      if (e.sector != "all") continue;
    } else if (e.metric != "retention_5y") {
      continue;
    }
    INFO(e.scenario << " " << e.metric << " " << e.sector << e.route << e.programme << " "
                    << (e.year ? *e.year : 0));
    const std::string sentence = effect_sentence(e, share, e.base);
    // In the alternative's own part of the summary (between its heading and the next one).
    const auto from = summary.find("<h3>" + e.scenario + "</h3>");
    REQUIRE(from != std::string::npos);
    const auto to = summary.find("<h3>", from + 4);
    const auto at = summary.find(sentence, from);
    CHECK(at != std::string::npos);
    CHECK(at < to);
    // The direction word follows the sign of the mean, whatever effect_sentence does.
    if (e.mean < 0) CHECK(sentence.find(" lower than under ") != std::string::npos);
    if (e.mean > 0) CHECK(sentence.find(" higher than under ") != std::string::npos);
    ++checked;
  }
  CHECK(checked >= 16);
}

// The level sentences of the summary carry each scenario's own numbers: mean and 90% band of the total
// shortage per sector and year, recomputed here from the file.
TEST_CASE("report: each summary level sentence has its scenario's mean and 90% band", "[report][e2e]") {
  tlm::test::TempDir dir;
  const std::string h5 = dir / "fixture.h5";
  REQUIRE(tlm::test::run(fmt::format("/usr/bin/python3 '{}/analysis_fixture.py' '{}'", TLM_TEST_DIR, h5))
              .exit_code == 0);
  const std::string html = tlm::analysis::report_html(h5, {});
  const auto summary = html.substr(html.find("<section id=\"summary\">"));
  int checked = 0;
  for (const auto& name : tlm::analysis::list_scenarios(h5)) {
    const auto r = tlm::analysis::load_scenario(h5, name);
    const auto years = tlm::analysis::default_years(r);
    const auto from = summary.find("<h3>" + name + "</h3>");
    REQUIRE(from != std::string::npos);
    const auto to = summary.find("<h3>", from + 4);
    for (const auto& i : tlm::analysis::indicators(r, years)) {
      if (i.metric != "shortage_fte" || i.sector == "all" || !i.year || !i.subject.empty()) continue;
      const auto s = tlm::analysis::summarize(i.values);
      const std::string line = fmt::format(
          "In {} the total shortage in {} is <strong>{} FTE</strong> (90% of runs between {} and {})",
          *i.year, i.sector, tlm::analysis::thousands(s.mean), tlm::analysis::thousands(s.p05),
          tlm::analysis::thousands(s.p95));
      INFO(name << ": " << line);
      const auto at = summary.find(line, from);
      CHECK(at < to);
      ++checked;
    }
  }
  CHECK(checked >= 9);
}
