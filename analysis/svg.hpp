// Inline SVG charts for the report: self-contained, no script, readable when printed.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace tlm::analysis::svg {

// Thirteen colours for lines on white: the base's blue first, then the Okabe–Ito colours without its faint
// yellow and sky blue (too like the base), and darker ones after them. Every colour has a contrast of at
// least 3:1 with white; any two differ by at least 20 in CIE76 ΔE, and each differs from the base by at least
// 30 (tests/test_analysis.cpp).
const std::vector<std::string>& palette();
// The colour of scenario i (0 the base): the palette in order, and past its end the colours after the base
// again, so that no alternative looks like the base (charts also alternate dashes).
const std::string& scenario_colour(std::size_t i);

struct Series {
  std::string label;
  std::string colour;
  std::vector<double> x, y;        // the line (NaN points are skipped)
  std::vector<double> lo90, hi90;  // optional bands, same length as x
  std::vector<double> lo50, hi50;
  bool dashed = false;
  bool markers = false;              // a circle at each point of the line (few x values, e.g. a grid)
  std::vector<double> dot_x, dot_y;  // optional scattered points, drawn as dots (not joined)
  std::string dots_label;            // their legend entry
};

struct Axes {
  std::string x_label, y_label;  // with units
  bool y_percent = false;        // tick labels as percentages of shares
  bool y_from_zero = true;
  double y_min = 0, y_max = 0;  // fixed range when y_max > y_min (to share a scale across charts)
  bool x_years = true;          // integer x ticks without separators
  bool x_log = false;           // a logarithmic x axis (used when every x is > 0)
  double x_min = 0, x_max = 0;  // fixed x range when x_max > x_min (e.g. a parameter's design range)
  // Explicit x ticks (position, label), e.g. categories placed at 0, 1, 2…; they replace the computed ones.
  std::vector<std::pair<double, std::string>> x_ticks{};
  double x_pad = 0;  // room left and right of the data, in x units (linear axes), so end points are not on
                     // the axes
  bool y_zero_line = false;                         // keep 0 in the y range and draw it dashed (differences)
  std::string band90_label = "90% of runs";         // the legend of the light band
  std::string band50_label = "middle 50% of runs";  // the legend of the dark band
  bool decimal_comma = false;                       // numbers as Dutch writes them (12.345,6)
};

// A line chart with optional 50%/90% bands (a fan chart when the bands are given); its legend under it.
std::string line_chart(const std::string& id, const std::string& css_class, const std::string& title,
                       const Axes& axes, const std::vector<Series>& series);

struct ForestRow {
  std::string label;
  double mean, lo, hi;              // paired
  double lo_unpaired, hi_unpaired;  // drawn faintly behind, to show the gain of pairing
  std::string colour;
};
// Point estimates with interval whiskers and a zero line, each row's label above its whisker (so that the
// labels read on a narrow screen: docs/report.md, "Layout"); `percent`: values are shares, shown as points.
std::string forest_plot(const std::string& id, const std::string& css_class, const std::string& title,
                        const std::string& x_label, const std::vector<ForestRow>& rows, bool percent,
                        bool decimal_comma = false);

// Horizontal bars, one row per label (each label above its row, as in the forest plot): each row holds one or
// more bars, drawn one under another, each from `from` to `to` along the value axis with an optional whisker
// (an interval) from `lo` to `hi`. Used for tornado charts (bars from a base value to each end) and for index
// charts (bars from 0, with bootstrap intervals).
struct Bar {
  double from = 0, to = 0;
  double lo = std::numeric_limits<double>::quiet_NaN(), hi = std::numeric_limits<double>::quiet_NaN();
  std::string colour;
};
struct BarRow {
  std::string label;
  std::vector<Bar> bars;
};
struct LegendItem {
  std::string label, colour;
};
struct BarChart {
  std::string x_label;   // with the unit
  bool percent = false;  // values are shares: ticks as percentages
  bool include_zero = true;
  double x_min = 0, x_max = 0;     // the axis covers at least this range when x_max > x_min
  std::vector<LegendItem> legend;  // one entry per colour of the bars, under the title
  // A dashed vertical line (e.g. the base value of a tornado chart), with its legend text.
  double reference = std::numeric_limits<double>::quiet_NaN();
  std::string reference_label;
  // A shaded band [shade_from, shade_to] behind the bars (e.g. what replication noise alone gives) and its
  // legend text; none when shade_to <= shade_from.
  double shade_from = 0, shade_to = 0;
  std::string shade_label;
  bool decimal_comma = false;  // tick numbers as Dutch writes them (12.345,6)
};
std::string bar_chart(const std::string& id, const std::string& css_class, const std::string& title,
                      const BarChart& chart, const std::vector<BarRow>& rows);

// Labelled points: each a dot with its short label beside it (e.g. a number that a table explains) and a
// tooltip (an SVG <title>, e.g. the full name).
struct ScatterPoint {
  double x = 0, y = 0;
  std::string label, tooltip, colour;
};
struct ScatterAxes {
  std::string x_label, y_label;  // with units
  bool from_zero = true;         // both axes start at 0 (or below, for negative values)
  // A shaded band x in [shade_from, shade_to] (e.g. what noise alone gives) and its legend text.
  double shade_from = 0, shade_to = 0;
  std::string shade_label;
  std::string diagonal_label;  // when not empty, the dashed line y = x is drawn with this legend text
};
std::string scatter(const std::string& id, const std::string& css_class, const std::string& title,
                    const ScatterAxes& axes, const std::vector<ScatterPoint>& points);

// A histogram: vertical bars over bins (e.g. a parameter's posterior over its prior's range), with an
// optional dashed horizontal line (e.g. the flat prior), a vertical line (e.g. the median) and a shaded x
// interval (e.g. a 90% interval), each with its legend text.
struct Histogram {
  std::string x_label, y_label;  // with units
  std::vector<double> edges;     // the bins' edges, increasing (one more than heights)
  std::vector<double> heights;   // per bin
  bool x_log = false;            // a logarithmic x axis (used when every edge is > 0)
  bool y_percent = false;        // tick labels as percentages of shares
  std::string colour, bars_label;
  double level = std::numeric_limits<double>::quiet_NaN();  // the dashed horizontal line
  std::string level_label;
  double marker = std::numeric_limits<double>::quiet_NaN();  // the vertical line
  std::string marker_label;
  double shade_from = 0, shade_to = 0;  // none when shade_to <= shade_from
  std::string shade_label;
  bool decimal_comma = false;  // tick numbers as Dutch writes them (12.345,6)
};
std::string histogram(const std::string& id, const std::string& css_class, const std::string& title,
                      const Histogram& h);

// Rounded tick values covering [lo, hi], about `n` of them.
std::vector<double> nice_ticks(double lo, double hi, int n = 5);

}  // namespace tlm::analysis::svg
