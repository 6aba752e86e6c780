#include "experiment/experiment.hpp"

#include <fmt/format.h>

#include <map>

#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "sim/progress.hpp"
#include "sim/runner.hpp"

namespace tlm::experiment {

std::vector<Variant> plan(const Request& request) {
  std::vector<std::string> scenarios = request.scenarios;
  if (scenarios.empty()) scenarios.push_back("nl-baseline");
  std::vector<Variant> variants;
  std::map<std::string, int> names;
  for (const auto& name : scenarios) {
    auto scenario = models::load_scenario(name, request.overrides);
    Variant v;
    v.params = std::move(scenario.params);
    v.set_keys = std::move(scenario.set_keys);
    v.overrides = request.overrides;
    if (request.seed) v.params.seed = *request.seed;
    if (request.replications) v.params.replications = *request.replications;
    v.group = v.params.name;
    if (const int seen = names[v.group]++; seen > 0) {
      if (!request.rename_duplicates)
        throw PlanError(
            fmt::format("two scenarios named `{}` in one run; give one a different `name`", v.group));
      v.group = fmt::format("{}#{}", v.group, seen + 1);
    }
    v.toml = models::to_toml(v.params);
    variants.push_back(std::move(v));
  }
  return variants;
}

void build_worlds(std::vector<Variant>& variants) {
  for (auto& v : variants)
    if (!v.world) v.world = std::make_shared<const models::World>(models::build_world(v.params));
}

Variant variant_of(const models::World& world, const models::Params& params, std::string group) {
  Variant v;
  v.group = group.empty() ? params.name : std::move(group);
  v.params = params;
  v.world = std::shared_ptr<const models::World>(&world, [](const models::World*) {});  // not owned
  return v;
}

bool run(const std::vector<Variant>& variants, const Options& options, Sink& sink) {
  for (const auto& v : variants)
    if (!v.world) throw std::logic_error("experiment::run: build_worlds() first");
  sink.begin(variants);
  // Tasks: variant-major, so a comparison fills one scenario after another.
  std::vector<std::pair<std::size_t, int>> tasks;
  for (std::size_t k = 0; k < variants.size(); ++k)
    for (int r = 0; r < variants[k].replications(); ++r) tasks.emplace_back(k, r);

  // Not on a terminal (a log, a pipe): plain lines, "tlm: 40/100 replications ...", every 10 seconds.
  sim::Progress progress(tasks.size(), "replications", options.progress, "tlm: ", true);
  std::size_t done = 0;
  sim::RunnerOptions ro;
  ro.threads = options.threads;
  ro.cancel = options.cancel;
  auto cancelled = [&] { return options.cancel && options.cancel->load(); };
  const bool complete = sim::run_tasks<models::Outcomes>(
      tasks.size(), ro,
      [&](std::size_t t) {
        const auto& [k, r] = tasks[t];
        return models::run_replication(*variants[k].world, variants[k].params, static_cast<std::uint32_t>(r),
                                       options.cancel);
      },
      [&](std::size_t t, models::Outcomes&& out) {
        if (cancelled()) return;  // the partial result of a cancelled replication never reaches the sink
        const auto& [k, r] = tasks[t];
        sink.replication(k, r, std::move(out));
        progress.update(++done);
      });
  progress.finish();
  return complete && !cancelled();
}

void Collector::begin(const std::vector<Variant>& variants) {
  results_.assign(variants.size(), {});
  for (std::size_t k = 0; k < variants.size(); ++k)
    results_[k].resize(static_cast<std::size_t>(variants[k].replications()));
}

void Collector::replication(std::size_t variant, int replication, models::Outcomes&& outcomes) {
  results_.at(variant).at(static_cast<std::size_t>(replication)).emplace(std::move(outcomes));
}

std::vector<models::Outcomes> Collector::take(std::size_t variant) {
  std::vector<models::Outcomes> out;
  for (auto& slot : results_.at(variant)) {
    if (!slot) throw std::logic_error("experiment::Collector::take: a replication is missing");
    out.push_back(std::move(*slot));
  }
  return out;
}

std::vector<models::Outcomes> run_replications(const models::World& world, const models::Params& params,
                                               int n, int threads) {
  auto p = params;
  p.replications = n;
  const std::vector<Variant> variants{variant_of(world, p)};
  Collector collector;
  Options options;
  options.threads = threads;
  run(variants, options, collector);
  return collector.take(0);
}

}  // namespace tlm::experiment
