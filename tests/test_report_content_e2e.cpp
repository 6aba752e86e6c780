// The report's content for a policymaker (issue 14): the first page answers the question per alternative,
// the regions and vo subjects show where a policy helps, and the report speaks Dutch with --lang nl.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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
using tlm::test::section;

namespace {

// tiny against tiny with high-quality induction: a policy with settings that differ, paired run by run.
const char* kInduction =
    "extends = \"tiny\"\nname = \"induction\"\n[policy.induction]\nbase_quality = 0.95\n";

// Runs `tlm compare tiny induction.toml <more> -r 4 -j 2 <options> -o cmp` in `dir` and returns report.html.
std::string compare_induction(const TempDir& dir, const std::string& more = "",
                              const std::string& options = "") {
  write_file(dir / "induction.toml", kInduction);
  const auto r = run(fmt::format("cd '{}' && '{}' compare tiny induction.toml {} -r 4 -j 2 {} -o cmp",
                                 dir.path().string(), tlm_binary(), more, options));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return read_file(dir / "cmp/report.html");
}

}  // namespace

TEST_CASE(
    "report: the first page answers per alternative in plain words and claims no effect it cannot tell "
    "from zero",
    "[e2e][analysis][report-content]") {
  TempDir dir;
  const std::string html = compare_induction(dir, "tiny");
  const std::string answer = section(html, "answer");
  REQUIRE(!answer.empty());
  // Before the detail: the answer comes before the summary and the effects.
  CHECK(html.find("<section id=\"answer\">") < html.find("<section id=\"summary\">"));
  CHECK(contains(answer, "<h2>The answer in brief</h2>"));
  // What changes, in plain words, with both values.
  CHECK(contains(answer,
                 "<strong>induction</strong> differs from tiny in the quality of induction for starting "
                 "teachers (0.95 instead of"));
  // tiny against itself: every effect is exactly zero, which the run cannot tell from zero.
  CHECK(contains(answer, "<strong>tiny#2</strong> has the same settings as tiny."));
  const auto same = answer.substr(answer.find("<strong>tiny#2</strong>"));
  CHECK(contains(same,
                 "the simulation <strong>cannot tell the policy's effect on the shortage from zero</strong>: "
                 "the difference is 0 FTE-years, with a 95% interval from 0 to 0."));
  CHECK(!contains(same, "FTE-years lower"));
  CHECK(!contains(same, "per FTE-year of shortage avoided</strong>"));
  // How sure: the kind of uncertainty the intervals hold, and that they are paired.
  CHECK(contains(answer,
                 "<em>How sure:</em> the intervals hold the simulation's chance variation only, paired "
                 "run by run over 4 runs"));
  CHECK(contains(answer, "<em>Cost:</em> over 2025–2040 the policy costs counted are"));
  // No route codes: the routes are named in words.
  for (const char* code : {"grad_so", "grad_regular", ">zij<", "groenpluk "}) CHECK(!contains(answer, code));
  // The induction alternative's shortage claim follows its interval in effects.json.
  const auto rows = nlohmann::json::parse(read_file(dir / "cmp/effects.json"))["effects"];
  bool found = false;
  for (const auto& e : rows)
    if (e["scenario"] == "induction" && e["metric"] == "shortage_fte_years" && e["sector"] == "all") {
      found = true;
      const double lo = e["lo"], hi = e["hi"];
      const auto induction = answer.substr(0, answer.find("<strong>tiny#2</strong>"));
      if (lo > 0 || hi < 0)
        CHECK(contains(induction, hi < 0 ? "FTE-years lower</strong> than under tiny (95% interval"
                                         : "FTE-years higher</strong> than under tiny (95% interval"));
      else
        CHECK(contains(induction, "cannot tell the policy's effect on the shortage from zero"));
    }
  CHECK(found);
}

