// The description of every scenario key (docs/model.md section 9), apart from the reading of files: name,
// kind, default, allowed range, unit, meaning and docs/model.md section. Parsing, validation, `to_toml`,
// `tlm show` and docs/scenarios.md are all derived from this one registry, so they cannot disagree.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <toml++/toml.h>

#include "models/keys.hpp"
#include "models/params.hpp"
#include "models/scenario.hpp"

namespace tlm::models::schema {

// The registry, in the order of `tlm show` and docs/scenarios.md.
const std::vector<Key>& keys();
const Key* find_key(std::string_view name);
// Table names that group keys ("world", "policy", "policy.joining", ...).
bool is_group(std::string_view name);
// The closest key or group to a misspelt name, or "" when none is close.
std::string suggest(std::string_view name);
std::string suggest_among(std::string_view word, const std::vector<std::string>& candidates);

std::string range_text(const Range& range);
std::string range_text(const Key& key);
// Human-readable kind derived from the field type, e.g. "per-sector number".
std::string kind_text(const Key& key);
// The TOML text of a key's value in `params` (an inline value, one line). Unset optionals give "".
std::string value_toml(const Key& key, const Params& params);
// Shortest text that reads back as the same double, always with a '.' or exponent so TOML sees a float.
std::string number_toml(double v);
// The key reference of docs/scenarios.md (a markdown table), generated from the registry.
std::string keys_markdown();

// Where reading errors go and how a node's position maps to `file:line:column`.
struct Sink {
  std::vector<InputError>* errors = nullptr;
  std::string file;
  // > 0 for a --set override: errors go to `--set:<set_line>:<column>`, columns shifted by set_shift.
  int set_line = 0;
  int set_shift = 0;
  int set_value_column = 1;
  // Position of every key (and sub-key, e.g. "study.dropout.alo") read so far: later files override.
  std::map<std::string, InputError, std::less<>>* where = nullptr;

  InputError at(const toml::node& node) const;
  void error(const toml::node& node, std::string message) const;
  void remember(const std::string& path, const toml::node& node) const;
};

// Reads `node` as the value of `key` into `params`; on any error the field keeps its old value.
// Returns false when it reported an error.
bool read_value(const Key& key, const toml::node& node, Params& params, const Sink& sink);

// "a string", "an integer", ... for messages.
std::string_view type_name(const toml::node& node);

// load_scenario on text already in memory; `display` names it in messages and gives the default name.
// `follow_files` false: `extends` of a file and the CSV files are not read (for fuzzing: bytes only).
Scenario load_scenario_text(const std::string& text, const std::string& display,
                            const std::vector<std::string>& overrides, bool follow_files);

}  // namespace tlm::models::schema
