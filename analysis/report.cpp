#include "analysis/report.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "analysis/calibration_results.hpp"
#include "analysis/costs.hpp"
#include "analysis/effects.hpp"
#include "analysis/format.hpp"
#include "analysis/headlines.hpp"
#include "analysis/page.hpp"
#include "analysis/report_text.hpp"
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
  // Regions: their names, urban flags (empty when the file lacks them) and the shortage rate of all sectors,
  // [rep][year][region]; the rate of the urban regions together and of the others, [rep][year].
  std::vector<std::string> regions;
  std::vector<int> urban;
  std::vector<std::vector<std::vector<double>>> region_rate;
  std::vector<std::vector<double>> urban_rate, rest_rate;
};

// Σ shortage / Σ demand over all sectors, per replication, year and region; and over the urban regions
// (`urban` 1) and the others together.
void region_rates(const ScenarioResults& r, ScenarioView& v) {
  const Array& sh = r.metric("shortage_fte");
  const Array& de = r.metric("demand_fte");
  const std::size_t R = sh.dim(0), Y = sh.dim(1), G = sh.dim(2), S = sh.dim(3);
  const bool split = r.region_urban.size() == G;
  v.region_rate.assign(R, std::vector<std::vector<double>>(Y, std::vector<double>(G)));
  v.urban_rate.assign(R, std::vector<double>(Y));
  v.rest_rate.assign(R, std::vector<double>(Y));
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t y = 0; y < Y; ++y) {
      double us = 0, ud = 0, os = 0, od = 0;
      for (std::size_t g = 0; g < G; ++g) {
        double a = 0, b = 0;
        for (std::size_t k = 0; k < S; ++k) a += sh({i, y, g, k}), b += de({i, y, g, k});
        v.region_rate[i][y][g] = b > 0 ? a / b : std::nan("");
        const bool u = split && r.region_urban[g] != 0;
        (u ? us : os) += a;
        (u ? ud : od) += b;
      }
      v.urban_rate[i][y] = ud > 0 ? us / ud : std::nan("");
      v.rest_rate[i][y] = od > 0 ? os / od : std::nan("");
    }
}

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
  v.regions = r.regions;
  v.urban = r.region_urban;
  region_rates(r, v);
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
std::string subject_table(const ScenarioView& v, const std::vector<int>& years, Lang lang) {
  const Words& w = words(lang);
  std::string o = fmt::format("<h3>{}</h3>\n<table class=\"subjects\"><thead><tr><th rowspan=\"2\">{}</th>",
                              html_escape(v.name), w.subject);
  for (int y : years) o += fmt::format("<th class=\"num\" colspan=\"2\">{}</th>", y);
  o += "</tr><tr>";
  for (std::size_t k = 0; k < years.size(); ++k)
    o += fmt::format("<th class=\"num\">{}</th><th class=\"num\">{}</th>", w.fte, w.rate);
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
        auto f = [&](double z) { return localize(rate ? percent(z) : thousands(z), lang); };
        o += fmt::format("<td class=\"num\">{}<br><small>{}–{}</small></td>", f(sm.mean), f(sm.p05),
                         f(sm.p95));
      }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

// The paired effects on the vo shortage by subject in the last year, one alternative.
std::string subject_effects_table(const ScenarioView& base, const ScenarioView& alt,
                                  const std::vector<Effect>& effects, Lang lang) {
  const Words& w = words(lang);
  auto L = [lang](const std::string& t) { return localize(t, lang); };
  std::optional<int> year;
  for (const auto& e : effects)
    if (e.scenario == alt.name && !e.subject.empty()) year = e.year;
  if (!year) return "";
  std::string o = fmt::format(
      "<h3>{}</h3>\n<table class=\"subject-effects\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th></tr></thead><tbody>\n",
      fmt::format(fmt::runtime(w.subject_effects_head), html_escape(alt.name), html_escape(base.name), *year),
      w.subject, w.fte_difference, w.interval95, w.rate_difference, w.interval95, w.lower_in);
  for (const auto& x : base.subjects) {
    const Effect* f = find(effects, alt.name, "shortage_fte", "vo", "", "", year, x);
    const Effect* r = find(effects, alt.name, "shortage_rate", "vo", "", "", year, x);
    if (!f || !r) continue;
    o += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        html_escape(x), L(signed_thousands(f->mean)),
        fmt::format(fmt::runtime(w.range), L(signed_thousands(f->lo)), L(signed_thousands(f->hi))),
        L(points(r->mean)), fmt::format(fmt::runtime(w.range), L(points(r->lo)), L(points(r->hi))),
        L(percent(f->p_better, 0)));
  }
  return o + "</tbody></table>\n";
}

std::string sector_name(const std::string& s, Lang lang) {
  return s == "all" ? words(lang).all_sectors : s;
}

// "€1,234.5 million", with an explicit sign for differences.
std::string millions(double v, bool sign = false, Lang lang = Lang::en) {
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
  return fmt::format("{}€{} {}", prefix, t, words(lang).million);
}

