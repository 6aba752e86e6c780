// The files of `tlm sensitivity` (sensitivity_report.hpp): indices.csv and indices.json for tools,
// report.html for readers. Same page, style and chart code as the other reports (page.hpp, svg.hpp), and the
// same way of writing a file: whole or not at all (write_text_file).
#include "analysis/sensitivity_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/format.hpp"
#include "analysis/page.hpp"
#include "analysis/results.hpp"
#include "analysis/svg.hpp"

namespace tlm::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Above this share of an output's variance over the points, replication noise is "a large part of the
// variation": the ranking sentence says that more replications are needed before ranking.
constexpr double kLargeNoiseShare = 0.25;
// A Sobol total index whose bootstrap interval reaches down to this is not told apart from no effect.
constexpr double kSobolFloor = 0.02;
// The sentence names at most this many parameters above the noise; it counts the rest.
constexpr std::size_t kMaxNamed = 6;

enum class Method { Sobol, Morris, Oat };

Method method_of(const SensitivityReport& r) {
  if (r.method == "sobol") return Method::Sobol;
  if (r.method == "morris") return Method::Morris;
  if (r.method == "oat") return Method::Oat;
  throw std::invalid_argument(
      fmt::format("sensitivity report: unknown method '{}' (sobol, morris or oat)", r.method));
}

// Every index vector of the report's method has one value per parameter: the writers index them by parameter.
void check_output(const SensitivityReport& r, const SensitivityOutputResult& o) {
  const std::size_t k = r.parameters.size();
  auto check = [&](const std::vector<double>& v, const char* what) {
    if (v.size() != k)
      throw std::invalid_argument(
          fmt::format("sensitivity report: output '{}' has {} values of {} for {} parameters", o.name,
                      v.size(), what, k));
  };
  switch (method_of(r)) {
    case Method::Sobol:
      check(o.s1, "S1");
      check(o.s1_lo, "S1_lo");
      check(o.s1_hi, "S1_hi");
      check(o.st, "ST");
      check(o.st_lo, "ST_lo");
      check(o.st_hi, "ST_hi");
      break;
    case Method::Morris:
      check(o.mu_star, "mu_star");
      check(o.mu, "mu");
      check(o.sigma, "sigma");
      break;
    case Method::Oat:
      check(o.oat_low, "oat_low");
      check(o.oat_high, "oat_high");
      break;
  }
}

void check_report(const SensitivityReport& r) {
  method_of(r);
  for (const auto& o : r.outputs) check_output(r, o);
}

// The replication noise of one point's mean as a share of the output's variance over the points; NaN when
// the output does not vary (or its variance is unknown).
double noise_share(const SensitivityOutputResult& o) {
  return std::isfinite(o.variance) && o.variance > 0 && std::isfinite(o.noise_variance)
             ? o.noise_variance / o.variance
             : kNaN;
}

double swing(const SensitivityOutputResult& o, std::size_t i) {
  return std::fabs(o.oat_high[i] - o.oat_low[i]);
}

// The index a parameter is ranked by: ST (sobol), mu* (morris), the swing |high − low| (oat).
double rank_index(Method m, const SensitivityOutputResult& o, std::size_t i) {
  switch (m) {
    case Method::Sobol:
      return o.st[i];
    case Method::Morris:
      return o.mu_star[i];
    case Method::Oat:
      return swing(o, i);
  }
  return kNaN;
}

