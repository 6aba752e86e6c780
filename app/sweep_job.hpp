// Running a planned sweep on every rank of the job, for the commands built on sweeps (`tlm sweep`,
// `tlm sensitivity`): every rank plans it and agrees on it, rank 0 opens (or resumes) its file, the tasks run
// on threads and ranks, and Ctrl-C, failed tasks and --tasks slices end the way docs/sweeps.md says.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "experiment/mpi.hpp"
#include "experiment/sweep.hpp"

namespace tlm::app {

struct SweepJob {
  std::string name = "tlm sweep";               // the prefix of progress lines
  std::string what = "sweep";                   // "the sweep" in messages
  std::function<experiment::SweepPlan()> plan;  // on every rank; throws on bad input
  std::string output;                           // the file (rank 0)
  std::string resume_command;                   // what the user types to finish it
  bool resume = false;
  int threads = 0;
  std::optional<std::size_t> max_tasks;
  std::string max_memory;
  std::string max_disk;  // --max-disk; empty: the free space of the file's file system
  // Its values are analysed after the runs (calibrate, sensitivity, compare --posterior: their reports load
  // every task's national values at once), so that memory is checked before the runs too.
  bool analysed = false;
  std::string lower;  // what to lower when the file does not fit ("-r or the design's points")
  bool quiet = false;
};

struct SweepJobResult {
  bool leader = false;
  bool complete = false;  // rank 0: every task ran and the file is in place under `path`
  std::string path;
  double seconds = 0;
  std::size_t tasks_run = 0;
  std::optional<experiment::SweepPlan> plan;
};

// Throws BadInput / models::ScenarioErrors on bad input (exit 2, nothing written), ExitWith(130) when
// interrupted (the file kept for --resume), ExitWith(3) when tasks failed (the file complete, /failed
// marked).
SweepJobResult run_sweep_job(const experiment::mpi::Session& session, const SweepJob& job);

}  // namespace tlm::app