// The cost comparisons of docs/model.md 13.3: one row per alternative and group of sectors.
std::string cost_table(const std::vector<CostEffect>& costs, Lang lang) {
  const Words& w = words(lang);
  auto L = [lang](const std::string& t) { return localize(t, lang); };
  auto range = [&](const std::string& lo, const std::string& hi) {
    return fmt::format(fmt::runtime(w.range), L(lo), L(hi));
  };
  std::string o = fmt::format(
      "<table class=\"costs\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>"
      "<tbody>\n",
      w.scenario, w.sectors, w.cost_difference, w.interval95, w.shortage_difference, w.interval95,
      w.what_it_means);
  for (const auto& c : costs) {
    const auto& s = c.stats;
    o += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"cost-case {}\">{}</td></tr>\n",
        html_escape(c.scenario), c.sector == "all" ? w.all : c.sector, L(millions(s.cost.mean, true, lang)),
        range(millions(s.cost.paired.lo, true, lang), millions(s.cost.paired.hi, true, lang)),
        L(signed_thousands(s.shortage.mean)),
        range(signed_thousands(s.shortage.paired.lo), signed_thousands(s.shortage.paired.hi)),
        cost_case_id(s.kind), html_escape(cost_text(s, lang)));
  }
  return o + "</tbody></table>\n";
}

// The keys the alternative states and the base does not: what the alternative says, even where it says the
// default.
std::vector<std::string> explicit_keys(const ScenarioView& base, const ScenarioView& alt) {
  std::vector<std::string> keys;
  for (const auto& k : alt.set_keys)
    if (std::find(base.set_keys.begin(), base.set_keys.end(), k) == base.set_keys.end()) keys.push_back(k);
  return keys;
}

// Whether a 95% interval leaves zero out (a NaN bound: it does not).
bool clear_of_zero(double lo, double hi) {
  return lo > 0 || hi < 0;
}

// The setting value as a reader sees it: TOML strings without their quotes, an inline table whose values are
// all the same ({ mbo = 0.95, po = 0.95, vo = 0.95 }) as that one value, `unset` where the scenario does not
// set it.
std::string shown_value(const std::string& v, const std::string& unset) {
  if (v.empty()) return unset;
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    return v.substr(1, v.size() - 2);
  if (v.starts_with("{ ") && v.ends_with(" }")) {
    std::set<std::string> values;
    for (std::size_t eq = v.find(" = "); eq != std::string::npos; eq = v.find(" = ", eq + 1)) {
      const std::size_t from = eq + 3, to = std::min(v.find(", ", from), v.size() - 2);
      values.insert(v.substr(from, to - from));
    }
    if (values.size() == 1) return shown_value(*values.begin(), unset);
  }
  return v;
}

// A setting's value in a sentence: a plain number in the page's language (0,8 in Dutch); anything else (a
// word such as `target`, a table or a list) as TOML in <code>, untouched: it is the scenario's value, not a
// word of the page's language, and its commas and dots are TOML's, not a number's.
std::string value_text(const std::string& v, Lang lang) {
  const bool number = !v.empty() && v.find_first_not_of("0123456789.+-e") == std::string::npos;
  if (number) return localize(html_escape(v), lang);
  return fmt::format("<code>{}</code>", html_escape(v));
}

// "A, B and C".
std::string joined(const std::vector<std::string>& parts, const Words& w) {
  std::string o;
  for (std::size_t i = 0; i < parts.size(); ++i)
    o += (i == 0 ? "" : i + 1 == parts.size() ? fmt::format(" {} ", w.and_word) : ", ") + parts[i];
  return o;
}

