#include "analysis/report.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "analysis/calibration_results.hpp"
#include "analysis/costs.hpp"
#include "analysis/effects.hpp"
#include "analysis/format.hpp"
#include "analysis/headlines.hpp"
#include "analysis/page.hpp"
#include "analysis/results.hpp"
#include "analysis/stats.hpp"
#include "analysis/svg.hpp"
#include "analysis/sweep_results.hpp"

namespace tlm::analysis {
namespace {

// Everything the report shows of one scenario, computed once; the raw arrays are dropped after.
struct ScenarioView {
  std::string name, toml, description;
  int replications = 0, start = 0, end = 0;
  std::uint64_t seed = 0;
  std::vector<int> years;
  std::vector<std::string> sectors, routes;
  std::map<std::string, std::vector<std::vector<double>>> shortage;  // sector -> [rep][year]
  std::vector<std::vector<double>> so_share;                         // [rep][year]
  std::map<std::string, std::vector<double>> retention;              // route -> mean share at k = 0..5
  std::vector<Indicator> indicators;
  std::vector<std::string> subjects;  // vo subjects with headlines (empty with one subject), in file order
  double world_scale = 1.0;
  Window retention_window{0, -1}, zij_window{0, -1};
  int graduation_last = 0;
  StartFacts facts;  // what decides the pairing with the base
  std::vector<std::string> set_keys, overrides;
};

ScenarioView view_of(const std::string& path, const std::string& name, std::vector<int>& years) {
  const ScenarioResults r =
      load_scenario(path, name, headline_metrics(), optional_headline_metrics(), headline_subject_metrics());
  if (years.empty()) years = default_years(r);
  ScenarioView v;
  v.name = r.name;
  v.toml = r.scenario_toml;
  try {
    v.description = toml::parse(v.toml)["description"].value_or(std::string());
  } catch (const toml::parse_error&) {
    // No readable scenario text: no description.
  }
  v.replications = r.replications;
  v.seed = r.seed;
  v.start = r.start();
  v.end = r.end();
  v.years = r.years;
  v.sectors = r.sectors;
  for (const auto& s : r.sectors) v.shortage[s] = national_sum(r, "shortage_fte", s);
  v.shortage["all"] = national_sum(r, "shortage_fte");
  v.so_share = national_ratio(r, "students_so", "students");
  if (!r.retained.data.empty())
    for (const auto& route : r.routes) {
      if (route == "initial") continue;  // the start population is no cohort of starters
      auto curves = retention_curve(r, route);
      std::vector<double> m;
      for (std::size_t k = 0; !curves.empty() && k < curves.front().size(); ++k) {
        std::vector<double> col;
        for (const auto& c : curves) col.push_back(c[k]);
        m.push_back(mean(col));
      }
      v.retention[route] = m;
      v.routes.push_back(route);
    }
  v.indicators = indicators(r, years);
  if (has_subject_headlines(r)) v.subjects = r.subjects;
  v.world_scale = world_scale(r);
  v.retention_window = retention_window(r);
  v.zij_window = zij_window(r);
  v.graduation_last = graduation_window(r, "pabo").last;
  v.facts = start_facts(r);
  v.set_keys = r.set_keys;
  v.overrides = r.overrides;
  return v;
}

std::vector<double> column(const std::vector<std::vector<double>>& m, std::size_t y) {
  std::vector<double> c;
  for (const auto& row : m) c.push_back(row[y]);
  return c;
}

svg::Series fan_series(const ScenarioView& v, const std::vector<std::vector<double>>& m,
                       const std::string& label, const std::string& colour, bool bands) {
  svg::Series s;
  s.label = label;
  s.colour = colour;
  for (std::size_t y = 0; y < v.years.size(); ++y) {
    auto c = column(m, y);
    s.x.push_back(v.years[y]);
    s.y.push_back(quantile(c, 0.5));
    if (bands) {
      s.lo90.push_back(quantile(c, 0.05));
      s.hi90.push_back(quantile(c, 0.95));
      s.lo50.push_back(quantile(c, 0.25));
      s.hi50.push_back(quantile(c, 0.75));
    }
  }
  return s;
}

const Indicator* find(const std::vector<Indicator>& ind, const std::string& metric, const std::string& sector,
                      const std::string& route, const std::string& programme, std::optional<int> year,
                      const std::string& subject = {}) {
  for (const auto& i : ind)
    if (i.metric == metric && i.sector == sector && i.route == route && i.programme == programme &&
        i.year == year && i.subject == subject)
      return &i;
  return nullptr;
}

const Effect* find(const std::vector<Effect>& eff, const std::string& scenario, const std::string& metric,
                   const std::string& sector, const std::string& route, const std::string& programme,
                   std::optional<int> year, const std::string& subject = {}) {
  for (const auto& e : eff)
    if (e.scenario == scenario && e.metric == metric && e.sector == sector && e.route == route &&
        e.programme == programme && e.year == year && e.subject == subject)
      return &e;
  return nullptr;
}

// The vo shortage by subject of one scenario (docs/model.md 12.5): subject × year, FTE and rate, each the
// mean over runs with the range of 90% of runs.
std::string subject_table(const ScenarioView& v, const std::vector<int>& years) {
  std::string o =
      fmt::format("<h3>{}</h3>\n<table class=\"subjects\"><thead><tr><th rowspan=\"2\">subject</th>",
                  html_escape(v.name));
  for (int y : years) o += fmt::format("<th class=\"num\" colspan=\"2\">{}</th>", y);
  o += "</tr><tr>";
  for (std::size_t k = 0; k < years.size(); ++k) o += "<th class=\"num\">FTE</th><th class=\"num\">rate</th>";
  o += "</tr></thead><tbody>\n";
  for (const auto& x : v.subjects) {
    o += "<tr><td>" + html_escape(x) + "</td>";
    for (int y : years)
      for (const bool rate : {false, true}) {
        const Indicator* i = find(v.indicators, rate ? "shortage_rate" : "shortage_fte", "vo", "", "", y, x);
        if (!i) {
          o += "<td class=\"num\">–</td>";
          continue;
        }
        const Summary sm = summarize(i->values);
        auto f = [&](double z) { return rate ? percent(z) : thousands(z); };
        o += fmt::format("<td class=\"num\">{}<br><small>{}–{}</small></td>", f(sm.mean), f(sm.p05),
                         f(sm.p95));
      }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

// The paired effects on the vo shortage by subject in the last year, one alternative.
std::string subject_effects_table(const ScenarioView& base, const ScenarioView& alt,
                                  const std::vector<Effect>& effects) {
  std::optional<int> year;
  for (const auto& e : effects)
    if (e.scenario == alt.name && !e.subject.empty()) year = e.year;
  if (!year) return "";
  std::string o = fmt::format(
      "<h3>{} compared with {}, {}</h3>\n<table class=\"subject-effects\"><thead><tr><th>subject</th>"
      "<th class=\"num\">FTE difference</th><th class=\"num\">95% interval</th><th class=\"num\">rate "
      "difference</th><th class=\"num\">95% interval</th><th class=\"num\">lower "
      "in</th></tr></thead><tbody>\n",
      html_escape(alt.name), html_escape(base.name), *year);
  for (const auto& x : base.subjects) {
    const Effect* f = find(effects, alt.name, "shortage_fte", "vo", "", "", year, x);
    const Effect* r = find(effects, alt.name, "shortage_rate", "vo", "", "", year, x);
    if (!f || !r) continue;
    o += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} to {}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{} to {}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(x), signed_thousands(f->mean), signed_thousands(f->lo), signed_thousands(f->hi),
        points(r->mean), points(r->lo), points(r->hi), percent(f->p_better, 0));
  }
  return o + "</tbody></table>\n";
}

std::string sector_name(const std::string& s) {
  return s == "all" ? "all sectors" : s;
}

// "€1,234.5 million", with an explicit sign for differences.
std::string millions(double v, bool sign = false) {
  if (!std::isfinite(v)) return "–";
  std::string t = sign ? signed_thousands(v / 1e6, 1) : thousands(v / 1e6, 1);
  const std::string minus = "−";
  std::string prefix;
  if (t.starts_with(minus) || t.starts_with('-')) {
    prefix = minus;
    t = t.substr(t.starts_with('-') ? 1 : minus.size());
  } else if (t.starts_with('+')) {
    prefix = "+";
    t = t.substr(1);
  }
  return prefix + "€" + t + " million";
}

// The cost comparisons of docs/model.md 13.3: one row per alternative and group of sectors.
std::string cost_table(const std::vector<CostEffect>& costs) {
  std::string o =
      "<table class=\"costs\"><thead><tr><th>scenario</th><th>sectors</th><th class=\"num\">cost "
      "difference</th><th class=\"num\">95% interval</th><th class=\"num\">shortage difference "
      "(FTE-years)</th><th class=\"num\">95% interval</th><th>what it means</th></tr></thead><tbody>\n";
  for (const auto& c : costs) {
    const auto& s = c.stats;
    o += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} to {}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{} to {}</td><td class=\"cost-case {}\">{}</td></tr>\n",
        html_escape(c.scenario), c.sector == "all" ? "all" : c.sector, millions(s.cost.mean, true),
        millions(s.cost.paired.lo, true), millions(s.cost.paired.hi, true), signed_thousands(s.shortage.mean),
        signed_thousands(s.shortage.paired.lo), signed_thousands(s.shortage.paired.hi), cost_case_id(s.kind),
        html_escape(cost_text(s)));
  }
  return o + "</tbody></table>\n";
}

