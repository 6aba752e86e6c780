// `tlm compare` and `tlm effects` end to end (issue 14): pairing claimed only when it holds, --years checked
// before anything runs, effects rebuilt from a results file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/effects.hpp"
#include "analysis/format.hpp"
#include "analysis/results.hpp"
#include "tests/html_checks.hpp"
#include "tests/process.hpp"

namespace fs = std::filesystem;
using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;
using tlm::test::tlm_binary;
using tlm::test::write_file;

using tlm::test::contains;

namespace {

// The effect rows of effects.json (an object: its metadata and `effects`).
nlohmann::json effect_rows(const std::string& path) {
  return nlohmann::json::parse(read_file(path))["effects"];
}

}  // namespace

TEST_CASE("compare: scenarios with different seeds are not paired, terminal and report say why",
          "[e2e][analysis][pairing]") {
  TempDir dir;
  write_file(dir / "seven.toml", "extends = \"tiny\"\nname = \"seven\"\nseed = 7\n");
  const auto r = run(fmt::format("cd '{}' && '{}' compare tiny seven.toml -r 4 -j 2 -o cmp",
                                 dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "NOT PAIRED"));
  CHECK(contains(r.out, "the seeds differ"));
  CHECK(!contains(r.out, "95% paired interval"));
  const auto rows = effect_rows(dir / "cmp/effects.json");
  REQUIRE(rows.size() > 10);
  for (const auto& e : rows) {
    if (e["metric"] == "cost_per_fte_year") {
      CHECK(e["paired"] == false);
      continue;
    }
    CHECK(e["paired"] == false);
    CHECK(e["interval"] == "Welch t");
    CHECK(e["n"] == 0);
    CHECK(e["p_better"].is_null());
    CHECK(contains(e["unpaired_because"].get<std::string>(), "seeds differ (20251001 and 7)"));
    if (e["mean"].is_null() || e["lo"].is_null()) continue;
    // The interval is the Welch one.
    CHECK(e["lo"] == e["lo_unpaired"]);
    CHECK(e["hi"] == e["hi_unpaired"]);
  }
  const std::string html = read_file(dir / "cmp/report.html");
  CHECK(contains(html, "Not paired"));
  CHECK(contains(html, "the seeds differ"));
  CHECK(!contains(html, "uses the same random numbers: the differences are paired"));
  CHECK(!contains(html, "differences reflect the policy, not chance"));
}

TEST_CASE("compare: different replication counts are compared unpaired, every run used",
          "[e2e][analysis][pairing]") {
  TempDir dir;
  write_file(dir / "fewer.toml", "extends = \"tiny\"\nname = \"fewer\"\nreplications = 3\n");
  const auto r = run(
      fmt::format("cd '{}' && '{}' compare tiny fewer.toml -j 2 -o cmp", dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "the replications differ (5 and 3)"));
  for (const auto& e : effect_rows(dir / "cmp/effects.json")) {
    if (e["metric"] == "cost_per_fte_year") continue;
    CHECK(e["paired"] == false);
    CHECK(e["n_base"].get<int>() <= 5);
    CHECK(e["n_alt"].get<int>() <= 3);
  }
}

