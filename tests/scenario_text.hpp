// Scenario text in, Params or messages out: the helpers of the scenario tests.
#pragma once

#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace tlm::test {

// The scenario `text` as if read from the file test.toml, with --set `overrides`.
inline models::Params load_text(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return models::schema::load_scenario_text(text, "test.toml", overrides, true).params;
}

// The messages of a scenario that must fail, one a line ("(no error)" when it loads).
inline std::string errors_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    load_text(text, overrides);
  } catch (const models::ScenarioErrors& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace tlm::test