// A value written back as TOML the way toml++ writes it, except numbers: a float in its shortest round-trip
// form (toml++ and the resolved scenario write 17 digits, 0.80000000000000004 for 0.8), a whole one with
// ".0" so that it still reads as a float.
std::string value_text(const toml::node& node) {
  if (const auto* d = node.as_floating_point()) {
    std::string t = fmt::format("{}", d->get());
    if (t.find_first_of(".eEn") == std::string::npos) t += ".0";  // n: inf, nan
    return t;
  }
  if (const auto* a = node.as_array()) {
    if (a->empty()) return "[]";
    std::string o = "[ ";
    for (std::size_t i = 0; i < a->size(); ++i) o += (i ? ", " : "") + value_text(*a->get(i));
    return o + " ]";
  }
  if (const auto* t = node.as_table()) {
    if (t->empty()) return "{}";
    std::string o = "{ ";
    bool first = true;
    for (auto&& [k, v] : *t) {
      o += fmt::format("{}{} = {}", first ? "" : ", ", k.str(), value_text(v));
      first = false;
    }
    return o + " }";
  }
  std::ostringstream os;
  node.visit([&](auto&& n) { os << n; });
  return os.str();
}

// Adds the leaves of `t` under `prefix`: tables recurse, everything else (inline tables included) is one
// value.
void flatten_into(const toml::table& t, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (auto&& [k, node] : t) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table(); sub && !sub->is_inline()) {
      flatten_into(*sub, key, out);
      continue;
    }
    out[key] = value_text(node);
  }
}

}  // namespace

