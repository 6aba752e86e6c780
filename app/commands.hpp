// The subcommands of `tlm`. Each group registers its subcommands on the CLI11 app; main() maps the
// exceptions below to exit codes (ARCHITECTURE.md "The command").
#pragma once

#include <CLI/CLI.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/report_text.hpp"

namespace tlm::app {

// Bad input that is not a scenario problem (usage, unwritable output path): exit code 2.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The language of a --lang option (en or nl); anything else is BadInput, before the command does anything.
analysis::Lang lang_option(const std::string& code);

// Ctrl-C during a run: exit code 130, no output file left behind.
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// A command that ends with its own exit code and message (a sweep with failed tasks: 3; one interrupted with
// its file kept for --resume: 130).
struct ExitWith : std::runtime_error {
  ExitWith(int c, const std::string& message) : std::runtime_error(message), code(c) {}
  int code;
};

// While one is alive, SIGINT, SIGTERM and SIGHUP (a closed terminal) set a flag instead of ending the
// process; the command polls it, removes what it wrote and throws Interrupted. Guards nest: only the
// outermost installs the handlers (and clears the flag), so a signal between two steps of a command (the
// runs and the analysis of `tlm compare`) is never lost. One thread creates them.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static bool requested();
  // Throws Interrupted when a signal came.
  static void check();
  static const std::atomic<bool>* flag();
  // The command has written its output: from here to exit, stop signals are ignored, so a late Ctrl-C can
  // neither kill a command that has finished nor make it look interrupted. Only for the outermost guard.
  void finished();

 private:
  bool outermost_ = false;
  std::array<void (*)(int), 3> old_{};
};

// Options shared by `run` and `compare`.
struct RunOptions {
  std::vector<std::string> scenarios;  // file paths or embedded names; empty: nl-baseline
  std::vector<std::string> overrides;  // --set key=value
  std::optional<int> replications;     // -r; default: the scenario's `replications`
  int threads = 0;                     // -j; 0: all cores
  std::optional<std::uint64_t> seed;   // --seed; default: the scenario's `seed`
  std::string output;                  // -o; default: <first scenario name>.h5
  std::string max_memory;              // --max-memory; empty: the memory available
  bool quiet = false;
  // The runs are analysed after (tlm compare): the memory estimate counts what the analysis holds.
  bool analysed = false;
  // Called with the planned scenarios (group name, first and last year) after they are read and before
  // anything is built, run or written: a command refuses what it could not use there (BadInput).
  struct Planned {
    std::string group;
    int start = 0, end = 0;
  };
  std::function<void(const std::vector<Planned>&)> check_plan;
};

// Runs every scenario of `opts` into one HDF5 file (atomically renamed when complete) and returns its path.
// Throws models::ScenarioErrors / BadInput on bad input, Interrupted on Ctrl-C.
std::string run_scenarios(const RunOptions& opts);
// The same; with `rename_duplicates` a repeated scenario name gets a suffix (`X#2`) instead of being bad
// input
// (`tlm compare X X`).
std::string run_scenarios(const RunOptions& opts, bool rename_duplicates);
// Adds -r, -j, --seed, --set to a subcommand.
void add_run_options(CLI::App& cmd, RunOptions& opts);

void register_run_commands(CLI::App& app);          // run            (commands_run.cpp)
void register_scenario_commands(CLI::App& app);     // validate, show, scenarios (commands_scenario.cpp)
void register_analysis_commands(CLI::App& app);     // compare, effects, report (commands_analysis.cpp)
void register_sweep_commands(CLI::App& app);        // sweep          (commands_sweep.cpp)
void register_sensitivity_commands(CLI::App& app);  // sensitivity (commands_sensitivity.cpp)
void register_calibrate_commands(CLI::App& app);    // calibrate   (commands_calibrate.cpp)
// Provenance of a written file: the time now (ISO 8601, UTC) and this process's command line.
std::string now_iso8601();
std::string command_line();

}  // namespace tlm::app
