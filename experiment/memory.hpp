// How much memory a plan needs, estimated from the resolved scenarios before anything is allocated, so that a
// scenario too large for the machine is bad input (exit 2, with what to lower) instead of an allocation that
// ends in std::bad_alloc or the kernel's OOM killer. Likewise for a file allocated whole before it is written
// (a sweep's): its size against the room on its file system.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "experiment/experiment.hpp"

namespace tlm::experiment {

struct MemoryEstimate {
  double teachers = 0, students = 0, reserve = 0;  // the largest variant's people at their peak year
  double world_bytes = 0;                          // the start worlds, shared by the replications
  double replication_bytes = 0;  // one replication in flight: its state and its outcomes (largest variant)
  int in_flight = 1;             // replications at once
  // With `analysed` (tlm compare): what its analysis holds after the runs (every replication of a scenario
  // at once, and of every scenario what the report keeps), and the replications of the largest scenario.
  double analysis_bytes = 0;
  long analysed_replications = 0;
  double runs_bytes() const { return world_bytes + replication_bytes * in_flight; }
  // The runs are freed before the analysis reads their file: the larger of the two is the peak.
  double total_bytes() const { return std::max(runs_bytes(), analysis_bytes); }
};

// An upper-leaning estimate: people from demand, intake and the reserve at the largest scale and growth of
// the run, the metric cubes from years × regions × subjects, `threads` replications in flight (0: all cores);
// with `analysed`, also what the analysis of the runs (effects, report) holds.
MemoryEstimate estimate_memory(const std::vector<Variant>& variants, int threads, bool analysed = false);

// MemAvailable of /proc/meminfo in bytes, or nothing where it cannot be read.
std::optional<double> available_memory();

// "2G", "512M", "1.5T", "800k" or a number of bytes; nothing when the text is not a size.
std::optional<double> parse_size(const std::string& text);

// Throws PlanError when the estimate exceeds `limit` (--max-memory) or, without one, the available memory:
// the message gives the estimate, its parts and what to lower.
// `analysed`: the runs are analysed after (tlm compare), which holds every replication at once.
void check_memory(const std::vector<Variant>& variants, int threads, std::optional<double> limit,
                  bool analysed = false);

// The space free to this user on the file system that holds `path` (its folder when it does not exist), or
// nothing where it cannot be read.
std::optional<double> free_disk(const std::string& path);

// The largest file this process may write (RLIMIT_FSIZE, `ulimit -f`), or nothing when unlimited.
std::optional<double> file_size_limit();

// A size for messages: "93.1 GiB", "512 MiB", "40 KiB".
std::string size_text(double bytes);

// Before a file of about `bytes` is allocated at `path`: throws PlanError when it exceeds `limit`
// (--max-disk) or, without one, the free space of its file system, or the file size limit. The message names
// the file, its estimate and what makes it (`parts`), the room, and `advice` (what to lower).
void check_disk(const std::string& path, double bytes, const std::string& parts, const std::string& advice,
                std::optional<double> limit);

}  // namespace tlm::experiment