// What replication noise alone gives, in the unit of the ranking index; an index at or below it is not
// distinguishable from noise.
//  - sobol: the larger of kSobolFloor and the noise share. Noise adds the same variance to every model point,
//    so it shows in every parameter's total index (Jansen's estimator squares differences of two points) at
//    about the noise share, whether or not the parameter does anything. (The rule also takes ST_lo ≤
//    kSobolFloor, see within_noise.)
//  - oat: 2·sqrt(2·noise_variance). The swing |high − low| is a difference of two point means, each with
//    replication noise of variance noise_variance; the difference has standard deviation sqrt(2·nv), and a
//    swing from noise alone stays below twice that in about 95% of cases.
//  - morris: 2·sqrt(2·noise_variance)/Δ, with Δ = levels / (2 (levels − 1)) the step in the unit cube. An
//    elementary effect is a difference of two point means divided by Δ (it is per parameter's whole range),
//    so its noise has standard deviation sqrt(2·nv)/Δ. μ* of a parameter without effect averages |noise|,
//    about 0.8 of that; twice it is above what noise gives even for a single trajectory (~95%).
// The oat and morris rules are conservative when the points share their random numbers (common random numbers
// make the noise of
// a difference smaller than that of two independent means).
double noise_threshold(const SensitivityReport& r, Method m, const SensitivityOutputResult& o) {
  const double nv = std::max(0.0, o.noise_variance);
  switch (m) {
    case Method::Sobol: {
      const double share = noise_share(o);
      return std::isfinite(share) ? std::max(kSobolFloor, share) : kSobolFloor;
    }
    case Method::Oat:
      return 2 * std::sqrt(2 * nv);
    case Method::Morris: {
      const double delta =
          r.levels >= 2 ? static_cast<double>(r.levels) / (2.0 * static_cast<double>(r.levels - 1)) : 1.0;
      return 2 * std::sqrt(2 * nv) / delta;
    }
  }
  return kNaN;
}

bool within_noise(const SensitivityReport& r, Method m, const SensitivityOutputResult& o, std::size_t i) {
  const double v = rank_index(m, o, i);
  if (!std::isfinite(v)) return true;
  if (m == Method::Sobol) {
    const double share = noise_share(o);
    return !(o.st_lo[i] > kSobolFloor) || (std::isfinite(share) && v < share);
  }
  return v <= noise_threshold(r, m, o);
}

// The parameters from the largest index down (ties and NaN in the parameters' order, NaN last).
std::vector<std::size_t> ranked(Method m, const SensitivityOutputResult& o, std::size_t k) {
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double va = rank_index(m, o, a), vb = rank_index(m, o, b);
    if (!std::isfinite(vb)) return std::isfinite(va);
    return std::isfinite(va) && va > vb;
  });
  return order;
}

// A value with about three significant figures and thousands separators: 1,234; 56.7; 0.0123.
std::string sig3(double v) {
  if (!std::isfinite(v)) return "–";
  if (v == 0) return "0";
  const int decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(std::fabs(v)))), 0, 6);
  return thousands(v, decimals);
}

// An amount in the output's unit: shares as percentage points, others with their unit.
std::string amount(double v, const std::string& unit) {
  if (unit == "share") return sig3(100 * v) + " pp";
  return unit.empty() ? sig3(v) : sig3(v) + " " + unit;
}

std::string index_text(Method m, double v, const std::string& unit, bool first) {
  switch (m) {
    case Method::Sobol:
      return first ? fmt::format("ST {:.2f}", v) : fmt::format("{:.2f}", v);
    case Method::Morris:
      return first ? "μ* " + amount(v, unit) : amount(v, unit);
    case Method::Oat:
      return first ? "swing " + amount(v, unit) : amount(v, unit);
  }
  return "";
}

// "a", "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& items) {
  std::string o;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) o += i + 1 == items.size() ? " and " : ", ";
    o += items[i];
  }
  return o;
}

// The output in words, mid-sentence: "Total shortage in po in 2035" -> "total shortage in po in 2035"; an
// acronym ("PO shortage") keeps its capitals.
std::string subject_mid(const SensitivityOutputResult& o) {
  std::string s = o.description.empty() ? o.name : o.description;
  if (s.size() >= 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
      std::islower(static_cast<unsigned char>(s[1])))
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string capitalised(std::string s) {
  if (!s.empty() && std::islower(static_cast<unsigned char>(s[0])))
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// CSV fields: numbers with full precision (shortest round-trip text), empty for NaN; text always quoted.
std::string csv_number(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : "";
}

std::string csv_text(const std::string& s) {
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

nlohmann::json json_number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// Exact values for readers' tools: the shortest round-trip text.
std::string exact(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : "";
}

std::string duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds <= 0) return "";
  if (seconds < 120) return fmt::format("{:.0f} s", seconds);
  if (seconds < 7200) return fmt::format("{:.0f} min", seconds / 60);
  return fmt::format("{:.1f} h", seconds / 3600);
}

// ---- HTML pieces ----

std::string index_cell(double v) {
  return fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", exact(v),
                     std::isfinite(v) ? fmt::format("{:.3f}", v) : "–");
}

