// `tlm sweep`: a design's points × replications on threads and MPI ranks into one resumable HDF5 file
// (docs/sweeps.md).
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/sweep_job.hpp"
#include "experiment/experiment.hpp"
#include "experiment/memory.hpp"
#include "experiment/mpi.hpp"
#include "experiment/sweep.hpp"
#include "experiment/sweep_file.hpp"
#include "experiment/sweep_run.hpp"
#include "models/scenario.hpp"
#include "sim/output_path.hpp"
#include "sim/progress.hpp"
#include "sim/runner.hpp"

namespace tlm::app {
namespace {

struct SweepOptions {
  std::string design;
  std::optional<int> replications;
  int threads = 0;
  std::string output;
  bool resume = false;
  bool regions = false;
  std::optional<std::size_t> max_tasks;
  std::string max_memory;
  std::string max_disk;
  bool quiet = false;
  bool list = false;
};

// --list: the validated points as CSV (point, one column per parameter), nothing run or written.
void list_points(const experiment::SweepPlan& plan) {
  auto quoted = [](const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos) return v;
    std::string out = "\"";
    for (const char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::cout << "point";
  for (const auto& par : plan.design.parameters) std::cout << "," << quoted(par.key);
  std::cout << "\n";
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::cout << p;
    for (const auto& v : plan.points[p]) std::cout << "," << quoted(v.label);
    std::cout << "\n";
  }
}

void run_sweep_command(const SweepOptions& opts) {
  if (opts.list) {
    experiment::SweepRequest request;
    request.design = opts.design;
    request.replications = opts.replications;
    request.regions = opts.regions;
    list_points(experiment::plan_sweep(request));
    return;
  }
  experiment::mpi::Session session;
  const InterruptGuard guard;  // SIGINT, SIGTERM, SIGHUP: stop, keep the finished tasks for --resume
  SweepJob job;
  job.plan = [&] {
    experiment::SweepRequest request;
    request.design = opts.design;
    request.replications = opts.replications;
    request.regions = opts.regions;
    auto plan = experiment::plan_sweep(request);
    // The design file or its base scenario named as the output would be replaced by the results.
    std::vector<std::string> inputs{opts.design,
                                    experiment::scenario_source(plan.design.scenario, plan.design.path)};
    for (const auto& alt : plan.design.alternatives)
      inputs.push_back(experiment::scenario_source(alt, plan.design.path));
    if (auto why = sim::output_problem(job.output, inputs); !why.empty()) throw BadInput(why);
    return plan;
  };
  job.output = opts.output;
  if (job.output.empty()) {
    const std::string stem = std::filesystem::path(opts.design).stem().string();
    job.output = (stem.empty() ? std::string("sweep") : stem) + ".h5";
  }
  job.resume_command =
      fmt::format("tlm sweep {} --resume{}", opts.design, opts.output.empty() ? "" : " -o " + opts.output);
  job.resume = opts.resume;
  job.threads = opts.threads;
  job.max_tasks = opts.max_tasks;
  job.max_memory = opts.max_memory;
  job.max_disk = opts.max_disk;
  job.lower = "lower -r or the design's points, or give -o a file system with room";
  job.quiet = opts.quiet;
  const auto result = run_sweep_job(session, job);
  if (result.complete && !opts.quiet)
    std::cout << fmt::format("Wrote {} in {:.1f} s ({} tasks, {:.2f} tasks/s).\n", result.path,
                             result.seconds, result.tasks_run,
                             static_cast<double>(result.tasks_run) / std::max(result.seconds, 1e-9));
}

}  // namespace

void register_sweep_commands(CLI::App& app) {
  auto opts = std::make_shared<SweepOptions>();
  auto* cmd = app.add_subcommand(
      "sweep", "Run a design's points (grid, Latin hypercube or Sobol) × replications into one HDF5 file");
  cmd->add_option("design", opts->design, "The design file (.toml); see docs/sweeps.md")
      ->required()
      ->type_name("DESIGN.toml");
  cmd->add_option("-r,--replications", opts->replications,
                  "Replications per point (default: the design's `replications`, else the scenario's)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("-j,--threads", opts->threads,
                  "Worker threads per rank (default 0: all cores; at most 256). Results do not depend on it.")
      ->check(CLI::Range(0, 256));
  cmd->add_option("-o,--output", opts->output,
                  "The sweep file (default <design name>.h5); written as FILE.h5.part until complete")
      ->type_name("FILE.h5");
  cmd->add_flag("--resume", opts->resume,
                "Finish the sweep in FILE.h5.part: run only its missing (and failed) tasks; refused when the "
                "design or a scenario differs");
  cmd->add_flag("--regions", opts->regions,
                "Store the regional detail as well (the design's `regions = true`)");
  cmd->add_option("--tasks", opts->max_tasks,
                  "Run at most N of the missing tasks, then stop (the file stays resumable): a slice of a "
                  "sweep for a batch job's time limit")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  cmd->add_option("--max-memory", opts->max_memory,
                  "Refuse a sweep whose largest point needs more than SIZE (e.g. 4G; default: the memory "
                  "available)")
      ->type_name("SIZE");
  cmd->add_option("--max-disk", opts->max_disk,
                  "Refuse a sweep whose file (allocated whole at the start) would exceed SIZE (e.g. 40G; "
                  "default: the free space of its file system)")
      ->type_name("SIZE");
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress and no summary");
  cmd->add_flag("--list", opts->list,
                "Validate the design at every point and print its points as CSV (point, one column per "
                "parameter); run and write nothing");
  cmd->footer(
      "Every point runs the base scenario and its alternatives with replication i's random numbers, so "
      "points\n"
      "and scenarios are compared on common random numbers. With MPI: `mpirun -n K tlm sweep DESIGN.toml`\n"
      "(rank 0 hands out tasks and writes the file). Ctrl-C keeps the finished tasks for --resume. Exit "
      "codes:\n"
      "0 done, 2 bad input, 3 some tasks failed, 130 interrupted. See docs/sweeps.md.");
  cmd->callback([opts] { run_sweep_command(*opts); });
}

}  // namespace tlm::app
