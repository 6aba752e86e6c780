// The experiment layer (ARCHITECTURE: models apart from the runtime, as OpenM++ does): a plan of scenario
// variants, each run for its replications on oneTBB threads, every finished replication streamed to a sink.
// A replication's result depends only on its variant and its number (the random key is {seed, replication}),
// so results are the same on any number of threads. Sweeps and calibration build on this layer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/world.hpp"

namespace tlm::experiment {

// Bad input about the plan as a whole, not about one scenario file (e.g. two scenarios with one name).
struct PlanError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One scenario to run: validated, resolved, with its start world once built.
struct Variant {
  std::string group;                   // its group in the results: the scenario's name (X#2: a repeat)
  models::Params params;               // resolved: seed and replications applied
  std::string toml;                    // the resolved scenario as TOML (provenance)
  std::vector<std::string> set_keys;   // keys its files or --set state (models::Scenario::set_keys)
  std::vector<std::string> overrides;  // the --set texts applied to it
  std::shared_ptr<const models::World> world;  // set by build_worlds(); shared by every replication
  int replications() const { return params.replications; }
};

// What to run, as the user gave it.
struct Request {
  std::vector<std::string> scenarios;  // files or embedded names; empty: nl-baseline
  std::vector<std::string> overrides;  // key=value, applied to every scenario and validated like a file
  std::optional<int> replications;     // default: each scenario's `replications`
  std::optional<std::uint64_t> seed;   // default: each scenario's `seed`
  bool rename_duplicates = false;      // a repeated name becomes X#2 instead of bad input (`compare X X`)
};

// Loads and validates every scenario before anything runs. Throws models::ScenarioErrors for a bad scenario
// and PlanError for a bad plan. Builds no world.
std::vector<Variant> plan(const Request& request);
// Builds each variant's start world (docs/model.md 4.1). Throws models::ScenarioErrors for imported data
// whose problems show only when the world is built.
void build_worlds(std::vector<Variant>& variants);
// A variant of an existing world and parameters (tests, benchmarks); the world must outlive the variant.
Variant variant_of(const models::World& world, const models::Params& params, std::string group = {});

// Where finished replications go. Every call comes from one thread (the writer thread), in completion order.
class Sink {
 public:
  virtual ~Sink() = default;
  // Once, before any replication runs; the variants' worlds are built.
  virtual void begin(const std::vector<Variant>& variants) { (void)variants; }
  virtual void replication(std::size_t variant, int replication, models::Outcomes&& outcomes) = 0;
};

struct Options {
  int threads = 0;                            // 0: all cores
  const std::atomic<bool>* cancel = nullptr;  // set (e.g. by a signal) to stop; a cancelled run is partial
  bool progress =
      false;  // progress on stderr: a live line on a terminal, else a plain line every 10 s and at the end
};

// Runs replications 0..n-1 of every variant (variant-major: one scenario after another) and streams each to
// `sink`. Returns false when cancelled; the sink has then seen only some replications and none of a
// replication cut short.
bool run(const std::vector<Variant>& variants, const Options& options, Sink& sink);

// A sink that keeps every result in memory: results[variant][replication].
class Collector : public Sink {
 public:
  void begin(const std::vector<Variant>& variants) override;
  void replication(std::size_t variant, int replication, models::Outcomes&& outcomes) override;
  // The outcomes of one variant, in replication order (all replications must have run).
  std::vector<models::Outcomes> take(std::size_t variant);

 private:
  std::vector<std::vector<std::optional<models::Outcomes>>> results_;
};

// Replications 0..n-1 of one world, in memory, on all cores: the tests' way to run a scenario.
std::vector<models::Outcomes> run_replications(const models::World& world, const models::Params& params,
                                               int n, int threads = 0);

}  // namespace tlm::experiment
