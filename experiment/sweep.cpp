#include "experiment/sweep.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <numeric>
#include <tuple>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "experiment/experiment.hpp"
#include "models/outcomes.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "sim/runner.hpp"

namespace tlm::experiment {
namespace {

// Whether the scenario writes `key` (a key, or a key and a table entry) as a whole number.
bool integer_key(const toml::table& resolved, const std::string& key) {
  const toml::node_view<const toml::node> node = resolved.at_path(key);
  return node && node.is_integer();
}

// The overrides of one point: key=value for every parameter.
std::vector<std::string> point_overrides(const Design& d, const std::vector<PointValue>& point) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < point.size(); ++j) out.push_back(d.parameters[j].key + "=" + point[j].text);
  return out;
}

std::string point_text(const Design& d, const std::vector<PointValue>& point) {
  std::vector<std::string> parts;
  for (std::size_t j = 0; j < point.size(); ++j) parts.push_back(d.parameters[j].key + " = " + point[j].text);
  return fmt::format("{}", fmt::join(parts, ", "));
}

// A scenario error found at one point, placed in the design file: an override's error at the parameter it
// came from (its key, or its value in a grid), anything else where it is with the point named.
models::InputError place_error(const Design& d, const std::vector<PointValue>& point, std::size_t p,
                               const std::string& variant, models::InputError e) {
  const std::string at = fmt::format("point {}{}", p, variant.empty() ? "" : ", " + variant);
  if (e.file == "--set" && e.line >= 1 && static_cast<std::size_t>(e.line) <= d.parameters.size()) {
    const std::size_t j = static_cast<std::size_t>(e.line) - 1;
    const auto& par = d.parameters[j];
    const bool on_value = e.column > static_cast<int>(par.key.size()) + 1;
    models::InputError placed = par.where;
    if (on_value && d.kind == DesignKind::Grid) {
      const auto it = std::find(par.values.begin(), par.values.end(), point[j].text);
      if (it != par.values.end()) placed = par.value_where[static_cast<std::size_t>(it - par.values.begin())];
    } else if (on_value && !par.value_where.empty()) {
      placed = par.value_where[0];
    }
    std::string message = e.message;
    if (message.starts_with(par.key + ": ")) message.erase(0, par.key.size() + 2);
    placed.message =
        on_value ? fmt::format("{} = {} ({}): {}", par.key, point[j].text, at, message) : e.message;
    return placed;
  }
  e.message = fmt::format("at {} ({}): {}", at, point_text(d, point), e.message);
  return e;
}

template <class Array>
void append(std::vector<double>& out, const Array& a) {
  out.insert(out.end(), a.data(), a.data() + a.size());
}

// The datasets a task stores for one variant, from its outcomes: national metrics and cohort tables, and
// with --regions the regional metrics (one source of truth: Outcomes' own datasets).
template <class Visit>
void stored_datasets(const models::Outcomes& o, bool regions, Visit&& visit) {
  for (auto& d : o.national_datasets()) visit(std::move(d));
  for (auto& d : o.to_datasets()) {
    const bool cohort = d.path.starts_with("cohorts/");
    if (cohort || regions) visit(std::move(d));
  }
}

}  // namespace

std::size_t SweepDataset::size() const {
  return std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
}

std::vector<std::pair<std::string, std::string>> SweepPlan::identity() const {
  std::vector<std::pair<std::string, std::string>> out{{"design", design.text},
                                                       {"replications", std::to_string(replications)},
                                                       {"seed", std::to_string(seed)},
                                                       {"regions", regions ? "true" : "false"}};
  for (std::size_t v = 0; v < groups.size(); ++v)
    out.emplace_back(v == 0 ? "scenario" : "alternative " + groups[v], resolved[v]);
  return out;
}

SweepPlan plan_sweep(const SweepRequest& request) {
  return plan_sweep(load_design(request.design), request);
}