std::string interval_cell(double lo, double hi) {
  return fmt::format("<td class=\"num\" data-lo=\"{}\" data-hi=\"{}\">{}</td>", exact(lo), exact(hi),
                     std::isfinite(lo) && std::isfinite(hi) ? fmt::format("{:.3f} to {:.3f}", lo, hi) : "–");
}

// An amount of the output's unit in a table: every amount there is a change or a spread, so a share is in
// percentage points. `sign`: with an explicit sign (a true minus sign; none on zero).
std::string amount_cell(double v, const std::string& unit, bool sign) {
  std::string shown = "–";
  if (std::isfinite(v)) {
    const bool share = unit == "share";
    shown = sig3(share ? 100 * v : v);
    if (sign && shown.front() == '-')
      shown = "−" + shown.substr(1);
    else if (sign && v > 0)
      shown = "+" + shown;
    if (share) shown += " pp";
  }
  return fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", exact(v), shown);
}

std::string axis_label(const SensitivityOutputResult& o) {
  return o.unit.empty() ? o.name : fmt::format("{} ({})", o.name, o.unit);
}

std::string sobol_section(const SensitivityReport& r, const SensitivityOutputResult& o, std::size_t n) {
  const auto& pal = svg::palette();
  const auto order = ranked(Method::Sobol, o, r.parameters.size());
  svg::BarChart c;
  c.x_label = "share of the output's variance over the parameter ranges";
  c.x_min = 0;
  c.x_max = 1;  // every chart on the same scale
  c.legend = {{"first order S1 (the parameter alone)", pal[0]}, {"total ST (with its interactions)", pal[1]}};
  c.shade_from = 0;
  c.shade_to = noise_threshold(r, Method::Sobol, o);
  c.shade_label = "not distinguishable from noise";
  std::vector<svg::BarRow> rows;
  std::string table;
  for (std::size_t i : order) {
    rows.push_back(
        {r.parameters[i].key,
         {{0, o.s1[i], o.s1_lo[i], o.s1_hi[i], pal[0]}, {0, o.st[i], o.st_lo[i], o.st_hi[i], pal[1]}}});
    table += fmt::format("<tr data-parameter=\"{}\"><td><code>{}</code></td>{}{}{}{}{}<td>{}</td></tr>\n",
                         html_escape(r.parameters[i].key), html_escape(r.parameters[i].key),
                         index_cell(o.s1[i]), interval_cell(o.s1_lo[i], o.s1_hi[i]), index_cell(o.st[i]),
                         interval_cell(o.st_lo[i], o.st_hi[i]), index_cell(o.st[i] - o.s1[i]),
                         within_noise(r, Method::Sobol, o, i) ? "not distinguishable from noise" : "");
  }
  std::string s = "<div class=\"wide\">\n" +
                  svg::bar_chart(fmt::format("sobol-{}", n), "chart sens-sobol",
                                 fmt::format("{}: Sobol indices", o.name), c, rows) +
                  "</div>\n";
  s += fmt::format("<p class=\"ranking\">{}</p>\n", html_escape(ranking_sentence(r, o)));
  s += fmt::format(
      "<table class=\"indices\" data-output=\"{}\"><thead><tr><th>parameter</th><th class=\"num\">S1</th><th "
      "class=\"num\">S1 interval</th><th class=\"num\">ST</th><th class=\"num\">ST interval</th><th "
      "class=\"num\">ST − S1</th><th>reading</th></tr></thead><tbody>\n{}</tbody></table>\n",
      html_escape(o.name), table);
  return s;
}

