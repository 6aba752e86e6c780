// The HTML report of a sweep file (docs/report.md, "Sweep reports"): how each headline responds to each
// parameter of the design, under the base and as the paired effect of each alternative. Same page, style and
// chart code as the report of a results file (page.hpp, svg.hpp), and the same headline definitions
// (headlines.hpp), applied to each variant at each point as if it were a run of its own.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "analysis/format.hpp"
#include "analysis/headlines.hpp"
#include "analysis/page.hpp"
#include "analysis/report.hpp"
#include "analysis/report_text.hpp"
#include "analysis/stats.hpp"
#include "analysis/svg.hpp"
#include "analysis/sweep_results.hpp"

namespace tlm::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Points of an lhs or sobol design are pooled into at most this many bins of each parameter.
constexpr std::size_t kMaxBins = 8;

using Table = std::vector<std::vector<double>>;  // [point][replication]

// One headline: its value in every variant, point and replication.
struct Headline {
  std::string id;             // for element ids: metric-sector[-year]
  std::string label;          // "Total shortage po 2040", as in the report of a run
  std::string y_label;        // the axis, with its unit
  bool share = false;         // a ratio: shown in percent, differences in percentage points
  double scale = 1.0;         // shown as value × scale (euros in millions)
  int decimals = 0;           // of the numbers in the tables
  std::vector<Table> values;  // [variant][point][replication]
};

// How one headline is read off a variant at a point: its values per replication.
using Extract = std::function<std::vector<double>(const ScenarioResults&, const std::vector<Indicator>&)>;

const Indicator* find_indicator(const std::vector<Indicator>& ind, const std::string& metric,
                                const std::string& sector, std::optional<int> year) {
  for (const auto& i : ind)
    if (i.metric == metric && i.sector == sector && i.year == year && i.route.empty() &&
        i.programme.empty() && i.subject.empty())
      return &i;
  return nullptr;
}

// The headlines (docs/report.md): total shortage per sector and all sectors in each of `years`, the shortage
// rate per sector in the last of them, shortage FTE-years, and the policy cost where the file has it.
std::vector<Headline> headlines(const SweepResults& s, const std::vector<int>& years, Lang lang) {
  const Words& w = words(lang);
  const SweepWords& sw = sweep_words(lang);
  std::vector<Headline> out;
  std::vector<Extract> extract;
  auto indicator = [&](const std::string& metric, const std::string& sector, std::optional<int> year) {
    return [=](const ScenarioResults&, const std::vector<Indicator>& ind) {
      const Indicator* i = find_indicator(ind, metric, sector, year);
      return i ? i->values : std::vector<double>{};
    };
  };
  auto label = [lang](const std::string& metric, const std::string& sector, std::optional<int> year) {
    Indicator i;
    i.metric = metric;
    i.sector = sector;
    i.year = year;
    return indicator_label(i, lang);
  };
  std::vector<std::string> sectors = s.sectors;
  sectors.push_back("all");
  for (int y : years)
    for (const auto& sec : sectors) {
      out.push_back({fmt::format("shortage_fte-{}-{}", sec, y),
                     label("shortage_fte", sec, y),
                     w.shortage_axis,
                     false,
                     1.0,
                     0,
                     {}});
      extract.push_back(indicator("shortage_fte", sec, y));
    }
  // The rate of a sector is the ratio of its national sums (Σ shortage / Σ demand), as everywhere.
  const int last = years.back();
  for (const auto& sec : s.sectors) {
    out.push_back({fmt::format("shortage_rate-{}-{}", sec, last),
                   label("shortage_rate", sec, last),
                   sw.rate_axis,
                   true,
                   1.0,
                   1,
                   {}});
    extract.push_back([sec, last](const ScenarioResults& r, const std::vector<Indicator>&) {
      const auto rate = national_ratio(r, "shortage_fte", "demand_fte", sec);
      std::vector<double> v;
      for (const auto& rep : rate) v.push_back(rep[r.year_index(last)]);
      return v;
    });
  }
  out.push_back({"shortage_fte_years-all",
                 label("shortage_fte_years", "all", std::nullopt),
                 sw.fte_years_axis,
                 false,
                 1.0,
                 0,
                 {}});
  extract.push_back(indicator("shortage_fte_years", "all", std::nullopt));
  if (s.national.begin()->second.count("cost_total")) {
    out.push_back(
        {"cost_total-all", label("cost_total", "all", std::nullopt), sw.cost_axis, false, 1e-6, 1, {}});
    extract.push_back(indicator("cost_total", "all", std::nullopt));
  }

  for (auto& h : out) h.values.assign(s.variants.size(), Table(s.points));
  for (std::size_t v = 0; v < s.variants.size(); ++v)
    for (std::size_t p = 0; p < s.points; ++p) {
      const ScenarioResults r = sweep_point(s, s.variants[v], p);
      const auto ind = indicators(r, years);
      for (std::size_t h = 0; h < out.size(); ++h) {
        auto vals = extract[h](r, ind);
        vals.resize(s.replications, kNaN);
        for (double& x : vals) x *= out[h].scale;
        out[h].values[v][p] = std::move(vals);
      }
    }
  return out;
}

