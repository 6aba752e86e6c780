#include "experiment/sensitivity_study.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "experiment/toml_reader.hpp"
#include "models/outcomes.hpp"
#include "models/scenario.hpp"
#include "models/subjects.hpp"
#include "models/types.hpp"
#include "sim/input_file.hpp"

namespace tlm::experiment {
namespace {

const std::vector<std::string>& study_keys() {
  static const std::vector<std::string> keys{
      "scenario", "alternative", "alternatives", "method",      "samples",   "levels", "replications",
      "seed",     "design_seed", "bootstrap",    "description", "parameter", "output"};
  return keys;
}
const std::vector<std::string>& output_keys() {
  static const std::vector<std::string> keys{"metric", "retention", "k",     "sector", "subject",
                                             "year",   "years",     "route", "of",     "label"};
  return keys;
}

std::vector<std::string> sector_choices() {
  std::vector<std::string> out(models::kSectorNames.begin(), models::kSectorNames.end());
  out.emplace_back("all");
  return out;
}

}  // namespace

SensitivityOutput read_quantity(Reader& rd, const toml::table& o, const std::string& what,
                                const std::optional<models::Params>& base) {
  SensitivityOutput out;
  out.where = rd.at(o);
  std::vector<std::string> routes(models::kRouteNames.begin() + 1, models::kRouteNames.end());
  routes.emplace_back(kStartersRoute);
  routes.emplace_back("all");
  if (const toml::node* ret = o.get("retention")) {
    // `retention = "<route>"`: the retention k years after entry (docs/model.md 7.4).
    out.metric = kRetentionOutput;
    out.where = rd.at(*ret);
    if (o.contains("metric")) rd.error(*o.get("metric"), "give `metric` or `retention`, not both");
    if (o.contains("route"))
      rd.error(*o.get("route"), "`retention` names the route; `route` is for metric = \"retention_5y\"");
    if (auto route = rd.string(o, "retention")) {
      if (std::find(routes.begin(), routes.end(), *route) == routes.end())
        rd.error(*ret,
                 fmt::format("`retention` must be one of {}, got \"{}\"", fmt::join(routes, ", "), *route));
      out.route = *route;
    }
    if (auto k = rd.integer(o, "k", 1, models::kRetentionYears))
      out.k = static_cast<int>(*k);
    else if (o.contains("k"))
      out.k = 0;  // told already; no check of the years against it
  } else if (auto m = rd.string(o, "metric")) {
    out.metric = *m;
    out.where = rd.at(*o.get("metric"));
    if (models::find_metric(*m) < 0 && *m != kRetentionOutput) {
      std::vector<std::string> names{kRetentionOutput};
      for (const auto& info : models::kMetricInfo) names.emplace_back(info.name);
      std::string msg = fmt::format("unknown metric `{}` (docs/output.md lists them)", *m);
      if (auto near = models::schema::suggest_among(*m, names); !near.empty())
        msg = fmt::format("unknown metric `{}`; did you mean `{}`?", *m, near);
      rd.error(out.where, msg);
    }
    if (o.contains("k")) rd.error(*o.get("k"), "`k` is for `retention = \"<route>\"`");
  } else if (!o.contains("metric")) {
    rd.error(
        out.where,
        fmt::format("{} has no `metric` (e.g. \"shortage_fte\") or `retention` (e.g. \"starters\")", what));
  }
  if (auto subject = rd.string(o, "subject")) {
    // A vo subject: the metric is the subject metric of that name, summed over the country.
    out.subject = *subject;
    const toml::node& at = *o.get("subject");
    if (out.metric == kRetentionOutput) {
      rd.error(at, "`subject` is for a metric's value per vo subject, not for retention");
    } else if (!out.metric.empty() && models::find_subject_metric(out.metric) < 0) {
      std::vector<std::string> names;
      for (const auto& info : models::kSubjectMetricInfo) names.emplace_back(info.name);
      rd.error(at, fmt::format("`{}` is not recorded per subject; the subject metrics are {}", out.metric,
                               fmt::join(names, ", ")));
    }
    const auto& names = base ? base->subjects.vo : models::default_subject_names();
    if (std::find(names.begin(), names.end(), *subject) == names.end())
      rd.error(at, fmt::format("`subject` must be one of the scenario's vo subjects ({}), got \"{}\"",
                               fmt::join(names, ", "), *subject));
    if (auto sec = o.get("sector"); sec && sec->value<std::string>() != "vo")
      rd.error(*sec, "subjects are vo's: with `subject`, `sector` can only be \"vo\"");
    out.sector = "vo";
  }
  if (o.contains("subject")) {
  } else if (auto sec = rd.string(o, "sector")) {
    const auto choices = sector_choices();
    if (std::find(choices.begin(), choices.end(), *sec) == choices.end())
      rd.error(*o.get("sector"),
               fmt::format("`sector` must be one of {}, got \"{}\"", fmt::join(choices, ", "), *sec));
    out.sector = *sec;
  }
  const bool retention = out.metric == kRetentionOutput;
  if (o.contains("retention")) {
  } else if (auto route = rd.string(o, "route")) {
    if (!retention)
      rd.error(*o.get("route"), fmt::format("`route` is for metric = \"{}\"", kRetentionOutput));
    else if (std::find(routes.begin(), routes.end(), *route) == routes.end())
      rd.error(*o.get("route"),
               fmt::format("`route` must be one of {}, got \"{}\"", fmt::join(routes, ", "), *route));
    out.route = *route;
  }
  if (retention) {
    // Cohorts entering start + 1 … end − k are followed for k years (docs/model.md 7.4).
    const std::string name = o.contains("retention") ? "retention" : kRetentionOutput;
    if (o.contains("year") || o.contains("years"))
      rd.error(*(o.contains("year") ? o.get("year") : o.get("years")),
               fmt::format("{} pools the cohorts that entered from the start + 1 to the end − {}; it takes "
                           "no `year`",
                           name, out.k));
    if (base && out.k > 0 && base->years.end - out.k < base->years.start + 1)
      rd.error(out.where, fmt::format("{} needs at least {} years after the start; the scenario has {}–{}",
                                      name, out.k + 1, base->years.start, base->years.end));
  }
  if (retention) {
  } else if (auto y = rd.integer(o, "year", 1900, 2200)) {
    out.year = static_cast<int>(*y);
    if (base && (*y < base->years.start || *y > base->years.end))
      rd.error(*o.get("year"), fmt::format("year {} is outside the scenario's years {}–{}", *y,
                                           base->years.start, base->years.end));
  }
  if (retention) {
  } else if (auto all = rd.string(o, "years")) {
    if (*all != "all")
      rd.error(*o.get("years"), fmt::format("`years` can only be \"all\", got \"{}\"", *all));
    if (o.contains("year")) rd.error(*o.get("years"), "give `year` or `years = \"all\"`, not both");
  } else if (!o.contains("year") && !o.contains("years")) {
    rd.error(out.where, fmt::format("{} needs `year` (e.g. 2035) or `years = \"all\"`", what));
  }
  if (auto l = rd.string(o, "label")) out.label = *l;
  return out;
}

const char* method_name(SensitivityMethod m) {
  switch (m) {
    case SensitivityMethod::Sobol:
      return "sobol";
    case SensitivityMethod::Morris:
      return "morris";
    case SensitivityMethod::Oat:
      return "oat";
  }
  return "?";
}

SensitivityStudy load_sensitivity(const std::string& path) {
  const std::string text = read_toml_file(path);
  Reader rd(path);
  const toml::table t = parse_toml(text, path);
  SensitivityStudy s;
  Design& d = s.design;
  d.path = path;
  d.text = text;
  d.kind = DesignKind::Given;
  rd.unknown_keys(t, study_keys(), "in a sensitivity study");
  if (auto v = rd.string(t, "scenario")) {
    d.scenario = *v;
    d.scenario_where = rd.at(*t.get("scenario"));
  }
  d.scenario_where.file = path;
  if (auto v = rd.string(t, "alternative")) {
    d.alternatives.push_back(*v);
    d.alternative_where.push_back(rd.at(*t.get("alternative")));
  }
  if (const toml::node* alts = t.get("alternatives")) {
    const toml::array* arr = alts->as_array();
    if (!arr || !arr->is_homogeneous(toml::node_type::string))
      rd.error(*alts, "`alternatives` must be an array of scenario names or files");
    else
      for (const toml::node& a : *arr) {
        d.alternatives.push_back(a.as_string()->get());
        d.alternative_where.push_back(rd.at(a));
      }
  }
  bool method_known = false;
  if (auto m = rd.string(t, "method")) {
    method_known = *m == "sobol" || *m == "morris" || *m == "oat";
    if (*m == "sobol")
      s.method = SensitivityMethod::Sobol;
    else if (*m == "morris")
      s.method = SensitivityMethod::Morris;
    else if (*m == "oat")
      s.method = SensitivityMethod::Oat;
    else
      rd.error(*t.get("method"),
               fmt::format("`method` must be \"sobol\", \"morris\" or \"oat\", got \"{}\"", *m));
  } else if (!t.contains("method")) {
    rd.error(rd.top(), "a sensitivity study needs `method` (\"sobol\", \"morris\" or \"oat\")");
  }
  if (auto n = rd.integer(t, "samples", 2, 1'000'000))
    s.samples = static_cast<int>(*n);
  else if (!t.contains("samples") && method_known && s.method != SensitivityMethod::Oat)
    rd.error(rd.top(),
             fmt::format("method = \"{}\" needs `samples` ({})", method_name(s.method),
                         s.method == SensitivityMethod::Sobol ? "base samples N; it runs N (k + 2) points"
                                                              : "trajectories r; it runs r (k + 1) points"));
  if (auto n = rd.integer(t, "levels", 2, 100)) {
    if (*n % 2 != 0)
      rd.error(*t.get("levels"), fmt::format("`levels` must be even (Morris's Δ), got {}", *n));
    s.levels = static_cast<int>(*n);
  }
  if (auto n = rd.integer(t, "bootstrap", 0, 100000)) s.bootstrap = static_cast<int>(*n);
  if (auto r = rd.integer(t, "replications", 1, 1000000)) d.replications = static_cast<int>(*r);
  if (auto v = rd.integer(t, "seed", 0, 0xFFFFFFFFll)) d.seed = static_cast<std::uint64_t>(*v);
  if (auto v = rd.integer(t, "design_seed", 0, 0xFFFFFFFFll)) s.design_seed = static_cast<std::uint64_t>(*v);
  if (const toml::node* desc = t.get("description"); desc && !desc->is_string())
    rd.error(*desc, "`description` must be a string");

  if (const toml::node* params = t.get("parameter"))
    read_design_parameters(rd, *params, DesignKind::Given, d.parameters);
  if (d.parameters.empty())
    rd.error(rd.top(), "a sensitivity study needs at least one [[parameter]] (a key, low and high)");

  // The base scenario's years bound the outputs' years; its values are the one-at-a-time base. Where it does
  // not load, plan_sweep says why, at its name in this file.
  const std::optional<models::Params> base = load_base_scenario(d);
  if (const toml::node* outs = t.get("output")) {
    const toml::array* arr = outs->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      rd.error(*outs, "`output` must be an array of tables: write each as [[output]]");
    } else {
      int index = 0;
      for (const toml::node& node : *arr) {
        const toml::table& o = *node.as_table();
        ++index;
        rd.unknown_keys(o, output_keys(), fmt::format("in [[output]] {}", index));
        SensitivityOutput out = read_quantity(rd, o, fmt::format("[[output]] {}", index), base);
        if (auto of = rd.string(o, "of")) {
          if (*of != "base" &&
              std::find(d.alternatives.begin(), d.alternatives.end(), *of) == d.alternatives.end())
            rd.error(*o.get("of"),
                     fmt::format("`of` must be \"base\" or one of the alternatives ({}), got \"{}\"",
                                 d.alternatives.empty() ? std::string("none given")
                                                        : fmt::format("{}", fmt::join(d.alternatives, ", ")),
                                 *of));
          out.of = *of == "base" ? "" : *of;
          s.outputs.push_back(std::move(out));
        } else if (d.alternatives.empty()) {
          s.outputs.push_back(std::move(out));
        } else {
          // With alternatives, an output without `of` is the paired effect of each.
          for (const auto& alt : d.alternatives) {
            auto copy = out;
            copy.of = alt;
            if (!copy.label.empty() && d.alternatives.size() > 1) copy.label += " (" + alt + ")";
            s.outputs.push_back(std::move(copy));
          }
        }
      }
    }
  }
  if (s.outputs.empty() && !t.contains("output"))
    rd.error(rd.top(), "a sensitivity study needs at least one [[output]] (a metric, a sector and a year)");