TEST_CASE(
    "report: regions sorted by shortage rate with the urban ones marked, the urban–rest contrast and where "
    "a policy helps most and least",
    "[e2e][analysis][report-content]") {
  TempDir dir;
  const std::string html = compare_induction(dir);
  // The results file says which regions are urban: tiny has one urban region of two.
  const auto res = tlm::analysis::load_scenario(dir / "cmp/results.h5", "tiny", {"shortage_fte"});
  REQUIRE(res.region_urban.size() == 2);
  CHECK(res.region_urban[0] + res.region_urban[1] == 1);
  const std::string regions = section(html, "regions");
  REQUIRE(!regions.empty());
  CHECK(contains(regions, "<h2>Regions</h2>"));
  CHECK(contains(regions, "<tr class=\"urban\">"));
  CHECK(contains(regions, "tiny: shortage rate, urban regions and the rest"));
  CHECK(contains(regions, "<h3>induction compared with tiny</h3>"));
  // With 4 runs no region's interval leaves zero out: no region is named as helping most or least.
  CHECK(contains(regions, "In no region can the effect of induction be told apart from zero"));
  CHECK(!contains(regions, "<td>helps most</td>"));
  // Highest rate first: the first row's mean is at least the second's.
  const auto first = regions.find("<tr", regions.find("<tbody>"));
  const auto second = regions.find("<tr", first + 1);
  auto rate = [&](std::size_t row) {
    const auto cell = regions.find("<td class=\"num\">", row) + 16;
    return std::stod(regions.substr(cell, regions.find('%', cell) - cell));
  };
  CHECK(rate(first) >= rate(second));

  // A file written before region_urban: the report says so and draws no contrast.
  const std::string old = dir / "old.h5";
  fs::copy_file(dir / "cmp/results.h5", old);
  REQUIRE(run(fmt::format("/usr/bin/python3 -c \"import h5py; f = h5py.File('{}', 'a'); "
                          "[f[g].__delitem__('region_urban') for g in ('tiny', 'induction')]\"",
                          old))
              .exit_code == 0);
  const auto rep = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), old, dir / "old.html"));
  INFO(rep.err);
  REQUIRE(rep.exit_code == 0);
  const std::string old_regions = section(read_file(dir / "old.html"), "regions");
  CHECK(contains(old_regions, "does not say which regions are urban"));
  CHECK(!contains(old_regions, "urban regions and the rest"));
}

TEST_CASE("report: the effect of a policy on each vo subject's shortage rate, as a forest plot",
          "[e2e][analysis][report-content]") {
  TempDir dir;
  const std::string subjects = section(compare_induction(dir), "subjects");
  REQUIRE(!subjects.empty());
  CHECK(contains(subjects, "<h3>Effects by vo subject</h3>"));
  CHECK(contains(subjects, "id=\"forest-subjects-1\""));
  CHECK(contains(subjects, "induction: shortage rate by vo subject, 2040"));
  CHECK(contains(subjects, "wiskunde"));
}