SweepPlan plan_sweep(Design design, const SweepRequest& request) {
  SweepPlan plan;
  plan.design = std::move(design);
  const Design& d = plan.design;
  plan.sources.push_back(scenario_source(d.scenario, d.path));
  for (const auto& a : d.alternatives) plan.sources.push_back(scenario_source(a, d.path));

  // The variants without point values: where a file is missing or bad, say so at its name in the design.
  std::vector<models::Params> base;
  std::vector<models::InputError> errors;
  for (std::size_t v = 0; v < plan.sources.size(); ++v) {
    try {
      base.push_back(models::load_scenario(plan.sources[v]).params);
    } catch (const models::ScenarioErrors& e) {
      for (auto err : e.errors()) {
        const auto& where = v == 0 ? d.scenario_where : d.alternative_where[v - 1];
        // The file itself: at its name in the design (a design made in memory, compare --posterior's, has
        // no position for it: the message stays as `tlm run` gives it).
        if (err.line == 0 && err.file == plan.sources[v] && where.line > 0) {
          err = models::InputError{d.path, where.line, where.column,
                                   fmt::format("{}: {}", plan.sources[v], err.message)};
        }
        errors.push_back(std::move(err));
      }
    }
  }
  if (!errors.empty()) throw models::ScenarioErrors(std::move(errors));
  plan.replications = request.replications.value_or(d.replications.value_or(base[0].replications));
  plan.seed = d.seed.value_or(base[0].seed);
  plan.regions = request.regions || d.regions;
  std::map<std::string, int> names;
  for (auto& p : base) {
    p.seed = plan.seed;
    p.replications = plan.replications;
    std::string group = p.name;
    if (const int seen = names[group]++; seen > 0) group = fmt::format("{}#{}", group, seen + 1);
    plan.groups.push_back(group);
    plan.resolved.push_back(models::to_toml(p));
  }

  // Which parameters take whole numbers: as the base scenario writes them.
  const toml::table resolved = toml::parse(plan.resolved[0]);
  for (const auto& par : d.parameters) plan.integer.push_back(integer_key(resolved, par.key));
  plan.points = design_points(d, plan.integer);

  // Every point of every variant, validated like a file (in parallel: a large design has thousands).
  const std::size_t P = plan.points.size(), V = plan.sources.size();
  plan.params.assign(P, std::vector<models::Params>(V));
  std::vector<std::vector<models::InputError>> point_errors(P);
  tbb::parallel_for(std::size_t{0}, P, [&](std::size_t p) {
    const auto overrides = point_overrides(d, plan.points[p]);
    for (std::size_t v = 0; v < V; ++v) {
      const std::string variant = v == 0 ? "" : plan.groups[v];
      try {
        auto params = models::load_scenario(plan.sources[v], overrides).params;
        params.seed = plan.seed;
        params.replications = plan.replications;
        if (params.years.start != base[0].years.start || params.years.end != base[0].years.end)
          point_errors[p].push_back(
              place_error(d, plan.points[p], p, variant,
                          models::InputError{
                              d.path, 0, 0,
                              fmt::format("the years are {}–{}, the base scenario's {}–{}: every point and "
                                          "alternative of a sweep must cover the same years",
                                          params.years.start, params.years.end, base[0].years.start,
                                          base[0].years.end)}));
        plan.params[p][v] = std::move(params);
      } catch (const models::ScenarioErrors& e) {
        for (const auto& err : e.errors())
          point_errors[p].push_back(place_error(d, plan.points[p], p, variant, err));
      }
    }
  });
  // The same problem at many points is reported once, at its first point.
  std::map<std::tuple<std::string, int, int>, int> seen;
  constexpr int kMaxErrors = 50;
  long long more = 0;
  for (auto& list : point_errors)
    for (auto& e : list) {
      if (seen[{e.file, e.line, e.column}]++ > 0) continue;
      if (static_cast<int>(errors.size()) < kMaxErrors)
        errors.push_back(std::move(e));
      else
        ++more;
    }
  if (more > 0)
    errors.push_back(models::InputError{d.path, 0, 0, fmt::format("and {} more problems like these", more)});
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [&](const auto& a, const auto& b) {
      // The design's own problems first, in the order of its lines.
      return std::tuple(a.file != d.path, a.file, a.line, a.column) <
             std::tuple(b.file != d.path, b.file, b.line, b.column);
    });
    throw models::ScenarioErrors(std::move(errors));
  }

  // The layout, from the first point's world: regions and subjects are the axes of every point.
  plan.first_world = std::make_shared<const models::World>(models::build_world(plan.params[0][0]));
  const models::World& w = *plan.first_world;
  for (int y = base[0].years.start; y <= base[0].years.end; ++y) plan.years.push_back(y);
  plan.region_names = w.region_names;
  plan.subject_names = w.subjects.names;
  const models::Outcomes shape(static_cast<int>(plan.years.size()), w.regions, w.subjects.count());
  stored_datasets(shape, plan.regions, [&](sim::Dataset&& ds) {
    plan.datasets.push_back({ds.path, ds.values.shape(), ds.unit, ds.description, ds.attributes, ds.axes});
    plan.task_values += ds.values.size();
  });
  plan.task_values *= V;
  return plan;
}

