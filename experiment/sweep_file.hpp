// The sweep file (docs/output.md "Sweep files"): written in place as <out>.part while the sweep runs, so
// that a killed sweep leaves it consistent and `--resume` can finish it; renamed to <out> when complete.
// Finished tasks are marked done only after their values are on disk (flush(), every few seconds).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "experiment/sweep.hpp"
#include "sim/h5writer.hpp"

namespace tlm::experiment {

class SweepFile {
 public:
  static std::string part_path(const std::string& path) { return path + ".part"; }
  // A new sweep (refuses when <path>.part exists: an unfinished sweep is never overwritten) or, with
  // `resume`, the one in <path>.part (refuses when it is another sweep, saying what differs). Throws
  // PlanError.
  SweepFile(std::string path, const SweepPlan& plan, bool resume,
            const std::vector<std::pair<std::string, std::string>>& provenance);
  ~SweepFile();

  // Tasks not yet done (failed ones included), in order.
  std::vector<std::size_t> missing() const;
  std::size_t done() const;
  void write(const TaskResult& result);
  // Flushes when the last flush is `every` old.
  void flush_if_due(std::chrono::seconds every = std::chrono::seconds(5));
  // Values on disk, then their marks.
  void flush();
  // Completes the file: flushes, closes and renames <path>.part to <path>. Returns the failed tasks' count.
  std::size_t finish();
  const std::string& path() const { return path_; }
  // Temporaries of <path>.part that dead processes had left (killed while creating it), removed on opening.
  const std::vector<std::string>& removed_temporaries() const { return removed_; }

 private:
  std::string path_;
  const SweepPlan& plan_;
  std::unique_ptr<sim::H5Store> store_;
  std::vector<std::uint8_t> done_, failed_;
  std::vector<std::size_t> pending_;  // written, not yet on disk
  std::vector<std::string> removed_;
  bool dirty_ = false;
  std::chrono::steady_clock::time_point last_flush_;
};

}  // namespace tlm::experiment
