// The results file as a sink: one HDF5 group per variant (the layout of docs/output.md, models/output.hpp),
// written to a temporary beside the target and renamed over it only by commit().
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "experiment/experiment.hpp"
#include "sim/h5writer.hpp"

namespace tlm::experiment {

class ResultsFile : public Sink {
 public:
  // Checks the path (its folder exists, it is not a folder) and opens the temporary; throws PlanError when it
  // cannot be written. `root_attributes` go on "/" (provenance: version, time, command line, base scenario).
  ResultsFile(const std::string& path,
              const std::vector<std::pair<std::string, std::string>>& root_attributes);
  void begin(const std::vector<Variant>& variants) override;
  void replication(std::size_t variant, int replication, models::Outcomes&& outcomes) override;
  // Completes the file under its final name.
  void commit();
  // Removes the temporary; the target, if it existed, is untouched.
  void abort() noexcept;
  const std::string& path() const { return path_; }
  // Temporaries of this path that dead runs had left, removed before this one started.
  const std::vector<std::string>& removed_temporaries() const { return removed_; }

 private:
  std::string path_;
  std::unique_ptr<sim::H5Writer> file_;
  std::vector<std::string> groups_;
  std::vector<std::string> removed_;
};

}  // namespace tlm::experiment
