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
#include "analysis/stats.hpp"
#include "analysis/svg.hpp"

namespace tlm::analysis {
namespace {

constexpr std::size_t kBins = 20;  // of a posterior histogram, equal on the prior's scale

std::string num(double v) {
  if (std::isnan(v)) return "–";
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  return fmt::format("{:.4g}", v);
}

// A parameter's value at a share `u` of its prior's range, on the prior's scale (as tlm calibrate maps).
double prior_value(const CalibrationParameter& p, double u) {
  return p.log ? std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)))
               : p.low + u * (p.high - p.low);
}

std::string prior_text(const CalibrationParameter& p) {
  return fmt::format("{}uniform on [{}, {}]", p.log ? "log-" : "", num(p.low), num(p.high));
}

struct Band {
  double median, p05, p95;
};
Band band(const std::vector<double>& x, const std::vector<double>& w) {
  return {weighted_quantile(x, w, 0.5), weighted_quantile(x, w, 0.05), weighted_quantile(x, w, 0.95)};
}

std::string band_cells(const Band& b) {
  return fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                     num(b.median), num(b.p05), num(b.p95));
}

// A correlation as a cell of the heat map: orange for positive, blue for negative, stronger for larger |r|.
std::string correlation_cell(double r) {
  if (std::isnan(r)) return "<td class=\"num\">–</td>";
  const double a = std::min(1.0, std::fabs(r)) * 0.85;
  const std::string rgb = r >= 0 ? "230,159,0" : "0,114,178";
  // A true minus sign, as in the other reports' numbers.
  const std::string text = r < 0 ? fmt::format("−{:.2f}", -r) : fmt::format("+{:.2f}", r);
  return fmt::format("<td class=\"num\" style=\"background: rgba({},{:.2f})\">{}</td>", rgb, a, text);
}

}  // namespace

