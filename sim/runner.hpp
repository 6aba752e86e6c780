// Runs independent tasks (scenarios × replications) on oneTBB and hands each result to one consumer thread
// (the HDF5 writer). Results go to slots named by task index, never reduced in a thread-dependent order.
#pragma once

#include <tbb/concurrent_queue.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <thread>

namespace tlm::sim {

struct RunnerOptions {
  int threads = 0;                            // 0: all cores
  const std::atomic<bool>* cancel = nullptr;  // set (e.g. by SIGINT) to stop starting new tasks
  std::size_t queue_capacity = 0;             // results waiting for the consumer; 0: 2 × threads
};

inline int resolve_threads(int threads) {
  return threads > 0 ? threads : static_cast<int>(tbb::this_task_arena::max_concurrency());
}

// work(task) -> Result runs in parallel; consume(task, Result&&) runs on one dedicated thread, in completion
// order. Returns false when cancelled before all tasks ran. Exceptions from either side are rethrown.
template <class Result>
bool run_tasks(std::size_t n_tasks, const RunnerOptions& opt, const std::function<Result(std::size_t)>& work,
               const std::function<void(std::size_t, Result&&)>& consume) {
  const int threads = resolve_threads(opt.threads);
  struct Item {
    std::size_t task;
    std::optional<Result> result;  // empty: stop
  };
  tbb::concurrent_bounded_queue<Item> queue;
  queue.set_capacity(static_cast<std::ptrdiff_t>(opt.queue_capacity ? opt.queue_capacity : 2 * threads));
  std::exception_ptr consumer_error;
  std::atomic<bool> consumer_failed{false};
  std::thread consumer([&] {
    for (;;) {
      Item item;
      queue.pop(item);
      if (!item.result) return;
      if (consumer_failed) continue;  // drain so producers never block
      try {
        consume(item.task, std::move(*item.result));
      } catch (...) {
        consumer_error = std::current_exception();
        consumer_failed = true;
      }
    }
  });
  auto cancelled = [&] { return (opt.cancel && opt.cancel->load()) || consumer_failed.load(); };
  std::exception_ptr work_error;
  try {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, n_tasks, 1),
          [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t t = r.begin(); t != r.end(); ++t) {
              if (cancelled()) return;
              Result res = work(t);
              queue.push(Item{t, std::move(res)});
            }
          },
          tbb::simple_partitioner());
    });
  } catch (...) {
    work_error = std::current_exception();
  }
  queue.push(Item{0, std::nullopt});
  consumer.join();
  if (work_error) std::rethrow_exception(work_error);
  if (consumer_error) std::rethrow_exception(consumer_error);
  return !(opt.cancel && opt.cancel->load());
}

}  // namespace tlm::sim
