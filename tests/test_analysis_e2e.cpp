// `tlm compare` and `tlm report` end to end through the binary, on real runs.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/headlines.hpp"
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

}  // namespace

TEST_CASE("tlm compare X X on a real run gives exactly zero effects with zero-width intervals",
          "[e2e][analysis]") {
  TempDir dir;
  const auto r =
      run(fmt::format("cd '{}' && '{}' compare tiny tiny -r 4 -j 2", dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The default folder is named after the scenarios.
  const std::string out = dir / "compare-tiny-vs-tiny";
  for (const char* f : {"results.h5", "effects.csv", "effects.json", "report.html"})
    CHECK(fs::exists(fs::path(out) / f));
  const auto rows = nlohmann::json::parse(read_file(out + "/effects.json"))["effects"];
  REQUIRE(rows.size() > 30);
  for (const auto& e : rows) {
    CHECK(e["base"] == "tiny");
    CHECK(e["scenario"] != "tiny");     // the second group has its own name (tiny#2)
    if (e["mean"].is_null()) continue;  // undefined on both sides (e.g. a route without starters)
    CHECK(e["mean"].get<double>() == 0.0);
    CHECK(e["lo"].get<double>() == 0.0);
    CHECK(e["hi"].get<double>() == 0.0);
  }
  CHECK(r.out.find("Total shortage po") != std::string::npos);
}

TEST_CASE(
    "pairing: the paired interval of the 2035 total shortage, nl-baseline vs induction-high, is at least 3x "
    "narrower than the unpaired one",
    "[e2e][analysis][slow]") {
  TempDir dir;
  const auto r = run(fmt::format("'{}' compare nl-baseline induction-high -r 20 --years 2035 -o '{}'",
                                 tlm_binary(), dir / "cmp"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto rows = nlohmann::json::parse(read_file(dir / "cmp/effects.json"))["effects"];
  bool found = false;
  for (const auto& e : rows) {
    if (e["metric"] != "shortage_fte" || e["sector"] != "all" || e["year"] != 2035) continue;
    found = true;
    const double paired = e["hi"].get<double>() - e["lo"].get<double>();
    const double unpaired = e["hi_unpaired"].get<double>() - e["lo_unpaired"].get<double>();
    INFO("paired width " << paired << ", unpaired width " << unpaired);
    CHECK(e["scenario"] == "induction-high");
    CHECK(e["n"] == 20);
    CHECK(paired > 0.0);
    CHECK(unpaired >= 3.0 * paired);
  }
  CHECK(found);
}

TEST_CASE("tlm report writes a self-contained report of a real run with every chart and no effects",
          "[e2e][analysis]") {
  TempDir dir;
  REQUIRE(run(fmt::format("'{}' run tiny -r 3 -q -o '{}'", tlm_binary(), dir / "tiny.h5")).exit_code == 0);
  const auto r = run(fmt::format("'{}' report '{}'", tlm_binary(), dir / "tiny.h5"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "tiny.html");  // default: the results file with .html
  CHECK(count(html, "class=\"chart fan-chart\"") == 4);
  CHECK(count(html, "class=\"chart retention-chart\"") == 1);
  CHECK(count(html, "class=\"chart so-share-chart\"") == 1);
  CHECK(count(html, "forest-plot") == 0);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("tlm report and compare refuse bad input with exit code 2 and a message naming the file",
          "[e2e][analysis]") {
  TempDir dir;
  auto missing = run(fmt::format("'{}' report '{}'", tlm_binary(), dir / "missing.h5"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("missing.h5") != std::string::npos);
  const std::string text = dir / "notes.h5";
  std::ofstream(text) << "not hdf5\n";
  auto bad = run(fmt::format("'{}' report '{}'", tlm_binary(), text));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("notes.h5") != std::string::npos);
  CHECK(run(fmt::format("'{}' compare tiny -r 2 -o '{}'", tlm_binary(), dir / "c")).exit_code == 2);
  REQUIRE(run(fmt::format("'{}' run tiny -r 2 -q -o '{}'", tlm_binary(), dir / "t.h5")).exit_code == 0);
  auto year = run(fmt::format("'{}' report '{}' --years 2099", tlm_binary(), dir / "t.h5"));
  CHECK(year.exit_code == 2);
  CHECK(year.err.find("2099") != std::string::npos);
}

TEST_CASE("the results file carries the scenario facts the analysis reads, compare names its base",
          "[e2e][analysis]") {
  TempDir dir;
  // Spans other than the defaults: the cohort windows must follow them, not assume 4 + 3 and 2 years.
  const auto r = run(fmt::format(
      "cd '{}' && '{}' compare tiny tiny -r 2 -q --set zij.years=3 --set study.max_extra_years=1 "
      "--set study.years.eerstegraads=3 --set 'study.dropout.eerstegraads=[0.1, 0.1, 0.1]' -o cmp",
      dir.path().string(), tlm_binary()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string h5 = dir / "cmp/results.h5";
  const auto info = tlm::analysis::read_file_info(h5);
  CHECK(info.base_scenario == "tiny");
  REQUIRE(info.scenarios.size() == 2);
  CHECK(info.scenarios.front() == "tiny");
  const auto s = tlm::analysis::load_scenario(h5, "tiny#2", {"shortage_fte"});
  CHECK(s.study_years == std::vector<int>{4, 4, 3, 4, 4});
  CHECK(s.max_extra_years == 1);
  CHECK(s.zij_years == 3);
  CHECK(s.retention_years == 5);
  const auto g = tlm::analysis::graduation_window(s, "eerstegraads");
  CHECK(g.first == 2026);
  CHECK(g.last == 2040 - (3 + 1));
  CHECK(tlm::analysis::graduation_window(s, "pabo").last == 2040 - (4 + 1));
  CHECK(tlm::analysis::zij_window(s).last == 2040 - 3);
  CHECK(tlm::analysis::retention_window(s).last == 2040 - 5);
}

TEST_CASE("a results file without the scenario facts is refused with a message naming the file and fact",
          "[e2e][analysis]") {
  TempDir dir;
  const std::string h5 = dir / "old.h5";
  REQUIRE(run(fmt::format("'{}' run tiny -r 1 -q -o '{}'", tlm_binary(), h5)).exit_code == 0);
  REQUIRE(run(fmt::format("/usr/bin/python3 -c \"import h5py; f = h5py.File('{}', 'a'); "
                          "del f['tiny'].attrs['zij_years']\"",
                          h5))
              .exit_code == 0);
  try {
    tlm::analysis::load_scenario(h5, "tiny");
    FAIL("an old file was accepted");
  } catch (const tlm::analysis::InputError& e) {
    CHECK(std::string(e.what()).find("lacks the attribute zij_years") != std::string::npos);
    CHECK(std::string(e.what()).find("old.h5") != std::string::npos);
  }
  const auto r = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), h5, dir / "r.html"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("lacks the attribute zij_years") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "r.html"));
}

TEST_CASE("a results file of another format version is refused, naming both versions", "[e2e][analysis]") {
  TempDir dir;
  const std::string h5 = dir / "v.h5";
  REQUIRE(run(fmt::format("'{}' run tiny -r 1 -q -o '{}'", tlm_binary(), h5)).exit_code == 0);
  CHECK(tlm::analysis::read_file_info(h5).format_version == tlm::analysis::kReadableFormatVersion);
  REQUIRE(run(fmt::format("/usr/bin/python3 -c \"import h5py, numpy; f = h5py.File('{}', 'a'); "
                          "f.attrs['format_version'] = numpy.int64(7)\"",
                          h5))
              .exit_code == 0);
  const auto r = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), h5, dir / "r.html"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(fmt::format("results format version 7, but this tlm reads format version {}",
                               tlm::analysis::kReadableFormatVersion)) != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "r.html"));
}

TEST_CASE("tlm report refuses a file whose datasets disagree with its axes: exit 2, no report",
          "[e2e][analysis][hardening]") {
  TempDir dir;
  const std::string good = dir / "good.h5";
  REQUIRE(run(fmt::format("'{}' run tiny -r 2 -q -o '{}'", tlm_binary(), good)).exit_code == 0);
  // Each damage, made with h5py on a copy, and the words the message must contain.
  const std::vector<std::pair<std::string, std::string>> damages{
      {"del g['cohorts/intake']; g['cohorts/intake'] = numpy.zeros((2, 16, 4))",
       "cohorts/intake does not match years × programmes"},
      {"del g['cohorts/zij']; g['cohorts/zij'] = numpy.zeros((2, 15, 3))", "cohorts/zij does not match"},
      {"del g['years']; g['years'] = numpy.array([2025] * 16, dtype='int32')",
       "not a run of consecutive years"},
      {"del g['sectors']; g['sectors'] = numpy.array([b'po', b'po', b'mbo'])",
       "sectors names one entry twice"},
      {"del g['metrics/shortage_fte']; g['metrics/shortage_fte'] = numpy.zeros((3, 16, 2, 3))",
       "replications"},
      {"g.attrs['zij_years'] = numpy.int64(-4)", "out of range"},
  };
  int i = 0;
  for (const auto& [damage, words] : damages) {
    INFO(damage);
    const std::string bad = dir / fmt::format("bad{}.h5", i);
    const std::string html = dir / fmt::format("bad{}.html", i++);
    fs::copy_file(good, bad);
    REQUIRE(
        run(fmt::format("/usr/bin/python3 -c \"import h5py, numpy; f = h5py.File('{}', 'a'); g = f['tiny']; "
                        "{}\"",
                        bad, damage))
            .exit_code == 0);
    const auto r = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), bad, html));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(words) != std::string::npos);
    CHECK_FALSE(fs::exists(html));
  }
}