TEST_CASE("compare: a policy alternative with the same seed, replications and world is paired",
          "[e2e][analysis][pairing]") {
  TempDir dir;
  write_file(dir / "ban.toml", "extends = \"tiny\"\nname = \"ban\"\n[policy.groenpluk]\nrule = \"ban\"\n");
  const auto r = run(fmt::format("cd '{}' && '{}' compare tiny ban.toml -r 4 -j 2 -o cmp",
                                 dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(!contains(r.out, "NOT PAIRED"));
  CHECK(contains(r.out, "95% paired interval"));
  for (const auto& e : effect_rows(dir / "cmp/effects.json")) {
    CHECK(e["paired"] == true);
    if (e["metric"] != "cost_per_fte_year") CHECK(e["n"] == 4);
  }
  CHECK(!contains(read_file(dir / "cmp/report.html"), "Not paired"));
}

TEST_CASE("compare: the report names results.h5 where it ends up, not in the staging folder",
          "[e2e][analysis][report]") {
  TempDir dir;
  // A new output folder (staged beside it as cmp.tmpPID), then the same folder again (staged inside it).
  for (int pass = 0; pass < 2; ++pass) {
    const auto r = run(
        fmt::format("cd '{}' && '{}' compare tiny tiny -r 2 -j 2 -o cmp", dir.path().string(), tlm_binary()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html = read_file(dir / "cmp/report.html");
    CHECK(contains(html, "File <code>cmp/results.h5</code>"));
    CHECK(!contains(html, ".tmp"));
  }
}

TEST_CASE(
    "compare: --years outside the scenarios' years, or an alternative of other years, is refused "
    "before anything runs",
    "[e2e][analysis]") {
  TempDir dir;
  // A million replications would take hours and be refused for memory: exit 2 on the years, at once,
  // shows that nothing was planned past the check.
  const auto years = run(fmt::format("cd '{}' && '{}' compare tiny tiny -r 1000000 --years 2030,2099 -o cmp",
                                     dir.path().string(), tlm_binary()));
  CHECK(years.exit_code == 2);
  CHECK(contains(years.err, "--years 2099"));
  CHECK(contains(years.err, "2025–2040"));
  CHECK(!fs::exists(dir / "cmp"));
  write_file(dir / "short.toml", "extends = \"tiny\"\nname = \"short\"\n[years]\nend = 2035\n");
  const auto horizon = run(fmt::format("cd '{}' && '{}' compare tiny short.toml -r 1000000 -o cmp",
                                       dir.path().string(), tlm_binary()));
  CHECK(horizon.exit_code == 2);
  CHECK(contains(horizon.err, "short runs 2025–2035"));
  CHECK(!fs::exists(dir / "cmp"));
}

TEST_CASE("tlm effects rebuilds effects.csv, effects.json and the table exactly as compare wrote them",
          "[e2e][analysis]") {
  TempDir dir;
  write_file(dir / "ban.toml", "extends = \"tiny\"\nname = \"ban\"\n[policy.groenpluk]\nrule = \"ban\"\n");
  const auto cmp = run(fmt::format("cd '{}' && '{}' compare tiny ban.toml -r 3 -j 2 --years 2030,2040 -o cmp",
                                   dir.path().string(), tlm_binary()));
  INFO(cmp.err);
  REQUIRE(cmp.exit_code == 0);
  const auto eff = run(fmt::format("cd '{}' && '{}' effects cmp/results.h5 --years 2030,2040 -o again",
                                   dir.path().string(), tlm_binary()));
  INFO(eff.err);
  REQUIRE(eff.exit_code == 0);
  CHECK(read_file(dir / "again/effects.csv") == read_file(dir / "cmp/effects.csv"));
  CHECK(read_file(dir / "again/effects.json") == read_file(dir / "cmp/effects.json"));
  CHECK(!fs::exists(dir / "again/report.html"));
  // The table is the same; only the line naming the files differs.
  const auto table = [](const std::string& out) { return out.substr(0, out.rfind("\nWrote ")); };
  CHECK(table(eff.out) == table(cmp.out));
  CHECK(contains(eff.out, "Wrote again/effects.csv and again/effects.json"));
  // Without -o: beside the results file.
  fs::remove(dir / "cmp/effects.csv");
  REQUIRE(run(fmt::format("cd '{}' && '{}' effects cmp/results.h5 --years 2030,2040", dir.path().string(),
                          tlm_binary()))
              .exit_code == 0);
  CHECK(read_file(dir / "cmp/effects.csv") == read_file(dir / "again/effects.csv"));
  // A file of one scenario has nothing to compare; a year not recorded is named.
  REQUIRE(run(fmt::format("'{}' run tiny -r 2 -q -o '{}'", tlm_binary(), dir / "one.h5")).exit_code == 0);
  CHECK(run(fmt::format("'{}' effects '{}' -o '{}'", tlm_binary(), dir / "one.h5", dir / "x")).exit_code ==
        2);
  const auto year = run(
      fmt::format("'{}' effects '{}' --years 2099 -o '{}'", tlm_binary(), dir / "cmp/results.h5", dir / "x"));
  CHECK(year.exit_code == 2);
  CHECK(contains(year.err, "2099"));
}

TEST_CASE("report: a run changed by --set is headed as changed, the settings show what an alternative states",
          "[e2e][analysis][report]") {
  TempDir dir;
  REQUIRE(run(fmt::format("cd '{}' && '{}' run tiny -r 2 -q --set policy.induction.base_quality=0.6 -o t.h5",
                          dir.path().string(), tlm_binary()))
              .exit_code == 0);
  REQUIRE(run(fmt::format("cd '{}' && '{}' report t.h5", dir.path().string(), tlm_binary())).exit_code == 0);
  const std::string one = read_file(dir / "t.html");
  CHECK(contains(one, "<title>tlm report: tiny (changed by --set)</title>"));
  CHECK(contains(one, "<h3>tiny (changed by --set)</h3>"));
  CHECK(contains(one, "<div class=\"changed\"><p><strong>Changed for this run.</strong>"));
  CHECK(contains(one, "<code>policy.induction.base_quality=0.6</code>"));
  // The caveats come before any number (issue 14).
  const auto caveats = one.find("<section id=\"caveats\">");
  REQUIRE(caveats != std::string::npos);
  CHECK(caveats < one.find("<section id=\"summary\">"));
  CHECK(contains(one, "The ranges cover chance only."));
  CHECK(contains(one, "2025 is a generated start world"));
  CHECK(contains(one, "What the model does not represent."));

  // so-100-2029 in small: the target 1.0 by 2029 is stated, so shown, whether or not it is the default.
  write_file(dir / "so.toml",
             "extends = \"tiny\"\nname = \"so\"\n[policy.joining]\nmode = \"target\"\nsectors = \"all\"\n"
             "target_share = 1.0\ntarget_year = 2029\n");
  const auto r = run(fmt::format("cd '{}' && '{}' compare tiny so.toml -r 2 -q -j 2 -o cmp",
                                 dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "cmp/report.html");
  // The difference from the base over time, per sector and for all, with its interval and a zero line.
  for (const char* id : {"difference-po", "difference-vo", "difference-mbo", "difference-all"})
    CHECK(contains(html, fmt::format("id=\"{}\"", id)));
  CHECK(contains(html, "Difference from tiny: total shortage, all sectors"));
  // Forest plots say which way is better.
  CHECK(contains(html, "← better · difference (FTE) · worse →"));
  CHECK(contains(html, "← worse · difference (percentage points) · better →"));
  const std::string settings = html.substr(html.find("<section id=\"settings\">"));
  CHECK(contains(settings, "<code>policy.joining.mode</code>"));
  CHECK(contains(settings, "<code>policy.joining.target_share</code>"));
  CHECK(contains(settings, "<code>policy.joining.target_year</code>"));
  CHECK(contains(settings, "<code>1.0</code>"));
  // tiny's own keys are stated by both: not listed.
  CHECK(!contains(settings, "<code>world.regions</code>"));
}

TEST_CASE("terminal: the digits of an effect follow the width of its interval", "[analysis][terminal]") {
  tlm::analysis::Effect e;
  e.base = "base";
  e.scenario = "alt";
  e.metric = "so_share";
  e.sector = "all";
  e.year = 2040;
  e.unit = "share";
  e.better = tlm::analysis::Better::Higher;
  e.n = e.n_base = e.n_alt = 10;
  e.mean = 0.00017;
  e.lo = -0.00006;
  e.hi = 0.0004;
  e.p_better = 0.6;
  e.base_mean = 0.3;
  e.alt_mean = 0.30017;
  e.lo_unpaired = -0.001;
  e.hi_unpaired = 0.0013;
  tlm::analysis::Effect f = e;
  f.metric = "shortage_fte";
  f.unit = "FTE";
  f.better = tlm::analysis::Better::Lower;
  f.mean = -420;
  f.lo = -470.4;
  f.hi = -369.6;
  f.base_mean = 7000;
  f.alt_mean = 6580;
  std::ostringstream out;
  tlm::analysis::print_effects(out, {e, f});
  INFO(out.str());
  CHECK(contains(out.str(), "+0.017 pp"));
  CHECK(contains(out.str(), "[−0.006 pp, +0.040 pp]"));
  CHECK(!contains(out.str(), "[0.0 pp, 0.0 pp]"));
  CHECK(contains(out.str(), "[−470, −370]"));
  CHECK(tlm::analysis::difference_decimals(-0.006, 0.04, 0.017, 1) == 3);
  CHECK(tlm::analysis::difference_decimals(-470, -370, -420, 0) == 0);
  CHECK(tlm::analysis::difference_decimals(0, 0, 0, 1) == 1);
}

TEST_CASE("terminal: compare keeps to 100 columns, -q prints a short summary, progress goes to a log",
          "[e2e][analysis][terminal]") {
  TempDir dir;
  write_file(dir / "ban.toml", "extends = \"tiny\"\nname = \"ban\"\n[policy.groenpluk]\nrule = \"ban\"\n");
  write_file(dir / "seven.toml", "extends = \"tiny\"\nname = \"seven\"\nseed = 7\n");
  const auto full = run(fmt::format("cd '{}' && '{}' compare tiny ban.toml seven.toml -r 3 -j 2 -o cmp",
                                    dir.path().string(), tlm_binary()));
  INFO(full.err);
  REQUIRE(full.exit_code == 0);
  std::istringstream lines(full.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    INFO(line);
    CHECK(tlm::analysis::text_columns(line) <= 100);
  }
  CHECK(n > 40);
  // stderr is a pipe here, not a terminal: plain lines, the last when the runs are done.
  CHECK(contains(full.err, "tlm: 9 replications done in "));
  const auto quiet = run(fmt::format("cd '{}' && '{}' compare tiny ban.toml seven.toml -r 3 -j 2 -q -o cmp2",
                                     dir.path().string(), tlm_binary()));
  INFO(quiet.out);
  REQUIRE(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
  CHECK(std::count(quiet.out.begin(), quiet.out.end(), '\n') <= 8);
  std::string text = quiet.out;  // the summary is wrapped: read it as one line
  std::replace(text.begin(), text.end(), '\n', ' ');
  CHECK(contains(text, "ban vs tiny: total shortage 2040"));
  CHECK(contains(text, "95% intervals, paired"));
  CHECK(contains(text, "not paired: the seeds differ"));
  CHECK(contains(quiet.out, "Wrote cmp2/effects.csv"));
}

TEST_CASE("effects.json carries its metadata, every results file names its base and the commit of tlm",
          "[e2e][analysis]") {
  TempDir dir;
  write_file(dir / "ban.toml", "extends = \"tiny\"\nname = \"ban\"\n[policy.groenpluk]\nrule = \"ban\"\n");
  const auto r =
      run(fmt::format("cd '{}' && '{}' compare tiny ban.toml -r 3 -j 2 -q --years 2030,2040 -o cmp",
                      dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(read_file(dir / "cmp/effects.json"));
  REQUIRE(j.is_object());
  CHECK(j["base"] == "tiny");
  CHECK(j["seed"] == 20251001);
  CHECK(j["replications"] == 3);
  CHECK(j["years"] == nlohmann::json({2030, 2040}));
  REQUIRE(j["scenarios"].size() == 2);
  CHECK(j["scenarios"][1]["name"] == "ban");
  CHECK(j["scenarios"][1]["replications"] == 3);
  CHECK(contains(j["tlm_version"].get<std::string>(), "(commit "));
  CHECK(j["effects"].size() > 10);
  // A plain run of two scenarios names its base too (h5py lists groups alphabetically).
  REQUIRE(run(fmt::format("cd '{}' && '{}' run tiny ban.toml -r 2 -q -o two.h5", dir.path().string(),
                          tlm_binary()))
              .exit_code == 0);
  const auto info = tlm::analysis::read_file_info(dir / "two.h5");
  CHECK(info.base_scenario == "tiny");
  CHECK(contains(info.tlm_version, "(commit "));
}
