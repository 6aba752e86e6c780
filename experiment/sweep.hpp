// Sweeps (docs/sweeps.md): every point of a design runs the base scenario and its alternatives with the
// point's parameter values, replication by replication on common random numbers. A task is one (point,
// replication): it runs every variant and yields the values the sweep file stores. A task's values depend
// only on its point and replication, so a sweep gives the same bits on any number of threads and MPI ranks.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "experiment/design.hpp"
#include "models/params.hpp"
#include "models/world.hpp"

namespace tlm::experiment {

struct SweepRequest {
  std::string design;               // the design file
  std::optional<int> replications;  // -r: instead of the design's
  bool regions = false;             // --regions: regional detail as well (or the design's `regions`)
};

// One stored array per variant and task, e.g. "national/shortage_fte" [year, sector].
struct SweepDataset {
  std::string path;  // relative to the variant's group
  std::vector<std::size_t> shape;
  std::string unit, description;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::string> axes;  // sim::Dataset::axes: after the point and replication axes
  std::size_t size() const;
};

struct SweepPlan {
  Design design;
  std::vector<std::string> sources;   // base, then alternatives: a file path or an embedded name
  std::vector<std::string> groups;    // their groups in the file (the scenario names; X#2 for a repeat)
  std::vector<std::string> resolved;  // their resolved scenarios without any point's values (provenance)
  std::vector<bool> integer;          // parameter j takes whole numbers
  std::vector<std::vector<PointValue>> points;
  std::vector<std::vector<models::Params>> params;  // [point][variant], validated
  int replications = 0;
  std::uint64_t seed = 0;
  bool regions = false;
  std::vector<int> years;
  std::vector<std::string> region_names, subject_names;
  std::vector<SweepDataset> datasets;                // per variant, in this order
  std::size_t task_values = 0;                       // doubles per task: every variant's datasets
  std::shared_ptr<const models::World> first_world;  // of point 0, the base (built by the plan)

  std::size_t variants() const { return groups.size(); }
  std::size_t tasks() const { return points.size() * static_cast<std::size_t>(replications); }
  // What a resumed sweep must share with the one it continues, as (what, text) pairs.
  std::vector<std::pair<std::string, std::string>> identity() const;
};

// Reads the design, loads and validates the base and alternatives at every point (every key known, every
// value in range), and builds the first point's world. Throws models::ScenarioErrors (positions in the
// design file) and PlanError.
SweepPlan plan_sweep(const SweepRequest& request);
// The same for a design built in memory (a sensitivity analysis's plan); `request.design` is not read.
SweepPlan plan_sweep(Design design, const SweepRequest& request);

struct TaskResult {
  std::size_t task = 0;  // point × replications + replication
  bool ok = false;
  std::string error;           // when !ok
  std::vector<double> values;  // when ok: plan.task_values doubles
};

// The start worlds of (point, variant), built once by whichever thread needs one first and kept while
// tasks use them (at most `capacity` idle ones).
class WorldCache {
 public:
  WorldCache(const SweepPlan& plan, std::size_t capacity);
  ~WorldCache();
  std::shared_ptr<const models::World> get(std::size_t point, std::size_t variant);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs one task: every variant of the point, replication r; never throws (a failure is in the result).
TaskResult run_task(const SweepPlan& plan, WorldCache& worlds, std::size_t task,
                    const std::atomic<bool>* cancel);

// A pool of worker threads (oneTBB) that takes tasks from `next` (which returns nullopt when there are no
// more) and hands every result to `done`, from the worker's thread. Returns when `next` is exhausted and
// every task taken has finished; a cancelled task's result is dropped.
void run_pool(const SweepPlan& plan, int threads, const std::atomic<bool>* cancel,
              const std::function<std::optional<std::size_t>()>& next,
              const std::function<void(TaskResult&&)>& done);

}  // namespace tlm::experiment