// ALT − BASE at the same point and replication: the two share their random numbers (docs/output.md).
Table paired(const Table& alt, const Table& base) {
  Table d = alt;
  for (std::size_t p = 0; p < d.size(); ++p)
    for (std::size_t r = 0; r < d[p].size(); ++r) d[p][r] = alt[p][r] - base[p][r];
  return d;
}

// A text value of a grid as a reader knows it: a TOML string without its quotes ('none' -> none); anything
// else (a boolean, an array) as the file keeps it.
std::string display_text(const std::string& toml_text) {
  try {
    const auto t = toml::parse("v = " + toml_text);
    if (const auto* str = t["v"].as_string()) return str->get();
  } catch (const toml::parse_error&) {
    // Not a TOML value: show it as it is.
  }
  return toml_text;
}

std::string number_text(double v, Lang lang) {
  return localize(fmt::format("{:.4g}", v), lang);
}

// The points that share one x of a chart: one value of a grid parameter, or one quantile bin of an lhs or
// sobol parameter.
struct Group {
  double x;                         // where it is drawn (a category's index for text values)
  double lo, hi;                    // the parameter's values in it (lo == hi for a grid value)
  std::string label;                // its value or range
  std::vector<std::size_t> points;  // in point order
};

std::vector<Group> groups_of(const SweepResults& s, const SweepParameter& par, Lang lang) {
  std::vector<Group> out;
  if (!par.numeric) {
    // Text values in the order they first appear (the design's order), drawn at 0, 1, 2…
    for (std::size_t p = 0; p < s.points; ++p) {
      const std::string label = display_text(par.texts[p]);
      auto it = std::find_if(out.begin(), out.end(), [&](const Group& g) { return g.label == label; });
      if (it == out.end()) {
        const double x = static_cast<double>(out.size());
        out.push_back({x, x, x, label, {}});
        it = out.end() - 1;
      }
      it->points.push_back(p);
    }
    return out;
  }
  std::vector<std::size_t> order(s.points);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return par.numbers[a] < par.numbers[b]; });
  // A grid: one group per value. Otherwise equal-count bins of the sorted points; points with equal values
  // (an integer parameter) stay in one bin, so a bin may hold more points and a later one none.
  const std::size_t bins = s.is_grid() ? s.points : std::min(kMaxBins, s.points);
  std::vector<std::size_t> bin_of(s.points);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool tie = i > 0 && par.numbers[order[i]] == par.numbers[order[i - 1]];
    bin_of[order[i]] = tie ? bin_of[order[i - 1]] : i * bins / s.points;
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t p = order[i];
    if (out.empty() || bin_of[p] != bin_of[order[i - 1]])
      out.push_back({0, par.numbers[p], par.numbers[p], "", {}});
    out.back().hi = par.numbers[p];
    out.back().points.push_back(p);
  }
  for (auto& g : out) {
    std::sort(g.points.begin(), g.points.end());
    std::vector<double> xs;
    for (std::size_t p : g.points) xs.push_back(par.log ? std::log10(par.numbers[p]) : par.numbers[p]);
    // A bin is drawn at the median of its values (on the log scale for a log parameter).
    const double m = quantile(xs, 0.5);
    g.x = g.lo == g.hi ? g.lo : par.log ? std::pow(10.0, m) : m;
    g.label = g.lo == g.hi ? number_text(g.lo, lang)
                           : fmt::format("{}–{}", number_text(g.lo, lang), number_text(g.hi, lang));
  }
  return out;
}

// The pooled values of a group's points: every done replication of every point in it.
struct Cell {
  std::size_t points = 0, runs = 0;
  double median = kNaN, p05 = kNaN, p95 = kNaN;
};

