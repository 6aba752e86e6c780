// libFuzzer target: bytes -> scenario reader (TOML parse, every key and combination check), without
// following files (`extends` of a file, CSV paths). A reader must only ever accept or throw ScenarioErrors;
// an accepted scenario's resolved TOML must read back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace {

std::string resolved_or_errors(const std::string& text, const std::vector<std::string>& overrides) {
  try {
    return tlm::models::to_toml(
        tlm::models::schema::load_scenario_text(text, "fuzz.toml", overrides, false).params);
  } catch (const tlm::models::ScenarioErrors& e) {
    if (e.errors().empty()) std::abort();  // an error must say what is wrong
    return {};
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // toml++ 3.3.0 (Debian) reaches TOML_UNREACHABLE for a code point in U+00A1..U+0499, U+2C5E..U+3057 (but
  // U+3000) or U+FB26..U+FEFE where it looks for whitespace (marzer/tomlplusplus#190, fixed upstream by #305:
  // its table of non-ASCII whitespace leaves blocks 0, 11 and 63 of 1018 code points from U+00A0 to the
  // switch that has no case for them); skip inputs that hold one so that the fuzzer keeps looking for our
  // bugs. tests/test_hardening_e2e.cpp checks what the shipped binary does with one from each range. UTF-8:
  // lead bytes 0xC2..0xD2 start U+0080..U+04BF; 0xE2 0xB1..0xBF starts U+2C40..U+2FFF; 0xE3 0x80..0x81 starts
  // U+3000..U+307F; 0xEF 0xAC..0xBB starts U+FB00..U+FEFF.
  for (std::size_t i = 0; i < size; ++i) {
    const int next = i + 1 < size ? data[i + 1] : -1;
    if (data[i] >= 0xC2 && data[i] <= 0xD2) return 0;
    if (data[i] == 0xE2 && next >= 0xB1 && next <= 0xBF) return 0;
    if (data[i] == 0xE3 && next >= 0x80 && next <= 0x81) return 0;
    if (data[i] == 0xEF && next >= 0xAC && next <= 0xBB) return 0;
  }
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A line "#set key=value" also drives the --set path (a comment to the TOML reader).
  std::vector<std::string> overrides;
  for (std::size_t pos = text.find("#set "); pos != std::string::npos; pos = text.find("#set ", pos + 1)) {
    const std::size_t end = text.find('\n', pos);
    overrides.push_back(text.substr(pos + 5, end == std::string::npos ? std::string::npos : end - pos - 5));
    if (overrides.size() == 4) break;
  }
  const std::string resolved = resolved_or_errors(text, overrides);
  if (!resolved.empty() && resolved_or_errors(resolved, {}) != resolved) std::abort();  // round trip
  return 0;
}
