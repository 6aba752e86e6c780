// libFuzzer target: bytes -> the schools and teachers CSV readers (through a scratch file, as they read
// paths). They must only ever return rows or throw ScenarioErrors.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "models/data_import.hpp"
#include "models/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = "/tmp/tlm-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<long>(size));
  std::vector<tlm::models::SchoolRow> schools;
  try {
    schools = tlm::models::read_schools_csv(path);
  } catch (const tlm::models::ScenarioErrors& e) {
    if (e.errors().empty()) std::abort();
  }
  try {
    tlm::models::read_teachers_csv(path, schools.empty() ? nullptr : &schools);
  } catch (const tlm::models::ScenarioErrors& e) {
    if (e.errors().empty()) std::abort();
  }
  return 0;
}