Cell cell_of(const Table& t, const Group& g) {
  std::vector<double> pool;
  Cell c;
  for (std::size_t p : g.points) {
    bool any = false;
    for (double v : t[p])
      if (std::isfinite(v)) pool.push_back(v), any = true;
    c.points += any;
  }
  c.runs = pool.size();
  if (!pool.empty())
    c.median = quantile(pool, 0.5), c.p05 = quantile(pool, 0.05), c.p95 = quantile(pool, 0.95);
  return c;
}

// One chart's data: a cell per group and, for lhs and sobol designs, each point as a dot (the median of its
// replications).
struct Curve {
  std::vector<Group> groups;
  std::vector<Cell> cells;
  std::vector<double> dot_x, dot_y;
};

Curve curve_of(const SweepResults& s, const SweepParameter& par, const Table& t, Lang lang) {
  Curve c;
  c.groups = groups_of(s, par, lang);
  for (const auto& g : c.groups) c.cells.push_back(cell_of(t, g));
  if (!s.is_grid() && par.numeric)
    for (std::size_t p = 0; p < s.points; ++p) {
      const double m = quantile(t[p], 0.5);
      if (std::isfinite(m)) c.dot_x.push_back(par.numbers[p]), c.dot_y.push_back(m);
    }
  return c;
}

std::string chart(const SweepResults& s, const std::string& id, const std::string& title,
                  const SweepParameter& par, const Curve& c, const Headline& h, const std::string& colour,
                  bool effect, double y_min, double y_max, Lang lang) {
  const SweepWords& sw = sweep_words(lang);
  svg::Series line;
  line.label = effect ? sw.median_effect : words(lang).median;
  line.colour = colour;
  line.markers = true;
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    line.x.push_back(c.groups[i].x);
    line.y.push_back(c.cells[i].median);
    line.lo90.push_back(c.cells[i].p05);
    line.hi90.push_back(c.cells[i].p95);
  }
  line.dot_x = c.dot_x;
  line.dot_y = c.dot_y;
  line.dots_label = sw.single_points;
  svg::Axes ax;
  ax.x_label = par.log ? fmt::format("{}{}", par.key, sw.log_scale) : par.key;
  ax.y_label = effect ? fmt::format(fmt::runtime(sw.difference_in), h.y_label) : h.y_label;
  ax.decimal_comma = lang == Lang::nl;
  ax.y_percent = h.share;
  ax.y_from_zero = !effect;
  ax.y_zero_line = effect;
  ax.y_min = y_min;
  ax.y_max = y_max;
  ax.x_years = false;
  ax.x_log = par.log;
  if (par.low) ax.x_min = *par.low, ax.x_max = *par.high;
  // Text values are categories at 0, 1, 2…; a grid's few numbers are labelled where they are. Either way the
  // end values keep some room from the axes.
  if (!par.numeric || (s.is_grid() && c.groups.size() <= 10))
    for (const auto& g : c.groups) ax.x_ticks.emplace_back(g.x, g.label);
  if (!par.numeric)
    ax.x_pad = 0.5;
  else if (s.is_grid())
    ax.x_pad = c.groups.size() > 1 ? 0.06 * (c.groups.back().x - c.groups.front().x)
                                   : 0.5 * std::fabs(c.groups.front().x);
  ax.band90_label = sw.band;
  return svg::line_chart(id, effect ? "chart sweep-chart sweep-effect" : "chart sweep-chart sweep-level",
                         title, ax, {line});
}

// Rows of the table behind a chart: exact values (shortest round-trip text) in data-x and data-value
// attributes, for readers' tools and tests.
std::string number_rows(const std::string& id, const std::string& series, const SweepParameter& par,
                        const Curve& c, const Headline& h, bool effect, Lang lang) {
  auto shown = [&](double v) {
    if (h.share) return localize(effect ? points(v) : percent(v), lang);
    // Small values get a decimal more, so that a small effect does not read as "0".
    const int decimals = h.decimals + (std::fabs(v) < 10 ? 1 : 0);
    return localize(effect ? signed_thousands(v, decimals) : thousands(v, decimals), lang);
  };
  std::string o;
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    const auto& g = c.groups[i];
    const auto& x = c.cells[i];
    o += fmt::format(
        "<tr data-chart=\"{}\" data-x=\"{}\"><td>{}</td><td><code>{}</code></td><td>{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\" data-value=\"{}\">{}</td><td "
        "class=\"num\" data-value=\"{}\">{}</td><td class=\"num\" data-value=\"{}\">{}</td></tr>\n",
        html_escape(id), par.numeric ? fmt::format("{}", g.x) : html_escape(g.label), html_escape(series),
        html_escape(par.key), html_escape(g.label), x.points, x.runs, x.median, shown(x.median), x.p05,
        shown(x.p05), x.p95, shown(x.p95));
  }
  return o;
}