std::string morris_section(const SensitivityReport& r, const SensitivityOutputResult& o, std::size_t n) {
  const auto& pal = svg::palette();
  const auto order = ranked(Method::Morris, o, r.parameters.size());
  // The effects of a share are changes of it: drawn in percentage points.
  const bool share = o.unit == "share";
  const double scale = share ? 100 : 1;
  const double threshold = noise_threshold(r, Method::Morris, o);
  const std::string unit = share            ? " (percentage points)"
                           : o.unit.empty() ? ""
                                            : fmt::format(" ({})", o.unit);
  svg::ScatterAxes ax;
  ax.x_label = "μ*: mean absolute effect over the parameter's range" + unit;
  ax.y_label = "σ: spread of the effects" + unit;
  ax.shade_to = scale * threshold;
  ax.shade_label = "μ* not distinguishable from noise";
  ax.diagonal_label = "σ = μ*";
  std::vector<svg::ScatterPoint> points;
  // Each parameter is numbered by its place in the ranking; the table under the charts gives the numbers.
  for (std::size_t j = 0; j < order.size(); ++j) {
    const std::size_t i = order[j];
    points.push_back(
        {scale * o.mu_star[i], scale * o.sigma[i], std::to_string(j + 1), r.parameters[i].key, pal[0]});
  }
  svg::BarChart c;
  c.x_label = "μ*" + unit;
  c.legend = {{"μ*", pal[0]}};
  c.shade_to = scale * threshold;
  c.shade_label = "not distinguishable from noise";
  std::vector<svg::BarRow> rows;
  std::string table;
  for (std::size_t j = 0; j < order.size(); ++j) {
    const std::size_t i = order[j];
    rows.push_back(
        {fmt::format("{}. {}", j + 1, r.parameters[i].key), {{0, scale * o.mu_star[i], kNaN, kNaN, pal[0]}}});
    const double ratio = o.mu_star[i] > 0 ? o.sigma[i] / o.mu_star[i] : kNaN;
    table += fmt::format(
        "<tr data-parameter=\"{}\"><td class=\"num\">{}</td><td><code>{}</code></td>{}{}{}<td class=\"num\" "
        "data-value=\"{}\">{}</td><td>{}</td></tr>\n",
        html_escape(r.parameters[i].key), j + 1, html_escape(r.parameters[i].key),
        amount_cell(o.mu_star[i], o.unit, false), amount_cell(o.mu[i], o.unit, true),
        amount_cell(o.sigma[i], o.unit, false), exact(ratio),
        std::isfinite(ratio) ? fmt::format("{:.2f}", ratio) : "–",
        within_noise(r, Method::Morris, o, i) ? "not distinguishable from noise" : "");
  }
  // The scatter in the grid of charts (half the page's width, so it is not drawn larger than its text
  // needs), the bars across the page.
  std::string s = "<div class=\"charts\">\n" +
                  svg::scatter(fmt::format("morris-{}", n), "chart sens-morris",
                               fmt::format("{}: μ* and σ of the elementary effects", o.name), ax, points) +
                  "</div>\n<div class=\"wide\">\n" +
                  svg::bar_chart(fmt::format("mustar-{}", n), "chart sens-mustar",
                                 fmt::format("{}: μ* per parameter", o.name), c, rows) +
                  "</div>\n";
  s += fmt::format("<p class=\"ranking\">{}</p>\n", html_escape(ranking_sentence(r, o)));
  s += fmt::format(
      "<table class=\"indices\" data-output=\"{}\"><thead><tr><th class=\"num\">#</th><th>parameter</th><th "
      "class=\"num\">μ*</th><th class=\"num\">μ</th><th class=\"num\">σ</th><th class=\"num\">σ/μ*</th>"
      "<th>reading</th></tr></thead><tbody>\n{}</tbody></table>\n",
      html_escape(o.name), table);
  return s;
}

std::string oat_section(const SensitivityReport& r, const SensitivityOutputResult& o, std::size_t n) {
  const auto& pal = svg::palette();
  const auto order = ranked(Method::Oat, o, r.parameters.size());
  const double threshold = noise_threshold(r, Method::Oat, o);
  svg::BarChart c;
  c.x_label = axis_label(o);
  c.percent = o.unit == "share";
  c.include_zero = false;
  c.legend = {{"parameter at its low end", pal[0]}, {"parameter at its high end", pal[1]}};
  c.reference = o.oat_base;
  c.reference_label = "all parameters at their base values";
  c.shade_from = o.oat_base - threshold;
  c.shade_to = o.oat_base + threshold;
  c.shade_label = "within replication noise";
  std::vector<svg::BarRow> rows;
  std::string table;
  for (std::size_t i : order) {
    rows.push_back({r.parameters[i].key,
                    {{o.oat_base, o.oat_base + o.oat_low[i], kNaN, kNaN, pal[0]},
                     {o.oat_base, o.oat_base + o.oat_high[i], kNaN, kNaN, pal[1]}}});
    table += fmt::format("<tr data-parameter=\"{}\"><td><code>{}</code></td>{}{}{}<td>{}</td></tr>\n",
                         html_escape(r.parameters[i].key), html_escape(r.parameters[i].key),
                         amount_cell(o.oat_low[i], o.unit, true), amount_cell(o.oat_high[i], o.unit, true),
                         amount_cell(swing(o, i), o.unit, false),
                         within_noise(r, Method::Oat, o, i) ? "not distinguishable from noise" : "");
  }
  std::string s = "<div class=\"wide\">\n" +
                  svg::bar_chart(fmt::format("tornado-{}", n), "chart sens-tornado",
                                 fmt::format("{}: one parameter at a time", o.name), c, rows) +
                  "</div>\n";
  s += fmt::format("<p class=\"ranking\">{}</p>\n", html_escape(ranking_sentence(r, o)));
  s += fmt::format(
      "<table class=\"indices\" data-output=\"{}\"><thead><tr><th>parameter</th><th class=\"num\">low end − "
      "base</th><th class=\"num\">high end − base</th><th "
      "class=\"num\">swing</th><th>reading</th></tr></thead>"
      "<tbody>\n{}</tbody></table>\n",
      html_escape(o.name), table);
  return s;
}

