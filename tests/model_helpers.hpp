// Shared helpers of the model tests (tests/test_model_*.cpp): temporary folders, homogeneous start
// populations written as world.schools_csv / world.teachers_csv, replications run in parallel, national sums
// of the metric cube, the closed forms of docs/model.md section 8 and the normal quantiles of their 99.9%
// intervals.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "experiment/experiment.hpp"
#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/scenario.hpp"
#include "models/simulation.hpp"
#include "models/world.hpp"
#include "process.hpp"

namespace tlm::test {

namespace fs = std::filesystem;
using models::Outcomes;
using models::Params;

using tlm::test::TempDir;  // a fresh folder, removed at the end

// ---------------------------------------------------------------------------------------------------------
// Normal quantiles for the intervals.

// Standard normal upper tail Q(z) = P(Z > z).
inline double normal_upper_tail(double z) {
  return 0.5 * std::erfc(z / std::sqrt(2.0));
}

// z with Q(z) = alpha, by bisection (alpha in (0, 0.5)).
inline double normal_quantile_upper(double alpha) {
  double lo = 0.0, hi = 40.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (normal_upper_tail(mid) > alpha ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Half-width multiplier of a two-sided interval for one of `m` comparisons such that the family-wise
// false-failure rate stays at most `family_alpha` (Bonferroni): z = Φ⁻¹(1 − family_alpha / (2m)).
// m = 1, family_alpha = 0.001 gives 3.29, the plain 99.9% interval.
inline double z_bonferroni(int m, double family_alpha = 0.001) {
  return normal_quantile_upper(family_alpha / (2.0 * m));
}

// Student t upper tail P(T > x), df ν, by Simpson's rule on the density over [0, x] (x ≥ 0).
inline double t_upper_tail(double x, double df) {
  const double c = std::exp(std::lgamma((df + 1) / 2) - std::lgamma(df / 2)) / std::sqrt(df * M_PI);
  auto pdf = [&](double t) { return c * std::pow(1.0 + t * t / df, -(df + 1) / 2); };
  const int n = 4000;  // even
  const double h = x / n;
  double s = pdf(0.0) + pdf(x);
  for (int i = 1; i < n; ++i) s += (i % 2 ? 4.0 : 2.0) * pdf(i * h);
  return 0.5 - s * h / 3.0;
}

// Half-width multiplier of a two-sided interval on a mean of n paired replications (df n − 1), Bonferroni
// over m comparisons with family-wise rate `family_alpha`.
inline double t_bonferroni(int n, int m = 1, double family_alpha = 0.001) {
  const double alpha = family_alpha / (2.0 * m), df = n - 1.0;
  double lo = 0.0, hi = 200.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (t_upper_tail(mid, df) > alpha ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// ---------------------------------------------------------------------------------------------------------
// Running replications.

// Replications 0..n-1 of one world, in parallel, through the experiment layer (as `tlm run` runs them).
inline std::vector<Outcomes> run_all(const models::World& world, const Params& params, int n) {
  return experiment::run_replications(world, params, n);
}

// Σ over regions of a metric in year index y for one sector (-1: all sectors).
inline double national(const Outcomes& o, models::Metric m, int y, int sector = -1) {
  double sum = 0.0;
  for (int r = 0; r < o.regions; ++r)
    for (int s = 0; s < models::kSectors; ++s)
      if (sector < 0 || s == sector) sum += o.cube(m, y, r, s);
  return sum;
}

// The names of the embedded scenarios (scenarios/*.toml, as `tlm scenarios` lists them).
inline std::vector<std::string> embedded_names() {
  std::vector<std::string> names;
  for (const auto& e : models::embedded_scenarios()) names.push_back(e.name);
  return names;
}

// An embedded scenario at reduced scale for the accounting and pinned-figure tests: world.scale = 0.05
// (about 12,000 teachers and 3,000 students), except a scenario whose own world is already small (tiny,
// 11 schools), which runs as it is.
inline Params small_scenario(const std::string& name) {
  const auto own = models::load_scenario(name).params;
  if (own.world.scale * (own.world.schools[0] + own.world.schools[1] + own.world.schools[2]) <= 1000)
    return own;
  return models::load_scenario(name, {"world.scale=0.05"}).params;
}

// National ratio Σ num / Σ den (how ratio metrics aggregate, never as a mean of cells).
inline double national_ratio(const Outcomes& o, models::Metric num, models::Metric den, int y,
                             int sector = -1) {
  const double d = national(o, den, y, sector);
  return d > 0 ? national(o, num, y, sector) / d : 0.0;
}

// Sample mean and the standard error of the mean of per-replication values (paired differences).
struct MeanSe {
  double mean = 0.0, se = 0.0;
};
inline MeanSe mean_se(const std::vector<double>& v) {
  MeanSe r;
  const double n = static_cast<double>(v.size());
  for (double x : v) r.mean += x / n;
  double ss = 0.0;
  for (double x : v) ss += (x - r.mean) * (x - r.mean);
  r.se = v.size() > 1 ? std::sqrt(ss / (n - 1.0) / n) : 0.0;
  return r;
}

// Ratio of sums Σb / Σa over paired replications with its delta-method standard error.
inline MeanSe ratio_of_sums(const std::vector<double>& b, const std::vector<double>& a) {
  double sb = 0.0, sa = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sb += b[i], sa += a[i];
  MeanSe r;
  r.mean = sb / sa;
  double ss = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) ss += (b[i] - r.mean * a[i]) * (b[i] - r.mean * a[i]);
  const double n = static_cast<double>(a.size());
  r.se = std::sqrt(ss * n / (n - 1.0)) / sa;
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// Homogeneous start populations: one group of identical teachers per school, one school per region, so that
// the metric cube's cell (region g, sector of g) follows group g alone.

struct Group {
  int sector = models::vo;
  int age = 30;
  int exp = 0;
  double fte = 1.0;
  bool qualified = true;
  int count = 1000;
  int route = models::initial;
  bool so_trained = false;
  std::optional<double> q{};  // unset: the school's q_j
  bool member = true;
  double demand = 0.0;    // 0: exactly the group's FTE (no start shortage)
  std::string label{};    // for messages
  std::string subject{};  // vo: the teachers' subject (teachers.csv `subject`); empty: drawn
};

// Writes schools.csv and teachers.csv for `groups` into `dir` and points `p` at them. Group g is school
// "S<g>" in region "G<g>" (regions are numbered in order of first appearance, so group g is region index g).
inline void write_population(const TempDir& dir, const std::vector<Group>& groups, Params& p) {
  std::ofstream schools(dir / "schools.csv"), teachers(dir / "teachers.csv");
  schools << "id,region,sector,demand_fte,member\n";
  teachers << "school_id,age,exp,fte,qualified,count,route,so_trained,q,subject\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& gr = groups[g];
    const double demand = gr.demand > 0 ? gr.demand : gr.fte * gr.count;
    schools << fmt::format("S{},G{},{},{},{}\n", g, g, models::kSectorNames[gr.sector], demand,
                           gr.member ? 1 : 0);
    teachers << fmt::format("S{},{},{},{},{},{},{},{},{},{}\n", g, gr.age, gr.exp, gr.fte,
                            gr.qualified ? 1 : 0, gr.count, models::kRouteNames[gr.route],
                            gr.so_trained ? 1 : 0, gr.q ? fmt::format("{}", *gr.q) : std::string(),
                            gr.subject);
  }
  p.world.schools_csv = dir / "schools.csv";
  p.world.teachers_csv = dir / "teachers.csv";
}

// The conditions of docs/model.md section 8 for the survival closed form, on a world with no students and no
// reserve (they do not touch start teachers with the market off; leaving them out keeps the test fast).
inline Params closed_form_params(int years_after_start = models::kRetentionYears) {
  Params p;
  p.name = "closed-form";
  p.seed = 20251001;
  p.years.start = 2025;
  p.years.end = 2025 + years_after_start;
  p.market.enabled = false;
  p.teachers.workload_effect = 0.0;
  p.teachers.mobility = 0.0;
  p.teachers.early_retirement = 0.0;
  p.study.intake = {0, 0, 0, 0, 0};
  p.reserve.start_size = {0, 0, 0};
  for (auto& g : p.demand.growth) g = models::YearTable{0.0, {}};
  p.subjects.vo = {"all"};  // section 8 as in version 1; test_model_subjects.cpp checks it with subjects
  return p;
}

// The attrition chance of docs/model.md 6.3 step 2, written out again from the text (not calling the model).
inline double spec_attrition(const Params& p, int sector, int exp, int route, double q, bool so_trained,
                             bool rotated, double shortage_rate, double subject_effect = 1.0) {
  double prob = p.teachers.attrition[sector][std::min(exp, 10)];
  if (exp < p.induction.years) prob *= 1.0 - q * (1.0 - p.induction.full_effect);
  if (so_trained && exp < 5) prob *= p.teachers.so_trained_effect;
  prob *= p.teachers.route_effect[route];
  if (rotated && exp < 5) prob *= p.teachers.rotation_effect;
  prob *= 1.0 + p.teachers.workload_effect * shortage_rate;
  prob *= subject_effect;  // m_subject (12.4)
  return std::min(1.0, prob);
}

// The start q_j of a school of the group (start members fully ramped): min(1, base_s + member × so_boost).
inline double school_q(const Params& p, const Group& g) {
  return std::min(1.0, p.induction.base_quality[g.sector] + (g.member ? p.induction.so_boost : 0.0));
}

// Closed form of docs/model.md section 8: expected share of the group still teaching after k = 1..K years,
// Π_{a<k} (1 − p(e + a)), p = 1 at retirement age; with no early retirement. A zij-instromer imported
// unqualified is in trajectory year 1 and meets zij.dropout (× so_effect at a member school) instead of p
// until it completes zij.years; then it is qualified and meets p with its route effect. `rotated` applies
// the rotation multiplier; `rate` is the region's shortage rate in every year (workload).
inline std::vector<double> survival_closed_form(const Params& p, const Group& g, int K, bool rotated = false,
                                                double rate = 0.0, double subject_effect = 1.0) {
  std::vector<double> out;
  double s = 1.0;
  const double q = g.q.value_or(school_q(p, g));
  int zij_year = (g.route == models::zij && !g.qualified) ? 1 : 0;
  for (int a = 0; a < K; ++a) {
    const int age = g.age + a, exp = g.exp + a;
    double hazard;
    if (age >= p.teachers.retirement_age)
      hazard = 1.0;
    else if (zij_year > 0)
      hazard = p.zij.dropout * (g.member ? p.zij.so_effect : 1.0);
    else
      hazard = spec_attrition(p, g.sector, exp, g.route, q, g.so_trained, rotated, rate, subject_effect);
    s *= 1.0 - hazard;
    out.push_back(s);
    if (zij_year > 0) zij_year = zij_year >= p.zij.years ? 0 : zij_year + 1;
  }
  return out;
}

// Survivors of group g (its region's heads) at year index k, per replication.
inline std::vector<double> heads(const std::vector<Outcomes>& runs, int g, int sector, int k) {
  std::vector<double> v;
  for (const auto& o : runs) v.push_back(o.cube(models::m_teachers, k, g, sector));
  return v;
}

inline double sum(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return s;
}

// Replaces the table that starts with `opening` (through its closing "\n};\n") in the test source file
// `file` of tests/ by `table`: how pinned figures are regenerated on purpose. False when not found.
inline bool rewrite_pinned_table(const std::string& file, const std::string& opening,
                                 const std::string& table) {
  const std::string path = std::string(TLM_TEST_DIR) + "/" + file;
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  std::string src = text.str();
  const auto begin = src.find(opening);
  if (begin == std::string::npos) return false;
  const auto end = src.find("\n};\n", begin);
  if (end == std::string::npos) return false;
  src.replace(begin, end + 4 - begin, table);
  std::ofstream(path) << src;
  std::cout << "written to " << path << " (rebuild to use it)\n";
  return true;
}

}  // namespace tlm::test
