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

}  // namespace tlm::sim