std::string noise_note(const SensitivityReport& r, Method m, const SensitivityOutputResult& o) {
  const double share = noise_share(o);
  const double threshold = noise_threshold(r, m, o);
  std::string o_text = fmt::format(
      "Replication noise: the variance of one point's mean from its {} replication{} is {} of the output's "
      "variance over the points",
      r.replications, r.replications == 1 ? "" : "s", std::isfinite(share) ? percent(share) : "–");
  switch (m) {
    case Method::Sobol:
      o_text += fmt::format(
          ". A parameter whose ST interval reaches down to {} or whose ST is below the noise share is not "
          "distinguishable from noise (shaded).",
          kSobolFloor);
      break;
    case Method::Morris:
      o_text += fmt::format(
          ". A μ* up to {} (twice the noise of one elementary effect, 2·√(2·noise variance)/Δ) is not "
          "distinguishable from noise (shaded).",
          amount(threshold, o.unit));
      break;
    case Method::Oat:
      o_text += fmt::format(
          ". A swing up to {} (twice the noise of a difference of two points, 2·√(2·noise variance)) is not "
          "distinguishable from noise; the shaded band is that wide on each side of the base value.",
          amount(threshold, o.unit));
      break;
  }
  return "<p class=\"note\">" + html_escape(o_text) + "</p>\n";
}

std::string parameter_table(const SensitivityReport& r) {
  std::string o =
      "<table class=\"parameters\"><thead><tr><th>parameter</th><th class=\"num\">low</th><th "
      "class=\"num\">high</th><th>scale</th></tr></thead><tbody>\n";
  for (const auto& p : r.parameters)
    o += fmt::format(
        "<tr><td><code>{}</code></td><td class=\"num\" data-value=\"{}\">{}</td><td class=\"num\" "
        "data-value=\"{}\">{}</td><td>{}</td></tr>\n",
        html_escape(p.key), exact(p.low), fmt::format("{:.6g}", p.low), exact(p.high),
        fmt::format("{:.6g}", p.high), p.log ? "log" : "linear");
  return o + "</tbody></table>\n";
}