// The answer on the first page for one alternative (docs/report.md, "The answer in brief"): what changes,
// by how much (the shortage FTE-years and the shortage in the last year, retention by route), how sure
// (which uncertainty the intervals hold, paired or not) and at what cost. It never claims an effect whose
// 95% interval includes zero.
std::string answer_of(const ScenarioView& base, const ScenarioView& alt, const std::vector<std::string>& keys,
                      const std::vector<Effect>& effects, const std::vector<CostEffect>& costs,
                      const Pairing& pairing, int last_year, Lang lang) {
  const Words& w = words(lang);
  auto f = [&](std::string_view pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  auto num = [&](double v, int dec) { return localize(thousands(v, dec), lang); };
  auto snum = [&](double v, int dec) { return localize(signed_thousands(v, dec), lang); };
  auto eur = [&](double v) { return localize(euros(v), lang); };

  // What changes.
  std::vector<std::string> changes;
  const auto diffs = diff_settings(base.toml, alt.toml, keys);
  std::size_t shown = 0;
  for (const auto& d : diffs) {
    if (d.same) continue;
    if (shown == 4) {
      std::size_t rest = 0;
      for (const auto& e : diffs) rest += e.same ? 0 : 1;
      changes.push_back(f(w.more_settings, rest - shown));
      break;
    }
    const auto plain = setting_words(d.key, lang);
    changes.push_back(f(w.setting_change,
                        plain ? html_escape(*plain) : fmt::format("<code>{}</code>", html_escape(d.key)),
                        d.alt.empty() ? w.default_value : value_text(shown_value(d.alt, ""), lang),
                        d.base.empty() ? w.default_value : value_text(shown_value(d.base, ""), lang)));
    ++shown;
  }
  std::string o = "<p class=\"answer\">";
  o += changes.empty()
           ? f(w.answer_no_changes, html_escape(alt.name), html_escape(base.name))
           : f(w.answer_changes, html_escape(alt.name), html_escape(base.name), joined(changes, w));

  // By how much: the shortage over the years, then in the last year.
  if (const Effect* e = find(effects, alt.name, "shortage_fte_years", "all", "", "", std::nullopt)) {
    const int dec = difference_decimals(e->lo, e->hi, e->mean, 0);
    if (clear_of_zero(e->lo, e->hi))
      o += f(w.answer_fte_years, base.start, base.end, num(std::fabs(e->mean), dec),
             e->mean < 0 ? w.lower : w.higher, html_escape(base.name), snum(e->lo, dec), snum(e->hi, dec),
             localize(percent(std::fabs(e->mean) / e->base_mean), lang));
    else
      o += f(w.answer_fte_years_zero, base.start, base.end, snum(e->mean, dec), snum(e->lo, dec),
             snum(e->hi, dec));
  }
  if (const Effect* e = find(effects, alt.name, "shortage_fte", "all", "", "", last_year)) {
    const int dec = difference_decimals(e->lo, e->hi, e->mean, 0);
    if (clear_of_zero(e->lo, e->hi))
      o += f(w.answer_last_year, last_year, num(std::fabs(e->mean), dec), e->mean < 0 ? w.lower : w.higher,
             snum(e->lo, dec), snum(e->hi, dec));
    else
      o += f(w.answer_last_year_zero, last_year, snum(e->mean, dec), snum(e->lo, dec), snum(e->hi, dec));
  }
  // Retention by route: the clear effects one by one, the others together.
  std::vector<std::string> unclear;
  for (const auto& route : headline_routes()) {
    const Effect* e = find(effects, alt.name, "retention_5y", "", route, "", std::nullopt);
    if (!e || !std::isfinite(e->mean)) continue;
    if (!clear_of_zero(e->lo, e->hi)) {
      unclear.push_back(route_words(route, lang));
      continue;
    }
    const int dec = difference_decimals(100 * e->lo, 100 * e->hi, 100 * e->mean, 1);
    o += f(w.retention_clear, route_words(route, lang), num(std::fabs(100 * e->mean), dec),
           e->mean < 0 ? w.lower : w.higher, snum(100 * e->lo, dec), snum(100 * e->hi, dec));
  }
  if (!unclear.empty()) o += f(w.retention_unclear, joined(unclear, w));

  // How sure.
  o += pairing.paired
           ? f(w.sure_paired, alt.replications)
           : f(w.sure_unpaired, html_escape(lang == Lang::nl ? pairing.why_not_nl : pairing.why_not));

  // At what cost.
  const CostEffect* c = nullptr;
  for (const auto& x : costs)
    if (x.scenario == alt.name && x.sector == "all") c = &x;
  if (!c) return o + w.no_costs + "</p>\n";
  const auto& s = c->stats;
  // Millions where the amounts run into millions, whole euros below (a small world's costs).
  const bool whole =
      std::max({std::fabs(s.cost.mean), std::fabs(s.cost.paired.lo), std::fabs(s.cost.paired.hi)}) < 1e6;
  auto mln = [&](double v, bool sign) {
    return localize(whole ? euros(v, sign) : millions(v, sign, lang), lang);
  };
  if (s.cost.mean == 0)
    o +=
        f(w.cost_same, c->first_year, c->last_year, mln(s.cost.paired.lo, true), mln(s.cost.paired.hi, true));
  else
    o += f(w.cost_diff, c->first_year, c->last_year, mln(std::fabs(s.cost.mean), false),
           s.cost.mean < 0 ? w.less : w.more, mln(s.cost.paired.lo, true), mln(s.cost.paired.hi, true));
  switch (s.kind) {
    case CostCase::per_fte_year_avoided:
      o += std::isfinite(s.ratio_ci.hi)
               ? f(w.cost_avoided, eur(s.ratio), eur(s.ratio_ci.lo), eur(s.ratio_ci.hi))
               : f(w.cost_avoided_open, eur(s.ratio), eur(s.ratio_ci.lo));
      break;
    case CostCase::cheaper_and_fewer:
      o += w.cost_cheaper;
      break;
    case CostCase::costs_more_no_fewer:
      o += w.cost_more_no_fewer;
      break;
    case CostCase::saved_per_fte_year_added:
      o += f(w.cost_saved, eur(s.ratio), eur(s.ratio_ci.lo), eur(s.ratio_ci.hi));
      break;
    case CostCase::no_reduction:
      o += w.cost_no_reduction;
      break;
  }
  if (has_ratio(s.kind) && s.unreliable) o += f(w.cost_unreliable, s.n, kReliablePairs);
  return o + "</p>\n";
}

// The regions section (docs/report.md, "Regions"): the shortage rate of every region in the last year,
// highest first (by the base), urban regions marked; per scenario the urban regions against the rest over
// time; per alternative the regions where it helps most and least, with 95% intervals.
std::string regions_section(const std::vector<ScenarioView>& views, const std::vector<Pairing>& pairings,
                            int year, Lang lang) {
  const Words& w = words(lang);
  const ScenarioView& base = views.front();
  auto f = [&](std::string_view pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  const auto yi =
      static_cast<std::size_t>(std::find(base.years.begin(), base.years.end(), year) - base.years.begin());
  if (yi >= base.years.size() || base.regions.empty()) return "";
  auto rates = [&](const ScenarioView& v, std::size_t g) {
    std::vector<double> x;
    for (const auto& rep : v.region_rate) x.push_back(rep[yi][g]);
    return x;
  };
  const bool has_urban = base.urban.size() == base.regions.size();
  std::string o = fmt::format("<section id=\"regions\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                              w.h_regions, f(w.regions_note, year));
  if (!has_urban) o += fmt::format("<p class=\"note\">{}</p>\n", w.regions_no_urban);
  std::vector<std::size_t> order(base.regions.size());
  std::vector<double> base_mean;
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = g, base_mean.push_back(mean(rates(base, g)));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return base_mean[a] > base_mean[b]; });
  o += fmt::format("<table class=\"regions\"><thead><tr><th>{}</th><th>{}</th>", w.region, w.urban);
  for (const auto& v : views) o += fmt::format("<th class=\"num\">{}</th>", html_escape(v.name));
  o += "</tr></thead><tbody>\n";
  for (std::size_t g : order) {
    const bool u = has_urban && base.urban[g] != 0;
    o += fmt::format("<tr{}><td>{}</td><td>{}</td>", u ? " class=\"urban\"" : "",
                     html_escape(base.regions[g]), u ? w.urban : "");
    for (const auto& v : views) {
      if (v.regions != base.regions) {
        o += "<td class=\"num\">–</td>";
        continue;
      }
      const Summary sm = summarize(rates(v, g));
      o += fmt::format("<td class=\"num\">{}<br><small>{}–{}</small></td>", localize(percent(sm.mean), lang),
                       localize(percent(sm.p05), lang), localize(percent(sm.p95), lang));
    }
    o += "</tr>\n";
  }
  o += "</tbody></table>\n";
  const bool contrast = has_urban && std::count(base.urban.begin(), base.urban.end(), 1) > 0 &&
                        std::count(base.urban.begin(), base.urban.end(), 0) > 0;
  if (contrast) {
    o += "<div class=\"charts\">\n";
    for (std::size_t i = 0; i < views.size(); ++i) {
      const auto& v = views[i];
      auto us = fan_series(v, v.urban_rate, w.urban_regions, svg::scenario_colour(0), true);
      auto rs = fan_series(v, v.rest_rate, w.other_regions, svg::scenario_colour(1), true);
      rs.dashed = true;
      us.lo50.clear(), us.hi50.clear(), rs.lo50.clear(), rs.hi50.clear();
      svg::Axes ax{.x_label = w.year_axis,
                   .y_label = w.rate_axis,
                   .y_percent = true,
                   .y_from_zero = false,
                   .band90_label = w.interval90,
                   .band50_label = w.middle50,
                   .decimal_comma = lang == Lang::nl};
      o += svg::line_chart(fmt::format("urban-{}", i), "chart urban-chart", f(w.regions_contrast, v.name), ax,
                           {us, rs});
    }
    o += "</div>\n";
  }
  // Where each alternative helps most and least.
  if (views.size() > 1) {
    bool noted = false;  // the note explains the tables: it comes before the first of them
    for (std::size_t i = 1; i < views.size(); ++i) {
      const auto& v = views[i];
      if (v.regions != base.regions) continue;
      struct Row {
        std::size_t g;
        PairedDifference d;
      };
      std::vector<Row> rows;
      for (std::size_t g = 0; g < base.regions.size(); ++g) {
        const auto b = rates(base, g), a = rates(v, g);
        rows.push_back({g, pairings[i].paired ? paired_difference(b, a) : unpaired_difference(b, a)});
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [](const Row& a, const Row& b) { return a.d.mean < b.d.mean; });
      const std::string head = f(w.regions_effect_head, html_escape(v.name), html_escape(base.name));
      // Ranking regions by mean effects that no interval tells apart from zero would name a region where it
      // "helps most" on chance alone (issue 14): say so plainly instead.
      if (std::none_of(rows.begin(), rows.end(),
                       [](const Row& r) { return clear_of_zero(r.d.paired.lo, r.d.paired.hi); })) {
        o += fmt::format("<h3>{}</h3>\n<p class=\"regions-unclear\">{}</p>\n", head,
                         f(w.regions_no_clear, html_escape(v.name)));
        continue;
      }
      if (!noted) o += fmt::format("<p class=\"note\">{}</p>\n", f(w.regions_effect_note, year));
      noted = true;
      std::vector<std::size_t> pick;
      for (std::size_t k = 0; k < rows.size(); ++k)
        if (k < 3 || k + 3 >= rows.size()) pick.push_back(k);
      o += fmt::format(
          "<h3>{}</h3>\n<table class=\"region-effects\"><thead><tr><th></th><th>{}</th><th>{}</th><th "
          "class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>\n",
          head, w.region, w.urban, w.rate_difference, w.interval95);
      for (std::size_t k : pick) {
        const auto& row = rows[k];
        const bool u = has_urban && base.urban[row.g] != 0;
        const bool most = k < 3 && (rows.size() >= 6 || 2 * k < rows.size());
        // A region whose own interval includes zero is marked so: its place in the ranking is chance.
        const bool clear = clear_of_zero(row.d.paired.lo, row.d.paired.hi);
        o += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} {} "
            "{}{}</td></tr>\n",
            most ? w.helps_most : w.helps_least, html_escape(base.regions[row.g]), u ? w.urban : "",
            localize(points(row.d.mean, 2), lang), localize(points(row.d.paired.lo, 2), lang), w.to,
            localize(points(row.d.paired.hi, 2), lang),
            clear ? "" : fmt::format(" <small class=\"not-clear\">{}</small>", w.not_told_apart));
      }
      o += "</tbody></table>\n";
    }
  }
  return o + "</section>\n";
}