TEST_CASE(
    "report --lang nl: the first page in Dutch, without its English headings, and an unknown language is "
    "refused",
    "[e2e][analysis][report-content][lang]") {
  TempDir dir;
  const std::string nl = compare_induction(dir, "", "--lang nl");
  CHECK(contains(nl, "<html lang=\"nl\">"));
  for (const char* dutch :
       {"<h1>De arbeidsmarkt voor leraren: uitkomsten van de simulatie</h1>", "<h2>Lees dit eerst</h2>",
        "<h2>Het antwoord in het kort</h2>", "<h2>Samenvatting</h2>", "<h2>Regio's</h2>",
        "de kwaliteit van de begeleiding van startende leraren", "<em>Hoe zeker:</em>", "<em>Kosten:</em>",
        "De bandbreedtes gaan alleen over toeval"})
    CHECK(contains(nl, dutch));
  for (const char* english :
       {"The teacher labour market", "Before you read", "The answer in brief", "<h2>Summary</h2>",
        "<h2>Regions</h2>", "How sure:", "The ranges cover chance only", "<html lang=\"en\">"})
    CHECK(!contains(nl, english));

  // A number in Dutch; a table of values as TOML, its commas and dots untouched.
  CHECK(contains(nl, "0,95 in plaats van"));
  write_file(
      dir / "reserve.toml",
      "extends = \"tiny\"\nname = \"reserve\"\n[reserve.start_size]\npo = 50.5\nvo = 30.5\nmbo = 20.5\n");
  const auto table = run(fmt::format("cd '{}' && '{}' compare tiny reserve.toml -r 2 -q --lang nl -o cmp4",
                                     dir.path().string(), tlm_binary()));
  REQUIRE(table.exit_code == 0);
  CHECK(contains(read_file(dir / "cmp4/report.html"), "<code>{ mbo = 20.5, po = 50.5, vo = 30.5 }</code>"));

  // tlm report of the same file, in both languages; English stays the default.
  const std::string h5 = dir / "cmp/results.h5";
  const auto en = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), h5, dir / "en.html"));
  REQUIRE(en.exit_code == 0);
  CHECK(contains(read_file(dir / "en.html"), "<h2>The answer in brief</h2>"));
  const auto nl2 = run(fmt::format("'{}' report '{}' --lang nl -o '{}'", tlm_binary(), h5, dir / "nl.html"));
  REQUIRE(nl2.exit_code == 0);
  CHECK(contains(read_file(dir / "nl.html"), "<h2>Het antwoord in het kort</h2>"));

  // The summary of compare -q in Dutch.
  const auto q = run(fmt::format("cd '{}' && '{}' compare tiny induction.toml -r 2 -q --lang nl -o cmp3",
                                 dir.path().string(), tlm_binary()));
  REQUIRE(q.exit_code == 0);
  CHECK(contains(q.out, "induction t.o.v. tiny: totaal tekort 2040 "));
  CHECK(contains(q.out, "FTE-jaren ["));
  CHECK(contains(q.out, "95%-intervallen, gepaard"));
  CHECK(!contains(q.out, "over the years"));

  // An unknown language: exit 2, a clear message, no file; compare refuses it before running anything.
  const auto xx = run(fmt::format("'{}' report '{}' --lang xx -o '{}'", tlm_binary(), h5, dir / "xx.html"));
  CHECK(xx.exit_code == 2);
  CHECK(contains(xx.err, "--lang xx: unknown language; use en (English) or nl (Dutch)"));
  CHECK(!fs::exists(dir / "xx.html"));
  const auto cmp = run(fmt::format("cd '{}' && '{}' compare tiny tiny -r 1000000 --lang xx -o cmp2",
                                   dir.path().string(), tlm_binary()));
  CHECK(cmp.exit_code == 2);
  CHECK(contains(cmp.err, "--lang xx: unknown language"));
  CHECK(!fs::exists(dir / "cmp2"));
}

TEST_CASE(
    "report: a clear effect is stated with its size, its share of the base's shortage and its price per "
    "FTE-year avoided",
    "[e2e][analysis][report-content]") {
  TempDir dir;
  write_file(
      dir / "early.toml",
      "extends = \"tiny\"\nname = \"early\"\n[policy.induction]\nbase_quality = 0.95\nfrom_year = 2026\n");
  const auto r = run(fmt::format("cd '{}' && '{}' compare tiny early.toml -r 30 -j 2 -q -o cmp",
                                 dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string answer = section(read_file(dir / "cmp/report.html"), "answer");
  INFO(answer);
  // With 30 paired runs the early, high-quality induction lowers the shortage clearly (tiny, seed 20251001).
  CHECK(contains(answer, "the year induction starts (2026 instead of the default)"));
  CHECK(contains(answer, "FTE-years lower</strong> than under tiny (95% interval −"));
  CHECK(contains(answer, "of the base's shortage)"));
  CHECK(contains(answer, "Of career switchers, the share still teaching 5 years after starting is"));
  CHECK(contains(answer, "per FTE-year of shortage avoided</strong> (95% interval €"));
  CHECK(!contains(answer, "cannot tell the policy's effect on the shortage from zero"));
  CHECK(!contains(answer, "not reliable"));  // 30 runs: the bootstrap interval is marked reliable
  // Where it helps most and least: tiny's two regions, each with an interval clear of zero.
  const std::string regions = section(read_file(dir / "cmp/report.html"), "regions");
  CHECK(contains(regions, "<tr><td>helps most</td><td>R01</td>"));
  CHECK(contains(regions, "<tr><td>helps least</td><td>R02</td>"));
  CHECK(!contains(regions, "regions-unclear"));
  CHECK(!contains(regions, "not told apart from zero"));
}