std::string how_to_read(const SensitivityReport& r, Method m) {
  std::string o = "<section id=\"how-to-read\">\n<h2>How to read this</h2>\n";
  switch (m) {
    case Method::Sobol:
      o += "<p>A <strong>Sobol index</strong> is a share of an output's variance over the parameter ranges: "
           "if every parameter is drawn across its range (uniformly, on the log scale for a log parameter), "
           "the output varies, and the indices say how much of that variation each parameter accounts for. "
           "<strong>S1</strong> (first order) is the share the parameter explains alone; <strong>ST</strong> "
           "(total) adds its interactions with the others, so ST − S1 is the part that comes from "
           "interactions. The S1 sum to at most 1; a parameter with ST near 0 can be fixed anywhere in its "
           "range without changing the output. The whiskers are bootstrap intervals of the estimates.</p>\n";
      break;
    case Method::Morris:
      o +=
          "<p>The <strong>Morris method</strong> moves one parameter at a time by a step of its range from "
          "many starting points, and scales each change to the parameter's whole range (an elementary "
          "effect, in the output's unit). <strong>μ*</strong>, the mean size of these effects, measures the "
          "parameter's importance; μ, their mean with signs, their direction (a μ much smaller than μ* means "
          "the effect changes sign). <strong>σ</strong>, their spread, measures non-linearity or interaction "
          "with other parameters: a point above the dashed line σ = μ* has an effect that depends strongly "
          "on where the other parameters are. Parameters are numbered by μ*; the table gives the "
          "names.</p>\n";
      break;
    case Method::Oat:
      o += "<p>A <strong>tornado chart</strong> shows each parameter moved <strong>one at a time</strong> to "
           "the low and then the high end of its range, with every other parameter at its base value (the "
           "dashed line). The widest bars, on top, move the output most. It says nothing about interactions: "
           "two parameters that matter only together look unimportant here, and a change from the base "
           "values may not hold elsewhere in the ranges.</p>\n";
      break;
  }
  o += "<p>These are <strong>sensitivities over the ranges given</strong> in the study file (the table of "
       "parameters): they say how much an output moves as a parameter goes over its range, not how likely "
       "any value is. A wider range makes a parameter look more important; they are not probabilities or "
       "forecasts.</p>\n";
  o += fmt::format(
      "<p><strong>Replication noise.</strong> Each point is the mean of {} replication{} with different "
      "random "
      "numbers, so each output carries some noise of its own. For each output the report shows the noise as "
      "a "
      "share of the output's variance over the points, and shades what noise alone can give. "
      "{} not clearly above that must not be read as an effect; when the noise is a large part of the "
      "variation (over {}), more replications are needed before the parameters can be ranked.</p>\n",
      r.replications, r.replications == 1 ? "" : "s",
      m == Method::Sobol    ? "An index"
      : m == Method::Morris ? "A μ*"
                            : "A swing",
      percent(kLargeNoiseShare, 0));
  return o + "</section>\n";
}

}  // namespace

std::string ranking_sentence(const SensitivityReport& r, const SensitivityOutputResult& o) {
  const Method m = method_of(r);
  check_output(r, o);
  const std::size_t k = r.parameters.size();
  const std::string subject = subject_mid(o);
  if (k == 0) return capitalised(subject) + " has no parameters to rank.";
  const double share = noise_share(o);
  if (!std::isfinite(share))
    return fmt::format("{} is the same at every point: no parameter moves it over the ranges given.",
                       capitalised(subject));

  std::vector<std::size_t> signal, noise;
  for (std::size_t i : ranked(m, o, k)) (within_noise(r, m, o, i) ? noise : signal).push_back(i);
  // "A (ST 0.62)", "B (0.21)": the first with the index's name.
  auto named = [&](std::size_t j) {
    const std::size_t i = signal[j];
    return fmt::format("{} ({})", r.parameters[i].key, index_text(m, rank_index(m, o, i), o.unit, j == 0));
  };
  std::vector<std::string> noise_keys;
  for (std::size_t i : noise) noise_keys.push_back(r.parameters[i].key);

  if (share > kLargeNoiseShare) {
    std::string s = fmt::format(
        "Replication noise is a large part of the variation of {} ({} of its variance over the points): more "
        "replications are needed before ranking its parameters.",
        subject, percent(share, 0));
    if (!signal.empty()) {
      std::vector<std::string> items;
      for (std::size_t j = 0; j < signal.size(); ++j) items.push_back(named(j));
      s += fmt::format(" Clearly above the noise so far: {}.", join_and(items));
    }
    return s;
  }

  if (signal.empty())
    return fmt::format(
        "No parameter moves {} clearly more than replication noise over the ranges given: {} {} "
        "not distinguishable from noise.",
        subject, join_and(noise_keys), noise_keys.size() == 1 ? "is" : "are");

  std::string s = fmt::format("{} depends {}on {}", capitalised(subject), k == 1 ? "" : "most ", named(0));
  if (signal.size() > 1) {
    const std::size_t shown = signal.size() > kMaxNamed ? kMaxNamed - 1 : signal.size();
    std::vector<std::string> items;
    for (std::size_t j = 1; j < shown; ++j) items.push_back(named(j));
    if (shown < signal.size()) {
      double most = 0;
      for (std::size_t j = shown; j < signal.size(); ++j) most = std::max(most, rank_index(m, o, signal[j]));
      items.push_back(fmt::format("{} others above the noise with at most {} each", signal.size() - shown,
                                  index_text(m, most, o.unit, false)));
    }
    s += ", then " + join_and(items);
  }
  if (noise.size() == 1)
    s += fmt::format("; {} is not distinguishable from noise", noise_keys.front());
  else if (!noise.empty())
    s += fmt::format("; the other {} parameters ({}) are not distinguishable from noise", noise.size(),
                     join_and(noise_keys));
  return s + ".";
}

