// Inline SVG charts for the report: self-contained, no script, readable when printed.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tlm::analysis::svg {

// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
const std::vector<std::string>& palette();

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
  bool y_zero_line = false;                  // keep 0 in the y range and draw it dashed (differences)
  std::string band90_label = "90% of runs";  // the legend of the light band
};

// A line chart with optional 50%/90% bands (a fan chart when the bands are given).
std::string line_chart(const std::string& id, const std::string& css_class, const std::string& title,
                       const Axes& axes, const std::vector<Series>& series);

struct ForestRow {
  std::string label;
  double mean, lo, hi;              // paired
  double lo_unpaired, hi_unpaired;  // drawn faintly behind, to show the gain of pairing
  std::string colour;
};
// Point estimates with interval whiskers and a zero line; `percent`: values are shares, shown as points.
std::string forest_plot(const std::string& id, const std::string& css_class, const std::string& title,
                        const std::string& x_label, const std::vector<ForestRow>& rows, bool percent);

// Rounded tick values covering [lo, hi], about `n` of them.
std::vector<double> nice_ticks(double lo, double hi, int n = 5);

}  // namespace tlm::analysis::svg
