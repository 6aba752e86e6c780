// Inline SVG charts for the report: self-contained, no script, readable when printed.
#pragma once

#include <string>
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
};

struct Axes {
  std::string x_label, y_label;  // with units
  bool y_percent = false;        // tick labels as percentages of shares
  bool y_from_zero = true;
  double y_min = 0, y_max = 0;  // fixed range when y_max > y_min (to share a scale across charts)
  bool x_years = true;          // integer x ticks without separators
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
