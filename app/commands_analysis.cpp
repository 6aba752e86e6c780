// `tlm compare` and `tlm report`: thin wiring of the run machinery (commands_run.cpp) and analysis/.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/analysis.hpp"
#include "app/commands.hpp"

namespace tlm::app {
namespace {

struct CompareOptions {
  RunOptions run;
  std::vector<std::string> scenarios;  // BASE ALT...
  std::string out_dir;
  std::vector<int> years;
};

struct ReportOptions {
  std::string results;
  std::string output;
  std::vector<int> years;
};

// A scenario argument may be a path ("scenarios/x.toml") or an embedded name: its stem names it.
std::string stem_of(const std::string& scenario) {
  return std::filesystem::path(scenario).stem().string();
}

// compare-<base>-vs-<alt>[-<alt>...], or plain "compare" when that would be unwieldy.
std::string default_compare_dir(const std::vector<std::string>& scenarios) {
  std::string d = "compare-" + stem_of(scenarios.front()) + "-vs";
  for (std::size_t i = 1; i < scenarios.size(); ++i) d += "-" + stem_of(scenarios[i]);
  return d.size() <= 80 ? d : "compare";
}

// analysis/ reports bad input as InputError; to the command that is exit code 2 like any bad input.
template <class F>
void as_bad_input(F&& f) {
  try {
    f();
  } catch (const analysis::InputError& e) {
    throw BadInput(e.what());
  }
}

void run_compare(CompareOptions& o) {
  if (o.scenarios.size() < 2) throw BadInput("compare needs a base scenario and at least one alternative");
  if (o.out_dir.empty()) o.out_dir = default_compare_dir(o.scenarios);
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) throw BadInput(fmt::format("{}: cannot create the output folder: {}", o.out_dir, ec.message()));
  o.run.scenarios = o.scenarios;
  o.run.output = (std::filesystem::path(o.out_dir) / "results.h5").string();
  // The same scenario twice (`tlm compare X X`) is allowed: the second group is named X#2.
  const std::string path = run_scenarios(o.run, true);
  as_bad_input([&] { analysis::compare_results(path, o.years, o.out_dir, std::cout); });
}

void run_report(ReportOptions& o) {
  if (!std::filesystem::exists(o.results)) throw BadInput(fmt::format("{}: no such file", o.results));
  if (o.output.empty()) o.output = std::filesystem::path(o.results).replace_extension(".html").string();
  std::error_code ec;
  if (std::filesystem::equivalent(o.results, o.output, ec))
    throw BadInput(
        fmt::format("{}: the report would overwrite its own results file; give -o another name", o.output));
  as_bad_input([&] { analysis::write_report(o.results, o.output, o.years); });
  std::cout << "Wrote " << o.output << '\n';
}

}  // namespace

void register_analysis_commands(CLI::App& app) {
  // CLI11 keeps references to the option storage: it must live as long as the app.
  auto cmp = std::make_shared<CompareOptions>();
  CLI::App* c = app.add_subcommand(
      "compare",
      "Run BASE and each ALT on the same random numbers and report the paired effects of ALT vs BASE "
      "(effects.csv, effects.json, report.html in the output folder)");
  c->add_option("scenarios", cmp->scenarios, "BASE then ALT ...: scenario files or embedded names")
      ->required()
      ->expected(2, -1);
  add_run_options(*c, cmp->run);
  c->add_option("-o,--output", cmp->out_dir,
                "Output folder (default compare-<base>-vs-<alt>...; results.h5 goes inside it)");
  c->add_option("--years", cmp->years,
                "Years of the per-year effects, e.g. 2030,2035 (default start+5, start+10, end)")
      ->delimiter(',');
  c->callback([cmp] { run_compare(*cmp); });

  auto rep = std::make_shared<ReportOptions>();
  CLI::App* r = app.add_subcommand("report", "Write the HTML report of a results file");
  r->add_option("results", rep->results, "RESULTS.h5 written by tlm run or tlm compare")->required();
  r->add_option("-o,--output", rep->output, "HTML file (default: RESULTS with .html)");
  r->add_option("--years", rep->years, "Years of the summary and effects, e.g. 2030,2035")->delimiter(',');
  r->callback([rep] { run_report(*rep); });
}

}  // namespace tlm::app
