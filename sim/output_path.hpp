// Whether a path may be written as an output, checked before any work is done: its folder exists, it is
// absent or a regular file (renaming over a folder, a symbolic link, a FIFO or a device would destroy
// something that is not ours), and it is none of the command's inputs.
#pragma once

#include <string>
#include <vector>

namespace tlm::sim {

// Empty when `path` can be written; otherwise the reason, a sentence starting with "cannot write PATH: ".
// `inputs` are files the command reads (those that do not exist are skipped).
std::string output_problem(const std::string& path, const std::vector<std::string>& inputs = {});

// The same for the files `names` a command writes into the folder `dir` (when it exists): the first problem.
std::string outputs_problem(const std::string& dir, const std::vector<std::string>& names,
                            const std::vector<std::string>& inputs = {});

// An output folder made for a command: make() creates it and the folders above it that are missing; the
// destructor removes those it created that are still empty (deepest first), so that a command refused or
// failed after making its folder leaves none behind. A folder with anything in it stays.
class MadeFolder {
 public:
  MadeFolder() = default;
  MadeFolder(const MadeFolder&) = delete;
  MadeFolder& operator=(const MadeFolder&) = delete;
  ~MadeFolder();
  // Empty when `dir` is a folder now; otherwise why not ("it exists and is not a folder", the system's
  // reason).
  std::string make(const std::string& dir);

 private:
  std::vector<std::string> created_;  // deepest first
};

}  // namespace tlm::sim
