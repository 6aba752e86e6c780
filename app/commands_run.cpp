// `tlm run`: scenarios × replications on all cores into one HDF5 file, then the headline table.
#include <array>
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
#include "experiment/experiment.hpp"
#include "experiment/memory.hpp"
#include "experiment/results_file.hpp"
#include "sim/output_path.hpp"
#include "tlm_version.hpp"  // TLM_VERSION, generated at build time (cmake/version.cmake)

namespace tlm::app {
namespace {

// SIGINT/SIGTERM/SIGHUP set this flag; the runner stops starting replications and the partial file is
// removed. A signal handler can only reach a global.
std::atomic<bool> interrupted{false};
int guard_depth = 0;
constexpr std::array<int, 3> kStopSignals{SIGINT, SIGTERM, SIGHUP};
extern "C" void on_signal(int) {
  interrupted.store(true);
}

}  // namespace

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

InterruptGuard::InterruptGuard() : outermost_(guard_depth++ == 0) {
  if (!outermost_) return;
  interrupted.store(false);
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) old_[i] = std::signal(kStopSignals[i], on_signal);
}
InterruptGuard::~InterruptGuard() {
  --guard_depth;
  if (!outermost_) return;
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) std::signal(kStopSignals[i], old_[i]);
}
void InterruptGuard::finished() {
  if (!outermost_) return;
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
    std::signal(kStopSignals[i], SIG_IGN);
    old_[i] = SIG_IGN;
  }
}
bool InterruptGuard::requested() {
  return interrupted.load();
}
void InterruptGuard::check() {
  if (requested()) throw Interrupted();
}
const std::atomic<bool>* InterruptGuard::flag() {
  return &interrupted;
}

void add_run_options(CLI::App& cmd, RunOptions& opts) {
  cmd.add_option(
         "-r,--replications", opts.replications,
         "Replications per scenario (default: the scenario's `replications`). Replication i is the same "
         "whatever N is: -r 8 gives the first 8 of -r 100.")
      ->check(CLI::Range(1, 1000000));
  cmd.add_option("-j,--threads", opts.threads,
                 "Worker threads (default 0: all cores; at most 256). Results do not depend on it.")
      ->check(CLI::Range(0, 256));
  cmd.add_option("--seed", opts.seed,
                 "Random seed for every scenario (default: the scenario's `seed`), 0..4294967295")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{0xFFFFFFFFu}));
  cmd.add_option("--set", opts.overrides,
                 "Override a scenario key, e.g. --set policy.groenpluk.rule=ban (repeatable; validated like "
                 "the file)")
      ->type_name("KEY=VALUE");
  cmd.add_option("--max-memory", opts.max_memory,
                 "Refuse a run whose estimated memory exceeds SIZE (e.g. 4G, 512M; default: the memory "
                 "available, /proc/meminfo); compare: its analysis too, which holds every replication")
      ->type_name("SIZE");
  cmd.add_flag("-q,--quiet", opts.quiet,
               "No progress; run: no headline table; compare: a short summary instead of the effects table");
}

std::string run_scenarios(const RunOptions& opts_in, bool rename_duplicates) {
  RunOptions opts = opts_in;
  experiment::Request request;
  request.scenarios = opts.scenarios;
  request.overrides = opts.overrides;
  request.replications = opts.replications;
  request.seed = opts.seed;
  request.rename_duplicates = rename_duplicates;
  try {
    // Everything is loaded and validated before anything runs: bad input writes nothing.
    auto variants = experiment::plan(request);
    if (opts.check_plan) {
      std::vector<RunOptions::Planned> planned;
      for (const auto& v : variants) planned.push_back({v.group, v.params.years.start, v.params.years.end});
      opts.check_plan(planned);
    }
    std::optional<double> max_memory;
    if (!opts.max_memory.empty()) {
      max_memory = experiment::parse_size(opts.max_memory);
      if (!max_memory)
        throw BadInput(
            fmt::format("--max-memory: `{}` is not a size (e.g. 4G, 512M, 800k)", opts.max_memory));
    }
    // Before anything is allocated or written: a run too large for the machine is bad input.
    experiment::check_memory(variants, opts.threads, max_memory, opts.analysed);
    if (opts.output.empty()) opts.output = variants.front().params.name + ".h5";
    std::vector<std::pair<std::string, std::string>> provenance{
        {"tlm_version", TLM_VERSION}, {"created", now_iso8601()}, {"command", command_line()}};
    // The base of any comparison made from the file (the first scenario), named: readers such as h5py list
    // groups alphabetically.
    provenance.emplace_back("base_scenario", variants.front().group);
    // A scenario file named as the output would be replaced by the results.
    if (auto why = sim::output_problem(opts.output, opts.scenarios); !why.empty()) throw BadInput(why);
    experiment::ResultsFile file(opts.output, provenance);
    for (const auto& t : file.removed_temporaries())
      std::cerr << "tlm: removed " << t << ", the temporary of a run that died\n";

    // SIGINT, SIGTERM and SIGHUP (a closed terminal) all stop the run the same way: no file, no temporary.
    const InterruptGuard guard;

    experiment::build_worlds(variants);
    experiment::Options options;
    options.threads = opts.threads;
    options.cancel = InterruptGuard::flag();
    options.progress = !opts.quiet;
    if (!experiment::run(variants, options, file) || InterruptGuard::requested()) {
      file.abort();
      throw Interrupted();
    }
    file.commit();
  } catch (const experiment::PlanError& e) {
    throw BadInput(e.what());
  }
  return opts.output;
}

std::string run_scenarios(const RunOptions& opts) {
  return run_scenarios(opts, false);
}

analysis::Lang lang_option(const std::string& code) {
  try {
    return analysis::parse_lang(code);
  } catch (const analysis::InputError& e) {
    throw BadInput(e.what());
  }
}

void register_run_commands(CLI::App& app) {
  auto opts = std::make_shared<RunOptions>();
  auto lang = std::make_shared<std::string>("en");
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
  cmd->add_option("--lang", *lang, "Language of the headline table: en (English, the default) or nl (Dutch)");
  cmd->footer(
      "Each scenario runs with its own `seed` and `replications` unless --seed and -r set them for all.\n"
      "Replication i of two scenarios shares its random numbers only when their seed, replications and\n"
      "start world are the same; only then does `tlm report` pair their runs (docs/report.md, Pairing).\n"
      "The file holds one group per scenario (see docs/output.md). Ctrl-C stops the run and leaves no file.");
  cmd->callback([opts, lang] {
    const analysis::Lang words_lang = lang_option(*lang);  // refused before anything runs
    const auto start = std::chrono::steady_clock::now();
    const auto path = run_scenarios(*opts);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!opts->quiet) {
      analysis::print_headlines(std::cout, path, words_lang);
      std::cout << '\n'
                << fmt::format(fmt::runtime(analysis::headline_words(words_lang).wrote), path,
                               analysis::localize(fmt::format("{:.1f}", secs), words_lang))
                << '\n';
    }
  });
}

}  // namespace tlm::app