std::string calibration_report_html(const std::string& h5path, const std::string& shown) {
  const CalibrationResults c = load_calibration_results(h5path);
  const auto& prior = c.generations.front();
  const auto& post = c.generations.back();
  const std::size_t G = c.generations.size(), k = c.k(), m = c.m();
  const std::string scenario = c.scenario.empty() ? std::string("its base scenario") : c.scenario;
  const auto& pal = svg::palette();
  std::vector<std::string> keys, labels;
  for (const auto& p : c.parameters) keys.push_back(p.key);
  for (const auto& t : c.targets) labels.push_back(t.label);

  std::string o = page_head("calibration of " + scenario);
  o += fmt::format("<h1>Calibration of {}</h1>\n", html_escape(scenario));
  o += page_provenance(shown.empty() ? h5path : shown, c.tlm_version, c.created, c.command);

  // The summary: what was fitted, to what, how far it got, and what that does and does not mean.
  o += "<section id=\"summary\">\n<h2>Summary</h2>\n";
  o += fmt::format(
      "<p>ABC-SMC (sequential Monte Carlo approximate Bayesian computation) fitted {} parameter{} ({}) of {} "
      "to "
      "{} measured target{} ({}). It ran {} generation{} of {} particles: generation 0 drawn from the prior, "
      "each next one proposed from the last and kept when its distance was within that generation's "
      "tolerance{}. The distance of a particle is the sum over the targets of (simulated − measured)² / (sd² "
      "+ "
      "the replication noise of the simulated mean). The final tolerance is <strong>{}</strong>{}.</p>\n",
      k, k > 1 ? "s" : "", html_escape(fmt::format("{}", fmt::join(keys, ", "))), html_escape(scenario), m,
      m > 1 ? "s" : "", html_escape(fmt::format("{}", fmt::join(labels, "; "))), G, G > 1 ? "s" : "",
      post.particles,
      c.replications > 0 ? fmt::format("; every particle is the mean of {} replication{}", c.replications,
                                       c.replications > 1 ? "s" : "")
                         : std::string(),
      num(post.tolerance),
      G == 1
          ? " (only the prior was drawn: nothing has been fitted yet)"
          : fmt::format("; a model that reproduces every target within its sd gives about {} (the number of "
                        "targets)",
                        m));
  if (G > 1 && post.tolerance > 1.5 * static_cast<double>(m))
    o += fmt::format(
        "<p class=\"note\"><strong>The fit is looser than the targets' sd</strong>: the final tolerance {} "
        "is "
        "well above {}. More generations may narrow it; if acceptance has fallen very low, the model may not "
        "reproduce these targets together within the priors.</p>\n",
        num(post.tolerance), m);
  o += "<ul class=\"summary\">\n";
  for (std::size_t j = 0; j < k; ++j) {
    const auto b = band(c.parameter_values(post, j), post.weight);
    o += fmt::format("<li><strong>{}</strong>: posterior median {}, 90% interval {} to {} (prior {}).</li>\n",
                     html_escape(c.parameters[j].key), num(b.median), num(b.p05), num(b.p95),
                     prior_text(c.parameters[j]));
  }
  for (std::size_t t = 0; t < m; ++t) {
    const auto after = band(c.simulated_values(post, t), post.weight);
    o += fmt::format(
        "<li><strong>{}</strong>: measured {} ± {}; simulated after the fit {} (5–95%: {} to {}).</li>\n",
        html_escape(c.targets[t].label), num(c.targets[t].measured), num(c.targets[t].sd), num(after.median),
        num(after.p05), num(after.p95));
  }
  o += "</ul>\n";
  o += "<p class=\"note\"><strong>What this does and does not say.</strong> The posterior says which "
       "parameter "
       "values reproduce the targets within their sd, given the model and the priors. It does not validate "
       "the "
       "model's structure: a model with wrong mechanisms can fit a few targets too, and values outside the "
       "priors were never tried. Check the fitted model against data it was not fitted to.</p>\n";

  // Each target: measured (± sd) against the prior and posterior predictive.
  o += "</section>\n<section id=\"targets\">\n<h2>The targets: measured and simulated</h2>\n";
  o += fmt::format(
      "<p class=\"note\"><em>Before</em> is the prior predictive: the simulated values of generation 0, "
      "whose "
      "particles are drawn from the prior. <em>After</em> is the posterior predictive: the simulated values "
      "of "
      "the last generation ({}), weighted by the particles' weights. Bars hold the 5th to 95th (weighted) "
      "percentile of the particles, the tick is the median; the dashed line is the measured value and the "
      "shaded band its ± sd. Each particle's value is the mean over its replications, so the bars show the "
      "spread due to the parameters, not that of a single run.</p>\n<div class=\"wide\">\n",
      G - 1);
  std::string rows;
  for (std::size_t t = 0; t < m; ++t) {
    const auto& target = c.targets[t];
    const auto before = band(c.simulated_values(prior, t), prior.weight);
    const auto after = band(c.simulated_values(post, t), post.weight);
    svg::BarChart chart;
    chart.x_label = target.label;
    chart.include_zero = false;
    chart.legend = {{"prior predictive (generation 0), 5–95%", pal[0]},
                    {fmt::format("posterior predictive (generation {}), 5–95%", G - 1), pal[1]}};
    chart.reference = target.measured;
    chart.reference_label = "measured";
    chart.shade_from = target.measured - target.sd;
    chart.shade_to = target.measured + target.sd;
    chart.shade_label = "measured ± sd";
    auto bar = [](const Band& b, const std::string& colour) {
      return svg::Bar{b.p05, b.p95, b.median, b.median, colour};
    };
    o += svg::bar_chart(
        fmt::format("target-{}", t), "chart", target.label, chart,
        {{"before (prior)", {bar(before, pal[0])}}, {"after (posterior)", {bar(after, pal[1])}}});
    rows += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}{}</tr>\n",
                        html_escape(target.label), num(target.measured), num(target.sd), band_cells(before),
                        band_cells(after));
  }
  o += "</div>\n";
  o += fmt::format(
      "<table id=\"targets-table\" class=\"calibration-targets\"><thead><tr><th>target</th><th "
      "class=\"num\">measured</th><th class=\"num\">± sd</th><th class=\"num\">before: median</th><th "
      "class=\"num\">5%</th><th class=\"num\">95%</th><th class=\"num\">after: median</th><th "
      "class=\"num\">5%</th><th class=\"num\">95%</th></tr></thead><tbody>\n{}</tbody></table>\n",
      rows);

  // The marginal posteriors over their priors.
  o += "</section>\n<section id=\"posterior\">\n<h2>The posterior of each parameter</h2>\n";
  o += fmt::format(
      "<p class=\"note\">Each chart spans the prior's range: the bars are the share of the last generation's "
      "weight in each of {} bins of equal width on the prior's scale (logarithmic for a log-uniform prior), "
      "the "
      "dashed line is what the prior alone puts in each bin, the solid line is the posterior median and the "
      "shaded band the 90% interval (the 5th to 95th weighted percentile): given the model, the priors and "
      "the "
      "targets' sd, the parameter lies in it with about 90% probability. ABC accepts within a tolerance, so "
      "this posterior is somewhat wider than the exact one would be.</p>\n<div class=\"charts\">\n",
      kBins);
  rows.clear();
  for (std::size_t j = 0; j < k; ++j) {
    const auto& p = c.parameters[j];
    const auto x = c.parameter_values(post, j);
    const auto b = band(x, post.weight);
    svg::Histogram h;
    h.x_label = p.key + (p.log ? " (log scale)" : "");
    h.y_label = "share of the weight";
    h.y_percent = true;
    h.x_log = p.log;
    h.colour = pal[1];
    h.bars_label = "posterior";
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
    h.level_label = "prior";
    h.marker = b.median;
    h.marker_label = "median";
    h.shade_from = b.p05;
    h.shade_to = b.p95;
    h.shade_label = "90% interval";
    o += svg::histogram(fmt::format("parameter-{}", j), "chart", p.key, h);
    const double prior_width = prior_value(p, 0.95) - prior_value(p, 0.05);
    rows += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}<td "
        "class=\"num\">{}</td></tr>\n",
        html_escape(p.key), prior_text(p), num(prior_value(p, 0.05)), num(prior_value(p, 0.95)),
        band_cells(b), prior_width > 0 ? percent((b.p95 - b.p05) / prior_width, 0) : std::string("–"));
  }
  o += "</div>\n";
  o += fmt::format(
      "<table id=\"posterior-table\" "
      "class=\"calibration-posterior\"><thead><tr><th>parameter</th><th>prior</th><th "
      "class=\"num\">prior 5%</th><th class=\"num\">prior 95%</th><th class=\"num\">posterior median</th><th "
      "class=\"num\">5%</th><th class=\"num\">95%</th><th class=\"num\">90% interval / "
      "prior's</th></tr></thead>"
      "<tbody>\n{}</tbody></table>\n",
      rows);
  o += "<p class=\"note\">The last column compares the widths of the posterior's and the prior's 90% "
       "intervals: "
       "near 100%, the targets say little about that parameter.</p>\n";

  // Pairwise posterior correlations.
  o += "</section>\n<section id=\"correlations\">\n<h2>Posterior correlations</h2>\n";
  if (k < 2) {
    o += "<p>One parameter was fitted: there are no pairs.</p>\n";
  } else {
    o +=
        "<p class=\"note\">Weighted Pearson correlations between the parameters over the last generation, on "
        "each prior's scale (the logarithm for a log-uniform prior). Near +1 or −1: the targets pin down a "
        "combination of the two rather than each, and one can make up for the other.</p>\n";
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
                    : correlation_cell(weighted_correlation(scaled[i], scaled[j], post.weight));
      o += "</tr>\n";
    }
    o += "</tbody></table>\n";
  }

  // How the generations went.
  o += "</section>\n<section id=\"generations\">\n<h2>The generations</h2>\n";
  o +=
      "<p class=\"note\">Per generation: the tolerance (a proposal is kept when its distance is within it; "
      "generation 0 keeps every prior draw), the proposals simulated, the acceptance rate (accepted / "
      "proposals) and the effective "
      "sample size of the weights, (Σw)² / Σw² (how many equally weighted particles carry as much "
      "information). A falling acceptance rate is the price of a tighter tolerance; a small effective sample "
      "size means a few particles carry the posterior.</p>\n<div class=\"charts\">\n";
  svg::Series acceptance{"acceptance rate", pal[0], {}, {}, {}, {}, {}, {}, false, true, {}, {}, {}};
  svg::Series ess{"ESS / particles", pal[2], {}, {}, {}, {}, {}, {}, true, true, {}, {}, {}};
  svg::Series tolerance{"tolerance", pal[1], {}, {}, {}, {}, {}, {}, false, true, {}, {}, {}};
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
        g, num(gen.tolerance), thousands(static_cast<double>(gen.proposals)),
        thousands(static_cast<double>(gen.particles)), percent(gen.acceptance_rate()), thousands(gen.ess, 1));
  }
  svg::Axes rates;
  rates.x_label = "generation";
  rates.y_label = "share";
  rates.y_percent = true;
  rates.x_pad = 0.2;
  o += svg::line_chart("generations-rates", "chart", "Acceptance and effective sample size", rates,
                       {acceptance, ess});
  if (!tolerance.x.empty()) {
    svg::Axes tol;
    tol.x_label = "generation";
    tol.y_label = "tolerance (distance)";
    tol.x_pad = 0.2;
    if (G > 1) tol.x_min = 0, tol.x_max = static_cast<double>(G - 1);
    o += svg::line_chart("generations-tolerance", "chart", "Tolerance", tol, {tolerance});
  }
  o += "</div>\n";
  o += fmt::format(
      "<table id=\"generations-table\" class=\"calibration-generations\"><thead><tr><th "
      "class=\"num\">generation</th><th class=\"num\">tolerance</th><th class=\"num\">proposals</th><th "
      "class=\"num\">accepted</th><th class=\"num\">acceptance rate</th><th class=\"num\">effective sample "
      "size</th></tr></thead><tbody>\n{}</tbody></table>\n",
      rows);

  o += "</section>\n<section id=\"file\">\n<h2>The calibration file</h2>\n";
  o += "<details><summary>The calibration file</summary>\n<pre>" + html_escape(c.calibration) +
       "</pre>\n</details>\n";
  o += "</section>\n";
  return page_end(std::move(o));
}

}  // namespace tlm::analysis
