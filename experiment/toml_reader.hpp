// Reading the TOML files of the experiment layer (sweep designs, sensitivity studies): typed values with
// their bounds, unknown keys with a suggestion, every problem as file:line:column. Internal to experiment/.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace tlm::experiment {

class Reader {
 public:
  explicit Reader(std::string display) : display_(std::move(display)) {}

  models::InputError at(const toml::node& node) const {
    const auto& pos = node.source().begin;
    return {display_, static_cast<int>(pos.line), static_cast<int>(pos.column), ""};
  }
  models::InputError top() const { return {display_, 0, 0, ""}; }
  void error(models::InputError where, std::string message) {
    where.message = std::move(message);
    errors_.push_back(std::move(where));
  }
  void error(const toml::node& node, std::string message) { error(at(node), std::move(message)); }
  std::vector<models::InputError>& errors() { return errors_; }

  void unknown_keys(const toml::table& t, const std::vector<std::string>& known, const std::string& where) {
    for (const auto& [k, v] : t) {
      const std::string name(k.str());
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      std::string msg = fmt::format("unknown key `{}` {}", name, where);
      if (auto near = models::schema::suggest_among(name, known); !near.empty())
        msg += fmt::format("; did you mean `{}`?", near);
      else
        msg += fmt::format(" (keys: {})", fmt::join(known, ", "));
      error(models::InputError{display_, static_cast<int>(k.source().begin.line),
                               static_cast<int>(k.source().begin.column), ""},
            msg);
    }
  }

  std::optional<std::string> string(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
      error(*n, fmt::format("`{}` must be a string, got {}", key, models::schema::type_name(*n)));
      return std::nullopt;
    }
    return n->as_string()->get();
  }
  std::optional<std::int64_t> integer(const toml::table& t, const char* key, std::int64_t lo,
                                      std::int64_t hi) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
      error(*n, fmt::format("`{}` must be an integer, got {}", key, models::schema::type_name(*n)));
      return std::nullopt;
    }
    const std::int64_t v = n->as_integer()->get();
    if (v < lo || v > hi) {
      error(*n, fmt::format("`{}` must be in [{}, {}], got {}", key, lo, hi, v));
      return std::nullopt;
    }
    return v;
  }
  std::optional<double> number(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) {
      error(*n, fmt::format("`{}` must be a number, got {}", key, models::schema::type_name(*n)));
      return std::nullopt;
    }
    const double v = n->value<double>().value_or(0.0);
    if (!std::isfinite(v)) {
      error(*n, fmt::format("`{}` must be a finite number", key));
      return std::nullopt;
    }
    return v;
  }

 private:
  std::string display_;
  std::vector<models::InputError> errors_;
};

// The text of an input file; models::ScenarioErrors ("cannot read file: …") when it cannot be read.
std::string read_toml_file(const std::string& path);
// `text` parsed as TOML; a syntax error is models::ScenarioErrors at its line and column in `display`.
toml::table parse_toml(const std::string& text, const std::string& display);
// Throws models::ScenarioErrors with every problem `rd` collected, in the order of the file (toml++ visits a
// table's keys in name order; whole-file problems first); does nothing when there were none.
void throw_if_errors(Reader& rd);

// One [[parameter]] table of a design (or, with kind Given, of a sensitivity study): its key and its values
// (grid) or range (low, high, scale). Problems go to `rd`.
struct DesignParameter;
enum class DesignKind;
DesignParameter read_design_parameter(Reader& rd, const toml::table& t, DesignKind kind, int index);
// Every [[parameter]] of `t` (the array `params`) into `out`; a key given twice is an error.
void read_design_parameters(Reader& rd, const toml::node& params, DesignKind kind,
                            std::vector<DesignParameter>& out);

}  // namespace tlm::experiment
