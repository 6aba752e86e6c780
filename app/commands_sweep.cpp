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
#include "experiment/experiment.hpp"
#include "experiment/memory.hpp"
#include "experiment/mpi.hpp"
#include "experiment/sweep.hpp"
#include "experiment/sweep_file.hpp"
#include "experiment/sweep_run.hpp"
#include "models/scenario.hpp"
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
  bool quiet = false;
};

// A digest of what every rank must agree on (FNV-1a): the plan's identity and layout.
std::uint64_t plan_digest(const experiment::SweepPlan& plan) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](const std::string& s) {
    for (const unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  for (const auto& [what, text] : plan.identity()) mix(what + "\n" + text);
  mix(std::to_string(plan.points.size()) + "/" + std::to_string(plan.task_values));
  return h;
}

std::string task_text(const experiment::SweepPlan& plan, std::size_t task) {
  const std::size_t R = static_cast<std::size_t>(plan.replications);
  const std::size_t p = task / R;
  std::vector<std::string> values;
  for (std::size_t j = 0; j < plan.points[p].size(); ++j)
    values.push_back(plan.design.parameters[j].key + " = " + plan.points[p][j].text);
  return fmt::format("point {} ({}), replication {}", p, fmt::join(values, ", "), task % R);
}

// Before anything is written: the point whose scenarios need the most memory, against --max-memory or the
// memory available (each thread runs one replication of one scenario; a point's worlds are shared).
void check_sweep_memory(const experiment::SweepPlan& plan, const SweepOptions& opts) {
  std::optional<double> limit;
  if (!opts.max_memory.empty()) {
    limit = experiment::parse_size(opts.max_memory);
    if (!limit) throw BadInput(fmt::format("--max-memory: `{}` is not a size (e.g. 4G, 512M, 800k)", opts.max_memory));
  }
  std::vector<experiment::Variant> largest;
  double most = -1.0;
  for (const auto& point : plan.params) {
    std::vector<experiment::Variant> variants;
    for (std::size_t v = 0; v < point.size(); ++v) {
      experiment::Variant var;
      var.group = plan.groups[v];
      var.params = point[v];
      variants.push_back(std::move(var));
    }
    const double bytes = experiment::estimate_memory(variants, opts.threads).total_bytes();
    if (bytes > most) {
      most = bytes;
      largest = std::move(variants);
    }
  }
  experiment::check_memory(largest, opts.threads, limit);
}

void run_sweep_command(const SweepOptions& opts) {
  const auto start = std::chrono::steady_clock::now();
  experiment::mpi::Session session;
  const bool leader = session.rank() == 0;
  const InterruptGuard guard;  // SIGINT, SIGTERM, SIGHUP: stop, keep the finished tasks for --resume

  // Every rank plans (and validates) the sweep; rank 0 also opens its file. Whatever fails, every rank
  // learns it before any of them waits for another.
  std::optional<experiment::SweepPlan> plan;
  std::unique_ptr<experiment::SweepFile> file;
  std::exception_ptr failure;
  try {
    experiment::SweepRequest request;
    request.design = opts.design;
    request.replications = opts.replications;
    request.regions = opts.regions;
    plan = experiment::plan_sweep(request);
    check_sweep_memory(*plan, opts);
    if (leader) {
      std::string output = opts.output;
      if (output.empty()) {
        std::string stem = std::filesystem::path(opts.design).stem().string();
        output = (stem.empty() ? std::string("sweep") : stem) + ".h5";
      }
      file = std::make_unique<experiment::SweepFile>(
          output, *plan, opts.resume,
          std::vector<std::pair<std::string, std::string>>{
              {"tlm_version", TLM_VERSION}, {"created", now_iso8601()}, {"command", command_line()}});
    }
  } catch (...) {
    failure = std::current_exception();
  }
  const int any_failed = session.max_over_ranks(failure ? 1 : 0);
  const int leader_failed = static_cast<int>(session.broadcast(leader && failure ? 1 : 0));
  if (any_failed) {
    if (leader || !leader_failed) {
      try {
        std::rethrow_exception(failure);
      } catch (const experiment::PlanError& e) {
        throw BadInput(e.what());
      } catch (const models::ScenarioErrors&) {
        throw;
      } catch (const std::exception& e) {
        if (leader && !failure) throw BadInput("another rank could not plan the sweep (see its message)");
        throw BadInput(session.active() ? fmt::format("rank {}: {}", session.rank(), e.what()) : e.what());
      } catch (...) {
        if (leader) throw BadInput("another rank could not plan the sweep (see its message)");
        throw;
      }
    }
    throw ExitWith(2, "");  // rank 0 has said it
  }
  if (session.broadcast(plan_digest(*plan)) != plan_digest(*plan)) {
    std::cerr << fmt::format(
        "tlm: rank {} read a different design or scenario than rank 0 (every rank must see "
        "the same files)\n",
        session.rank());
    session.abort(2);
  }

  std::vector<std::size_t> tasks;
  std::size_t before = 0;
  if (leader) {
    tasks = file->missing();
    before = plan->tasks() - tasks.size();
    if (opts.max_tasks && tasks.size() > *opts.max_tasks) tasks.resize(*opts.max_tasks);
    if (!opts.quiet)
      std::cerr << fmt::format(
          "tlm sweep: {} point{} × {} replication{} ({} scenario{}) = {} tasks{}; running {} on {} rank{} × "
          "{} "
          "thread{}\n",
          plan->points.size(), plan->points.size() == 1 ? "" : "s", plan->replications,
          plan->replications == 1 ? "" : "s", plan->variants(), plan->variants() == 1 ? "" : "s",
          plan->tasks(), before ? fmt::format(", {} done before", before) : "", tasks.size(), session.size(),
          session.size() == 1 ? "" : "s", sim::resolve_threads(opts.threads),
          sim::resolve_threads(opts.threads) == 1 ? "" : "s");
  }

  sim::Progress progress(tasks.size(), "tasks", leader && !opts.quiet, "tlm sweep: ", true);
  std::size_t finished = 0;
  experiment::SweepRunOptions ro;
  ro.threads = opts.threads;
  ro.cancel = InterruptGuard::flag();
  experiment::SweepRunReport report;
  try {
    report = experiment::run_sweep(
        *plan, session, tasks, ro,
        [&](experiment::TaskResult&& r) {
          if (!r.ok) {
            progress.finish();
            std::cerr << fmt::format("tlm: task failed: {}: {}\n", task_text(*plan, r.task), r.error);
          }
          file->write(r);
          ++finished;
        },
        [&] {
          file->flush_if_due();
          progress.update(finished);
        });
  } catch (const std::exception& e) {
    // One rank cannot go on (a full disk on rank 0, a lost message): stop them all; the file keeps what
    // was flushed.
    if (session.active()) {
      std::cerr << fmt::format("tlm: error on rank {}: {}\n", session.rank(), e.what());
      file.reset();
      session.abort(1);
    }
    throw;
  }
  progress.finish();
  if (!leader) return;

  const std::string part = experiment::SweepFile::part_path(file->path());
  if (report.cancelled || InterruptGuard::requested()) {
    file->flush();
    const std::size_t done = file->done();
    const std::string message = fmt::format(
        "interrupted; {} of {} tasks are done and kept in {}; `tlm sweep {} --resume{}` finishes the sweep",
        done, plan->tasks(), part, opts.design, opts.output.empty() ? "" : " -o " + opts.output);
    file.reset();
    if (session.active()) {
      std::cerr << "tlm: " << message << "\n";
      session.abort(130);
    }
    throw ExitWith(130, message);
  }
  file->flush();
  const std::size_t missing = file->missing().size() - report.failures.size();
  if (missing > 0) {  // --tasks: a slice of the sweep
    file.reset();
    if (!opts.quiet)
      std::cerr << fmt::format("tlm sweep: ran {} tasks; {} remain in {}; `--resume` runs them\n",
                               tasks.size(), missing, part);
    return;
  }
  const std::size_t failed = file->finish();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failed > 0)
    throw ExitWith(
        3, fmt::format("{} of {} tasks failed (above); the others are in {}, where /failed marks them",
                       failed, plan->tasks(), file->path()));
  if (!opts.quiet)
    std::cout << fmt::format("Wrote {} in {:.1f} s ({} tasks, {:.2f} tasks/s).\n", file->path(), secs,
                             tasks.size(), static_cast<double>(tasks.size()) / std::max(secs, 1e-9));
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
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress and no summary");
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
