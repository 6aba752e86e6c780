#include "experiment/design.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <numeric>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "experiment/toml_reader.hpp"
#include "inference/sampling.hpp"
#include "models/schema.hpp"
#include "sim/input_file.hpp"

namespace tlm::experiment {
namespace {

const std::vector<std::string>& top_keys() {
  static const std::vector<std::string> keys{"scenario",  "alternatives", "replications", "seed",
                                             "design",    "points",       "design_seed",  "regions",
                                             "parameter", "description"};
  return keys;
}
const std::vector<std::string>& parameter_keys() {
  static const std::vector<std::string> keys{"key", "values", "low", "high", "scale"};
  return keys;
}

// The TOML text of a value (for a --set override): numbers as the scenario writes them, anything else as
// toml++ formats it.
std::string value_text(const toml::node& node) {
  if (node.is_floating_point()) return models::schema::number_toml(node.as_floating_point()->get());
  if (node.is_integer()) return std::to_string(node.as_integer()->get());
  toml::table t;
  t.insert("v", node);
  std::ostringstream os;
  os << toml::toml_formatter(t);
  std::string s = os.str();
  const auto eq = s.find("= ");
  s = eq == std::string::npos ? s : s.substr(eq + 2);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

DesignParameter read_design_parameter(Reader& rd, const toml::table& t, DesignKind kind, int index) {
  DesignParameter p;
  p.where = rd.at(t);
  rd.unknown_keys(t, parameter_keys(), fmt::format("in [[parameter]] {}", index + 1));
  if (auto key = rd.string(t, "key")) {
    p.key = *key;
    p.where = rd.at(*t.get("key"));
    if (p.key.empty()) rd.error(p.where, "`key` is empty");
  } else if (!t.contains("key")) {
    rd.error(p.where, fmt::format("[[parameter]] {} has no `key` (the scenario key it varies)", index + 1));
  }
  const toml::node* values = t.get("values");
  const bool ranged = t.contains("low") || t.contains("high");
  if (kind == DesignKind::Grid) {
    if (ranged)
      rd.error(rd.at(*(t.contains("low") ? t.get("low") : t.get("high"))),
               "`low`/`high` are for design = \"lhs\" or \"sobol\"; a grid takes `values`");
    if (t.contains("scale")) rd.error(*t.get("scale"), "`scale` is for design = \"lhs\" or \"sobol\"");
    if (!values) {
      rd.error(p.where, fmt::format("[[parameter]] {} needs `values` in a grid design", index + 1));
      return p;
    }
    const toml::array* arr = values->as_array();
    if (!arr || arr->empty()) {
      rd.error(*values, "`values` must be a non-empty array");
      return p;
    }
    if (arr->size() > 100000) {
      rd.error(*values, fmt::format("`values` has {} entries; at most 100000", arr->size()));
      return p;
    }
    for (const toml::node& v : *arr) {
      if (v.is_floating_point() && !std::isfinite(v.as_floating_point()->get())) {
        rd.error(v, "a value must be a finite number");
        continue;
      }
      p.values.push_back(value_text(v));
      p.labels.push_back(v.is_string() ? v.as_string()->get() : p.values.back());
      p.numbers.push_back(v.is_number() ? v.value<double>().value_or(0.0)
                                        : std::numeric_limits<double>::quiet_NaN());
      p.value_where.push_back(rd.at(v));
    }
    for (std::size_t i = 0; i < p.values.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (p.values[i] == p.values[j]) {
          rd.error(p.value_where[i], fmt::format("the value {} is listed twice", p.values[i]));
          break;
        }
    return p;
  }
  // Given points come from a sensitivity study's method: its file is not a design.
  const std::string in = kind == DesignKind::Given ? std::string("a sensitivity study")
                                                   : fmt::format("design = \"{}\"", design_kind_name(kind));
  if (values)
    rd.error(*values, fmt::format("`values` is for design = \"grid\"; {} takes `low` and `high`", in));
  p.low = rd.number(t, "low");
  p.high = rd.number(t, "high");
  if (!t.contains("low") || !t.contains("high")) {
    rd.error(p.where, fmt::format("[[parameter]] {} needs `low` and `high` in {}", index + 1, in));
    return p;
  }
  p.value_where = {rd.at(*t.get("low")), rd.at(*t.get("high"))};
  if (auto scale = rd.string(t, "scale")) {
    if (*scale == "log")
      p.log = true;
    else if (*scale != "linear")
      rd.error(*t.get("scale"), fmt::format("`scale` must be \"linear\" or \"log\", got \"{}\"", *scale));
  }
  if (p.low && p.high) {
    if (!(*p.low < *p.high))
      rd.error(p.value_where[1],
               fmt::format("`high` ({}) must be greater than `low` ({})",
                           models::schema::number_toml(*p.high), models::schema::number_toml(*p.low)));
    else if (p.log && !(*p.low > 0.0))
      rd.error(p.value_where[0], fmt::format("`low` must be above 0 with scale = \"log\", got {}",
                                             models::schema::number_toml(*p.low)));
  }
  return p;
}

const char* design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::Grid:
      return "grid";
    case DesignKind::Lhs:
      return "lhs";
    case DesignKind::Sobol:
      return "sobol";
    case DesignKind::Given:
      return "given";
  }
  return "?";
}

bool DesignParameter::numeric() const {
  if (low) return true;
  return std::none_of(numbers.begin(), numbers.end(), [](double v) { return std::isnan(v); });
}

long long Design::point_count() const {
  if (kind == DesignKind::Given) return static_cast<long long>(unit.size());
  if (kind != DesignKind::Grid) return points;
  long long n = 1;
  for (const auto& p : parameters) {
    n *= static_cast<long long>(std::max<std::size_t>(p.values.size(), 1));
    if (n > kMaxPoints) return n;
  }
  return n;
}

Design parse_design(const std::string& text, const std::string& display) {
  Reader rd(display);
  Design d;
  d.path = display;
  d.text = text;
  const toml::table t = parse_toml(text, display);
  rd.unknown_keys(t, top_keys(), "in a sweep design");
  if (auto s = rd.string(t, "scenario")) {
    d.scenario = *s;
    d.scenario_where = rd.at(*t.get("scenario"));
  }
  d.scenario_where.file = display;
  if (const toml::node* alts = t.get("alternatives")) {
    const toml::array* arr = alts->as_array();
    if (!arr) {
      rd.error(*alts, fmt::format("`alternatives` must be an array of scenario names or files, got {}",
                                  models::schema::type_name(*alts)));
    } else {
      if (arr->size() > 64) rd.error(*alts, fmt::format("{} alternatives; at most 64", arr->size()));
      for (const toml::node& a : *arr) {
        if (!a.is_string()) {
          rd.error(a, fmt::format("an alternative must be a string (a file or an embedded name), got {}",
                                  models::schema::type_name(a)));
          continue;
        }
        d.alternatives.push_back(a.as_string()->get());
        d.alternative_where.push_back(rd.at(a));
      }
    }
  }
  if (auto r = rd.integer(t, "replications", 1, 1000000)) d.replications = static_cast<int>(*r);
  if (auto s = rd.integer(t, "seed", 0, 0xFFFFFFFFll)) d.seed = static_cast<std::uint64_t>(*s);
  if (auto s = rd.integer(t, "design_seed", 0, 0xFFFFFFFFll)) d.design_seed = static_cast<std::uint64_t>(*s);
  if (const toml::node* r = t.get("regions")) {
    if (!r->is_boolean())
      rd.error(*r, fmt::format("`regions` must be true or false, got {}", models::schema::type_name(*r)));
    else
      d.regions = r->as_boolean()->get();
  }
  if (const toml::node* desc = t.get("description"); desc && !desc->is_string())
    rd.error(*desc, "`description` must be a string");
  if (auto kind = rd.string(t, "design")) {
    if (*kind == "grid")
      d.kind = DesignKind::Grid;
    else if (*kind == "lhs")
      d.kind = DesignKind::Lhs;
    else if (*kind == "sobol")
      d.kind = DesignKind::Sobol;
    else
      rd.error(*t.get("design"),
               fmt::format("`design` must be \"grid\", \"lhs\" or \"sobol\", got \"{}\"", *kind));
  }
  const bool sampled = d.kind != DesignKind::Grid;
  if (auto n = rd.integer(t, "points", 1, kMaxPoints)) {
    if (!sampled)
      rd.error(*t.get("points"),
               "`points` is for design = \"lhs\" or \"sobol\"; a grid has the product of "
               "its parameters' value counts");
    d.points = *n;
  } else if (sampled && !t.contains("points")) {
    rd.error(rd.top(), fmt::format("design = \"{}\" needs `points` (how many points to sample)",
                                   design_kind_name(d.kind)));
  }
  if (const toml::node* params = t.get("parameter")) {
    if (const toml::array* arr = params->as_array();
        arr && arr->size() > static_cast<std::size_t>(kMaxParameters))
      rd.error(*params, fmt::format("{} parameters; at most {}", arr->size(), kMaxParameters));
    read_design_parameters(rd, *params, d.kind, d.parameters);
  }
  if (d.parameters.empty() && rd.errors().empty())
    rd.error(rd.top(), "a design needs at least one [[parameter]] (a key and its values, or low and high)");
  if (d.kind == DesignKind::Sobol && d.parameters.size() > static_cast<std::size_t>(kMaxSobolDimension))
    rd.error(rd.top(),
             fmt::format("design = \"sobol\" takes at most {} parameters (GSL's Sobol sequence), got {}",
                         kMaxSobolDimension, d.parameters.size()));
  if (rd.errors().empty() && d.point_count() > kMaxPoints)
    rd.error(rd.top(),
             fmt::format("the grid has more than {} points (the product of its value counts)", kMaxPoints));
  throw_if_errors(rd);
  return d;
}

Design load_design(const std::string& path) {
  return parse_design(read_toml_file(path), path);
}

std::string read_toml_file(const std::string& path) {
  std::string why;
  auto text = sim::read_input_file(path, why);
  if (!text) throw models::ScenarioErrors({models::InputError{path, 0, 0, "cannot read file: " + why}});
  return std::move(*text);
}

toml::table parse_toml(const std::string& text, const std::string& display) {
  if (const auto [line, column] = models::overlong_dotted_key(text); line > 0)
    throw models::ScenarioErrors({models::InputError{
        display, line, column, fmt::format("a dotted key of more than {} parts", models::kMaxKeyParts)}});
  try {
    return toml::parse(text, display);
  } catch (const toml::parse_error& e) {
    const auto& pos = e.source().begin;
    throw models::ScenarioErrors({models::InputError{
        display, static_cast<int>(pos.line), static_cast<int>(pos.column), std::string(e.description())}});
  }
}

void throw_if_errors(Reader& rd) {
  if (rd.errors().empty()) return;
  std::stable_sort(rd.errors().begin(), rd.errors().end(), [](const auto& a, const auto& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  throw models::ScenarioErrors(std::move(rd.errors()));
}

void read_design_parameters(Reader& rd, const toml::node& params, DesignKind kind,
                            std::vector<DesignParameter>& out) {
  const toml::array* arr = params.as_array();
  if (!arr || !arr->is_array_of_tables()) {
    rd.error(params, "`parameter` must be an array of tables: write each as [[parameter]]");
    return;
  }
  int index = 0;
  for (const toml::node& p : *arr) out.push_back(read_design_parameter(rd, *p.as_table(), kind, index++));
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (!out[i].key.empty() && out[i].key == out[j].key)
        rd.error(out[i].where,
                 fmt::format("`{}` is a parameter twice (also at line {})", out[i].key, out[j].where.line));
}

std::string scenario_source(const std::string& name, const std::string& design_path) {
  const bool is_path = name.find('/') != std::string::npos || name.ends_with(".toml");
  if (!is_path || name.starts_with("/")) return name;
  const auto dir = std::filesystem::path(design_path).parent_path();
  return dir.empty() ? name : (dir / name).lexically_normal().string();
}

std::optional<models::Params> load_base_scenario(const Design& d) {
  try {
    return models::load_scenario(scenario_source(d.scenario, d.path)).params;
  } catch (const models::ScenarioErrors&) {
    return std::nullopt;  // plan_sweep says why, at the scenario's name in the file
  }
}

std::vector<std::vector<PointValue>> design_points(const Design& design, const std::vector<bool>& integer) {
  const std::size_t k = design.parameters.size();
  std::vector<std::vector<PointValue>> points;
  if (design.kind == DesignKind::Grid) {
    const long long n = design.point_count();
    points.reserve(static_cast<std::size_t>(n));
    std::vector<std::size_t> idx(k, 0);
    for (long long i = 0; i < n; ++i) {
      std::vector<PointValue> pt;
      for (std::size_t j = 0; j < k; ++j) {
        const auto& p = design.parameters[j];
        pt.push_back({p.values[idx[j]], p.numbers[idx[j]], p.labels[idx[j]]});
      }
      points.push_back(std::move(pt));
      for (std::size_t j = k; j-- > 0;) {  // the last parameter varies fastest
        if (++idx[j] < design.parameters[j].values.size()) break;
        idx[j] = 0;
      }
    }
    return points;
  }
  const auto unit = design.kind == DesignKind::Given ? design.unit
                    : design.kind == DesignKind::Lhs
                        ? inference::latin_hypercube(design.points, static_cast<int>(k), design.design_seed)
                        : inference::sobol_sequence(design.points, static_cast<int>(k));
  for (const auto& row : unit) {
    std::vector<PointValue> pt;
    for (std::size_t j = 0; j < k; ++j) {
      const auto& p = design.parameters[j];
      const double lo = *p.low, hi = *p.high;
      double v =
          p.log ? std::exp(std::log(lo) + row[j] * (std::log(hi) - std::log(lo))) : lo + row[j] * (hi - lo);
      v = std::clamp(v, lo, hi);
      if (j < integer.size() && integer[j]) {
        v = std::round(v);
        const std::string text = fmt::format("{}", static_cast<long long>(v));
        pt.push_back({text, v, text});
      } else {
        const std::string text = models::schema::number_toml(v);
        pt.push_back({text, v, text});
      }
    }
    points.push_back(std::move(pt));
  }
  return points;
}

}  // namespace tlm::experiment