struct WorldCache::Impl {
  struct Entry {
    std::size_t point, variant;
    std::mutex build;
    std::shared_ptr<const models::World> world;
  };
  Impl(const SweepPlan& p, std::size_t c) : plan(p), capacity(c) {}
  const SweepPlan& plan;
  std::size_t capacity;
  std::mutex mutex;
  std::list<std::shared_ptr<Entry>> entries;  // most recently used first
};

WorldCache::WorldCache(const SweepPlan& plan, std::size_t capacity)
    : impl_(std::make_unique<Impl>(plan, std::max<std::size_t>(capacity, 1))) {}
WorldCache::~WorldCache() = default;

std::shared_ptr<const models::World> WorldCache::get(std::size_t point, std::size_t variant) {
  if (point == 0 && variant == 0 && impl_->plan.first_world) return impl_->plan.first_world;
  std::shared_ptr<Impl::Entry> entry;
  {
    const std::lock_guard lock(impl_->mutex);
    auto& list = impl_->entries;
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const auto& e) { return e->point == point && e->variant == variant; });
    if (it != list.end()) {
      entry = *it;
      list.erase(it);
    } else {
      entry = std::make_shared<Impl::Entry>();
      entry->point = point;
      entry->variant = variant;
    }
    list.push_front(entry);
    // Forget the least recently used worlds no task holds (their tasks have finished).
    std::size_t kept = 0;
    for (auto e = list.begin(); e != list.end();) {
      const bool idle = (*e)->world && (*e)->world.use_count() == 1 && *e != entry;
      if (idle && ++kept > impl_->capacity)
        e = list.erase(e);
      else
        ++e;
    }
  }
  const std::lock_guard build(entry->build);
  if (!entry->world)
    entry->world =
        std::make_shared<const models::World>(models::build_world(impl_->plan.params[point][variant]));
  return entry->world;
}

TaskResult run_task(const SweepPlan& plan, WorldCache& worlds, std::size_t task,
                    const std::atomic<bool>* cancel) {
  TaskResult result;
  result.task = task;
  const std::size_t R = static_cast<std::size_t>(plan.replications);
  const std::size_t p = task / R;
  const auto r = static_cast<std::uint32_t>(task % R);
  try {
    result.values.reserve(plan.task_values);
    for (std::size_t v = 0; v < plan.variants(); ++v) {
      const auto world = worlds.get(p, v);
      // The file's axes come from the first point: regions (stored with --regions) and vo subjects.
      if (plan.regions && world->regions != static_cast<int>(plan.region_names.size()))
        throw std::runtime_error(fmt::format(
            "{}: {} regions, where the sweep file has {} (from its first point): with --regions every point "
            "of a sweep must have the same regions",
            plan.groups[v], world->regions, plan.region_names.size()));
      if (world->subjects.names != plan.subject_names)
        throw std::runtime_error(fmt::format(
            "{}: the vo subjects [{}], where the sweep file has [{}] (from its first point): every point of "
            "a "
            "sweep must have the same vo subjects",
            plan.groups[v], fmt::join(world->subjects.names, ", "), fmt::join(plan.subject_names, ", ")));
      const auto outcomes = models::run_replication(*world, plan.params[p][v], r, cancel);
      stored_datasets(outcomes, plan.regions, [&](sim::Dataset&& d) { append(result.values, d.values); });
    }
    if (result.values.size() != plan.task_values)
      throw std::logic_error(
          fmt::format("a task stored {} values, the layout has {}", result.values.size(), plan.task_values));
    result.ok = true;
  } catch (const std::exception& e) {
    result.values.clear();
    result.error = e.what();
  }
  return result;
}

void run_pool(const SweepPlan& plan, int threads, const std::atomic<bool>* cancel,
              const std::function<std::optional<std::size_t>()>& next,
              const std::function<void(TaskResult&&)>& done) {
  const int n = sim::resolve_threads(threads);
  // Idle worlds are kept only for the latest point: tasks come point by point, and a world in use is never
  // dropped.
  WorldCache worlds(plan, plan.variants());
  auto cancelled = [&] { return cancel && cancel->load(); };
  tbb::task_arena arena(n);
  arena.execute([&] {
    // n long-running workers, each taking the next task as it frees up.
    tbb::parallel_for(0, n, 1, [&](int) {
      while (!cancelled()) {
        const auto task = next();
        if (!task) return;
        auto result = run_task(plan, worlds, *task, cancel);
        if (cancelled()) return;  // a replication cut short is never stored
        done(std::move(result));
      }
    });
  });
}

}  // namespace tlm::experiment