// Bounds over every chart of one headline and series, so the charts against different parameters share a
// scale and compare by eye.
std::pair<double, double> y_range(const std::vector<Curve>& curves) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& c : curves) {
    for (const auto& x : c.cells)
      for (double v : {x.p05, x.p95, x.median})
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    for (double v : c.dot_y)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) return {0, 0};
  // Some room beyond the extremes (0 is in every range drawn), so that no median sits on the chart's edge.
  const double pad = 0.05 * (std::max(hi, 0.0) - std::min(lo, 0.0));
  return {lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi};
}

std::string design_table(const SweepResults& s, Lang lang) {
  const SweepWords& sw = sweep_words(lang);
  std::string o = fmt::format(
      "<table class=\"design\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      sw.parameter_col, sw.values, sw.scale);
  for (const auto& par : s.parameters) {
    std::string values, scale = "–";
    if (par.low) {
      values = fmt::format(fmt::runtime(sw.range), number_text(*par.low, lang), number_text(*par.high, lang),
                           s.points, s.design_kind == "lhs" ? sw.lhs : sw.sobol_sequence);
      scale = par.log ? sw.log : sw.linear;
    } else {
      std::vector<std::string> distinct;
      for (const auto& t : par.texts)
        if (std::find(distinct.begin(), distinct.end(), display_text(t)) == distinct.end())
          distinct.push_back(display_text(t));
      if (par.numeric) {
        std::vector<double> nums;
        for (double v : par.numbers)
          if (std::find(nums.begin(), nums.end(), v) == nums.end()) nums.push_back(v);
        std::sort(nums.begin(), nums.end());
        distinct.clear();
        for (double v : nums) distinct.push_back(number_text(v, lang));
      }
      // Dutch numbers have a decimal comma: a semicolon keeps them apart.
      values = fmt::format("{}", fmt::join(distinct, lang == Lang::nl && par.numeric ? "; " : ", "));
    }
    o += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n", html_escape(par.key),
                     html_escape(values), scale);
  }
  return o + "</tbody></table>\n";
}

}  // namespace

