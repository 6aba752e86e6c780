#include "analysis/svg.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "analysis/format.hpp"

namespace tlm::analysis::svg {
namespace {

// Layout in SVG user units; the viewBox scales it to the page width.
constexpr double kWidth = 640, kHeight = 300;
constexpr double kLeft = 72, kTop = 34, kBottom = 48;
// Line charts: the plot's right edge (their legend is under the plot) and the legend's left edge.
constexpr double kLineRight = 24, kLegendLeft = 16;

struct Scale {
  double d0, d1, r0, r1;
  double operator()(double v) const {
    return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }
};

// A number with the decimal comma of Dutch (12.345,6) instead of the English point (12,345.6).
std::string with_comma(std::string t, bool comma) {
  if (comma)
    for (char& c : t) c = c == ',' ? '.' : c == '.' ? ',' : c;
  return t;
}

std::string tick_text(double v, bool percent, bool year) {
  if (year) return fmt::format("{}", static_cast<long>(std::lround(v)));
  if (percent) {
    const double p = 100 * v;
    return fmt::format("{}%", std::fabs(p - std::round(p)) < 1e-9 ? thousands(p, 0) : thousands(p, 1));
  }
  const bool whole = std::fabs(v - std::round(v)) < 1e-9;
  return whole ? thousands(v, 0) : thousands(v, std::fabs(v) < 1 ? 2 : 1);
}

// A tick of a value axis (a parameter's values: 0.005, 0.25, 5,000) with the fewest decimals (up to 6)
// that show it exactly, so that small values do not all read as "0.01".
std::string value_text(double v) {
  int decimals = 0;
  while (decimals < 6 && std::fabs(v * std::pow(10.0, decimals) - std::round(v * std::pow(10.0, decimals))) >
                             1e-6 * std::max(1.0, std::fabs(v * std::pow(10.0, decimals))))
    ++decimals;
  return thousands(v, decimals);
}

// Ticks of a logarithmic axis over [lo, hi] (lo > 0): 1, 2 and 5 times the powers of ten inside it, thinned
// to 1 and 10 over many decades; a range within one decade gets linear ticks.
std::vector<double> log_ticks(double lo, double hi) {
  std::vector<double> t;
  const int first = static_cast<int>(std::floor(std::log10(lo))),
            last = static_cast<int>(std::ceil(std::log10(hi)));
  const std::vector<double> steps =
      last - first > 4 ? std::vector<double>{1.0} : std::vector<double>{1.0, 2.0, 5.0};
  for (int e = first; e <= last; ++e)
    for (double m : steps) {
      const double v = m * std::pow(10.0, e);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) t.push_back(v);
    }
  if (t.size() < 3) {
    t.clear();
    for (double v : nice_ticks(lo, hi, 4))
      if (v > 0) t.push_back(v);
  }
  return t;
}

template <class ScaleX>
std::string polyline(const std::vector<double>& x, const std::vector<double>& y, const ScaleX& sx,
                     const Scale& sy) {
  std::string pts;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (std::isfinite(y[i])) pts += fmt::format("{:.1f},{:.1f} ", sx(x[i]), sy(y[i]));
  return pts;
}

template <class ScaleX>
std::string band_polygon(const std::vector<double>& x, const std::vector<double>& lo,
                         const std::vector<double>& hi, const ScaleX& sx, const Scale& sy) {
  std::string pts;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(hi[i])) pts += fmt::format("{:.1f},{:.1f} ", sx(x[i]), sy(hi[i]));
  for (std::size_t i = x.size(); i-- > 0;)
    if (std::isfinite(lo[i])) pts += fmt::format("{:.1f},{:.1f} ", sx(x[i]), sy(lo[i]));
  return pts;
}

// Charts of labelled rows (forest plots, bar charts) put each row's label above its marks, left-aligned, and
// give the marks the chart's whole width: the labels have room for large text, and the page's style sheet
// makes it larger on a narrow screen (svg[data-labels="above"], docs/report.md "Layout").
constexpr double kRowsLeft = 12, kRowsRight = 24, kRowLabel = 14, kRowMarks = 22;

