// Scenario files: TOML -> validated Params (docs/model.md section 9), and Params -> resolved TOML.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/params.hpp"

namespace tlm::models {

// One problem in an input file, reported as `file:line:column: message`.
struct InputError {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string message;
  std::string str() const;  // "file:line:column: message" (line/column left out when 0)
};

// Every problem found in one go (a TOML syntax error stops at the first). what() is all of them, one a line.
class ScenarioErrors : public std::runtime_error {
 public:
  explicit ScenarioErrors(std::vector<InputError> errors);
  const std::vector<InputError>& errors() const { return errors_; }

 private:
  std::vector<InputError> errors_;
};

struct Scenario {
  Params params;
  std::string source;  // file path, or "embedded:<name>"
  // The keys (and sub-keys, e.g. study.dropout.alo) that the files or --set state, whatever their value:
  // the report shows them beside the keys that differ (docs/report.md). name and description left out.
  std::vector<std::string> set_keys;
};

// toml++ reads a dotted key (a.b.c = 1) one recursion per part, so a key of tens of thousands of parts
// overflows the stack (a crash, not a message). The longest key any file of ours needs has a few parts.
inline constexpr int kMaxKeyParts = 256;

// Where `text` (TOML) holds a dotted key, table header or inline-table key of more than kMaxKeyParts parts:
// its first part's position, 1-based; {0, 0} when it holds none. Strings and comments are skipped.
std::pair<int, int> overlong_dotted_key(std::string_view text);

// `name_or_path`: a file path, "-" for standard input, or the name of an embedded scenario.
// `overrides`: "key.path=value" strings (--set), applied after the file and validated like it.
// Throws ScenarioErrors listing every problem.
Scenario load_scenario(const std::string& name_or_path, const std::vector<std::string>& overrides = {});

// The resolved scenario as TOML with every key; load_scenario of this text gives the same Params.
std::string to_toml(const Params& params);

struct EmbeddedScenario {
  std::string name;
  std::string description;  // its `description` key
  std::string text;         // the TOML file
};
std::vector<EmbeddedScenario> embedded_scenarios();

}  // namespace tlm::models
