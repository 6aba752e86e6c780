// The HTML report of a calibration file (docs/calibration.md, "The report"): what was fitted to what, each
// target measured against simulated before (the prior predictive, generation 0) and after (the posterior
// predictive, the last generation), the marginal posterior of each parameter over its prior, the pairwise
// posterior correlations and how the generations went. Same page, style and chart code as the other reports.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "analysis/calibration_results.hpp"
#include "analysis/format.hpp"
#include "analysis/page.hpp"
#include "analysis/report.hpp"
#include "analysis/report_text.hpp"
#include "analysis/stats.hpp"
#include "analysis/svg.hpp"

namespace tlm::analysis {
namespace {

constexpr std::size_t kBins = 20;  // of a posterior histogram, equal on the prior's scale

std::string num(double v, Lang lang) {
  if (std::isnan(v)) return "–";
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  return localize(fmt::format("{:.4g}", v), lang);
}

template <typename... Args>
std::string f(const char* text, const Args&... args) {
  return fmt::format(fmt::runtime(text), args...);
}

// A key or a target's label as the file names it: in a Dutch page a name in <code>, not English text.
std::string name_text(const std::string& name, Lang lang) {
  return lang == Lang::nl ? fmt::format("<code>{}</code>", html_escape(name)) : html_escape(name);
}

// A parameter's value at a share `u` of its prior's range, on the prior's scale (as tlm calibrate maps).
double prior_value(const CalibrationParameter& p, double u) {
  return p.log ? std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)))
               : p.low + u * (p.high - p.low);
}

std::string prior_text(const CalibrationParameter& p, Lang lang) {
  const auto& w = calibration_words(lang);
  return f(p.log ? w.log_uniform : w.uniform, num(p.low, lang), num(p.high, lang));
}

struct Band {
  double median, p05, p95;
};
Band band(const std::vector<double>& x, const std::vector<double>& w) {
  return {weighted_quantile(x, w, 0.5), weighted_quantile(x, w, 0.05), weighted_quantile(x, w, 0.95)};
}

std::string band_cells(const Band& b, Lang lang) {
  return fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                     num(b.median, lang), num(b.p05, lang), num(b.p95, lang));
}

// A correlation as a cell of the heat map: orange for positive, blue for negative, stronger for larger |r|.
std::string correlation_cell(double r, Lang lang) {
  if (std::isnan(r)) return "<td class=\"num\">–</td>";
  const double a = std::min(1.0, std::fabs(r)) * 0.85;
  const std::string rgb = r >= 0 ? "230,159,0" : "0,114,178";
  // A true minus sign, as in the other reports' numbers.
  const std::string text = r < 0 ? fmt::format("−{:.2f}", -r) : fmt::format("+{:.2f}", r);
  return fmt::format("<td class=\"num\" style=\"background: rgba({},{:.2f})\">{}</td>", rgb, a,
                     localize(text, lang));
}

}  // namespace