std::string open_svg(const std::string& id, const std::string& css_class, const std::string& title,
                     double height, double width = kWidth, bool labels_above = false) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"{1}\" viewBox=\"0 0 {2} {3}\" role=\"img\" aria-labelledby=\"{0}-title\" "
      "xmlns=\"http://www.w3.org/2000/svg\"{6}>\n<title id=\"{0}-title\">{4}</title>\n"
      "<text x=\"{5}\" y=\"20\" class=\"chart-title\">{4}</text>\n",
      html_escape(id), html_escape(css_class), width, height, html_escape(title),
      labels_above ? kRowsLeft : kLeft, labels_above ? " data-labels=\"above\"" : "");
}

// The label of a row of a chart of labelled rows, its baseline `kRowLabel` below the row's top `y`.
std::string row_label(double y, const std::string& label) {
  return fmt::format("<text class=\"row-label\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", kRowsLeft,
                     y + kRowLabel, html_escape(label));
}

// Legend entries in a row (wrapping) under the title, from x0 to x1; returns the y below them. Kinds: a
// colour swatch, a dashed reference line or a light shaded band.
struct LegendEntry {
  enum Kind { Swatch, Dashed, Shade } kind;
  std::string label, colour;
};

std::string legend_row(const std::vector<LegendEntry>& entries, double x0, double x1, double y,
                       double* below) {
  std::string o;
  double x = x0;
  for (const auto& e : entries) {
    // About 6 units a character at the legend's 11px: enough to keep the entries apart.
    const double w = 26 + 6.2 * static_cast<double>(e.label.size());
    if (x > x0 && x + w > x1) x = x0, y += 18;
    switch (e.kind) {
      case LegendEntry::Swatch:
        o += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"10\" fill=\"{}\"/>", x, y - 9,
                         e.colour);
        break;
      case LegendEntry::Dashed:
        o += fmt::format("<line class=\"zero\" x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>",
                         x, x + 14, y - 4);
        break;
      case LegendEntry::Shade:
        o += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"10\" fill=\"#000\" "
            "fill-opacity=\"0.1\"/>",
            x, y - 9);
        break;
    }
    o += fmt::format("<text class=\"legend\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x + 18, y,
                     html_escape(e.label));
    x += w;
  }
  *below = entries.empty() ? y - 18 : y;
  return o;
}

std::string shade_rect(double x0, double x1, double y0, double y1) {
  return fmt::format(
      "<rect class=\"noise\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#000\" "
      "fill-opacity=\"0.1\"/>\n",
      std::min(x0, x1), std::min(y0, y1), std::fabs(x1 - x0), std::fabs(y1 - y0));
}

}  // namespace

const std::vector<std::string>& palette() {
  static const std::vector<std::string> p{"#0072B2", "#D55E00", "#009E73", "#AA3377", "#8C6D00",
                                          "#000000", "#E7298A", "#332288", "#5E8C00", "#661100",
                                          "#00838F", "#9467BD", "#555555"};
  return p;
}

const std::string& scenario_colour(std::size_t i) {
  const auto& p = palette();
  return i == 0 ? p.front() : p[1 + (i - 1) % (p.size() - 1)];
}

std::vector<double> nice_ticks(double lo, double hi, int n) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (hi <= lo) return {lo};
  const double raw = (hi - lo) / std::max(1, n);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> t;
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
    t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return t;
}

