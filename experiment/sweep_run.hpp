// Running a sweep's tasks: on this process's threads, and with MPI on every rank of the job (docs/sweeps.md).
// Rank 0 hands out tasks as ranks free up, runs some itself and receives every result; the others ask for
// tasks, run them and send back their values.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "experiment/mpi.hpp"
#include "experiment/sweep.hpp"

namespace tlm::experiment {

struct SweepRunOptions {
  int threads = 0;                            // per rank; 0: all cores
  const std::atomic<bool>* cancel = nullptr;  // stop handing out tasks; finished ones are kept
};

struct SweepRunReport {
  std::size_t done = 0;                                       // tasks that succeeded
  std::vector<std::pair<std::size_t, std::string>> failures;  // task, message
  bool cancelled = false;
};

// Rank 0: runs `tasks`, calling `result` for each finished one and `tick` at least every 100 ms (flushes,
// progress), both from the calling thread. Other ranks: work for rank 0 (`tasks`, `result` and `tick`
// unused). With no MPI session, everything runs here.
SweepRunReport run_sweep(const SweepPlan& plan, const mpi::Session& session,
                         const std::vector<std::size_t>& tasks, const SweepRunOptions& options,
                         const std::function<void(TaskResult&&)>& result, const std::function<void()>& tick);

// A task's result as bytes (an MPI message) and back.
std::vector<std::uint8_t> encode(const TaskResult& r);
TaskResult decode(const std::vector<std::uint8_t>& bytes);

}  // namespace tlm::experiment
