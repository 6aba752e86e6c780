// The run of a planned sweep on every rank (app/sweep_job.hpp): shared by `tlm sweep` and `tlm sensitivity`.
#include "app/sweep_job.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "experiment/experiment.hpp"
#include "experiment/memory.hpp"
#include "experiment/sweep_file.hpp"
#include "experiment/sweep_run.hpp"
#include "models/scenario.hpp"
#include "sim/progress.hpp"
#include "sim/runner.hpp"
#include "tlm_version.hpp"  // TLM_VERSION, generated at build time (cmake/version.cmake)

namespace tlm::app {
namespace {

// A digest of what every rank must agree on (FNV-1a): the plan's identity and layout.
std::uint64_t plan_digest(const experiment::SweepPlan& plan) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](const std::string& s) {
    for (const unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  for (const auto& [what, text] : plan.identity()) {
    mix(what);
    mix(text);
  }
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
void check_sweep_memory(const experiment::SweepPlan& plan, const SweepJob& job) {
  std::optional<double> limit;
  if (!job.max_memory.empty()) {
    limit = experiment::parse_size(job.max_memory);
    if (!limit)
      throw BadInput(fmt::format("--max-memory: `{}` is not a size (e.g. 4G, 512M, 800k)", job.max_memory));
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
    const double bytes = experiment::estimate_memory(variants, job.threads).total_bytes();
    if (bytes > most) {
      most = bytes;
      largest = std::move(variants);
    }
  }
  experiment::check_memory(largest, job.threads, limit);
}

// Before the file is allocated (it is allocated whole, experiment/sweep_file.hpp): its size from the plan
// against
// --max-disk or the free space where it goes, and the file size limit. A resumed file is allocated already.
void check_sweep_disk(const experiment::SweepPlan& plan, const SweepJob& job) {
  std::optional<double> limit;
  if (!job.max_disk.empty()) {
    limit = experiment::parse_size(job.max_disk);
    if (!limit) throw BadInput(fmt::format("--max-disk: `{}` is not a size (e.g. 40G, 512M)", job.max_disk));
  }
  if (job.resume) return;
  const double task = static_cast<double>(plan.task_values) * 8.0 + 2.0;  // the values and the two marks
  // The structure (about 64 KiB: groups, dataset headers, the points) and the texts kept as attributes (each
  // resolved scenario twice: the root's and its group's).
  double fixed = 64.0 * 1024.0 + static_cast<double>(plan.design.text.size());
  for (const auto& text : plan.resolved) fixed += 2.0 * static_cast<double>(text.size());
  const double points = static_cast<double>(plan.points.size());
  experiment::check_disk(experiment::SweepFile::part_path(job.output),
                         fixed + points * plan.replications * task,
                         fmt::format("{} point{} × {} replication{} × {} a task", plan.points.size(),
                                     plan.points.size() == 1 ? "" : "s", plan.replications,
                                     plan.replications == 1 ? "" : "s", experiment::size_text(task)),
                         job.lower.empty() ? "lower -r or the number of points" : job.lower, limit);
}

// After the runs (and the file's own room): the analysis that follows — the report of calibrate, sensitivity
// or compare --posterior — loads the national values of every task at once: at most the tasks'
// values, counted twice for its own tables. The runs are done by then, so this is a peak of its own.
void check_analysis_memory(const experiment::SweepPlan& plan, const SweepJob& job) {
  std::optional<double> limit;
  if (!job.max_memory.empty()) limit = experiment::parse_size(job.max_memory);  // checked before the runs
  const double points = static_cast<double>(plan.points.size());
  const double analysis = 2.0 * points * plan.replications * static_cast<double>(plan.task_values) * 8.0;
  const auto available = limit ? limit : experiment::available_memory();
  if (available && analysis > *available)
    throw experiment::PlanError(fmt::format(
        "this sweep needs about {} of memory, more than {} ({}): its analysis (the report) holds the values "
        "of {} point{} × {} replication{} at once ({} a task). Lower -r or the number of points (a design's "
        "points, --draws, a calibration's population, a study's samples); or give --max-memory if the "
        "estimate is wrong for this machine",
        experiment::size_text(analysis), limit ? "--max-memory" : "the memory available",
        experiment::size_text(*available), plan.points.size(), plan.points.size() == 1 ? "" : "s",
        plan.replications, plan.replications == 1 ? "" : "s",
        experiment::size_text(static_cast<double>(plan.task_values) * 8.0)));
}

}  // namespace

SweepJobResult run_sweep_job(const experiment::mpi::Session& session, const SweepJob& job) {
  const auto start = std::chrono::steady_clock::now();
  const bool leader = session.rank() == 0;
  SweepJobResult result;
  result.leader = leader;

  // Every rank plans (and validates) the sweep; rank 0 also opens its file. Whatever fails, every rank
  // learns it before any of them waits for another.
  std::optional<experiment::SweepPlan>& plan = result.plan;
  std::unique_ptr<experiment::SweepFile> file;
  std::exception_ptr failure;
  try {
    plan = job.plan();
    check_sweep_memory(*plan, job);
    if (leader) check_sweep_disk(*plan, job);
    if (leader && job.analysed) check_analysis_memory(*plan, job);
    if (leader)
      file = std::make_unique<experiment::SweepFile>(
          job.output, *plan, job.resume,
          std::vector<std::pair<std::string, std::string>>{
              {"tlm_version", TLM_VERSION}, {"created", now_iso8601()}, {"command", command_line()}});
  } catch (...) {
    failure = std::current_exception();
  }
  const int any_failed = session.max_over_ranks(failure ? 1 : 0);
  const int leader_failed = static_cast<int>(session.broadcast(leader && failure ? 1 : 0));
  if (any_failed) {
    if (leader || !leader_failed) {
      if (!failure) throw BadInput("another rank could not plan the sweep (see its message)");
      try {
        std::rethrow_exception(failure);
      } catch (const experiment::PlanError& e) {
        throw BadInput(e.what());
      } catch (const models::ScenarioErrors&) {
        throw;
      } catch (const BadInput&) {
        throw;
      } catch (const std::exception& e) {
        throw BadInput(session.active() ? fmt::format("rank {}: {}", session.rank(), e.what()) : e.what());
      }
    }
    throw ExitWith(2, "");  // rank 0 has said it
  }
  if (session.broadcast(plan_digest(*plan)) != plan_digest(*plan)) {
    std::cerr << fmt::format(
        "tlm: rank {} read a different design or scenario than rank 0 (every rank must see the same files)\n",
        session.rank());
    session.abort(2);
  }

  std::vector<std::size_t> tasks;
  if (leader) {
    for (const auto& t : file->removed_temporaries())
      std::cerr << fmt::format("tlm: removed {}, the temporary of a {} that died\n", t, job.what);
    tasks = file->missing();
    const std::size_t before = plan->tasks() - tasks.size();
    if (job.max_tasks && tasks.size() > *job.max_tasks) tasks.resize(*job.max_tasks);
    if (!job.quiet)
      std::cerr << fmt::format(
          "{}: {} point{} × {} replication{} ({} scenario{}) = {} tasks{}; running {} on {} rank{} × {} "
          "thread{}\n",
          job.name, plan->points.size(), plan->points.size() == 1 ? "" : "s", plan->replications,
          plan->replications == 1 ? "" : "s", plan->variants(), plan->variants() == 1 ? "" : "s",
          plan->tasks(), before ? fmt::format(", {} done before", before) : "", tasks.size(), session.size(),
          session.size() == 1 ? "" : "s", sim::resolve_threads(job.threads),
          sim::resolve_threads(job.threads) == 1 ? "" : "s");
  }

  sim::Progress progress(tasks.size(), "tasks", leader && !job.quiet, job.name + ": ", true);
  std::size_t finished = 0;
  experiment::SweepRunOptions ro;
  ro.threads = job.threads;
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
  result.tasks_run = tasks.size();
  if (!leader) return result;

  const std::string part = experiment::SweepFile::part_path(file->path());
  if (report.cancelled || InterruptGuard::requested()) {
    file->flush();
    const std::string message =
        fmt::format("interrupted; {} of {} tasks are done and kept in {}; `{}` finishes the {}", file->done(),
                    plan->tasks(), part, job.resume_command, job.what);
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
    if (!job.quiet)
      std::cerr << fmt::format("{}: ran {} tasks; {} remain in {}; `--resume` runs them\n", job.name,
                               tasks.size(), missing, part);
    return result;
  }
  const std::size_t failed = file->finish();
  result.path = file->path();
  result.complete = true;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failed > 0)
    throw ExitWith(
        3, fmt::format("{} of {} tasks failed (above); the others are in {}, where /failed marks them",
                       failed, plan->tasks(), file->path()));
  return result;
}

}  // namespace tlm::app