std::string line_chart(const std::string& id, const std::string& css_class, const std::string& title,
                       const Axes& axes, const std::vector<Series>& series) {
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  auto grow = [&](const std::vector<double>& v, bool is_x) {
    for (double d : v)
      if (std::isfinite(d)) {
        (is_x ? x0 : y0) = std::min(is_x ? x0 : y0, d);
        (is_x ? x1 : y1) = std::max(is_x ? x1 : y1, d);
      }
  };
  for (const auto& s : series) {
    grow(s.x, true);
    grow(s.dot_x, true);
    for (const auto* v : {&s.y, &s.lo90, &s.hi90, &s.lo50, &s.hi50, &s.dot_y}) grow(*v, false);
  }
  for (const auto& [t, label] : axes.x_ticks) grow({t}, true);
  if (!std::isfinite(x0)) x0 = 0, x1 = 1;
  if (!std::isfinite(y0)) y0 = 0, y1 = 1;
  if (axes.x_max > axes.x_min) x0 = std::min(x0, axes.x_min), x1 = std::max(x1, axes.x_max);
  if (!axes.x_log) x0 -= axes.x_pad, x1 += axes.x_pad;
  if (axes.y_max > axes.y_min) y0 = axes.y_min, y1 = axes.y_max;
  if (axes.y_from_zero) y0 = std::min(0.0, y0);
  if (axes.y_zero_line) y0 = std::min(0.0, y0), y1 = std::max(0.0, y1);
  auto yt = nice_ticks(y0, y1 == y0 ? y0 + 1 : y1);
  if (!yt.empty()) y1 = std::max(y1, yt.back()), y0 = std::min(y0, yt.front());
  // A log axis needs positive values; otherwise the chart falls back to a linear one.
  const bool log = axes.x_log && x0 > 0;
  auto tx = [log](double v) { return log ? std::log10(v) : v; };
  const Scale lin_x{tx(x0), tx(x1), kLeft, kWidth - kLineRight}, sy{y0, y1, kHeight - kBottom, kTop};
  const auto sx = [&](double v) { return lin_x(tx(v)); };

  // The legend goes under the chart, across its width, not in a margin beside it: there its text can be
  // large enough on a phone (10 px and more at 420 px, docs/report.md "Layout") without being cut off.
  struct Entry {
    std::string label, colour;
    enum { line, dashed, dot, band50, band90 } kind;
  };
  std::vector<Entry> legend;
  for (const auto& s : series) {
    legend.push_back({s.label, s.colour, s.dashed ? Entry::dashed : Entry::line});
    if (!s.dot_x.empty()) legend.push_back({s.dots_label, s.colour, Entry::dot});
  }
  // Explain the bands once, after the lines, for readers who have not met a fan chart.
  const std::string band_colour = series.empty() ? "#999" : series.front().colour;
  if (std::any_of(series.begin(), series.end(), [](const Series& s) { return !s.lo50.empty(); }))
    legend.push_back({axes.band50_label, band_colour, Entry::band50});
  if (std::any_of(series.begin(), series.end(), [](const Series& s) { return !s.lo90.empty(); }))
    legend.push_back({axes.band90_label, band_colour, Entry::band90});
  // Two columns where every label fits half the width at the phone's text size, else one.
  const bool two =
      std::all_of(legend.begin(), legend.end(), [](const Entry& e) { return text_columns(e.label) <= 28; });
  const std::size_t columns = two ? 2 : 1, rows = (legend.size() + columns - 1) / columns;
  constexpr double legend_row = 24, legend_top = kHeight + 6;
  const double height = legend_top + legend_row * static_cast<double>(rows) + 4;

  std::string o = open_svg(id, css_class, title, height);
  for (double t : yt) {
    o += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     kLeft, kWidth - kLineRight, sy(t), sy(t));
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                     kLeft - 6, sy(t) + 4,
                     with_comma(tick_text(t, axes.y_percent, false), axes.decimal_comma));
  }
  if (axes.y_zero_line)
    o += fmt::format("<line class=\"zero\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     kLeft, kWidth - kLineRight, sy(0), sy(0));
  std::vector<std::pair<double, std::string>> xt = axes.x_ticks;
  if (xt.empty()) {
    std::vector<double> at;
    if (axes.x_years) {
      const double span = x1 - x0;
      const int step = span > 12 ? 5 : span > 6 ? 2 : 1;
      // From the first year, so the start (the generated start state) is always labelled.
      for (double v = x0; v <= x1 + 1e-9; v += step) at.push_back(v);
    } else {
      at = log ? log_ticks(x0, x1) : nice_ticks(x0, x1, 5);
    }
    for (double t : at)
      xt.emplace_back(
          t, axes.x_years ? tick_text(t, false, true) : with_comma(value_text(t), axes.decimal_comma));
  }
  for (const auto& [t, label] : xt)
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                     sx(t), kHeight - kBottom + 16, html_escape(label));
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", kLeft,
                   kWidth - kLineRight, kHeight - kBottom);
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", kLeft, kTop,
                   kHeight - kBottom);
  o += fmt::format("<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                   (kLeft + kWidth - kLineRight) / 2, kHeight - 10, html_escape(axes.x_label));
  o += fmt::format(
      "<text class=\"axis-label\" transform=\"translate(16,{:.1f}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>\n",
      (kTop + kHeight - kBottom) / 2, html_escape(axes.y_label));

  for (const auto& s : series) {
    if (s.lo90.size() == s.x.size() && s.hi90.size() == s.x.size())
      o += fmt::format("<polygon class=\"band90\" fill=\"{}\" fill-opacity=\"0.18\" points=\"{}\"/>\n",
                       s.colour, band_polygon(s.x, s.lo90, s.hi90, sx, sy));
    if (s.lo50.size() == s.x.size() && s.hi50.size() == s.x.size())
      o += fmt::format("<polygon class=\"band50\" fill=\"{}\" fill-opacity=\"0.35\" points=\"{}\"/>\n",
                       s.colour, band_polygon(s.x, s.lo50, s.hi50, sx, sy));
  }
  for (const auto& s : series)
    if (!s.dot_x.empty()) {
      // One path of zero-length round-capped segments: a dot each, far smaller than a circle per point.
      std::string d;
      for (std::size_t i = 0; i < s.dot_x.size() && i < s.dot_y.size(); ++i)
        if (std::isfinite(s.dot_x[i]) && std::isfinite(s.dot_y[i]))
          d += fmt::format("M{:.1f} {:.1f}h0", sx(s.dot_x[i]), sy(s.dot_y[i]));
      o += fmt::format(
          "<path class=\"dots\" d=\"{}\" stroke=\"{}\" stroke-opacity=\"0.55\" stroke-width=\"5\" "
          "stroke-linecap=\"round\" fill=\"none\"/>\n",
          d, s.colour);
    }
  for (const auto& s : series) {
    o += fmt::format(
        "<polyline class=\"line\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} points=\"{}\"/>\n",
        s.colour, s.dashed ? " stroke-dasharray=\"6 3\"" : "", polyline(s.x, s.y, sx, sy));
    if (s.markers)
      for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
        if (std::isfinite(s.y[i]))
          o += fmt::format("<circle class=\"marker\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\"/>\n",
                           sx(s.x[i]), sy(s.y[i]), s.colour);
  }
  const double column_width = (kWidth - 2 * kLegendLeft) / static_cast<double>(columns);
  for (std::size_t k = 0; k < legend.size(); ++k) {
    const auto& e = legend[k];
    const double x = kLegendLeft + column_width * static_cast<double>(k % columns),
                 y = legend_top + legend_row * static_cast<double>(k / columns) + legend_row / 2;
    switch (e.kind) {
      case Entry::line:
      case Entry::dashed:
        o += fmt::format(
            "<line x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
            "stroke-width=\"3\"{4}/>",
            x, x + 22, y, e.colour, e.kind == Entry::dashed ? " stroke-dasharray=\"6 3\"" : "");
        break;
      case Entry::dot:
        o += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\" fill-opacity=\"0.55\"/>",
                         x + 11, y, e.colour);
        break;
      case Entry::band50:
      case Entry::band90:
        o += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"22\" height=\"10\" fill=\"{}\" fill-opacity=\"{}\"/>", x,
            y - 5, e.colour, e.kind == Entry::band50 ? "0.5" : "0.18");
        break;
    }
    o += fmt::format("<text class=\"legend\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x + 28, y + 5,
                     html_escape(e.label));
  }
  o += "</svg>\n";
  return o;
}

