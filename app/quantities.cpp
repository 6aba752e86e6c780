// The value of a study's quantity (an output of `tlm sensitivity`, a target of `tlm calibrate`) at one task
// of a sweep file: shared by the commands that explain or fit such quantities.
#include "app/quantities.hpp"

#include <limits>

#include "models/outcomes.hpp"
#include "models/types.hpp"

namespace tlm::app {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

// The retention of a task k years after entry: Σ retained at k / Σ entrants over the cohorts entering
// start + 1 … end − k, the sector(s) of entry and route(s) asked for (every route but the initial teachers
// for "all"; the graduates' two routes for "starters").
double retention_value(const analysis::SweepResults& r, const std::string& variant,
                       const experiment::SensitivityOutput& o, std::size_t p, std::size_t rep) {
  const auto& e = r.entrants.at(variant);
  const auto& k = r.retained.at(variant);
  const std::size_t Y = e.dim(2), S = e.dim(3), NR = e.dim(4), K = k.dim(5);
  const std::size_t ki = static_cast<std::size_t>(o.k) - 1;
  if (o.k < 1 || ki >= K) return kNaN;
  auto counts = [&](const std::string& route) {
    if (o.route == "all") return route != "initial";
    if (o.route == experiment::kStartersRoute) return route == "grad_so" || route == "grad_regular";
    return route == o.route;
  };
  double kept = 0.0, entered = 0.0;
  for (std::size_t y = 0; y < Y; ++y) {
    if (r.years[y] < r.years.front() + 1 || r.years[y] > r.years.back() - o.k) continue;
    for (std::size_t sec = 0; sec < S; ++sec) {
      if (o.sector != "all" && r.sectors[sec] != o.sector) continue;
      for (std::size_t route = 0; route < NR; ++route) {
        if (!counts(r.routes[route])) continue;
        const std::size_t cell = (((p * e.dim(1) + rep) * Y + y) * S + sec) * NR + route;
        entered += e.data[cell];
        kept += k.data[cell * K + ki];
      }
    }
  }
  return entered > 0.0 ? kept / entered : kNaN;
}

// A subject metric of one vo subject over the year(s): summed, or a ratio as Σ numerator / Σ denominator.
double subject_value(const analysis::SweepResults& r, const std::string& variant,
                     const experiment::SensitivityOutput& o, std::size_t p, std::size_t rep) {
  const auto& info =
      models::kSubjectMetricInfo[static_cast<std::size_t>(models::find_subject_metric(o.metric))];
  const auto& nat = r.subject_national.at(variant);
  const auto x = static_cast<std::size_t>(std::find(r.subjects.begin(), r.subjects.end(), o.subject) -
                                          r.subjects.begin());
  if (x >= r.subjects.size()) return kNaN;
  auto at = [&](const std::string& m, std::size_t y) {
    const auto& a = nat.at(m);
    return a.data[((p * a.dim(1) + rep) * a.dim(2) + y) * a.dim(3) + x];
  };
  double num = 0.0, den = 0.0;
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    if (o.year && r.years[y] != *o.year) continue;
    if (!info.is_ratio()) {
      num += at(o.metric, y);
    } else {
      const double w = at(models::kSubjectMetricInfo[static_cast<std::size_t>(info.denominator)].name, y);
      num += info.numerator >= 0
                 ? at(models::kSubjectMetricInfo[static_cast<std::size_t>(info.numerator)].name, y)
                 : at(o.metric, y) * w;
      den += w;
    }
  }
  return !info.is_ratio() ? num : den != 0.0 ? num / den : kNaN;
}

double output_value(const analysis::SweepResults& r, const std::string& variant,
                    const experiment::SensitivityOutput& o, std::size_t p, std::size_t rep) {
  if (o.metric == experiment::kRetentionOutput) return retention_value(r, variant, o, p, rep);
  if (!o.subject.empty()) return subject_value(r, variant, o, p, rep);
  const auto& info = models::kMetricInfo[static_cast<std::size_t>(models::find_metric(o.metric))];
  const auto& nat = r.national.at(variant);
  auto at = [&](const std::string& m, std::size_t y, std::size_t s) {
    const auto& a = nat.at(m);
    return a.data[((p * a.dim(1) + rep) * a.dim(2) + y) * a.dim(3) + s];
  };
  double num = 0.0, den = 0.0;
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    if (o.year && r.years[y] != *o.year) continue;
    for (std::size_t s = 0; s < r.sectors.size(); ++s) {
      if (o.sector != "all" && r.sectors[s] != o.sector) continue;
      if (!info.is_ratio()) {
        num += at(o.metric, y, s);
      } else {
        const double w = at(models::kMetricInfo[static_cast<std::size_t>(info.denominator)].name, y, s);
        num += info.numerator >= 0
                   ? at(models::kMetricInfo[static_cast<std::size_t>(info.numerator)].name, y, s)
                   : at(o.metric, y, s) * w;
        den += w;
      }
    }
  }
  return !info.is_ratio() ? num : den != 0.0 ? num / den : kNaN;
}

// The metrics the outputs need, ratios' parts included.
std::vector<std::string> needed_metrics(const std::vector<experiment::SensitivityOutput>& outputs) {
  std::vector<std::string> out;
  auto add = [&](const std::string& m) {
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  for (const auto& o : outputs) {
    if (o.metric == experiment::kRetentionOutput) continue;  // from the cohort tables
    if (!o.subject.empty()) continue;                        // needed_subject_metrics
    const auto& info = models::kMetricInfo[static_cast<std::size_t>(models::find_metric(o.metric))];
    add(o.metric);
    if (info.numerator >= 0) add(models::kMetricInfo[static_cast<std::size_t>(info.numerator)].name);
    if (info.denominator >= 0) add(models::kMetricInfo[static_cast<std::size_t>(info.denominator)].name);
  }
  return out;
}

std::vector<std::string> needed_subject_metrics(const std::vector<experiment::SensitivityOutput>& outputs) {
  std::vector<std::string> out;
  auto add = [&](const std::string& m) {
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  for (const auto& o : outputs) {
    if (o.subject.empty()) continue;
    const auto& info =
        models::kSubjectMetricInfo[static_cast<std::size_t>(models::find_subject_metric(o.metric))];
    add(o.metric);
    if (info.numerator >= 0) add(models::kSubjectMetricInfo[static_cast<std::size_t>(info.numerator)].name);
    if (info.denominator >= 0)
      add(models::kSubjectMetricInfo[static_cast<std::size_t>(info.denominator)].name);
  }
  return out;
}

}  // namespace tlm::app
