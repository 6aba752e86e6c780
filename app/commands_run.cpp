// `tlm run`: scenarios × replications on all cores into one HDF5 file, then the headline table.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "analysis/headlines.hpp"
#include "app/commands.hpp"
#include "models/output.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "models/world.hpp"
#include "sim/progress.hpp"
#include "sim/runner.hpp"

namespace tlm::app {
namespace {

// SIGINT/SIGTERM set this flag; the runner stops starting replications and the partial file is removed.
// A signal handler can only reach a global.
std::atomic<bool> interrupted{false};
extern "C" void on_signal(int) {
  interrupted.store(true);
}

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// The command line, for provenance (the `command` attribute).
std::string command_line() {
  std::FILE* f = std::fopen("/proc/self/cmdline", "rb");
  if (!f) return "tlm";
  std::string out;
  for (int c; (c = std::fgetc(f)) != EOF;) out += c == '\0' ? ' ' : static_cast<char>(c);
  std::fclose(f);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct Prepared {
  std::string group;
  models::Params params;
  std::string toml;
  std::unique_ptr<models::World> world;
  int replications = 0;
};

}  // namespace

void add_run_options(CLI::App& cmd, RunOptions& opts) {
  cmd.add_option(
         "-r,--replications", opts.replications,
         "Replications per scenario (default: the scenario's `replications`). Replication i is the same "
         "whatever N is: -r 8 gives the first 8 of -r 100.")
      ->check(CLI::Range(1, 1000000));
  cmd.add_option("-j,--threads", opts.threads,
                 "Worker threads (default 0: all cores). Results do not depend on it.")
      ->check(CLI::Range(0, 4096));
  cmd.add_option("--seed", opts.seed,
                 "Random seed for every scenario (default: the scenario's `seed`), 0..4294967295")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{0xFFFFFFFFu}));
  cmd.add_option("--set", opts.overrides,
                 "Override a scenario key, e.g. --set policy.groenpluk.rule=ban (repeatable; validated like "
                 "the file)")
      ->type_name("KEY=VALUE");
  cmd.add_flag("-q,--quiet", opts.quiet, "No progress line and no headline table");
}

std::string run_scenarios(const RunOptions& opts_in, bool rename_duplicates) {
  RunOptions opts = opts_in;
  if (opts.scenarios.empty()) opts.scenarios.push_back("nl-baseline");

  // Load and validate everything before anything runs: bad input writes nothing.
  std::vector<Prepared> runs;
  std::map<std::string, int> names;
  for (const auto& name : opts.scenarios) {
    auto scenario = models::load_scenario(name, opts.overrides);
    Prepared prep;
    prep.params = std::move(scenario.params);
    if (opts.seed) prep.params.seed = *opts.seed;
    if (opts.replications) prep.params.replications = *opts.replications;
    prep.replications = prep.params.replications;
    prep.group = prep.params.name;
    if (const int seen = names[prep.group]++; seen > 0) {
      if (!rename_duplicates)
        throw BadInput(
            fmt::format("two scenarios named `{}` in one run; give one a different `name`", prep.group));
      prep.group = fmt::format("{}#{}", prep.group, seen + 1);
    }
    prep.toml = models::to_toml(prep.params);
    runs.push_back(std::move(prep));
  }
  if (opts.output.empty()) opts.output = runs.front().params.name + ".h5";
  const auto out_path = std::filesystem::path(opts.output);
  const auto dir = out_path.has_parent_path() ? out_path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(dir))
    throw BadInput(fmt::format("cannot write {}: directory {} does not exist", opts.output, dir.string()));
  if (std::filesystem::is_directory(out_path))
    throw BadInput(fmt::format("cannot write {}: it is a directory", opts.output));

  std::unique_ptr<sim::H5Writer> file;
  try {
    file = std::make_unique<sim::H5Writer>(opts.output);
  } catch (const std::exception& e) {
    throw BadInput(fmt::format("cannot write {}", opts.output));
  }
  file->set_attr("/", "tlm_version", std::string(TLM_VERSION));
  file->set_attr("/", "created", now_iso8601());
  file->set_attr("/", "command", command_line());

  interrupted.store(false);
  auto old_int = std::signal(SIGINT, on_signal);
  auto old_term = std::signal(SIGTERM, on_signal);
  struct RestoreSignals {
    void (*i)(int);
    void (*t)(int);
    ~RestoreSignals() {
      std::signal(SIGINT, i);
      std::signal(SIGTERM, t);
    }
  } restore{old_int, old_term};

  for (auto& run : runs) {
    run.world = std::make_unique<models::World>(models::build_world(run.params));
    models::create_scenario_group(*file, run.group, run.params, run.toml, *run.world, run.replications);
  }
  // Tasks: scenario-major, so `compare` fills one scenario after another.
  std::vector<std::pair<std::size_t, int>> tasks;
  for (std::size_t k = 0; k < runs.size(); ++k)
    for (int r = 0; r < runs[k].replications; ++r) tasks.emplace_back(k, r);

  sim::Progress progress(tasks.size(), "replications", !opts.quiet && sim::stderr_is_terminal());
  std::size_t done = 0;
  sim::RunnerOptions ro;
  ro.threads = opts.threads;
  ro.cancel = &interrupted;
  const bool complete = sim::run_tasks<models::Outcomes>(
      tasks.size(), ro,
      [&](std::size_t t) {
        const auto& [k, r] = tasks[t];
        return models::run_replication(*runs[k].world, runs[k].params, static_cast<std::uint32_t>(r),
                                       &interrupted);
      },
      [&](std::size_t t, models::Outcomes&& out) {
        if (interrupted.load()) return;  // the partial result of a cancelled replication is never written
        const auto& [k, r] = tasks[t];
        models::write_replication(*file, runs[k].group, r, out);
        progress.update(++done);
      });
  progress.finish();
  if (!complete || interrupted.load()) {
    file->abort();
    throw Interrupted();
  }
  file->commit();
  return opts.output;
}

std::string run_scenarios(const RunOptions& opts) {
  return run_scenarios(opts, false);
}

void register_run_commands(CLI::App& app) {
  auto opts = std::make_shared<RunOptions>();
  auto* cmd =
      app.add_subcommand("run", "Run scenarios (default nl-baseline) and write their results to HDF5");
  cmd->add_option(
         "scenarios", opts->scenarios,
         "Scenario files (.toml) or names of embedded scenarios (see `tlm scenarios`); default nl-baseline")
      ->type_name("SCENARIO");
  cmd->add_option(
         "-o,--output", opts->output,
         "Results file (default <first scenario name>.h5); replaced atomically when the run completes")
      ->type_name("FILE.h5");
  add_run_options(*cmd, *opts);
  cmd->footer(
      "Every scenario runs with the same seed and replications, so replication i of each shares its random\n"
      "numbers. The file holds one group per scenario (see docs/output.md). Ctrl-C stops the run and leaves "
      "no file.");
  cmd->callback([opts] {
    const auto start = std::chrono::steady_clock::now();
    const auto path = run_scenarios(*opts);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!opts->quiet) {
      analysis::print_headlines(std::cout, path);
      std::cout << fmt::format("\nWrote {} in {:.1f} s.\n", path, secs);
    }
  });
}

}  // namespace tlm::app