std::string forest_plot(const std::string& id, const std::string& css_class, const std::string& title,
                        const std::string& x_label, const std::vector<ForestRow>& rows, bool percent,
                        bool decimal_comma) {
  // 640 units wide, like the line charts; each row's label above its interval (open_svg).
  constexpr double row_h = 36, mark_dy = kRowMarks + 4, left = kRowsLeft, right = kRowsRight, width = kWidth;
  const double height = kTop + 6 + row_h * static_cast<double>(rows.size()) + kBottom;
  double lo = 0, hi = 0;  // zero is always in view: it is the reference
  for (const auto& r : rows)
    for (double v : {r.mean, r.lo, r.hi, r.lo_unpaired, r.hi_unpaired})
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi == lo) hi = lo + (percent ? 0.01 : 1);
  auto ticks = nice_ticks(lo, hi, 5);
  if (!ticks.empty()) lo = std::min(lo, ticks.front()), hi = std::max(hi, ticks.back());
  const Scale sx{lo, hi, left + 8, width - right};
  const double axis_y = height - kBottom;

  std::string o = open_svg(id, css_class, title, height, width, true);
  for (double t : ticks) {
    o += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>\n",
                     sx(t), kTop, axis_y);
    o += fmt::format(
        "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", sx(t),
        axis_y + 18,
        with_comma(percent ? tick_text(t * 100, false, false) : tick_text(t, false, false), decimal_comma));
  }
  o += fmt::format("<line class=\"zero\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>\n",
                   sx(0), kTop, axis_y);
  o += fmt::format("<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                   (left + width - right) / 2, height - 8, html_escape(x_label));
  double y = kTop + 6;
  for (const auto& r : rows) {
    const double my = y + mark_dy;
    o += row_label(y, r.label);
    if (std::isfinite(r.lo_unpaired) && std::isfinite(r.hi_unpaired))
      o += fmt::format(
          "<line class=\"unpaired\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#999\" "
          "stroke-width=\"7\" stroke-opacity=\"0.35\"/>\n",
          sx(r.lo_unpaired), sx(r.hi_unpaired), my, my);
    if (std::isfinite(r.lo) && std::isfinite(r.hi))
      o += fmt::format(
          "<line class=\"ci\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
          "stroke-width=\"2\"/>\n",
          sx(r.lo), sx(r.hi), my, my, r.colour);
    if (std::isfinite(r.mean))
      o += fmt::format("<circle class=\"estimate\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\"/>\n",
                       sx(r.mean), my, r.colour);
    y += row_h;
  }
  o += "</svg>\n";
  return o;
}