void write_sensitivity_csv(const SensitivityReport& r, const std::string& path) {
  const Method m = method_of(r);
  check_report(r);
  std::string f;
  switch (m) {
    case Method::Sobol:
      f = "output,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,noise_share\n";
      break;
    case Method::Morris:
      f = "output,parameter,mu_star,mu,sigma,noise_share\n";
      break;
    case Method::Oat:
      f = "output,parameter,low,high,swing,noise_share\n";
      break;
  }
  for (const auto& o : r.outputs) {
    const std::string share = csv_number(noise_share(o));
    for (std::size_t i = 0; i < r.parameters.size(); ++i) {
      f += csv_text(o.name) + "," + csv_text(r.parameters[i].key) + ",";
      switch (m) {
        case Method::Sobol:
          f += fmt::format("{},{},{},{},{},{},", csv_number(o.s1[i]), csv_number(o.s1_lo[i]),
                           csv_number(o.s1_hi[i]), csv_number(o.st[i]), csv_number(o.st_lo[i]),
                           csv_number(o.st_hi[i]));
          break;
        case Method::Morris:
          f +=
              fmt::format("{},{},{},", csv_number(o.mu_star[i]), csv_number(o.mu[i]), csv_number(o.sigma[i]));
          break;
        case Method::Oat:
          f += fmt::format("{},{},{},", csv_number(o.oat_low[i]), csv_number(o.oat_high[i]),
                           csv_number(swing(o, i)));
          break;
      }
      f += share + "\n";
    }
  }
  write_text_file(path, f, "the sensitivity indices");
}

void write_sensitivity_json(const SensitivityReport& r, const std::string& path) {
  const Method m = method_of(r);
  check_report(r);
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& p : r.parameters)
    parameters.push_back(
        {{"key", p.key}, {"low", p.low}, {"high", p.high}, {"scale", p.log ? "log" : "linear"}});
  nlohmann::json outputs = nlohmann::json::array();
  for (const auto& o : r.outputs) {
    nlohmann::json indices = nlohmann::json::array();
    for (std::size_t i = 0; i < r.parameters.size(); ++i) {
      nlohmann::json row = {{"parameter", r.parameters[i].key}};
      switch (m) {
        case Method::Sobol:
          row.update({{"S1", json_number(o.s1[i])},
                      {"S1_lo", json_number(o.s1_lo[i])},
                      {"S1_hi", json_number(o.s1_hi[i])},
                      {"ST", json_number(o.st[i])},
                      {"ST_lo", json_number(o.st_lo[i])},
                      {"ST_hi", json_number(o.st_hi[i])}});
          break;
        case Method::Morris:
          row.update({{"mu_star", json_number(o.mu_star[i])},
                      {"mu", json_number(o.mu[i])},
                      {"sigma", json_number(o.sigma[i])}});
          break;
        case Method::Oat:
          row.update({{"low", json_number(o.oat_low[i])},
                      {"high", json_number(o.oat_high[i])},
                      {"swing", json_number(swing(o, i))}});
          break;
      }
      row["within_noise"] = within_noise(r, m, o, i);
      indices.push_back(std::move(row));
    }
    nlohmann::json out = {{"name", o.name},
                          {"description", o.description},
                          {"unit", o.unit},
                          {"effect", o.effect},
                          {"alternative", o.effect ? nlohmann::json(o.alternative) : nlohmann::json(nullptr)},
                          {"mean", json_number(o.mean)},
                          {"variance", json_number(o.variance)},
                          {"noise_variance", json_number(o.noise_variance)},
                          {"noise_share", json_number(noise_share(o))},
                          {"noise_threshold", json_number(noise_threshold(r, m, o))},
                          {"ranking", ranking_sentence(r, o)},
                          {"indices", std::move(indices)}};
    if (m == Method::Oat) out["base"] = json_number(o.oat_base);
    outputs.push_back(std::move(out));
  }
  const nlohmann::json doc = {{"method", r.method},
                              {"study_file", r.study_file},
                              {"study_text", r.study_text},
                              {"scenario", r.scenario},
                              {"alternatives", r.alternatives},
                              {"tlm_version", r.tlm_version},
                              {"created", r.created},
                              {"command", r.command},
                              {"samples", r.samples},
                              {"levels", r.levels},
                              {"replications", r.replications},
                              {"points", r.points},
                              {"seed", r.seed},
                              {"design_seed", r.design_seed},
                              {"seconds", json_number(r.seconds)},
                              {"parameters", std::move(parameters)},
                              {"outputs", std::move(outputs)}};
  write_text_file(path, doc.dump(1) + '\n', "the sensitivity indices");
}

