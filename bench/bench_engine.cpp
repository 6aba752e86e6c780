// Engine kernels (sim/): random streams, draw order, Fenwick trees. Items/s is draws, entities or picks per
// second; these are the inner loops of every phase.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "sim/fenwick.hpp"
#include "sim/memory.hpp"
#include "sim/order.hpp"
#include "sim/random.hpp"

namespace {

using tlm::sim::Stream;

// One Philox4x32-10 call: four 32-bit words.
void BM_StreamDraw(benchmark::State& state) {
  const Stream rng(20251001, 7);
  std::uint64_t id = 1;
  std::uint32_t sink = 0;
  for (auto _ : state) {
    const auto w = rng.draw(id++, 2030, 22);
    sink ^= w[0] ^ w[3];
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamDraw);

// A draw turned into a Bernoulli decision, as the per-agent phases use it.
void BM_StreamBernoulli(benchmark::State& state) {
  const Stream rng(20251001, 7);
  std::uint64_t id = 1;
  std::uint64_t hits = 0;
  for (auto _ : state) hits += tlm::sim::bernoulli(0.05, rng.draw(id++, 2030, 22)[1]);
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamBernoulli);

// Stream::draw_many over a block of ids (eight counters at a time with AVX2): items = draws.
void BM_StreamDrawMany(benchmark::State& state) {
  const Stream rng(20251001, 7);
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::uint64_t> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = 3 * i + 1;
  std::vector<tlm::sim::Words> out(n);
  for (auto _ : state) {
    rng.draw_many(ids, 2030, 22, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_StreamDrawMany)->Arg(256)->Arg(4096);

// Draw order of n entities (one draw each, then a sort): items = entities ordered.
void BM_DrawOrder(benchmark::State& state) {
  const Stream rng(20251001, 7);
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto order = tlm::sim::draw_order(
        n, [](std::size_t i) { return (2ull << 60) | i; }, rng, 2030, 26);
    benchmark::DoNotOptimize(order.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_DrawOrder)->RangeMultiplier(8)->Range(64, 1 << 18)->Complexity(benchmark::oNLogN);

// Building a tree of n weights (what placement and the market do per market and year): items = slots.
void BM_FenwickAssign(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<tlm::sim::Fenwick::Weight> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = 1 + static_cast<tlm::sim::Fenwick::Weight>(i % 7);
  tlm::sim::Fenwick f;
  for (auto _ : state) {
    f.assign(w);
    benchmark::DoNotOptimize(f.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FenwickAssign)->RangeMultiplier(8)->Range(8, 1 << 12);

// A weighted pick followed by lowering the picked weight by one (a hire or a placement): items = picks.
void BM_FenwickPickSet(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Stream rng(20251001, 7);
  std::vector<tlm::sim::Fenwick::Weight> w(n, 1'000'000'000);  // never runs dry
  tlm::sim::Fenwick f;
  f.assign(w);
  std::uint64_t id = 0;
  for (auto _ : state) {
    const auto words = rng.draw(id++, 2030, 26);
    const auto j = f.pick(tlm::sim::uniform53(words[1], words[2]));
    f.add(j, -1);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_FenwickPickSet)->RangeMultiplier(8)->Range(8, 1 << 12)->Complexity(benchmark::oLogN);

// A pick that leaves one slot out (a mover's own school): items = picks.
void BM_FenwickPickExcluding(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Stream rng(20251001, 7);
  tlm::sim::Fenwick f;
  f.assign(std::vector<tlm::sim::Fenwick::Weight>(n, 1'000'000));
  std::uint64_t id = 0;
  for (auto _ : state) {
    const auto words = rng.draw(id, 2030, 26);
    benchmark::DoNotOptimize(f.pick_excluding(tlm::sim::uniform53(words[1], words[2]), id++ % n));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_FenwickPickExcluding)->RangeMultiplier(8)->Range(8, 1 << 12)->Complexity(benchmark::oLogN);

}  // namespace

// BENCHMARK_MAIN, with the allocator setting of `tlm` so that phases are timed as they run there.
int main(int argc, char** argv) {
  tlm::sim::keep_freed_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