std::string bar_chart(const std::string& id, const std::string& css_class, const std::string& title,
                      const BarChart& chart, const std::vector<BarRow>& rows) {
  // 640 units wide, like the line charts; each row's label above its bars (open_svg).
  constexpr double left = kRowsLeft, right = kRowsRight, width = kWidth, bar_h = 9, bar_gap = 2, row_pad = 8;
  std::size_t per_row = 1;
  for (const auto& r : rows) per_row = std::max(per_row, r.bars.size());
  const double row_h = kRowMarks - 4 + row_pad + static_cast<double>(per_row) * (bar_h + bar_gap) - bar_gap;
  const bool shade = chart.shade_to > chart.shade_from;

  std::vector<LegendEntry> legend;
  for (const auto& l : chart.legend) legend.push_back({LegendEntry::Swatch, l.label, l.colour});
  if (std::isfinite(chart.reference) && !chart.reference_label.empty())
    legend.push_back({LegendEntry::Dashed, chart.reference_label, ""});
  if (shade && !chart.shade_label.empty()) legend.push_back({LegendEntry::Shade, chart.shade_label, ""});
  double legend_bottom = 0;
  // One entry a line: the style sheet may enlarge the text (a narrow screen), and the entries stay apart.
  const std::string legend_svg = legend_row(legend, left, left, kTop + 6, &legend_bottom);
  const double top = legend.empty() ? kTop + 6 : legend_bottom + 10;
  const double height = top + row_h * static_cast<double>(rows.size()) + kBottom;

  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto grow = [&](double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (const auto& r : rows)
    for (const auto& b : r.bars)
      for (double v : {b.from, b.to, b.lo, b.hi}) grow(v);
  grow(chart.reference);
  if (shade) grow(chart.shade_from), grow(chart.shade_to);
  if (chart.include_zero) grow(0);
  if (chart.x_max > chart.x_min) grow(chart.x_min), grow(chart.x_max);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (hi == lo) hi = lo + (chart.percent ? 0.01 : std::max(1.0, std::fabs(lo) * 0.1));
  const auto ticks = nice_ticks(lo, hi, 6);
  if (!ticks.empty()) lo = std::min(lo, ticks.front()), hi = std::max(hi, ticks.back());
  const Scale sx{lo, hi, left + 8, width - right};
  const double axis_y = height - kBottom;

  std::string o = open_svg(id, css_class, title, height, width, true);
  o += legend_svg;
  if (shade) o += shade_rect(sx(chart.shade_from), sx(chart.shade_to), top - 4, axis_y);
  for (double t : ticks) {
    o += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>\n",
                     sx(t), top - 4, axis_y);
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                     sx(t), axis_y + 18, with_comma(tick_text(t, chart.percent, false), chart.decimal_comma));
  }
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>\n", left + 8,
                   width - right, axis_y);
  o += fmt::format("<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                   (left + width - right) / 2, height - 8, html_escape(chart.x_label));
  double y = top;
  for (const auto& r : rows) {
    o += row_label(y, r.label);
    double by = y + kRowMarks - 4 + row_pad / 2;
    for (const auto& b : r.bars) {
      if (std::isfinite(b.from) && std::isfinite(b.to)) {
        // A bar of (almost) no length stays visible as a thin mark at its place.
        const double x0 = std::min(sx(b.from), sx(b.to)), w = std::max(1.0, std::fabs(sx(b.to) - sx(b.from)));
        o += fmt::format(
            "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>\n",
            x0, by, w, bar_h, b.colour);
      }
      if (std::isfinite(b.lo) && std::isfinite(b.hi)) {
        const double cy = by + bar_h / 2;
        o += fmt::format(
            "<path class=\"whisker\" d=\"M{0:.1f} {1:.1f}H{2:.1f}M{0:.1f} {3:.1f}V{4:.1f}M{2:.1f} "
            "{3:.1f}V{4:.1f}\" "
            "stroke=\"#333\" stroke-width=\"1.2\" fill=\"none\"/>\n",
            sx(b.lo), cy, sx(b.hi), cy - 4, cy + 4);
      }
      by += bar_h + bar_gap;
    }
    y += row_h;
  }
  if (std::isfinite(chart.reference))
    o += fmt::format(
        "<line class=\"zero reference\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>\n",
        sx(chart.reference), top - 4, axis_y);
  o += "</svg>\n";
  return o;
}