std::string sweep_report_html(const std::string& h5path, const std::vector<int>& years_in, Lang lang) {
  const Words& w = words(lang);
  const SweepWords& sw = sweep_words(lang);
  auto f = [](const char* pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  const SweepResults s = load_sweep(h5path, headline_metrics(), optional_headline_metrics());
  if (s.parameters.empty()) throw InputError(fmt::format("{}: the sweep has no parameters to chart", h5path));
  std::vector<int> years = years_in;
  const int start = s.years.front(), end = s.years.back();
  if (years.empty()) {
    if (start + 5 < end) years.push_back(start + 5);
    years.push_back(end);
  }
  for (int y : years)
    if (y < start || y > end)
      throw InputError(fmt::format("{}: the sweep has no year {} (it records {}–{})", h5path, y, start, end));
  const std::vector<Headline> hs = headlines(s, years, lang);
  const std::string& base = s.variants.front();
  // The colours of the compare report: the base's blue, and no alternative in it (svg::scenario_colour).
  auto colour = [](std::size_t v) { return svg::scenario_colour(v); };
  const bool pooled = s.is_grid() ? s.parameters.size() > 1 : true;
  const std::size_t total = s.points * s.replications;

  std::string o = page_head(f(sw.title, base), w.code);
  o += fmt::format("<h1>{}</h1>\n", sw.h1);
  o += page_provenance(h5path, s.tlm_version, s.created, s.command, lang);
  std::vector<std::string> alts(s.variants.begin() + 1, s.variants.end());
  const std::string alt_list = html_escape(fmt::format("{}", fmt::join(alts, ", ")));
  o += fmt::format(
      "<p>{}</p>\n",
      f(sw.intro, html_escape(base),
        alts.empty() ? std::string(sw.was)
                     : f(alts.size() > 1 ? sw.and_alternatives : sw.and_alternative, alt_list),
        s.points,
        s.design_kind == "grid"  ? sw.grid
        : s.design_kind == "lhs" ? sw.lhs
                                 : sw.sobol,
        s.parameters.size(), s.parameters.size() > 1 ? sw.parameters : sw.parameter, s.replications,
        s.replications > 1 ? sw.replications : sw.replication, s.seed, alts.empty() ? "" : sw.paired_clause));
  if (!s.complete || s.done_count() < total)
    o += fmt::format("<p class=\"note\">{}</p>\n",
                     f(sw.incomplete, s.complete ? sw.some_failed : sw.not_complete, s.done_count(), total,
                       s.failed_count() ? f(sw.failed, s.failed_count()) : ""));

  o += fmt::format("<section id=\"design\">\n<h2>{}</h2>\n", sw.h_design);
  o += design_table(s, lang);
  o += fmt::format("<p class=\"meta\">{}</p>\n",
                   f(sw.design_meta, html_escape(s.design_file), html_escape(s.design_kind), s.points,
                     s.replications, total, s.done_count(), s.seed, html_escape(base),
                     alts.empty() ? "" : f(sw.alternatives_list, alt_list)));
  o += fmt::format("<details><summary>{}</summary>\n<pre>{}</pre>\n</details>\n", sw.design_file,
                   html_escape(s.design));
  for (const auto& alt : alts)
    o += settings_table(base, s.scenarios.at(base), alt, s.scenarios.at(alt), {}, lang);

  o += fmt::format("</section>\n<section id=\"caveats\">\n<h2>{}</h2>\n<p>", sw.h_read);
  o += sw.read_noise;
  if (pooled) o += s.is_grid() ? sw.read_pooled_grid : sw.read_pooled_bins;
  o += sw.read_not_parameters;
  if (!s.is_grid())
    o += f(sw.read_bins, std::max<std::size_t>(1, s.points / std::min(kMaxBins, s.points)), kMaxBins);
  o += fmt::format("{}</p>\n", sw.read_definitions);

  // Levels under the base, then the paired effects of each alternative: per headline a chart per parameter.
  std::string numbers;
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    const bool effect = v > 0;
    o += effect ? fmt::format("</section>\n<section id=\"effects-{}\">\n<h2>{}</h2>\n", v,
                              f(sw.h_effect, html_escape(s.variants[v]), html_escape(base)))
                : fmt::format("</section>\n<section id=\"levels\">\n<h2>{}</h2>\n",
                              f(sw.h_levels, html_escape(base)));
    if (effect)
      o += fmt::format("<p class=\"note\">{}</p>\n",
                       f(sw.effect_note, html_escape(s.variants[v]), html_escape(base)));
    for (std::size_t h = 0; h < hs.size(); ++h) {
      const Table t = effect ? paired(hs[h].values[v], hs[h].values[0]) : hs[h].values[0];
      std::vector<Curve> curves;
      for (const auto& par : s.parameters) curves.push_back(curve_of(s, par, t, lang));
      const auto [y_lo, y_hi] = y_range(curves);
      o += fmt::format("<h3>{}</h3>\n<div class=\"charts\">\n",
                       effect ? f(sw.effect_on, html_escape(hs[h].label)) : html_escape(hs[h].label));
      std::string rows;
      for (std::size_t j = 0; j < s.parameters.size(); ++j) {
        const std::string id = effect ? fmt::format("effect{}-{}-p{}", v, hs[h].id, j)
                                      : fmt::format("level-{}-p{}", hs[h].id, j);
        const std::string title = effect ? fmt::format("{}: {} − {}", hs[h].label, s.variants[v], base)
                                         : fmt::format("{}: {}", hs[h].label, base);
        o += chart(s, id, title, s.parameters[j], curves[j], hs[h], colour(v), effect, y_lo, y_hi, lang);
        rows += number_rows(id, effect ? fmt::format("{} − {}", s.variants[v], base) : base, s.parameters[j],
                            curves[j], hs[h], effect, lang);
      }
      o += "</div>\n";
      numbers += fmt::format(
          "<details><summary>{}{}</summary>\n<table class=\"sweep-numbers\"><thead><tr><th>{}</th>"
          "<th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th "
          "class=\"num\">{}</th><th class=\"num\">5%</th><th "
          "class=\"num\">95%</th></tr></thead><tbody>\n{}"
          "</tbody></table>\n</details>\n",
          html_escape(hs[h].label), effect ? html_escape(fmt::format(": {} − {}", s.variants[v], base)) : "",
          sw.series, sw.parameter_col, sw.value, sw.points, sw.runs, w.median, rows);
    }
  }

  o += fmt::format("</section>\n<section id=\"numbers\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                   sw.h_numbers, sw.numbers_note);
  o += numbers;
  o += "</section>\n";
  return page_end(std::move(o));
}

}  // namespace tlm::analysis
