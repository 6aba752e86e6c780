#include "experiment/calibration_study.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "experiment/toml_reader.hpp"
#include "models/scenario.hpp"
#include "sim/input_file.hpp"

namespace tlm::experiment {
namespace {

const std::vector<std::string>& calibration_keys() {
  static const std::vector<std::string> keys{"scenario",      "replications", "seed",      "description",
                                             "population",    "generations",  "quantile",  "min_acceptance",
                                             "min_tolerance", "abc_seed",     "parameter", "target"};
  return keys;
}
const std::vector<std::string>& target_keys() {
  static const std::vector<std::string> keys{"metric", "retention", "k",     "sector", "subject", "year",
                                             "years",  "route",     "label", "value",  "sd"};
  return keys;
}

}  // namespace

CalibrationStudy load_calibration(const std::string& path) {
  const std::string text = read_toml_file(path);
  Reader rd(path);
  const toml::table t = parse_toml(text, path);
  CalibrationStudy c;
  Design& d = c.design;
  d.path = path;
  d.text = text;
  d.kind = DesignKind::Given;
  rd.unknown_keys(t, calibration_keys(), "in a calibration");
  if (auto v = rd.string(t, "scenario")) {
    d.scenario = *v;
    d.scenario_where = rd.at(*t.get("scenario"));
  }
  d.scenario_where.file = path;
  if (auto r = rd.integer(t, "replications", 1, 1000000)) d.replications = static_cast<int>(*r);
  if (auto v = rd.integer(t, "seed", 0, 0xFFFFFFFFll)) d.seed = static_cast<std::uint64_t>(*v);
  if (auto v = rd.integer(t, "abc_seed", 0, 0xFFFFFFFFll)) c.abc.seed = static_cast<std::uint64_t>(*v);
  if (auto v = rd.integer(t, "population", 2, 100000)) c.abc.population = static_cast<int>(*v);
  if (auto v = rd.integer(t, "generations", 1, 1000)) c.abc.max_generations = static_cast<int>(*v);
  if (auto v = rd.number(t, "quantile")) {
    if (!(*v > 0.0 && *v < 1.0)) rd.error(*t.get("quantile"), "`quantile` must be in (0, 1)");
    c.abc.quantile = *v;
  }
  if (auto v = rd.number(t, "min_acceptance")) {
    if (!(*v >= 0.0 && *v < 1.0)) rd.error(*t.get("min_acceptance"), "`min_acceptance` must be in [0, 1)");
    c.abc.min_acceptance = *v;
  }
  if (auto v = rd.number(t, "min_tolerance")) {
    if (!(*v >= 0.0)) rd.error(*t.get("min_tolerance"), "`min_tolerance` must be at least 0");
    c.abc.min_tolerance = *v;
  }
  if (const toml::node* desc = t.get("description"); desc && !desc->is_string())
    rd.error(*desc, "`description` must be a string");
  if (const toml::node* params = t.get("parameter"))
    read_design_parameters(rd, *params, DesignKind::Given, d.parameters);
  if (d.parameters.empty())
    rd.error(rd.top(), "a calibration needs at least one [[parameter]] (a key, low and high: its prior)");
  const std::optional<models::Params> base = load_base_scenario(d);
  if (base) {
    // A prior is over numbers: the key must hold a number in the base scenario (not a name, a text, a table).
    const toml::table resolved = toml::parse(models::to_toml(*base));
    for (const auto& par : d.parameters) {
      const auto node = resolved.at_path(par.key);
      if (par.key == "seed" || par.key == "replications" || par.key.starts_with("years.") ||
          par.key.starts_with("world.seed"))
        rd.error(par.where,
                 fmt::format("`{}` is not a parameter of the model: it cannot be fitted", par.key));
      else if (node && !node.is_number())
        rd.error(par.where,
                 fmt::format("`{}` is not a number in the scenario: a prior is over numbers", par.key));
    }
  }
  if (const toml::node* targets = t.get("target")) {
    const toml::array* arr = targets->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      rd.error(*targets, "`target` must be an array of tables: write each as [[target]]");
    } else {
      int index = 0;
      for (const toml::node& node : *arr) {
        const toml::table& o = *node.as_table();
        ++index;
        rd.unknown_keys(o, target_keys(), fmt::format("in [[target]] {}", index));
        CalibrationTarget target;
        target.quantity = read_quantity(rd, o, fmt::format("[[target]] {}", index), base);
        if (auto v = rd.number(o, "value"))
          target.value = *v;
        else if (!o.contains("value"))
          rd.error(target.quantity.where,
                   fmt::format("[[target]] {} needs `value` (what was measured)", index));
        if (auto v = rd.number(o, "sd")) {
          if (!(*v > 0.0)) rd.error(*o.get("sd"), fmt::format("`sd` must be above 0, got {}", *v));
          target.sd = *v;
        } else if (!o.contains("sd")) {
          rd.error(
              target.quantity.where,
              fmt::format("[[target]] {} needs `sd` (the measurement's uncertainty, in its unit)", index));
        }
        const auto& q = target.quantity;
        if (q.label.empty())
          target.quantity.label =
              q.metric == kRetentionOutput
                  ? fmt::format("retention {} {} after {} year{}", q.route, q.sector, q.k,
                                q.k == 1 ? "" : "s")
                  : fmt::format("{} {} {}", q.metric, q.subject.empty() ? q.sector : "vo " + q.subject,
                                q.year ? std::to_string(*q.year) : std::string("all years"));
        c.targets.push_back(std::move(target));
      }
    }
  }
  // Stop by default once the tolerance is the number of targets: the expected sum of squared standardised
  // errors of a model that is right; a smaller tolerance would fit the replications' own noise.
  if (!t.contains("min_tolerance")) c.abc.min_tolerance = static_cast<double>(c.targets.size());
  if (c.targets.empty() && !t.contains("target"))
    rd.error(rd.top(), "a calibration needs at least one [[target]] (a quantity, its measured value and sd)");
  throw_if_errors(rd);
  return c;
}

}  // namespace tlm::experiment