// "11 FTE lower than under base (95% interval −11 to −10); lower in 100% of runs"
std::string effect_sentence(const Effect& e, bool share, const std::string& base) {
  if (e.mean == 0 && e.lo == 0 && e.hi == 0)
    return fmt::format("exactly the same as under {} in every run", html_escape(base));
  // Small effects get more decimals, so that they do not read as "0.0 higher".
  const double scale = std::max({std::fabs(e.mean), std::fabs(e.lo), std::fabs(e.hi)}) * (share ? 100 : 1);
  const int dec = share ? (scale >= 1 ? 1 : 2) : (scale >= 10 ? 0 : 1);
  auto mag = [&](double v) {
    if (share) return thousands(std::fabs(100 * v), dec) + " percentage points";
    return thousands(std::fabs(v), dec) + (e.unit == "FTE"         ? " FTE"
                                           : e.unit == "FTE-years" ? " FTE-years"
                                                                   : "");
  };
  auto signed_v = [&](double v) { return share ? points(v, dec) : signed_thousands(v, dec); };
  std::string s =
      e.mean == 0 ? "on average the same as" : mag(e.mean) + (e.mean < 0 ? " lower than" : " higher than");
  s += fmt::format(" under {} (95% {}interval {} to {})", html_escape(base), e.paired ? "" : "unpaired ",
                   signed_v(e.lo), signed_v(e.hi));
  if (std::isfinite(e.p_better))
    s += fmt::format("; {} in {} of runs", e.better == Better::Higher ? "higher" : "lower",
                     percent(e.p_better, 0));
  return s;
}

std::map<std::string, std::string> flatten_toml(const std::string& text) {
  std::map<std::string, std::string> out;
  try {
    flatten_into(toml::parse(text), "", out);
  } catch (const toml::parse_error&) {
    // Not a scenario text: nothing to compare.
  }
  return out;
}

std::vector<SettingDiff> diff_settings(const std::string& base_toml, const std::string& alt_toml,
                                       const std::vector<std::string>& set_keys) {
  auto a = flatten_toml(base_toml), b = flatten_toml(alt_toml);
  // A set key names the value itself, a part of it (study.dropout.alo of study.dropout) or a table of values.
  auto is_set = [&](const std::string& k) {
    return std::any_of(set_keys.begin(), set_keys.end(), [&](const std::string& s) {
      return s == k || s.starts_with(k + ".") || k.starts_with(s + ".");
    });
  };
  std::vector<SettingDiff> out;
  for (const auto& [k, v] : a) {
    if (k == "name" || k == "description") continue;
    auto it = b.find(k);
    if (it == b.end())
      out.push_back({k, v, "", false});
    else if (it->second != v)
      out.push_back({k, v, it->second, false});
    else if (is_set(k))
      out.push_back({k, v, it->second, true});
  }
  for (const auto& [k, v] : b)
    if (k != "name" && k != "description" && !a.count(k)) out.push_back({k, "", v, false});
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.key < y.key; });
  return out;
}

