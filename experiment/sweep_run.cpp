#include "experiment/sweep_run.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "sim/runner.hpp"

namespace tlm::experiment {
namespace {

using namespace std::chrono_literals;

// Finished tasks waiting for the main thread.
class Finished {
 public:
  void push(TaskResult&& r) {
    {
      const std::lock_guard lock(mutex_);
      items_.push_back(std::move(r));
    }
    cv_.notify_one();
  }
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    cv_.notify_one();
  }
  // Everything finished so far, after waiting up to `wait` for something; `closed` once no more will come.
  std::deque<TaskResult> take(std::chrono::milliseconds wait, bool& closed) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, wait, [&] { return !items_.empty() || closed_; });
    std::deque<TaskResult> out;
    out.swap(items_);
    closed = closed_ && out.empty();
    return out;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<TaskResult> items_;
  bool closed_ = false;
};

// Tasks waiting for a worker thread; `next` blocks until one comes or none will.
class Pending {
 public:
  explicit Pending(std::deque<std::size_t> tasks = {}, bool exhausted = true)
      : tasks_(std::move(tasks)), exhausted_(exhausted) {}
  std::optional<std::size_t> next(const std::atomic<bool>* cancel) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !tasks_.empty() || exhausted_ || (cancel && cancel->load()); });
    if (tasks_.empty() || (cancel && cancel->load())) return std::nullopt;
    const std::size_t t = tasks_.front();
    tasks_.pop_front();
    return t;
  }
  // Up to n tasks for another rank (rank 0).
  std::vector<std::size_t> take(std::size_t n) {
    const std::lock_guard lock(mutex_);
    std::vector<std::size_t> out;
    while (out.size() < n && !tasks_.empty()) {
      out.push_back(tasks_.front());
      tasks_.pop_front();
    }
    return out;
  }
  void add(const std::vector<std::size_t>& tasks, bool exhausted) {
    {
      const std::lock_guard lock(mutex_);
      tasks_.insert(tasks_.end(), tasks.begin(), tasks.end());
      exhausted_ = exhausted_ || exhausted;
    }
    cv_.notify_all();
  }
  void wake() { cv_.notify_all(); }
  std::size_t size() {
    const std::lock_guard lock(mutex_);
    return tasks_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::size_t> tasks_;
  bool exhausted_;
};