  const int k = static_cast<int>(d.parameters.size());
  if (rd.errors().empty()) {
    try {
      if (s.method == SensitivityMethod::Sobol) {
        s.saltelli = inference::saltelli(s.samples, k);
        d.unit = s.saltelli->points;
      } else if (s.method == SensitivityMethod::Morris) {
        s.morris = inference::morris(s.samples, k, s.levels, s.design_seed);
        d.unit = s.morris->points;
      } else {
        // One at a time around the base scenario's own values.
        const toml::table resolved = toml::parse(models::to_toml(base.value_or(models::Params{})));
        for (const auto& par : d.parameters) {
          const auto node = resolved.at_path(par.key);
          if (!node || !node.is_number()) {
            rd.error(par.where,
                     fmt::format("`{}`: one at a time needs the scenario's own value, a number; it has {}",
                                 par.key, node ? "another kind of value" : "none"));
            continue;
          }
          const double v = node.value<double>().value_or(0.0);
          if (v < *par.low || v > *par.high) {
            rd.error(par.where,
                     fmt::format("`{}`: the scenario's value {} lies outside [low, high] = [{}, {}]", par.key,
                                 models::schema::number_toml(v), models::schema::number_toml(*par.low),
                                 models::schema::number_toml(*par.high)));
            continue;
          }
          s.oat_base.push_back(par.log ? std::log(v / *par.low) / std::log(*par.high / *par.low)
                                       : (v - *par.low) / (*par.high - *par.low));
        }
        if (rd.errors().empty()) d.unit = inference::one_at_a_time(s.oat_base);
      }
    } catch (const std::invalid_argument& e) {
      rd.error(rd.top(), e.what());
    }
  }
  throw_if_errors(rd);
  for (auto& o : s.outputs)
    if (o.label.empty())
      o.label = fmt::format("{}{} {} {}", o.of.empty() ? "" : o.of + " − base: ", o.metric, o.sector,
                            o.metric == kRetentionOutput ? o.route
                            : o.year                     ? std::to_string(*o.year)
                                                         : std::string("all years"));
  return s;
}

}  // namespace tlm::experiment
