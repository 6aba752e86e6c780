// Scenario files through the `tlm` binary: the broken-file corpus (tests/scenario_errors), the
// `tlm show | tlm validate -` round trip, no output file from a bad `tlm run`, and docs/scenarios.md.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "analysis/results.hpp"
#include "models/outcomes.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Result {
  int code = -1;  // exit code; -1 when not a normal exit
  std::string out, err;
};

// Runs `tlm ARGS` in `dir` through the shell (ARGS may hold quotes and `< file`).
Result run_tlm(const fs::path& dir, const std::string& args, const fs::path& scratch) {
  const fs::path out = scratch / "stdout", err = scratch / "stderr";
  const std::string cmd = "cd '" + dir.string() + "' && '" + std::string(TLM_BINARY) + "' " + args + " >'" +
                          out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  Result r;
  if (status != -1 && WIFEXITED(status)) r.code = WEXITSTATUS(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

struct Scratch {
  fs::path path;
  explicit Scratch(const std::string& name) {
    path = fs::temp_directory_path() / ("tlm-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

const fs::path kCorpus = fs::path(TLM_TEST_DIR) / "scenario_errors";

std::string trim_line(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

// Each `name.expected` is a case: `tlm validate name.toml` (or the arguments in `name.args`), run in the
// corpus directory so messages hold relative paths only, must exit 2 and print exactly `name.expected`.
TEST_CASE("broken scenario corpus: exact messages, exit 2, no crash", "[scenario][cli]") {
  Scratch scratch("corpus");
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.path().extension() == ".expected") cases.push_back(entry.path().stem().string());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 40);
  for (const auto& name : cases) {
    const fs::path args_file = kCorpus / (name + ".args");
    const std::string args = fs::exists(args_file) ? trim_line(slurp(args_file)) : name + ".toml";
    const Result r = run_tlm(kCorpus, "validate " + args, scratch.path);
    INFO("case " << name << ": tlm validate " << args);
    CHECK(r.code == 2);
    CHECK(r.err == slurp(kCorpus / (name + ".expected")));
  }
}

TEST_CASE("a bad scenario gives no output file from tlm run", "[scenario][cli]") {
  Scratch scratch("run");
  for (const std::string file : {"many_errors.toml", "syntax_unclosed_string.toml", "binary_garbage.toml",
                                 "extends_cycle_deep.toml", "csv_schools_bad_rows.toml"}) {
    INFO(file);
    const fs::path output = scratch.path / "out.h5";
    const Result r = run_tlm(kCorpus, "run " + file + " -r 1 -o '" + output.string() + "'", scratch.path);
    CHECK(r.code == 2);
    CHECK(r.err.find(slurp(kCorpus / (fs::path(file).stem().string() + ".expected"))) != std::string::npos);
    CHECK_FALSE(fs::exists(output));
  }
  // Nothing else either (no temporary file left behind).
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(scratch.path)) left.insert(e.path().filename().string());
  CHECK(left == std::set<std::string>{"stderr", "stdout"});
}

TEST_CASE("tlm show X | tlm validate - accepts every embedded scenario", "[scenario][cli]") {
  Scratch scratch("show");
  for (const auto& e : tlm::models::embedded_scenarios()) {
    INFO(e.name);
    const Result shown = run_tlm(scratch.path, "show " + e.name, scratch.path);
    REQUIRE(shown.code == 0);
    CHECK(shown.out == tlm::models::to_toml(tlm::models::load_scenario(e.name).params));
    std::ofstream(scratch.path / "shown.toml") << shown.out;
    const Result valid = run_tlm(scratch.path, "validate - < shown.toml", scratch.path);
    CHECK(valid.code == 0);
    CHECK(valid.out == "<stdin>: ok\n");
    CHECK(valid.err.empty());
    // The shown text shows the same scenario again.
    const Result again = run_tlm(scratch.path, "show - < shown.toml", scratch.path);
    CHECK(again.out == shown.out);
  }
}

TEST_CASE("tlm validate, show and scenarios on good input", "[scenario][cli]") {
  Scratch scratch("good");
  const fs::path data = fs::path(TLM_SOURCE_DIR) / "scenarios" / "data";
  const Result v = run_tlm(data, "validate example-import.toml tiny", scratch.path);
  CHECK(v.code == 0);
  CHECK(v.out == "example-import.toml: ok\ntiny: ok\n");
  // CSV paths are kept absolute, so the resolved scenario validates from another directory.
  const Result shown = run_tlm(data, "show example-import.toml --set world.urban_regions=2", scratch.path);
  REQUIRE(shown.code == 0);
  CHECK(shown.out.find("urban_regions = 2\n") != std::string::npos);
  CHECK(shown.out.find("schools_csv = \"" + fs::canonical(data / "schools.csv").string() + "\"") !=
        std::string::npos);
  std::ofstream(scratch.path / "imported.toml") << shown.out;
  CHECK(run_tlm(scratch.path, "validate imported.toml", scratch.path).code == 0);

  const Result list = run_tlm(scratch.path, "scenarios", scratch.path);
  CHECK(list.code == 0);
  for (const auto& e : tlm::models::embedded_scenarios())
    CHECK(list.out.find(e.name + std::string(" ")) != std::string::npos);
  const Result empty = run_tlm(scratch.path, "validate - < /dev/null", scratch.path);
  CHECK(empty.code == 0);
}

// docs/scenarios.md holds the key table between markers; it must be exactly what the registry generates
// (`tlm show --keys-markdown`), and every key it names must be a key.
TEST_CASE("docs/scenarios.md and the key registry agree", "[scenario][docs]") {
  const std::string doc = slurp(fs::path(TLM_SOURCE_DIR) / "docs" / "scenarios.md");
  const std::string begin = "<!-- keys:begin (generated by `tlm show --keys-markdown`) -->\n";
  const std::string end = "<!-- keys:end -->";
  const auto b = doc.find(begin), e = doc.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string table = doc.substr(b + begin.size(), e - b - begin.size());
  CHECK(table == tlm::models::schema::keys_markdown());

  std::set<std::string> documented, registry;
  const std::regex row(R"(^\| `([a-z_.]+)` \|)", std::regex::multiline);
  // Key rows of the reference section (the CSV column tables above it are not keys).
  const std::string keys_section = doc.substr(doc.find("\n## Keys\n"));
  for (auto it = std::sregex_iterator(keys_section.begin(), keys_section.end(), row);
       it != std::sregex_iterator(); ++it)
    documented.insert((*it)[1]);
  for (const auto& k : tlm::models::schema::keys()) registry.insert(std::string(k.name));
  CHECK(documented == registry);
}

// docs/output.md's metric table is generated from the metric registry (`tlm show --metrics-markdown`); the
// results file carries the same entries as attributes, and every ratio equals its numerator over its
// denominator cell by cell.
TEST_CASE("docs/output.md, the results file and the metric registry agree", "[docs][metrics]") {
  const std::string doc = slurp(fs::path(TLM_SOURCE_DIR) / "docs" / "output.md");
  const std::string begin =
      "<!-- metrics:begin (generated by `tlm show --metrics-markdown` from the metric registry) -->\n";
  const std::string end = "<!-- metrics:end -->";
  const auto b = doc.find(begin), e = doc.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  CHECK(doc.substr(b + begin.size(), e - b - begin.size()) == tlm::models::metrics_markdown());
  const std::string sbegin =
      "<!-- subject-metrics:begin (generated by `tlm show --subject-metrics-markdown` from the metric "
      "registry) "
      "-->\n";
  const auto sb = doc.find(sbegin), se = doc.find("<!-- subject-metrics:end -->");
  REQUIRE(sb != std::string::npos);
  REQUIRE(se != std::string::npos);
  CHECK(doc.substr(sb + sbegin.size(), se - sb - sbegin.size()) == tlm::models::subject_metrics_markdown());

  Scratch scratch("metrics");
  REQUIRE(run_tlm(scratch.path, "run tiny -r 1 -q -o t.h5", scratch.path).code == 0);
  const std::string h5 = (scratch.path / "t.h5").string();
  std::vector<std::string> names;
  for (const auto& m : tlm::models::kMetricInfo) names.emplace_back(m.name);
  const auto r = tlm::analysis::load_scenario(h5, "tiny");
  REQUIRE(r.metrics.size() == names.size());
  for (const auto& m : tlm::models::kMetricInfo) {
    INFO(m.name);
    REQUIRE(r.metrics.count(m.name) == 1);
    CHECK(r.units.at(m.name) == m.unit);
    if (!m.is_ratio()) continue;
    // A ratio cell is numerator / denominator (0 where the denominator is 0); a weighted mean has none.
    const auto& v = r.metric(m.name);
    const auto& den = r.metric(tlm::models::kMetricInfo[m.denominator].name);
    if (m.numerator < 0) continue;
    const auto& num = r.metric(tlm::models::kMetricInfo[m.numerator].name);
    for (std::size_t i = 0; i < v.size(); ++i)
      CHECK(v.data[i] == (den.data[i] > 0 ? num.data[i] / den.data[i] : 0.0));
  }
}

// Each mechanism registers its own keys (models/<mechanism>.cpp); the registry must still keep every TOML
// table's keys together (`tlm show` writes each table once) and name each key once.
TEST_CASE("the key registry: one entry per key, each table's keys together", "[scenario][keys]") {
  std::set<std::string> names, closed_groups;
  std::string group;
  for (const auto& k : tlm::models::schema::keys()) {
    const std::string name(k.name);
    CHECK(names.insert(name).second);
    const auto dot = name.rfind('.');
    const std::string g = dot == std::string::npos ? "" : name.substr(0, dot);
    if (g != group) {
      INFO(name);
      CHECK(closed_groups.count(g) == 0);  // a table seen before, interrupted by another
      closed_groups.insert(group);
      group = g;
    }
  }
  // The enum keys show their values from the one list of names each mechanism keeps.
  const std::string doc = tlm::models::schema::keys_markdown();
  CHECK(doc.find("none \\| final_year \\| ban") != std::string::npos);
  CHECK(doc.find("none \\| schedule \\| target \\| adoption") != std::string::npos);
}

// Inputs are regular files: a FIFO would block forever, a device never end, and a read error is not an empty
// file. A chain of `extends` has a depth limit, named in the message with the chain's ends.
TEST_CASE("scenario inputs: FIFOs, devices and read errors are refused, extends chains are bounded",
          "[scenario][cli][hardening]") {
  Scratch scratch("inputs");
  const fs::path dir = scratch.path;
  REQUIRE(mkfifo((dir / "pipe.toml").c_str(), 0644) == 0);
  Result r = run_tlm(dir, "validate pipe.toml", dir);
  CHECK(r.code == 2);
  CHECK(r.err == "pipe.toml: cannot read file: is not a regular file (a FIFO, socket or device)\n");

  std::ofstream(dir / "via_fifo.toml") << "extends = \"pipe.toml\"\n";
  r = run_tlm(dir, "validate via_fifo.toml", dir);
  CHECK(r.code == 2);
  CHECK(r.err ==
        "via_fifo.toml:1:11: extends: cannot read `pipe.toml`: is not a regular file (a FIFO, socket or "
        "device)\n");

  std::ofstream(dir / "via_proc.toml") << "extends = \"/proc/self/mem\"\n";
  r = run_tlm(dir, "validate via_proc.toml", dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("via_proc.toml:1:11: extends: cannot read `/proc/self/mem`: read error") == 0);

  std::ofstream(dir / "via_zero.toml") << "extends = \"/dev/zero\"\n";
  r = run_tlm(dir, "validate via_zero.toml", dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("is not a regular file") != std::string::npos);

  // 70 files, each extending the next: past the limit of 64.
  for (int i = 0; i < 70; ++i) {
    std::ofstream f(dir / fmt::format("c{}.toml", i));
    if (i + 1 < 70) f << fmt::format("extends = \"c{}.toml\"\n", i + 1);
  }
  r = run_tlm(dir, "validate c0.toml", dir);
  CHECK(r.code == 2);
  CHECK(r.err ==
        "c63.toml:1:11: extends: a chain of more than 64 files (c0.toml -> ... -> c63.toml -> "
        "c64.toml)\n");
  // 64 deep is fine.
  r = run_tlm(dir, "validate c6.toml", dir);
  CHECK(r.code == 0);
}