template <class T>
void put(std::vector<std::uint8_t>& b, const T& v) {
  // resize + memcpy: g++ 12 takes vector::insert of a few bytes for an overflow (-Wstringop-overflow, a
  // known false positive).
  const std::size_t at = b.size();
  b.resize(at + sizeof(T));
  std::memcpy(b.data() + at, &v, sizeof(T));
}
template <class T>
T get(const std::vector<std::uint8_t>& b, std::size_t& at) {
  if (at + sizeof(T) > b.size()) throw std::runtime_error("a truncated MPI message");
  T v;
  std::memcpy(&v, b.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

std::vector<std::uint8_t> encode_tasks(const std::vector<std::size_t>& tasks) {
  std::vector<std::uint8_t> b;
  for (const auto t : tasks) put<std::uint64_t>(b, t);
  return b;
}

}  // namespace

std::vector<std::uint8_t> encode(const TaskResult& r) {
  std::vector<std::uint8_t> b;
  b.reserve(32 + r.error.size() + r.values.size() * sizeof(double));
  put<std::uint64_t>(b, r.task);
  put<std::uint64_t>(b, r.ok ? 1 : 0);
  put<std::uint64_t>(b, r.error.size());
  const std::size_t at = b.size();
  b.resize(at + r.error.size() + r.values.size() * sizeof(double));
  std::memcpy(b.data() + at, r.error.data(), r.error.size());
  std::memcpy(b.data() + at + r.error.size(), r.values.data(), r.values.size() * sizeof(double));
  return b;
}

TaskResult decode(const std::vector<std::uint8_t>& b) {
  TaskResult r;
  std::size_t at = 0;
  r.task = get<std::uint64_t>(b, at);
  r.ok = get<std::uint64_t>(b, at) != 0;
  const auto n = get<std::uint64_t>(b, at);
  if (at + n > b.size()) throw std::runtime_error("a truncated MPI message");
  r.error.assign(reinterpret_cast<const char*>(b.data() + at), n);
  at += n;
  r.values.resize((b.size() - at) / sizeof(double));
  std::memcpy(r.values.data(), b.data() + at, r.values.size() * sizeof(double));
  return r;
}

SweepRunReport run_sweep(const SweepPlan& plan, const mpi::Session& session,
                         const std::vector<std::size_t>& tasks, const SweepRunOptions& options,
                         const std::function<void(TaskResult&&)>& result, const std::function<void()>& tick) {
  const int threads = sim::resolve_threads(options.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
  auto cancelled = [&] { return options.cancel && options.cancel->load(); };
  SweepRunReport report;
  Finished finished;
  const bool leader = session.rank() == 0;
  Pending pending =
      leader ? Pending(std::deque<std::size_t>(tasks.begin(), tasks.end()), true) : Pending({}, false);
  std::exception_ptr pool_error;
  std::thread pool([&] {
    try {
      run_pool(
          plan, threads, options.cancel, [&] { return pending.next(options.cancel); },
          [&](TaskResult&& r) { finished.push(std::move(r)); });
    } catch (...) {
      pool_error = std::current_exception();
    }
    finished.close();
  });
  auto join = [&] {
    pending.wake();
    pool.join();
    if (pool_error) std::rethrow_exception(pool_error);
  };

  if (leader) {
    auto handle = [&](TaskResult&& r) {
      if (r.ok)
        ++report.done;
      else
        report.failures.emplace_back(r.task, r.error);
      result(std::move(r));
    };
    int working = session.size() - 1;  // other ranks that have not said they are done
    bool local_closed = false;
    try {
      while (!local_closed || working > 0) {
        for (auto& r : finished.take(working > 0 ? 2ms : 100ms, local_closed)) handle(std::move(r));
        int source = 0, tag = 0;
        std::vector<std::uint8_t> bytes;
        while (session.active() && session.poll(source, tag, bytes)) {
          if (tag == mpi::kRequest) {
            std::size_t at = 0;
            const auto n = get<std::uint64_t>(bytes, at);
            session.send(source, mpi::kTasks,
                         encode_tasks(cancelled() ? std::vector<std::size_t>{} : pending.take(n)));
          } else if (tag == mpi::kResult) {
            handle(decode(bytes));
          } else if (tag == mpi::kDone) {
            --working;
          }
        }
        if (cancelled()) pending.wake();
        tick();
      }
    } catch (...) {
      pending.add({}, true);
      join();
      throw;
    }
    join();
    report.cancelled = cancelled();
    return report;
  }

  // Another rank: ask for a task whenever a thread is free (never more: a task queued here while rank 0 runs
  // out of work would leave a core idle at the end), send back every result.
  bool exhausted = false, closed = false;
  std::size_t in_hand = 0;  // received, result not yet sent
  while (!closed) {
    if (!exhausted && !cancelled() && in_hand < static_cast<std::size_t>(threads)) {
      std::vector<std::uint8_t> ask;
      put<std::uint64_t>(ask, static_cast<std::uint64_t>(threads) - in_hand);
      session.send(0, mpi::kRequest, ask);
      const auto got = session.receive(0, mpi::kTasks);
      std::vector<std::size_t> list;
      for (std::size_t at = 0; at < got.size();) list.push_back(get<std::uint64_t>(got, at));
      exhausted = list.empty();
      in_hand += list.size();
      pending.add(list, exhausted);
    }
    if (cancelled()) pending.add({}, true);
    for (auto& r : finished.take(2ms, closed)) {
      if (r.ok)
        ++report.done;
      else
        report.failures.emplace_back(r.task, r.error);
      session.send(0, mpi::kResult, encode(r));
      --in_hand;
    }
  }
  join();
  session.send(0, mpi::kDone, {});
  report.cancelled = cancelled();
  return report;
}

}  // namespace tlm::experiment