std::string calibration_report_html(const std::string& h5path, Lang lang, const std::string& shown) {
  const auto& w = calibration_words(lang);
  const auto n = [lang](double v) { return num(v, lang); };
  const CalibrationResults c = load_calibration_results(h5path);
  const auto& prior = c.generations.front();
  const auto& post = c.generations.back();
  const std::size_t G = c.generations.size(), k = c.k(), m = c.m();
  const std::string scenario = c.scenario.empty() ? std::string(w.its_base) : c.scenario;
  const auto& pal = svg::palette();
  std::vector<std::string> keys, labels;
  std::vector<std::string> key_names, label_names;  // as the summary shows them
  for (const auto& p : c.parameters) keys.push_back(p.key), key_names.push_back(name_text(p.key, lang));
  for (const auto& t : c.targets) labels.push_back(t.label), label_names.push_back(name_text(t.label, lang));

  std::string o = page_head(f(w.title, scenario), words(lang).code);
  o += fmt::format("<h1>{}</h1>\n", f(w.h1, html_escape(scenario)));
  o += page_provenance(shown.empty() ? h5path : shown, c.tlm_version, c.created, c.command, lang);

  // The summary: what was fitted, to what, how far it got, and what that does and does not mean.
  o += fmt::format("<section id=\"summary\">\n<h2>{}</h2>\n", w.h_summary);
  o += fmt::format("<p>{}</p>\n",
                   f(w.summary, k, k > 1 ? w.parameters : w.parameter, fmt::join(key_names, ", "),
                     html_escape(scenario), m, m > 1 ? w.targets : w.target, fmt::join(label_names, "; "), G,
                     G > 1 ? w.generations : w.generation, post.particles,
                     c.replications > 0 ? f(w.replications_clause, c.replications,
                                            c.replications > 1 ? w.replications : w.replication)
                                        : std::string(),
                     n(post.tolerance), G == 1 ? std::string(w.only_prior) : f(w.about_m, m)));
  if (G > 1 && post.tolerance > 1.5 * static_cast<double>(m))
    o += fmt::format("<p class=\"note\">{}</p>\n", f(w.loose, n(post.tolerance), m));
  o += "<ul class=\"summary\">\n";
  for (std::size_t j = 0; j < k; ++j) {
    const auto b = band(c.parameter_values(post, j), post.weight);
    o += fmt::format("<li>{}</li>\n", f(w.li_parameter, name_text(c.parameters[j].key, lang), n(b.median),
                                        n(b.p05), n(b.p95), prior_text(c.parameters[j], lang)));
  }
  for (std::size_t t = 0; t < m; ++t) {
    const auto after = band(c.simulated_values(post, t), post.weight);
    o += fmt::format("<li>{}</li>\n",
                     f(w.li_target, name_text(c.targets[t].label, lang), n(c.targets[t].measured),
                       n(c.targets[t].sd), n(after.median), n(after.p05), n(after.p95)));
  }
  o += "</ul>\n";
  o += fmt::format("<p class=\"note\">{}</p>\n", w.what_it_says);

  // Each target: measured (± sd) against the prior and posterior predictive.
  o += fmt::format("</section>\n<section id=\"targets\">\n<h2>{}</h2>\n", w.h_targets);
  o += fmt::format("<p class=\"note\">{}</p>\n<div class=\"wide\">\n", f(w.targets_note, G - 1));
  std::string rows;
  for (std::size_t t = 0; t < m; ++t) {
    const auto& target = c.targets[t];
    const auto before = band(c.simulated_values(prior, t), prior.weight);
    const auto after = band(c.simulated_values(post, t), post.weight);
    svg::BarChart chart;
    chart.x_label = target.label;
    chart.include_zero = false;
    chart.legend = {{w.legend_before, pal[0]}, {f(w.legend_after, G - 1), pal[1]}};
    chart.reference = target.measured;
    chart.reference_label = w.measured;
    chart.shade_from = target.measured - target.sd;
    chart.shade_to = target.measured + target.sd;
    chart.shade_label = w.measured_sd;
    chart.decimal_comma = lang == Lang::nl;
    auto bar = [](const Band& b, const std::string& colour) {
      return svg::Bar{b.p05, b.p95, b.median, b.median, colour};
    };
    o += svg::bar_chart(fmt::format("target-{}", t), "chart", target.label, chart,
                        {{w.before_prior, {bar(before, pal[0])}}, {w.after_posterior, {bar(after, pal[1])}}});
    rows += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}{}</tr>\n",
                        name_text(target.label, lang), n(target.measured), n(target.sd),
                        band_cells(before, lang), band_cells(after, lang));
  }
  o += "</div>\n";
  o += fmt::format(
      "<table id=\"targets-table\" class=\"calibration-targets\"><thead><tr><th>{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">± sd</th><th class=\"num\">{}</th><th "
      "class=\"num\">5%</th><th class=\"num\">95%</th><th class=\"num\">{}</th><th "
      "class=\"num\">5%</th><th class=\"num\">95%</th></tr></thead><tbody>\n{}</tbody></table>\n",
      w.target_col, w.measured, w.before_median, w.after_median, rows);

  // The marginal posteriors over their priors.
  o += fmt::format("</section>\n<section id=\"posterior\">\n<h2>{}</h2>\n", w.h_posterior);
  o += fmt::format("<p class=\"note\">{}</p>\n<div class=\"charts\">\n", f(w.posterior_note, kBins));
  rows.clear();
  for (std::size_t j = 0; j < k; ++j) {
    const auto& p = c.parameters[j];
    const auto x = c.parameter_values(post, j);
    const auto b = band(x, post.weight);
    svg::Histogram h;
    h.x_label = p.key + (p.log ? w.log_scale : "");
    h.y_label = w.share_of_weight;
    h.decimal_comma = lang == Lang::nl;
    h.y_percent = true;
    h.x_log = p.log;
    h.colour = pal[1];
    h.bars_label = w.posterior;
    for (std::size_t i = 0; i <= kBins; ++i)
      h.edges.push_back(prior_value(p, static_cast<double>(i) / static_cast<double>(kBins)));
    h.heights.assign(kBins, 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i])) continue;
      const double u =
          p.log ? std::log(x[i] / p.low) / std::log(p.high / p.low) : (x[i] - p.low) / (p.high - p.low);
      const auto bin = static_cast<std::size_t>(std::clamp(u, 0.0, 1.0 - 1e-12) * static_cast<double>(kBins));
      h.heights[bin] += post.weight[i];
      total += post.weight[i];
    }
    if (total > 0)
      for (double& v : h.heights) v /= total;
    h.level = 1.0 / static_cast<double>(kBins);
    h.level_label = w.prior;
    h.marker = b.median;
    h.marker_label = w.median;
    h.shade_from = b.p05;
    h.shade_to = b.p95;
    h.shade_label = w.interval90;
    o += svg::histogram(fmt::format("parameter-{}", j), "chart", p.key, h);
    const double prior_width = prior_value(p, 0.95) - prior_value(p, 0.05);
    rows += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}<td "
        "class=\"num\">{}</td></tr>\n",
        html_escape(p.key), prior_text(p, lang), n(prior_value(p, 0.05)), n(prior_value(p, 0.95)),
        band_cells(b, lang),
        prior_width > 0 ? localize(percent((b.p95 - b.p05) / prior_width, 0), lang) : std::string("–"));
  }
  o += "</div>\n";
  o += fmt::format(
      "<table id=\"posterior-table\" "
      "class=\"calibration-posterior\"><thead><tr><th>{}</th><th>{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">5%</th><th class=\"num\">95%</th><th class=\"num\">{}</th></tr></thead>"
      "<tbody>\n{}</tbody></table>\n",
      w.parameter_col, w.prior, w.prior_5, w.prior_95, w.posterior_median, w.width_ratio, rows);
  o += fmt::format("<p class=\"note\">{}</p>\n", w.width_note);

  // Pairwise posterior correlations.
  o += fmt::format("</section>\n<section id=\"correlations\">\n<h2>{}</h2>\n", w.h_correlations);
  if (k < 2) {
    o += fmt::format("<p>{}</p>\n", w.one_parameter);
  } else {
    o += fmt::format("<p class=\"note\">{}</p>\n", w.correlations_note);
    std::vector<std::vector<double>> scaled;
    for (std::size_t j = 0; j < k; ++j) {
      auto x = c.parameter_values(post, j);
      if (c.parameters[j].log)
        for (double& v : x) v = v > 0 ? std::log(v) : std::numeric_limits<double>::quiet_NaN();
      scaled.push_back(std::move(x));
    }
    o += "<table id=\"correlations-table\" class=\"calibration-correlations\"><thead><tr><th></th>";
    for (std::size_t j = 0; j < k; ++j)
      o += fmt::format("<th class=\"num\"><code>{}</code></th>", html_escape(keys[j]));
    o += "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < k; ++i) {
      o += fmt::format("<tr><th><code>{}</code></th>", html_escape(keys[i]));
      for (std::size_t j = 0; j < k; ++j)
        o += i == j ? std::string("<td class=\"num\">1</td>")
                    : correlation_cell(weighted_correlation(scaled[i], scaled[j], post.weight), lang);
      o += "</tr>\n";
    }
    o += "</tbody></table>\n";
  }

  // How the generations went.
  o += fmt::format("</section>\n<section id=\"generations\">\n<h2>{}</h2>\n", w.h_generations);
  o += fmt::format("<p class=\"note\">{}</p>\n<div class=\"charts\">\n", w.generations_note);
  svg::Series acceptance{w.acceptance_rate, pal[0], {}, {}, {}, {}, {}, {}, false, true, {}, {}, {}};
  svg::Series ess{w.ess_series, pal[2], {}, {}, {}, {}, {}, {}, true, true, {}, {}, {}};
  svg::Series tolerance{w.tolerance, pal[1], {}, {}, {}, {}, {}, {}, false, true, {}, {}, {}};
  rows.clear();
  for (std::size_t g = 0; g < G; ++g) {
    const auto& gen = c.generations[g];
    const double x = static_cast<double>(g);
    acceptance.x.push_back(x);
    acceptance.y.push_back(gen.acceptance_rate());
    ess.x.push_back(x);
    ess.y.push_back(gen.particles ? gen.ess / static_cast<double>(gen.particles) : 0.0);
    if (std::isfinite(gen.tolerance)) tolerance.x.push_back(x), tolerance.y.push_back(gen.tolerance);
    rows += fmt::format(
        "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        g, n(gen.tolerance), localize(thousands(static_cast<double>(gen.proposals)), lang),
        localize(thousands(static_cast<double>(gen.particles)), lang),
        localize(percent(gen.acceptance_rate()), lang), localize(thousands(gen.ess, 1), lang));
  }
  svg::Axes rates;
  rates.x_label = w.generation_col;
  rates.y_label = w.share;
  rates.decimal_comma = lang == Lang::nl;
  rates.y_percent = true;
  rates.x_pad = 0.2;
  o += svg::line_chart("generations-rates", "chart", w.rates_title, rates, {acceptance, ess});
  if (!tolerance.x.empty()) {
    svg::Axes tol;
    tol.x_label = w.generation_col;
    tol.y_label = w.tolerance_axis;
    tol.decimal_comma = lang == Lang::nl;
    tol.x_pad = 0.2;
    if (G > 1) tol.x_min = 0, tol.x_max = static_cast<double>(G - 1);
    o += svg::line_chart("generations-tolerance", "chart", w.tolerance_title, tol, {tolerance});
  }
  o += "</div>\n";
  o += fmt::format(
      "<table id=\"generations-table\" class=\"calibration-generations\"><thead><tr><th "
      "class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>\n{}"
      "</tbody></table>\n",
      w.generation_col, w.tolerance, w.proposals, w.accepted, w.acceptance_rate, w.ess_col, rows);

  o += fmt::format(
      "</section>\n<section id=\"file\">\n<h2>{0}</h2>\n<details><summary>{0}</summary>\n<pre>{1}"
      "</pre>\n</details>\n",
      w.h_file, html_escape(c.calibration));
  o += "</section>\n";
  return page_end(std::move(o));
}

}  // namespace tlm::analysis