// The effect of each alternative on the shortage rate of each vo subject in the last year, as forest plots.
std::string subject_forests(const std::vector<ScenarioView>& views, const std::vector<Effect>& effects,
                            Lang lang) {
  const Words& w = words(lang);
  std::string o;
  std::optional<int> year;
  for (std::size_t i = 1; i < views.size(); ++i) {
    std::vector<svg::ForestRow> rows;
    for (const auto& e : effects)
      if (e.scenario == views[i].name && !e.subject.empty() && e.metric == "shortage_rate") {
        rows.push_back(
            {e.subject, e.mean, e.lo, e.hi, e.lo_unpaired, e.hi_unpaired, svg::scenario_colour(i)});
        year = e.year;
      }
    if (rows.empty()) continue;
    o += svg::forest_plot(fmt::format("forest-subjects-{}", i), "chart forest-plot",
                          fmt::format(fmt::runtime(w.subject_forest_title), views[i].name, *year),
                          w.subject_forest_axis, rows, true, lang == Lang::nl);
  }
  if (o.empty()) return "";
  return fmt::format("<h3>{}</h3>\n<p class=\"note\">{}</p>\n<div class=\"wide\">\n{}</div>\n",
                     w.h_subject_effects, fmt::format(fmt::runtime(w.subject_effects_note), *year), o);
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
std::string effect_sentence(const Effect& e, bool share, const std::string& base, Lang lang) {
  const Words& w = words(lang);
  auto f = [](const char* pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  auto L = [lang](const std::string& t) { return localize(t, lang); };
  if (e.mean == 0 && e.lo == 0 && e.hi == 0) return f(w.e_same_every_run, html_escape(base));
  // Small effects get more decimals, so that they do not read as "0.0 higher".
  const double scale = std::max({std::fabs(e.mean), std::fabs(e.lo), std::fabs(e.hi)}) * (share ? 100 : 1);
  const int dec = share ? (scale >= 1 ? 1 : 2) : (scale >= 10 ? 0 : 1);
  auto mag = [&](double v) {
    if (share) return fmt::format("{} {}", L(thousands(std::fabs(100 * v), dec)), w.percentage_points);
    const std::string unit = e.unit == "FTE"         ? " FTE"
                             : e.unit == "FTE-years" ? fmt::format(" {}", w.fte_years)
                                                     : "";
    return L(thousands(std::fabs(v), dec)) + unit;
  };
  auto signed_v = [&](double v) { return L(share ? points(v, dec) : signed_thousands(v, dec)); };
  std::string s = e.mean == 0
                      ? std::string(w.e_same_on_average)
                      : fmt::format("{} {}", mag(e.mean), e.mean < 0 ? w.e_lower_than : w.e_higher_than);
  s += f(w.e_under, html_escape(base), e.paired ? "" : w.e_unpaired_word, signed_v(e.lo), signed_v(e.hi));
  if (std::isfinite(e.p_better))
    s += f(w.e_runs, e.better == Better::Higher ? w.higher : w.lower, L(percent(e.p_better, 0)));
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
                        const std::string& shown_path, Lang lang) {
  const Words& w = words(lang);
  auto f = [](const char* pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  auto L = [lang](const std::string& t) { return localize(t, lang); };
  auto num = [&](double x) { return L(thousands(x)); };
  auto pct = [&](double x) { return L(percent(x)); };
  auto mln = [&](double x, bool sign = false) { return L(millions(x, sign, lang)); };
  const FileInfo info = read_file_info(h5path);
  std::vector<int> years = years_in;
  std::vector<ScenarioView> views;
  for (const auto& name : info.scenarios) views.push_back(view_of(h5path, name, years));
  const ScenarioView& base = views.front();
  std::vector<Effect> effects;
  std::vector<Pairing> pairings(views.size());
  for (std::size_t i = 1; i < views.size(); ++i) {
    pairings[i] = pairing_of(base.facts, views[i].facts);
    if (lang == Lang::nl) pairings[i].why_not = pairings[i].why_not_nl;  // the page's language
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
  auto shown_name = [&](const ScenarioView& v) {
    return v.overrides.empty() ? v.name : f(w.changed_by_set, v.name);
  };
  std::string o;
  o += page_head(
      views.size() > 1 ? fmt::format(fmt::runtime(w.and_alternatives), shown_name(base)) : shown_name(base),
      w.code);
  o += fmt::format("<h1>{}</h1>\n", w.title);
  if (!base.overrides.empty()) {
    std::string changes;
    for (const auto& t : base.overrides) changes += "<li><code>" + html_escape(t) + "</code></li>\n";
    o += fmt::format(fmt::runtime(w.changed_box), changes);
  }
  o += page_provenance(shown_path.empty() ? h5path : shown_path, info.tlm_version, info.created, info.command,
                       lang);
  o += std::string("<p>") + w.intro;
  if (views.size() > 1 && all_paired)
    o += fmt::format(fmt::runtime(w.intro_paired), html_escape(base.name));
  else if (views.size() > 1)
    o += fmt::format(fmt::runtime(w.intro_unpaired), html_escape(base.name), unpaired_list);
  o += "</p>\n";

  // What the numbers do not say, before any of them (issue 14; docs/report.md, "Caveats").
  o += fmt::format(
      "<section id=\"caveats\">\n<h2>{}</h2>\n<ul class=\"caveats\">\n<li>{}</li>\n<li>{}</li>\n<li>{}</li>\n"
      "</ul>\n</section>\n",
      w.before_you_read, w.caveat_chance, fmt::format(fmt::runtime(w.caveat_settle), base.start),
      w.caveat_model);

  // The answer, per alternative, before the detail (docs/report.md, "The answer in brief").
  if (views.size() > 1) {
    o += fmt::format("<section id=\"answer\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n", w.answer_heading,
                     w.answer_note);
    for (std::size_t i = 1; i < views.size(); ++i)
      o += answer_of(base, views[i], explicit_keys(base, views[i]), effects, costs, pairings[i], years.back(),
                     lang);
    o += "</section>\n";
  }

  // Plain-language summary.
  o += fmt::format("<section id=\"summary\">\n<h2>{}</h2>\n", w.h_summary);
  for (const auto& v : views) {
    if (v.overrides.empty())
      o += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", html_escape(v.name), html_escape(v.description));
    else
      o += fmt::format("<h3>{}</h3>\n<p class=\"changed\">{}</p>\n<p><small>{}</small></p>\n",
                       html_escape(shown_name(v)),
                       f(w.changed_with_set, html_escape(fmt::format("{}", fmt::join(v.overrides, ", ")))),
                       f(w.as_written, html_escape(v.description)));
    o += fmt::format("<p class=\"meta\">{}</p>\n<ul class=\"summary\">\n",
                     f(w.scenario_meta, v.replications, v.seed, v.start, v.end));
    const bool is_base = &v == &base;
    // The effect of the alternative after a bullet, in the bullet's words ("; that is …" or ": …").
    auto effect_of = [&](const Effect* e, bool share, bool that_is) {
      if (is_base || !e) return std::string();
      const std::string sentence = effect_sentence(*e, share, base.name, lang);
      return that_is ? f(w.s_that_is, sentence) : ": " + sentence;
    };
    for (int y : years) {
      for (const auto& s : v.sectors) {
        const Indicator* i = find(v.indicators, "shortage_fte", s, "", "", y);
        if (!i) continue;
        const Summary sm = summarize(i->values);
        o += fmt::format("<li>{}{}.</li>\n",
                         f(w.s_shortage, y, sector_name(s, lang), num(sm.mean), num(sm.p05), num(sm.p95)),
                         effect_of(find(effects, v.name, "shortage_fte", s, "", "", y), false, true));
      }
    }
    if (const Indicator* i = find(v.indicators, "shortage_fte_years", "all", "", "", std::nullopt)) {
      const Summary sm = summarize(i->values);
      const Effect* e = find(effects, v.name, "shortage_fte_years", "all", "", "", std::nullopt);
      o += fmt::format("<li>{}{}.</li>\n",
                       f(w.s_fte_years, v.start, v.end, num(sm.mean), num(sm.p05), num(sm.p95)),
                       is_base || !e ? "" : "; " + effect_sentence(*e, false, base.name, lang));
    }
    for (const auto& route : headline_routes()) {
      const Indicator* i = find(v.indicators, "retention_5y", "", route, "", std::nullopt);
      if (!i || !std::isfinite(mean(i->values))) continue;
      o += fmt::format(
          "<li>{}{}.</li>\n",
          f(w.s_retention, route, v.retention_window.first, v.retention_window.last, pct(mean(i->values))),
          effect_of(find(effects, v.name, "retention_5y", "", route, "", std::nullopt), true, false));
    }
    if (const Indicator* i = find(v.indicators, "so_share", "all", "", "", years.back()))
      o +=
          fmt::format("<li>{}{}.</li>\n", f(w.s_so_share, years.back(), pct(mean(i->values))),
                      effect_of(find(effects, v.name, "so_share", "all", "", "", years.back()), true, false));
    if (const Indicator* i = find(v.indicators, "graduation_share", "", "", "all", std::nullopt))
      o += fmt::format(
          "<li>{}{}.</li>\n", f(w.s_graduation, v.start + 1, v.graduation_last, pct(mean(i->values))),
          effect_of(find(effects, v.name, "graduation_share", "", "", "all", std::nullopt), true, false));
    if (const Indicator* i = find(v.indicators, "zij_completion_share", "all", "", "", std::nullopt))
      o += fmt::format(
          "<li>{}{}.</li>\n", f(w.s_zij, v.zij_window.first, v.zij_window.last, pct(mean(i->values))),
          effect_of(find(effects, v.name, "zij_completion_share", "all", "", "", std::nullopt), true, false));
    if (const Indicator* i = find(v.indicators, "cost_total", "all", "", "", std::nullopt)) {
      const Summary sm = summarize(i->values);
      std::string line = f(w.s_cost, v.start, v.end, mln(sm.mean), mln(sm.p05), mln(sm.p95));
      if (!is_base)
        for (const auto& c : costs)
          if (c.scenario == v.name && c.sector == "all")
            line += f(w.s_cost_effect, mln(c.stats.cost.mean, true), html_escape(base.name),
                      mln(c.stats.cost.paired.lo, true), mln(c.stats.cost.paired.hi, true),
                      html_escape(cost_text(c.stats, lang)));
      o += "<li>" + line + ".</li>\n";
    }
    o += "</ul>\n";
  }

  // Fan charts: one per sector and scenario, on one scale per sector so scenarios compare by eye.
  // Every headline number with both kinds of range, for readers who want the figures.
  o += fmt::format("</section>\n<section id=\"headlines\">\n<h2>{}</h2>\n", w.h_headlines);
  o += fmt::format("<p class=\"note\">{}</p>\n<table class=\"headlines\"><thead><tr><th>{}</th>",
                   w.headlines_note, w.outcome);
  for (const auto& v : views) o += "<th class=\"num\">" + html_escape(v.name) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (const auto& bi : base.indicators) {
    if (!bi.subject.empty()) continue;  // in the table of the vo shortage by subject
    o += "<tr><td>" + html_escape(indicator_label(bi, lang)) + "</td>";
    for (const auto& v : views) {
      const Indicator* i = find(v.indicators, bi.metric, bi.sector, bi.route, bi.programme, bi.year);
      if (!i) {
        o += "<td class=\"num\">–</td>";
        continue;
      }
      const Summary sm = summarize(i->values);
      const bool share = i->unit == "share";
      auto val = [&](double x) { return share ? pct(x) : num(x); };
      o += fmt::format("<td class=\"num\">{}<br><small>{}</small></td>", val(sm.mean),
                       f(w.range_ci, val(sm.p05), val(sm.p95), val(sm.ci.lo), val(sm.ci.hi)));
    }
    o += "</tr>\n";
  }
  o += "</tbody></table>\n";

  // The vo shortage by subject (docs/model.md 12.5), for the scenarios with more than one subject.
  if (std::any_of(views.begin(), views.end(), [](const ScenarioView& v) { return !v.subjects.empty(); })) {
    o += fmt::format("</section>\n<section id=\"subjects\">\n<h2>{}</h2>\n", w.h_subjects);
    o += fmt::format("<p class=\"note\">{}</p>\n", w.subjects_note);
    for (const auto& v : views) {
      if (v.subjects.empty()) continue;
      if (v.world_scale < 0.5)
        o += fmt::format("<p class=\"note\">{}</p>\n",
                         f(w.thin_subjects, html_escape(v.name), L(fmt::format("{}", v.world_scale))));
      o += subject_table(v, years, lang);
    }
    if (views.size() > 1 && !base.subjects.empty()) {
      o += fmt::format("<p class=\"note\">{}</p>\n", w.subject_effects_table_note);
      for (std::size_t i = 1; i < views.size(); ++i)
        o += subject_effects_table(base, views[i], effects, lang);
      o += subject_forests(views, effects, lang);
    }
  }

  o += "</section>\n" + regions_section(views, pairings, years.back(), lang);
  o += fmt::format("<section id=\"shortage\">\n<h2>{}</h2>\n", w.h_shortage);
  o += fmt::format("<p class=\"note\">{}</p>\n", w.shortage_note);
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
    o += fmt::format("<h3>{}</h3>\n<div class=\"charts\">\n",
                     s == "all" ? std::string(w.all_sectors_heading) : f(w.sector_heading, s));
    const bool comma = lang == Lang::nl;
    if (views.size() > 1) {
      // The medians side by side on one chart: the fans below show the spread of each.
      std::vector<svg::Series> medians;
      for (std::size_t i = 0; i < views.size(); ++i) {
        medians.push_back(fan_series(views[i], views[i].shortage.at(s), views[i].name, colour(i), false));
        medians.back().dashed = i % 2 == 1;
      }
      svg::Axes ax{.x_label = w.year_axis,
                   .y_label = w.shortage_median_axis,
                   .y_from_zero = false,
                   .band90_label = w.interval90,
                   .band50_label = w.middle50,
                   .decimal_comma = comma};
      o += svg::line_chart(fmt::format("medians-{}", s), "chart medians-chart",
                           f(w.medians_title, sector_name(s, lang)), ax, medians);
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
      svg::Axes dx{.x_label = w.year_axis,
                   .y_label = f(w.difference_axis, base.name),
                   .y_from_zero = false,
                   .y_zero_line = true,
                   .band90_label = w.interval95,
                   .band50_label = w.middle50,
                   .decimal_comma = comma};
      o += svg::line_chart(fmt::format("difference-{}", s), "chart difference-chart",
                           f(w.difference_title, base.name, sector_name(s, lang)), dx, diffs);
    }
    for (std::size_t i = 0; i < views.size(); ++i) {
      const auto& v = views[i];
      svg::Axes ax{.x_label = w.year_axis,
                   .y_label = w.shortage_axis,
                   .y_from_zero = false,
                   .y_min = bottom,
                   .y_max = top,
                   .band90_label = w.interval90,
                   .band50_label = w.middle50,
                   .decimal_comma = comma};
      o += svg::line_chart(fmt::format("fan-{}-{}", s, i), "chart fan-chart",
                           f(w.fan_title, v.name, sector_name(s, lang)), ax,
                           {fan_series(v, v.shortage.at(s), w.median, colour(i), true)});
    }
    o += "</div>\n";
  }

  // Retention curves.
  o += fmt::format("</section>\n<section id=\"retention\">\n<h2>{}</h2>\n", w.h_retention);
  o += fmt::format("<p class=\"note\">{}</p>\n<div class=\"charts\">\n",
                   f(w.retention_note, base.retention_window.first, base.retention_window.last));
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
    svg::Axes ax{.x_label = w.years_after_start,
                 .y_label = w.still_teaching,
                 .y_percent = true,
                 .y_from_zero = false,
                 .x_years = false,
                 .band90_label = w.interval90,
                 .band50_label = w.middle50,
                 .decimal_comma = lang == Lang::nl};
    o += svg::line_chart(fmt::format("retention-{}", i), "chart retention-chart",
                         f(w.retention_title, v.name), ax, series);
  }
  o += "</div>\n";

  // SO share over time, every scenario in one chart.
  o += fmt::format("</section>\n<section id=\"so-share\">\n<h2>{}</h2>\n", w.h_so_share);
  o += fmt::format("<p class=\"note\">{}</p>\n<div class=\"charts\">\n", w.so_share_note);
  {
    std::vector<svg::Series> series;
    for (std::size_t i = 0; i < views.size(); ++i) {
      auto s = fan_series(views[i], views[i].so_share, views[i].name, colour(i), true);
      s.lo50.clear(), s.hi50.clear();
      s.dashed = i % 2 == 1;
      series.push_back(std::move(s));
    }
    svg::Axes ax{.x_label = w.year_axis,
                 .y_label = w.so_share_axis,
                 .y_percent = true,
                 .y_from_zero = false,
                 .band90_label = w.interval90,
                 .band50_label = w.middle50,
                 .decimal_comma = lang == Lang::nl};
    o += svg::line_chart("so-share-chart", "chart so-share-chart", w.so_share_title, ax, series);
  }
  o += "</div>\n";

  if (views.size() > 1) {
    o += fmt::format("</section>\n<section id=\"effects\">\n<h2>{}</h2>\n",
                     fmt::format(fmt::runtime(w.h_effects), html_escape(base.name)));
    o += fmt::format("<p class=\"note\">{}</p>\n", w.effects_table_note);
    if (!all_paired)
      o += fmt::format("<p class=\"unpaired\">{}</p>\n<ul class=\"unpaired\">\n{}</ul>\n", w.effects_unpaired,
                       unpaired_list);
    o += "<div class=\"wide\">\n";
    std::vector<svg::ForestRow> shortage, fte_years, shares;
    for (const auto& e : effects) {
      std::size_t idx = 0;
      for (std::size_t i = 0; i < views.size(); ++i)
        if (views[i].name == e.scenario) idx = i;
      const std::string who = views.size() > 2 ? e.scenario + ": " : "";
      if (!e.subject.empty()) continue;  // the subjects have their own tables
      svg::ForestRow row{
          who + effect_label(e, lang), e.mean, e.lo, e.hi, e.lo_unpaired, e.hi_unpaired, colour(idx)};
      if (e.metric == "shortage_fte")
        shortage.push_back(row);
      else if (e.metric == "shortage_fte_years")
        fte_years.push_back(row);
      else if (e.unit == "share" && (e.programme.empty() || e.programme == "all") &&
               (e.sector.empty() || e.sector == "all"))
        shares.push_back(row);
    }
    const bool comma = lang == Lang::nl;
    o += svg::forest_plot("forest-shortage", "chart forest-plot", w.forest_shortage_title,
                          w.forest_shortage_axis, shortage, false, comma);
    o += svg::forest_plot("forest-fte-years", "chart forest-plot", w.forest_fte_years_title,
                          w.forest_fte_years_axis, fte_years, false, comma);
    o += svg::forest_plot("forest-shares", "chart forest-plot", w.forest_shares_title, w.forest_shares_axis,
                          shares, true, comma);
    o += "</div>\n";

    o += fmt::format("<h3>{}</h3>\n", w.h_all_effects);
    o += fmt::format(
        "<table class=\"effects\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th "
        "class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th "
        "class=\"num\">{}</th></tr></thead><tbody>\n",
        w.scenario, w.outcome, w.base_col, w.alternative, w.difference, w.interval95, w.unpaired_interval,
        w.better_in);
    for (const auto& e : effects) {
      const bool share = e.unit == "share";
      auto val = [&](double x) { return share ? pct(x) : num(x); };
      auto dif = [&](double x) { return L(share ? points(x) : signed_thousands(x)); };
      o += fmt::format(
          "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
          "class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
          "class=\"num\">{}{}</td></tr>\n",
          html_escape(e.scenario), html_escape(effect_label(e, lang)), val(e.base_mean), val(e.alt_mean),
          dif(e.mean), f(w.range, dif(e.lo), dif(e.hi)), f(w.range, dif(e.lo_unpaired), dif(e.hi_unpaired)),
          L(percent(e.p_better, 0)), e.better == Better::Neutral ? w.lower_mark : "");
    }
    o += fmt::format("</tbody></table>\n<p class=\"note\">{}</p>\n", w.better_in_note);

    if (!costs.empty()) {
      o += fmt::format("<h3 id=\"costs\">{}</h3>\n", w.h_costs);
      const auto& c0 = costs.front();
      o += fmt::format("<p class=\"note\">{}</p>\n", f(w.costs_note, c0.first_year, c0.last_year, c0.stats.n,
                                                       L(thousands(c0.stats.resamples)), c0.stats.seed,
                                                       c0.stats.unreliable ? w.costs_note_unreliable : ""));
      o += cost_table(costs, lang);
      if (!all_paired) o += fmt::format("<p class=\"note\">{}</p>\n", w.costs_unpaired_note);
    }

    o += fmt::format("</section>\n<section id=\"settings\">\n<h2>{}</h2>\n", w.h_settings);
    for (std::size_t i = 1; i < views.size(); ++i)
      o += settings_table(base.name, base.toml, views[i].name, views[i].toml, explicit_keys(base, views[i]),
                          lang);
  }

  o += fmt::format("</section>\n<section id=\"definitions\">\n<h2>{}</h2>\n<ul class=\"note\">\n",
                   w.h_definitions);
  for (const char* d : {w.d_shortage, w.d_fte_years, w.d_retention, w.d_graduation, w.d_zij, w.d_cost})
    o += fmt::format("<li>{}</li>\n", d);
  o += fmt::format("<li>{}</li>\n</ul>\n", w.d_intervals);
  o += "</section>\n";
  return page_end(std::move(o));
}

void write_report(const std::string& h5path, const std::string& html_path, const std::vector<int>& years,
                  const std::string& shown_path, Lang lang) {
  const std::string html = is_sweep_file(h5path)         ? sweep_report_html(h5path, years, lang)
                           : is_calibration_file(h5path) ? calibration_report_html(h5path, lang)
                                                         : report_html(h5path, years, shown_path, lang);
  write_text_file(html_path, html, "the report");
}

}  // namespace tlm::analysis
