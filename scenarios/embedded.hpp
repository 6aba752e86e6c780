// The scenario files of this folder, compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace tlm::scenarios {

struct EmbeddedFile {
  std::string_view name;  // file name without .toml
  std::string_view text;
};
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace tlm::scenarios