void write_sensitivity_html(const SensitivityReport& r, const std::string& path) {
  const Method m = method_of(r);
  check_report(r);
  std::string o = page_head("sensitivity of " + r.scenario);
  o += "<h1>The teacher labour market: which parameters matter</h1>\n";
  o += page_provenance(r.study_file, r.tlm_version, r.created, r.command);

  std::string design;
  switch (m) {
    case Method::Sobol:
      design = fmt::format("Sobol indices from Saltelli's sampling: {} base samples, {} model points",
                           r.samples, r.points);
      break;
    case Method::Morris:
      design =
          fmt::format("Morris elementary effects: {} trajectories on a grid of {} levels, {} model points",
                      r.samples, r.levels, r.points);
      break;
    case Method::Oat:
      design = fmt::format(
          "one parameter at a time: the base values and each parameter at its low and high end, "
          "{} model points",
          r.points);
      break;
  }
  const std::string took = duration_text(r.seconds);
  o += fmt::format(
      "<p>How the outcomes of the scenario <strong>{}</strong>{} respond to {} parameter{} over the ranges "
      "of the "
      "study <code>{}</code>. Method: {}; {} replication{} at each point (seed {}, design seed {}){}.</p>\n",
      html_escape(r.scenario),
      r.alternatives.empty() ? ""
                             : html_escape(fmt::format(" and the effects of {}",
                                                       fmt::format("{}", fmt::join(r.alternatives, ", ")))),
      r.parameters.size(), r.parameters.size() == 1 ? "" : "s", html_escape(r.study_file),
      html_escape(design), r.replications, r.replications == 1 ? "" : "s", r.seed, r.design_seed,
      took.empty() ? "" : "; the runs took " + took);

  o += "<section id=\"summary\">\n<h2>What matters most</h2>\n<ul class=\"summary\">\n";
  for (const auto& out : r.outputs) o += "<li>" + html_escape(ranking_sentence(r, out)) + "</li>\n";
  o += "</ul>\n</section>\n";

  o += how_to_read(r, m);

  o += "<section id=\"parameters\">\n<h2>The parameters and their ranges</h2>\n";
  o += parameter_table(r);
  o += "<details><summary>The study file</summary>\n<pre>" + html_escape(r.study_text) +
       "</pre>\n</details>\n";
  o += "</section>\n";

  for (std::size_t n = 0; n < r.outputs.size(); ++n) {
    const auto& out = r.outputs[n];
    o += fmt::format("<section id=\"output-{}\" class=\"output\">\n<h2>{}</h2>\n", n,
                     html_escape(out.description.empty() ? out.name : out.description));
    o += fmt::format("<p class=\"meta\"><code>{}</code>{}; mean over the points {}{}.</p>\n",
                     html_escape(out.name), out.unit.empty() ? "" : html_escape(", in " + out.unit),
                     html_escape(out.unit == "share" ? percent(out.mean, 2) : amount(out.mean, out.unit)),
                     out.effect
                         ? html_escape(fmt::format("; the paired effect of {} against {} (common random "
                                                   "numbers)",
                                                   out.alternative, r.scenario))
                         : "");
    switch (m) {
      case Method::Sobol:
        o += sobol_section(r, out, n);
        break;
      case Method::Morris:
        o += morris_section(r, out, n);
        break;
      case Method::Oat:
        o += oat_section(r, out, n);
        break;
    }
    o += noise_note(r, m, out);
    o += "</section>\n";
  }
  write_text_file(path, page_end(std::move(o)), "the report");
}

}  // namespace tlm::analysis
