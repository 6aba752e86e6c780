// The model at national scale: each phase of docs/model.md section 6 per agent, the market of one region, one
// whole year, one whole replication of nl-baseline, and the building of its start world.
//
// Scale: the benchmark argument is world.scale × 100 (100 = the Netherlands, 10 = 0.1×, 400 = 4×), so the
// per-agent rate across arguments shows each phase's complexity in its agents (flat items/s: O(n)).
// A phase is timed on a fresh copy of the state it meets in the first simulated year (the copy is not timed).
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <time.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "models/market_detail.hpp"
#include "models/scenario.hpp"
#include "models/schedule.hpp"
#include "models/simulation.hpp"
#include "models/state.hpp"
#include "models/world.hpp"

namespace {

using namespace tlm;
using models::State;

struct Setup {
  models::Params params;
  std::unique_ptr<models::World> world;
};

// nl-baseline at world.scale = scale_pct / 100, with extra overrides; built once and cached.
const Setup& setup(long scale_pct, const std::vector<std::string>& extra = {}) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Setup>> cache;
  std::vector<std::string> overrides{fmt::format("world.scale={}", static_cast<double>(scale_pct) / 100.0)};
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  std::string key;
  for (const auto& o : overrides) key += o + ";";
  std::lock_guard lock(mu);
  auto& slot = cache[key];
  if (!slot) {
    slot = std::make_unique<Setup>();
    slot->params = models::load_scenario("nl-baseline", overrides).params;
    slot->world = std::make_unique<models::World>(models::build_world(slot->params));
  }
  return *slot;
}

// The state of the start year, as run_replication prepares it.
State start_state(const Setup& su) {
  State s(*su.world, su.params);
  models::start_year(s);
  return s;
}

using models::kYearSchedule;
using models::step_index;

models::YearContext first_year(const Setup& su) {
  const int start = su.params.years.start;
  return {start + 1, start, 1};
}

// The state just before step `step` of the first simulated year.
State state_before(const Setup& su, std::size_t step) {
  State s = start_state(su);
  const sim::Stream rng(static_cast<std::uint32_t>(su.params.seed), 0);
  const auto ctx = first_year(su);
  for (std::size_t k = 0; k < step; ++k) kYearSchedule[k].run(s, ctx, rng);
  return s;
}

// CPU time of the calling thread: the machines this runs on are often shared, and wall time then measures the
// neighbours. Every model phase runs on one thread, so its thread CPU time is its cost.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Times `body` on a fresh copy of `base` per iteration; the copy is not timed. The reported time is thread
// CPU time (manual time); the counter `wall_ms` is the mean wall time of the body.
template <class Body>
void time_on_copies(benchmark::State& state, const State& base, Body&& body) {
  double wall = 0.0;
  for (auto _ : state) {
    auto s = std::make_unique<State>(base);
    const auto w0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_seconds();
    body(*s);
    const double c1 = thread_cpu_seconds();
    wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    benchmark::DoNotOptimize(s->teachers.size());
    state.SetIterationTime(c1 - c0);
  }
  state.counters["wall_ms"] = 1e3 * wall / static_cast<double>(state.iterations());
}

double agents(const State& s) {
  return static_cast<double>(s.teachers.size() + s.students.size() + s.reserve.size());
}

// The agents a step walks over.
double step_items(std::size_t step, const State& before, const State& after) {
  const auto name = kYearSchedule[step].name;
  if (name == "demand" || name == "partnerships")
    return static_cast<double>(before.school_year.demand.size());
  if (name == "teacher_exits") return static_cast<double>(before.teachers.size());
  if (name == "student_progress" || name == "placement") return static_cast<double>(before.students.size());
  if (name == "reserve_ageing") return static_cast<double>(before.reserve.size());
  if (name == "intake") return static_cast<double>(after.students.size() - before.students.size());
  return agents(before);  // market, record: teachers, students and reserve
}

void BM_Phase(benchmark::State& state, std::size_t step) {
  const auto& su = setup(state.range(0));
  const State base = state_before(su, step);
  const sim::Stream rng(static_cast<std::uint32_t>(su.params.seed), 0);
  const auto ctx = first_year(su);
  double items = 0;
  time_on_copies(state, base, [&](State& s) {
    kYearSchedule[step].run(s, ctx, rng);
    items = step_items(step, base, s);
  });
  state.SetItemsProcessed(static_cast<std::int64_t>(items * static_cast<double>(state.iterations())));
  state.counters["agents"] = items;
  state.SetComplexityN(static_cast<std::int64_t>(items));
}

// Iterations of the benchmarks that copy a state per iteration (a copy costs more than the cheap phases).
constexpr int kCopies = 20;

void phase_args(benchmark::internal::Benchmark* b) {
  b->Arg(25)->Arg(100)->Arg(400)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(kCopies);
}
// One benchmark per step of the year's schedule, named <position>_<step>, e.g. BM_Phase/3_teacher_exits.
const bool phases_registered = [] {
  for (std::size_t k = 0; k < kYearSchedule.size(); ++k)
    benchmark::RegisterBenchmark(fmt::format("BM_Phase/{}_{}", k + 1, kYearSchedule[k].name).c_str(),
                                 [k](benchmark::State& st) { BM_Phase(st, k); })
        ->Apply(phase_args);
  return true;
}();