std::string scatter(const std::string& id, const std::string& css_class, const std::string& title,
                    const ScatterAxes& axes, const std::vector<ScatterPoint>& points) {
  constexpr double width = 640, height_plot = 320, right = 30;
  const bool shade = axes.shade_to > axes.shade_from;
  std::vector<LegendEntry> legend;
  if (!axes.diagonal_label.empty()) legend.push_back({LegendEntry::Dashed, axes.diagonal_label, ""});
  if (shade && !axes.shade_label.empty()) legend.push_back({LegendEntry::Shade, axes.shade_label, ""});
  double legend_bottom = 0;
  const std::string legend_svg = legend_row(legend, kLeft, width - right, kTop + 6, &legend_bottom);
  const double top = legend.empty() ? kTop + 10 : legend_bottom + 14;
  const double height = top + height_plot + kBottom;

  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (const auto& p : points)
    if (std::isfinite(p.x) && std::isfinite(p.y))
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  if (!std::isfinite(x0)) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  if (shade) x0 = std::min(x0, axes.shade_from), x1 = std::max(x1, axes.shade_to);
  if (axes.from_zero) x0 = std::min(x0, 0.0), y0 = std::min(y0, 0.0);
  if (x1 == x0) x1 = x0 + std::max(1.0, std::fabs(x0) * 0.1);
  if (y1 == y0) y1 = y0 + std::max(1.0, std::fabs(y0) * 0.1);
  // Room above and right of the highest and rightmost points for their labels.
  x1 += 0.06 * (x1 - x0), y1 += 0.06 * (y1 - y0);
  const auto xt = nice_ticks(x0, x1, 5), yt = nice_ticks(y0, y1, 5);
  if (!xt.empty()) x0 = std::min(x0, xt.front()), x1 = std::max(x1, xt.back());
  if (!yt.empty()) y0 = std::min(y0, yt.front()), y1 = std::max(y1, yt.back());
  const Scale sx{x0, x1, kLeft, width - right}, sy{y0, y1, height - kBottom, top};

  std::string o = open_svg(id, css_class, title, height, width);
  o += legend_svg;
  if (shade) o += shade_rect(sx(axes.shade_from), sx(axes.shade_to), top, height - kBottom);
  for (double t : yt) {
    o += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     kLeft, width - right, sy(t), sy(t));
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                     kLeft - 6, sy(t) + 4, tick_text(t, false, false));
  }
  for (double t : xt) {
    o += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>\n",
                     sx(t), top, height - kBottom);
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                     sx(t), height - kBottom + 16, tick_text(t, false, false));
  }
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", kLeft,
                   width - right, height - kBottom);
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", kLeft, top,
                   height - kBottom);
  o += fmt::format("<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                   (kLeft + width - right) / 2, height - 10, html_escape(axes.x_label));
  o += fmt::format(
      "<text class=\"axis-label\" transform=\"translate(16,{:.1f}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>\n",
      (top + height - kBottom) / 2, html_escape(axes.y_label));
  if (!axes.diagonal_label.empty()) {
    const double d0 = std::max(x0, y0), d1 = std::min(x1, y1);
    if (d1 > d0)
      o += fmt::format(
          "<line class=\"zero diagonal\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n", sx(d0),
          sx(d1), sy(d0), sy(d1));
  }
  for (const auto& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    o += fmt::format(
        "<g class=\"point\"><title>{}</title><circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"{}\"/>"
        "<text class=\"legend point-label\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text></g>\n",
        html_escape(p.tooltip), sx(p.x), sy(p.y), p.colour, sx(p.x) + 6, sy(p.y) - 6, html_escape(p.label));
  }
  o += "</svg>\n";
  return o;
}