std::string report_html(const std::string& h5path, const std::vector<int>& years_in,
                        const std::string& shown_path) {
  const FileInfo info = read_file_info(h5path);
  std::vector<int> years = years_in;
  std::vector<ScenarioView> views;
  for (const auto& name : info.scenarios) views.push_back(view_of(h5path, name, years));
  const ScenarioView& base = views.front();
  std::vector<Effect> effects;
  std::vector<Pairing> pairings(views.size());
  for (std::size_t i = 1; i < views.size(); ++i) {
    pairings[i] = pairing_of(base.facts, views[i].facts);
    auto e = compute_effects(base.name, base.indicators, views[i].name, views[i].indicators, pairings[i]);
    effects.insert(effects.end(), e.begin(), e.end());
  }
  // Pairing is claimed only where it holds (docs/report.md, "Pairing"); the page says why where it does not.
  std::string unpaired_list;
  for (std::size_t i = 1; i < views.size(); ++i)
    if (!pairings[i].paired)
      unpaired_list += fmt::format("<li><strong>{}</strong>: {}.</li>\n", html_escape(views[i].name),
                                   html_escape(pairings[i].why_not));
  const bool all_paired = unpaired_list.empty();
  const std::vector<CostEffect> costs =
      views.size() > 1 ? file_cost_effects(h5path) : std::vector<CostEffect>{};
  auto colour = [](std::size_t i) { return svg::scenario_colour(i); };

  // A scenario changed by --set is not the scenario its name and description describe: the page says so
  // wherever it names it (docs/report.md, "The report").
  auto shown_name = [](const ScenarioView& v) {
    return v.overrides.empty() ? v.name : v.name + " (changed by --set)";
  };
  std::string o;
  o += page_head(views.size() > 1 ? shown_name(base) + " and alternatives" : shown_name(base));
  o += "<h1>The teacher labour market: simulation results</h1>\n";
  if (!base.overrides.empty()) {
    std::string changes;
    for (const auto& t : base.overrides) changes += "<li><code>" + html_escape(t) + "</code></li>\n";
    o += fmt::format(
        "<div class=\"changed\"><p><strong>Changed for this run.</strong> Every scenario below ran with "
        "these "
        "changes (<code>--set</code>); its name and description are those of the scenario without "
        "them:</p>\n<ul>\n{}</ul></div>\n",
        changes);
  }
  o +=
      page_provenance(shown_path.empty() ? h5path : shown_path, info.tlm_version, info.created, info.command);
  o += "<p>Each scenario was simulated many times (replications) with different random numbers; the numbers "
       "below are averages over those runs, with ranges that show how much they vary. Shortage means total "
       "shortage: posts with nobody in them plus posts filled by someone unqualified (FTE = full-time jobs).";
  if (views.size() > 1 && all_paired)
    o += fmt::format(
        " Every alternative is compared with <strong>{}</strong>. Each scenario ran with the same seed, "
        "replications and start world, so run <em>i</em> of each uses the same random numbers: the "
        "differences are paired run by run, and chance plays a much smaller part in them.",
        html_escape(base.name));
  else if (views.size() > 1)
    o += fmt::format(
        " Every alternative is compared with <strong>{}</strong>.</p>\n<p class=\"unpaired\"><strong>Not "
        "paired.</strong> Runs of two scenarios are paired (run <em>i</em> of each using the same random "
        "numbers) only when they have the same seed, replications and start world. For these alternatives "
        "that does not hold, so their differences are differences of the means with unpaired (Welch) "
        "intervals, which include the chance variation of both:</p>\n<ul class=\"unpaired\">\n{}</ul>\n<p>",
        html_escape(base.name), unpaired_list);
  o += "</p>\n";

  // What the numbers do not say, before any of them (issue 14; docs/report.md, "Caveats").
  o += fmt::format(
      "<section id=\"caveats\">\n<h2>Before you read</h2>\n<ul class=\"caveats\">\n"
      "<li><strong>The ranges cover chance only.</strong> The 90% ranges and 95% intervals show how much the "
      "simulation varies from run to run. They do not include uncertainty in the scenario's assumptions (the "
      "rates, prices and start numbers it is given) or in the model itself; for that, compare scenarios that "
      "vary them (<code>tlm sweep</code>, <code>tlm sensitivity</code>).</li>\n"
      "<li><strong>The first years settle.</strong> {} is a generated start world, not a measured one. In "
      "the "
      "years after it the model moves towards the balance of its own flows (entry, exits, graduates), so the "
      "early levels are partly that adjustment. Read differences between scenarios, not early levels as a "
      "forecast.</li>\n"
      "<li><strong>What the model does not represent.</strong> Regions are markets of their own and schools "
      "are generated (unless a world is imported), so the numbers are not those of a real school, town or "
      "region; wages, working conditions and teachers' own choices beyond the model's rates are not in it; "
      "the costs are the policy costs it counts (SO places, partnerships, induction, joining), not a "
      "budget.</li>\n</ul>\n</section>\n",
      base.start);

  // Plain-language summary.
  o += "<section id=\"summary\">\n<h2>Summary</h2>\n";
  for (const auto& v : views) {
    if (v.overrides.empty())
      o += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", html_escape(v.name), html_escape(v.description));
    else
      o += fmt::format(
          "<h3>{}</h3>\n<p class=\"changed\">Changed with --set: {}.</p>\n<p><small>The scenario as written, "
          "without the change: {}</small></p>\n",
          html_escape(shown_name(v)), html_escape(fmt::format("{}", fmt::join(v.overrides, ", "))),
          html_escape(v.description));
    o += fmt::format("<p class=\"meta\">{} replications, seed {}, years {}–{}</p>\n<ul class=\"summary\">\n",
                     v.replications, v.seed, v.start, v.end);
    const bool is_base = &v == &base;
    for (int y : years) {
      for (const auto& s : v.sectors) {
        const Indicator* i = find(v.indicators, "shortage_fte", s, "", "", y);
        if (!i) continue;
        const Summary sm = summarize(i->values);
        std::string line = fmt::format(
            "In {} the total shortage in {} is <strong>{} FTE</strong> (90% of runs between "
            "{} and {})",
            y, sector_name(s), thousands(sm.mean), thousands(sm.p05), thousands(sm.p95));
        if (!is_base)
          if (const Effect* e = find(effects, v.name, "shortage_fte", s, "", "", y))
            line += "; that is " + effect_sentence(*e, false, base.name);
        o += "<li>" + line + ".</li>\n";
      }
    }
    if (const Indicator* i = find(v.indicators, "shortage_fte_years", "all", "", "", std::nullopt)) {
      std::string line = fmt::format(
          "Over {}–{} the shortage adds up to <strong>{} FTE-years</strong> (90% of runs "
          "between {} and {})",
          v.start, v.end, thousands(summarize(i->values).mean), thousands(summarize(i->values).p05),
          thousands(summarize(i->values).p95));
      if (!is_base)
        if (const Effect* e = find(effects, v.name, "shortage_fte_years", "all", "", "", std::nullopt))
          line += "; " + effect_sentence(*e, false, base.name);
      o += "<li>" + line + ".</li>\n";
    }
    for (const auto& route : headline_routes()) {
      const Indicator* i = find(v.indicators, "retention_5y", "", route, "", std::nullopt);
      if (!i || !std::isfinite(mean(i->values))) continue;
      std::string line = fmt::format(
          "Of starters via <em>{}</em> (entering {}–{}), <strong>{}</strong> still teach "
          "5 years later",
          route, v.retention_window.first, v.retention_window.last, percent(mean(i->values)));
      if (!is_base)
        if (const Effect* e = find(effects, v.name, "retention_5y", "", route, "", std::nullopt))
          line += ": " + effect_sentence(*e, true, base.name);
      o += "<li>" + line + ".</li>\n";
    }
    if (const Indicator* i = find(v.indicators, "so_share", "all", "", "", years.back())) {
      std::string line = fmt::format(
          "In {} <strong>{}</strong> of teacher-training students learn in a Samen "
          "Opleiden partnership",
          years.back(), percent(mean(i->values)));
      if (!is_base)
        if (const Effect* e = find(effects, v.name, "so_share", "all", "", "", years.back()))
          line += ": " + effect_sentence(*e, true, base.name);
      o += "<li>" + line + ".</li>\n";
    }
    if (const Indicator* i = find(v.indicators, "graduation_share", "", "", "all", std::nullopt)) {
      std::string line = fmt::format("Of students entering {}–{}, <strong>{}</strong> graduate", v.start + 1,
                                     v.graduation_last, percent(mean(i->values)));
      if (!is_base)
        if (const Effect* e = find(effects, v.name, "graduation_share", "", "", "all", std::nullopt))
          line += ": " + effect_sentence(*e, true, base.name);
      o += "<li>" + line + ".</li>\n";
    }
    if (const Indicator* i = find(v.indicators, "zij_completion_share", "all", "", "", std::nullopt)) {
      std::string line =
          fmt::format("Of career switchers (zij-instromers) hired {}–{}, <strong>{}</strong> qualify",
                      v.zij_window.first, v.zij_window.last, percent(mean(i->values)));
      if (!is_base)
        if (const Effect* e = find(effects, v.name, "zij_completion_share", "all", "", "", std::nullopt))
          line += ": " + effect_sentence(*e, true, base.name);
      o += "<li>" + line + ".</li>\n";
    }
    if (const Indicator* i = find(v.indicators, "cost_total", "all", "", "", std::nullopt)) {
      const Summary sm = summarize(i->values);
      std::string line = fmt::format(
          "Over {}–{} the policy costs counted (SO places, partnerships, induction, joining) add up to "
          "<strong>{}</strong> (90% of runs between {} and {})",
          v.start, v.end, millions(sm.mean), millions(sm.p05), millions(sm.p95));
      if (!is_base)
        for (const auto& c : costs)
          if (c.scenario == v.name && c.sector == "all")
            line += fmt::format("; that is {} compared with {} (95% interval {} to {}): {}",
                                millions(c.stats.cost.mean, true), html_escape(base.name),
                                millions(c.stats.cost.paired.lo, true),
                                millions(c.stats.cost.paired.hi, true), html_escape(cost_text(c.stats)));
      o += "<li>" + line + ".</li>\n";
    }
    o += "</ul>\n";
  }

  // Fan charts: one per sector and scenario, on one scale per sector so scenarios compare by eye.
  // Every headline number with both kinds of range, for readers who want the figures.
  o += "</section>\n<section id=\"headlines\">\n<h2>Headline numbers</h2>\n";
  o += "<p class=\"note\">Mean over runs; below it the range of 90% of runs and the 95% confidence interval "
       "of the mean.</p>\n<table class=\"headlines\"><thead><tr><th>outcome</th>";
  for (const auto& v : views) o += "<th class=\"num\">" + html_escape(v.name) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (const auto& bi : base.indicators) {
    if (!bi.subject.empty()) continue;  // in the table of the vo shortage by subject
    o += "<tr><td>" + html_escape(indicator_label(bi)) + "</td>";
    for (const auto& v : views) {
      const Indicator* i = find(v.indicators, bi.metric, bi.sector, bi.route, bi.programme, bi.year);
      if (!i) {
        o += "<td class=\"num\">–</td>";
        continue;
      }
      const Summary sm = summarize(i->values);
      const bool share = i->unit == "share";
      auto f = [&](double x) { return share ? percent(x) : thousands(x); };
      o += fmt::format("<td class=\"num\">{}<br><small>90%: {}–{}<br>CI: {}–{}</small></td>", f(sm.mean),
                       f(sm.p05), f(sm.p95), f(sm.ci.lo), f(sm.ci.hi));
    }
    o += "</tr>\n";
  }
  o += "</tbody></table>\n";

  // The vo shortage by subject (docs/model.md 12.5), for the scenarios with more than one subject.
  if (std::any_of(views.begin(), views.end(), [](const ScenarioView& v) { return !v.subjects.empty(); })) {
    o += "</section>\n<section id=\"subjects\">\n<h2>Shortage in vo by subject</h2>\n";
    o += "<p class=\"note\">Total shortage of each vo subject, national, in FTE and as a rate (the subject's "
         "shortage divided by its demand); mean over runs, below it the range of 90% of runs. A surplus in "
         "one subject fills no post of another. Subjects in the order of the file.</p>\n";
    for (const auto& v : views) {
      if (v.subjects.empty()) continue;
      if (v.world_scale < 0.5)
        o += fmt::format(
            "<p class=\"note\">{} runs at world.scale {}: below about 0.5 the subject markets are thin and "
            "their shortages exaggerated.</p>\n",
            html_escape(v.name), v.world_scale);
      o += subject_table(v, years);
    }
    if (views.size() > 1 && !base.subjects.empty()) {
      o += "<p class=\"note\">Effects on the vo shortage by subject in the last year (alternative − base, "
           "95% paired interval; “lower in”: the share of paired runs in which the alternative's shortage "
           "of the subject is lower).</p>\n";
      for (std::size_t i = 1; i < views.size(); ++i) o += subject_effects_table(base, views[i], effects);
    }
  }

  o += "</section>\n<section id=\"shortage\">\n<h2>Total shortage over time</h2>\n";
  o += "<p class=\"note\">The line is the median run; the dark band holds the middle 50% of runs, the light "
       "band "
       "90%.</p>\n";
  std::vector<std::string> fan_sectors = base.sectors;
  fan_sectors.push_back("all");
  for (const auto& s : fan_sectors) {
    // One scale per sector from the data, not from 0: a 300 FTE effect on 7,000 FTE must be visible.
    double top = -std::numeric_limits<double>::infinity(), bottom = -top;
    for (const auto& v : views)
      for (std::size_t y = 0; y < v.years.size(); ++y) {
        top = std::max(top, quantile(column(v.shortage.at(s), y), 0.95));
        bottom = std::min(bottom, quantile(column(v.shortage.at(s), y), 0.05));
      }
    if (!(top > bottom)) top = bottom + 1;
    o += fmt::format("<h3>{}</h3>\n<div class=\"charts\">\n", s == "all" ? "All sectors" : "Sector " + s);
    if (views.size() > 1) {
      // The medians side by side on one chart: the fans below show the spread of each.
      std::vector<svg::Series> medians;
      for (std::size_t i = 0; i < views.size(); ++i) {
        medians.push_back(fan_series(views[i], views[i].shortage.at(s), views[i].name, colour(i), false));
        medians.back().dashed = i % 2 == 1;
      }
      svg::Axes ax{.x_label = "school year (starting)",
                   .y_label = "total shortage (FTE), median run",
                   .y_from_zero = false};
      o += svg::line_chart(fmt::format("medians-{}", s), "chart medians-chart",
                           fmt::format("All scenarios: total shortage, {}", sector_name(s)), ax, medians);
      // The difference from the base year by year, with its 95% interval (paired where the runs pair).
      std::vector<svg::Series> diffs;
      for (std::size_t i = 1; i < views.size(); ++i) {
        svg::Series d;
        d.label = views[i].name;
        d.colour = colour(i);
        d.dashed = i % 2 == 0;
        const auto& b = base.shortage.at(s);
        const auto& a = views[i].shortage.at(s);
        for (std::size_t y = 0; y < views[i].years.size() && y < base.years.size(); ++y) {
          const auto bc = column(b, y), ac = column(a, y);
          const PairedDifference pd =
              pairings[i].paired ? paired_difference(bc, ac) : unpaired_difference(bc, ac);
          d.x.push_back(views[i].years[y]);
          d.y.push_back(pd.mean);
          d.lo90.push_back(pd.paired.lo);
          d.hi90.push_back(pd.paired.hi);
        }
        diffs.push_back(std::move(d));
      }
      svg::Axes dx{.x_label = "school year (starting)",
                   .y_label = "difference from " + base.name + " (FTE)",
                   .y_from_zero = false,
                   .y_zero_line = true,
                   .band90_label = "95% interval"};
      o += svg::line_chart(fmt::format("difference-{}", s), "chart difference-chart",
                           fmt::format("Difference from {}: total shortage, {}", base.name, sector_name(s)),
                           dx, diffs);
    }
    for (std::size_t i = 0; i < views.size(); ++i) {
      const auto& v = views[i];
      svg::Axes ax{.x_label = "school year (starting)",
                   .y_label = "total shortage (FTE)",
                   .y_from_zero = false,
                   .y_min = bottom,
                   .y_max = top};
      o += svg::line_chart(fmt::format("fan-{}-{}", s, i), "chart fan-chart",
                           fmt::format("{}: total shortage, {}", v.name, sector_name(s)), ax,
                           {fan_series(v, v.shortage.at(s), "median", colour(i), true)});
    }
    o += "</div>\n";
  }

  // Retention curves.
  o += "</section>\n<section id=\"retention\">\n<h2>Retention of starting teachers</h2>\n";
  o += fmt::format(
      "<p class=\"note\">Share of each year's starters still teaching k years after they started "
      "(at any school; someone who left and came back counts), pooled over the entry years "
      "{}–{} and averaged over runs.</p>\n<div class=\"charts\">\n",
      base.retention_window.first, base.retention_window.last);
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    std::vector<svg::Series> series;
    for (std::size_t r = 0; r < v.routes.size(); ++r) {
      svg::Series s;
      s.label = v.routes[r];
      s.colour = colour(r);
      s.dashed = r % 2 == 1;  // not colour alone: alternate dashes help in grey print
      const auto& m = v.retention.at(v.routes[r]);
      for (std::size_t k = 0; k < m.size(); ++k) s.x.push_back(static_cast<double>(k)), s.y.push_back(m[k]);
      series.push_back(std::move(s));
    }
    svg::Axes ax{.x_label = "years after starting",
                 .y_label = "still teaching (share of starters)",
                 .y_percent = true,
                 .y_from_zero = false,
                 .x_years = false};
    o += svg::line_chart(fmt::format("retention-{}", i), "chart retention-chart",
                         fmt::format("{}: retention by route", v.name), ax, series);
  }
  o += "</div>\n";

  // SO share over time, every scenario in one chart.
  o += "</section>\n<section id=\"so-share\">\n<h2>Students trained in Samen Opleiden</h2>\n";
  o += "<p class=\"note\">Share of teacher-training students whose work placement is at a partnership school "
       "with their institute in the partnership (median and 90% band of runs).</p>\n<div class=\"charts\">\n";
  {
    std::vector<svg::Series> series;
    for (std::size_t i = 0; i < views.size(); ++i) {
      auto s = fan_series(views[i], views[i].so_share, views[i].name, colour(i), true);
      s.lo50.clear(), s.hi50.clear();
      s.dashed = i % 2 == 1;
      series.push_back(std::move(s));
    }
    svg::Axes ax{.x_label = "school year (starting)",
                 .y_label = "SO share of students",
                 .y_percent = true,
                 .y_from_zero = false};
    o += svg::line_chart("so-share-chart", "chart so-share-chart", "SO share of teacher-training students",
                         ax, series);
  }
  o += "</div>\n";

  if (views.size() > 1) {
    o += "</section>\n<section id=\"effects\">\n<h2>Effects compared with " + html_escape(base.name) +
         "</h2>\n";
    o += "<p class=\"note\">Dot: the mean difference (alternative − base) over paired runs; coloured line: "
         "its 95% "
         "interval; grey bar: the interval if the runs were not paired, which shows how much the common "
         "random "
         "numbers sharpen the comparison. An interval that does not cross the dashed zero line is a clear "
         "effect.</p>\n";
    if (!all_paired)
      o += "<p class=\"unpaired\">Not paired, so the coloured line is the unpaired interval too:</p>\n<ul "
           "class=\"unpaired\">\n" +
           unpaired_list + "</ul>\n";
    o += "<div class=\"wide\">\n";
    std::vector<svg::ForestRow> shortage, fte_years, shares;
    for (const auto& e : effects) {
      std::size_t idx = 0;
      for (std::size_t i = 0; i < views.size(); ++i)
        if (views[i].name == e.scenario) idx = i;
      const std::string who = views.size() > 2 ? e.scenario + ": " : "";
      if (!e.subject.empty()) continue;  // the subjects have their own tables
      svg::ForestRow row{who + effect_label(e), e.mean,        e.lo,       e.hi,
                         e.lo_unpaired,         e.hi_unpaired, colour(idx)};
      if (e.metric == "shortage_fte")
        shortage.push_back(row);
      else if (e.metric == "shortage_fte_years")
        fte_years.push_back(row);
      else if (e.unit == "share" && (e.programme.empty() || e.programme == "all") &&
               (e.sector.empty() || e.sector == "all"))
        shares.push_back(row);
    }
    o += svg::forest_plot("forest-shortage", "chart forest-plot", "Total shortage: difference",
                          "← better · difference (FTE) · worse →", shortage, false);
    o += svg::forest_plot("forest-fte-years", "chart forest-plot", "Shortage FTE-years: difference",
                          "← better · difference (FTE-years) · worse →", fte_years, false);
    o += svg::forest_plot("forest-shares", "chart forest-plot", "Retention, SO share, graduation, completion",
                          "← worse · difference (percentage points) · better →", shares, true);
    o += "</div>\n";

    o += "<h3>All effects</h3>\n<table class=\"effects\"><thead><tr><th>scenario</th><th>outcome</th>"
         "<th class=\"num\">base</th><th class=\"num\">alternative</th><th class=\"num\">difference</th>"
         "<th class=\"num\">95% interval</th><th class=\"num\">unpaired interval</th>"
         "<th class=\"num\">better in</th></tr></thead><tbody>\n";
    for (const auto& e : effects) {
      const bool share = e.unit == "share";
      auto val = [&](double x) { return share ? percent(x) : thousands(x); };
      auto dif = [&](double x) { return share ? points(x) : signed_thousands(x); };
      o += fmt::format(
          "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
          "class=\"num\">{}</td>"
          "<td class=\"num\">{} to {}</td><td class=\"num\">{} to {}</td><td class=\"num\">{}{}</td></tr>\n",
          html_escape(e.scenario), html_escape(effect_label(e)), val(e.base_mean), val(e.alt_mean),
          dif(e.mean), dif(e.lo), dif(e.hi), dif(e.lo_unpaired), dif(e.hi_unpaired), percent(e.p_better, 0),
          e.better == Better::Neutral ? " (lower)" : "");
    }
    o += "</tbody></table>\n<p class=\"note\">“Better in” is the share of paired runs in which the "
         "alternative is "
         "better: lower shortage, higher retention, SO share, graduation and completion. Groenpluk hires are "
         "neither good nor bad: there it is the share of runs with fewer hires.</p>\n";

    if (!costs.empty()) {
      o += "<h3 id=\"costs\">Costs per FTE-year of shortage avoided</h3>\n";
      o += fmt::format(
          "<p class=\"note\">For each alternative: the difference in policy costs over {}–{} (SO places, "
          "partnerships, induction, joining; constant euros) and in shortage FTE-years, with their 95% "
          "paired "
          "intervals. Where the shortage is lower (its interval lies wholly below 0) and the policy costs "
          "more, "
          "the price is the cost difference divided by the FTE-years avoided; its 95% interval is a "
          "percentile "
          "bootstrap over the {} paired runs ({} resamples, seed {}){}. Otherwise no price is given: a "
          "policy that "
          "is cheaper and lowers the shortage needs none, and one without a detectable reduction buys "
          "nothing.</p>\n",
          costs.front().first_year, costs.front().last_year, costs.front().stats.n,
          thousands(costs.front().stats.resamples), costs.front().stats.seed,
          costs.front().stats.unreliable ? "; with fewer than 20 runs that interval is not reliable" : "");
      o += cost_table(costs);
      if (!all_paired)
        o +=
            "<p class=\"note\">For the alternatives whose runs are not paired (see above), the cost and "
            "shortage intervals are unpaired (Welch) intervals, and the bootstrap draws each scenario's runs "
            "on its own.</p>\n";
    }

    o += "</section>\n<section id=\"settings\">\n<h2>Settings that differ</h2>\n";
    for (std::size_t i = 1; i < views.size(); ++i) {
      // The keys the alternative states and the base does not: what the alternative says, even where it
      // says the default.
      std::vector<std::string> keys;
      for (const auto& k : views[i].set_keys)
        if (std::find(base.set_keys.begin(), base.set_keys.end(), k) == base.set_keys.end())
          keys.push_back(k);
      o += settings_table(base.name, base.toml, views[i].name, views[i].toml, keys);
    }
  }

  o += "</section>\n<section id=\"definitions\">\n<h2>Definitions</h2>\n<ul class=\"note\">\n";
  o += "<li><strong>Total shortage</strong>: demand FTE with nobody in it (open) plus FTE filled by someone "
       "unqualified (a stopgap or an employed student), summed over schools; an overstaffed school does not "
       "offset another.</li>\n";
  o += "<li><strong>FTE-years</strong>: the yearly total shortage added over every recorded year.</li>\n";
  o += "<li><strong>5-year retention</strong>: starters of a route (graduates trained in a partnership "
       "<em>grad_so</em> or not <em>grad_regular</em>, students hired before graduating <em>groenpluk</em>, "
       "career switchers <em>zij</em>) still teaching 5 years after starting, over entry years start+1 … "
       "end−5.</li>\n";
  o += "<li><strong>Graduation share</strong>: of students entering in start+1 … end−7 (eerstegraads: end−5, "
       "a "
       "shorter programme), the share who graduated by the end, so that every cohort could finish.</li>\n";
  o += "<li><strong>Zij completion</strong>: of career switchers hired in start+1 … end−2, the share who "
       "qualified.</li>\n";
  o += "<li><strong>Policy cost</strong>: euros a year (constant, no discounting) for SO places (per student "
       "in "
       "a partnership and per zij-instromer in trajectory at a member school), partnerships, induction "
       "(per starting teacher-year, times its quality) and joining (once per school), added over every "
       "recorded year (docs/model.md section 13).</li>\n";
  o += "<li><strong>Intervals</strong>: “90% of runs” is the 5th to 95th percentile over runs; a 95% "
       "interval of "
       "a difference is the t-interval of the paired differences (mean ± t × sd / √n) where the runs are "
       "paired (same seed, replications and start world), otherwise the Welch interval of the difference of "
       "the means.</li>\n</ul>\n";
  o += "</section>\n";
  return page_end(std::move(o));
}

void write_report(const std::string& h5path, const std::string& html_path, const std::vector<int>& years,
                  const std::string& shown_path) {
  const std::string html = is_sweep_file(h5path)         ? sweep_report_html(h5path, years)
                           : is_calibration_file(h5path) ? calibration_report_html(h5path)
                                                         : report_html(h5path, years, shown_path);
  write_text_file(html_path, html, "the report");
}

}  // namespace tlm::analysis