// The market of one region: the whole market (6.6) of a one-region world the size of an average region of the
// Netherlands (1/50 of the population), so the per-market fixed costs show.
void BM_MarketOneRegion(benchmark::State& state) {
  const auto& su = setup(2, {"world.regions=1", "world.urban_regions=0"});
  const State base = state_before(su, step_index("market"));
  const sim::Stream rng(static_cast<std::uint32_t>(su.params.seed), 0);
  const auto ctx = first_year(su);
  time_on_copies(state, base, [&](State& s) { models::market(s, ctx, rng); });
  state.SetItemsProcessed(static_cast<std::int64_t>(agents(base) * static_cast<double>(state.iterations())));
  state.counters["agents"] = agents(base);
}
BENCHMARK(BM_MarketOneRegion)->Unit(benchmark::kMicrosecond)->UseManualTime()->Iterations(200);

// Groenpluk (6.6 step 4) of one region inside the national state, given the region's students.
void BM_GroenplukOneRegion(benchmark::State& state) {
  const auto& su = setup(state.range(0));
  State base = state_before(su, step_index("market"));
  // Vacancies as the market leaves them before step 4 is not reachable from outside; use demand - staff per
  // cell.
  auto& sy = base.school_year;
  const auto& w = base.world;
  std::fill(sy.cell_staff.begin(), sy.cell_staff.end(), 0.0);
  for (std::size_t i = 0; i < base.teachers.size(); ++i)
    sy.cell_staff[w.cell_of(base.teachers.school[i], base.teachers.subject[i])] += base.teachers.fte[i];
  for (std::size_t c = 0; c < sy.cell_demand.size(); ++c)
    sy.cell_vacancy[c] = std::max(0.0, sy.cell_demand[c] - sy.cell_staff[c]);
  std::vector<std::int32_t> region0;
  for (std::size_t i = 0; i < base.students.size(); ++i)
    if (base.students.region[i] == 0) region0.push_back(static_cast<std::int32_t>(i));
  const sim::Stream rng(static_cast<std::uint32_t>(su.params.seed), 0);
  const auto ctx = first_year(su);
  time_on_copies(state, base, [&](State& s) { models::groenpluk_hiring(s, ctx, rng, 0, region0); });
  state.SetItemsProcessed(static_cast<std::int64_t>(static_cast<double>(region0.size()) *
                                                    static_cast<double>(state.iterations())));
  state.counters["students"] = static_cast<double>(region0.size());
}
BENCHMARK(BM_GroenplukOneRegion)
    ->Arg(100)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(kCopies);

// One whole year (6.1-6.6 and the record): items = agents present at its start.
void BM_Year(benchmark::State& state) {
  const auto& su = setup(state.range(0));
  const State base = start_state(su);
  const sim::Stream rng(static_cast<std::uint32_t>(su.params.seed), 0);
  const auto ctx = first_year(su);
  time_on_copies(state, base, [&](State& s) { models::run_year(s, ctx, rng); });
  state.SetItemsProcessed(static_cast<std::int64_t>(agents(base) * static_cast<double>(state.iterations())));
  state.counters["agents"] = agents(base);
}
BENCHMARK(BM_Year)
    ->Arg(10)
    ->Arg(100)
    ->Arg(400)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(kCopies);

// One whole replication (2025-2040, no HDF5): items = agent-years (teachers + students + reserve recorded in
// each simulated year).
void BM_Replication(benchmark::State& state) {
  const auto& su = setup(state.range(0));
  double agent_years = 0;
  std::uint32_t rep = 0;
  for (auto _ : state) {
    auto out = models::run_replication(*su.world, su.params, rep++ % 100);
    state.PauseTiming();
    agent_years = 0;
    for (int y = 1; y < out.years; ++y)
      for (int r = 0; r < out.regions; ++r)
        for (int sec = 0; sec < models::kSectors; ++sec)
          agent_years += out.at(models::m_teachers, y, r, sec) + out.at(models::m_students, y, r, sec) +
                         out.at(models::m_reserve_size, y, r, sec);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(agent_years * static_cast<double>(state.iterations())));
  state.counters["agent_years"] = agent_years;
}
BENCHMARK(BM_Replication)->Arg(10)->Arg(100)->Arg(400)->Unit(benchmark::kMillisecond)->UseRealTime();

// Building the start world of nl-baseline (schools, teachers, students, reserve; docs/model.md section 4),
// which every run does once before its replications: items = agents built.
void BM_BuildWorld(benchmark::State& state) {
  const auto& su = setup(state.range(0));
  double agents = 0;
  for (auto _ : state) {
    const auto world = models::build_world(su.params);
    agents = static_cast<double>(world.teachers.size() + world.students.size() + world.reserve.size());
    benchmark::DoNotOptimize(agents);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(agents * static_cast<double>(state.iterations())));
  state.counters["agents"] = agents;
}
BENCHMARK(BM_BuildWorld)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