std::string histogram(const std::string& id, const std::string& css_class, const std::string& title,
                      const Histogram& h) {
  constexpr double width = 640, height_plot = 220, right = 30;
  const bool shade = h.shade_to > h.shade_from;
  std::vector<LegendEntry> legend;
  if (!h.bars_label.empty()) legend.push_back({LegendEntry::Swatch, h.bars_label, h.colour});
  if (std::isfinite(h.level) && !h.level_label.empty())
    legend.push_back({LegendEntry::Dashed, h.level_label, ""});
  if (std::isfinite(h.marker) && !h.marker_label.empty())
    legend.push_back({LegendEntry::Swatch, h.marker_label, "#000"});
  if (shade && !h.shade_label.empty()) legend.push_back({LegendEntry::Shade, h.shade_label, ""});
  double legend_bottom = 0;
  const std::string legend_svg = legend_row(legend, kLeft, width - right, kTop + 6, &legend_bottom);
  const double top = legend.empty() ? kTop + 10 : legend_bottom + 14;
  const double height = top + height_plot + kBottom;

  const double x0 = h.edges.empty() ? 0.0 : h.edges.front(), x1 = h.edges.empty() ? 1.0 : h.edges.back();
  const bool log = h.x_log && x0 > 0;
  auto tx = [log](double v) { return log ? std::log10(v) : v; };
  const Scale lin_x{tx(x0), tx(x1), kLeft, width - right};
  const auto sx = [&](double v) { return lin_x(tx(v)); };
  double y1 = 0;
  for (double v : h.heights)
    if (std::isfinite(v)) y1 = std::max(y1, v);
  if (std::isfinite(h.level)) y1 = std::max(y1, h.level);
  if (y1 <= 0) y1 = 1;
  // Up to the first tick at or above the highest bar, so that no bar reaches the legend.
  auto yt = nice_ticks(0, y1, 4);
  if (yt.size() >= 2 && yt.back() < y1) yt.push_back(yt.back() + (yt[1] - yt[0]));
  if (!yt.empty()) y1 = std::max(y1, yt.back());
  const Scale sy{0, y1, height - kBottom, top};

  std::string o = open_svg(id, css_class, title, height, width);
  o += legend_svg;
  if (shade) o += shade_rect(sx(h.shade_from), sx(h.shade_to), top, height - kBottom);
  for (double t : yt) {
    o += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     kLeft, width - right, sy(t), sy(t));
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                     kLeft - 6, sy(t) + 4, with_comma(tick_text(t, h.y_percent, false), h.decimal_comma));
  }
  for (double t : log ? log_ticks(x0, x1) : nice_ticks(x0, x1, 5))
    o += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                     sx(t), height - kBottom + 16, with_comma(value_text(t), h.decimal_comma));
  for (std::size_t i = 0; i + 1 < h.edges.size() && i < h.heights.size(); ++i)
    if (std::isfinite(h.heights[i]) && h.heights[i] > 0)
      o += fmt::format(
          "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
          "fill-opacity=\"0.75\"/>\n",
          sx(h.edges[i]), sy(h.heights[i]), std::max(0.5, sx(h.edges[i + 1]) - sx(h.edges[i]) - 0.5),
          sy(0) - sy(h.heights[i]), h.colour);
  if (std::isfinite(h.level))
    o += fmt::format("<line class=\"zero level\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                     kLeft, width - right, sy(h.level), sy(h.level));
  if (std::isfinite(h.marker))
    o += fmt::format(
        "<line class=\"marker\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" "
        "stroke-width=\"2\"/>\n",
        sx(h.marker), top, height - kBottom);
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", kLeft,
                   width - right, height - kBottom);
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", kLeft, top,
                   height - kBottom);
  o += fmt::format("<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                   (kLeft + width - right) / 2, height - 10, html_escape(h.x_label));
  o += fmt::format(
      "<text class=\"axis-label\" transform=\"translate(16,{:.1f}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>\n",
      (top + height - kBottom) / 2, html_escape(h.y_label));
  o += "</svg>\n";
  return o;
}

}  // namespace tlm::analysis::svg
