// Pinned figures of every embedded scenario other than nl-baseline (which tests/test_model_baseline.cpp pins
// at scale 0.1): each scenario at reduced scale (small_scenario: world.scale = 0.05, tiny as it is), 2
// replications of its own seed, a dozen headline figures, the mean over the replications. The model is
// deterministic on any number of threads, so any difference is a change of the model; the figures must
// equal the stored values to a relative 1e-12 (they are stored to 17 significant digits, so a regenerated
// table is exact to the bit on the machine that wrote it; the 1e-12 leaves room only for a compiler that
// rounds a sum differently).
//
// Each scenario's figures are regenerated only by a commit of its own that says why they changed (the model
// change, or the scenario change, that moved them) — never silently along with another change:
//     TLM_REGENERATE_PINNED=write build/tests/tlm_tests "[pinned]"
// rewrites kPinned below in this file (TLM_REGENERATE_PINNED=1 only prints it); the test then passes without
// comparing. Rebuild, check the diff touches only the scenarios you expect, and commit.
#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model_helpers.hpp"

using namespace tlm;
using namespace tlm::test;

namespace {

constexpr int kFigures = 12;
const std::array<const char*, kFigures> kFigureNames{
    "shortage_fte start+5",  "shortage_fte end",      "shortage FTE-years", "so_share end",
    "member_share end",      "retention_5y starters", "graduates total",    "entrants total",
    "groenpluk_hires total", "zij_started total",     "reserve_size end",   "induction_quality_mean start+5",
};

struct Pinned {
  const char* scenario;
  std::array<double, kFigures> values;
};

// Means over 2 replications, in the order of kFigureNames. Regenerate with TLM_REGENERATE_PINNED (see the top
// of this file), one scenario's change per commit.
// BEGIN PINNED
const std::vector<Pinned> kPinned{
    {"combined",
     {749.41996898172715, 729.47632422238428, 11490.805319493284, 0.8834445805266381, 1, 0.80752460558691563,
      7384.5, 8331, 171.5, 1668.5, 3774.5, 1}},
    {"groenpluk-ban",
     {776.09938432999706, 841.6560876613363, 12342.354270765227, 0.57653846673369002, 0.6657142857142857,
      0.77735924611335216, 7288.5, 8408.5, 574, 1740, 3820, 0.66553019363308163}},
    {"groenpluk-final-year",
     {774.41391950309549, 821.13540426510031, 12205.137612423912, 0.57386824393057201, 0.6657142857142857,
      0.77022008194550584, 7274.5, 8498, 1394, 1750, 3750, 0.66911383294541582}},
    {"induction-high",
     {766.26898195933029, 769.25212931065971, 11916.554003368441, 0.57482761923003256, 0.6657142857142857,
      0.78782591051027295, 7265, 8420, 1385.5, 1726.5, 3705, 0.94149712552417886}},
    {"mbo-join-2029",
     {777.56832863608906, 814.03430280081375, 12220.353691468845, 0.58356237991524029, 0.66857142857142859,
      0.77309768173221993, 7266.5, 8484.5, 1416, 1748.5, 3742, 0.68237139970002803}},
    {"mbo-join-slow",
     {778.96832863608915, 813.91225047078581, 12229.962828486299, 0.58356237991524029, 0.66857142857142859,
      0.77273881893440077, 7266, 8484.5, 1410, 1749.5, 3742.5, 0.67750442503140351}},
    {"nl-calibrated",
     {857.23799856399626, 953.33866725931637, 8110.1299544884387, 0.56864723544422513, 0.6657142857142857,
      0.75433743642485185, 4341, 5152, 899, 1093, 3913.5, 0.66605046014883851}},
    {"nl-history",
     {819.00709388284565, 868.63529410794035, 7717.2943419249295, 0.57097094958059813, 0.6657142857142857,
      0.76404376183463074, 4344.5, 5153.5, 871, 1074, 3790, 0.66404314965510147}},
    {"so-100-2029",
     {757.65694844722225, 719.73578728442226, 11561.539975691834, 0.88204794126224528, 1, 0.78489378647373798,
      7352, 8530.5, 1365.5, 1710.5, 3695, 0.74237366548042705}},
    {"tiny",
     {37.868168920316499, 32.456101688762303, 470.02935498836518, 0.71666666666666667, 0.72727272727272729,
      0.77472766884531596, 202.5, 249.5, 50, 47.5, 98.5, 0.7421875}},
};
// END PINNED

std::array<double, kFigures> compute(const std::string& name) {
  using namespace models;
  const Params p = small_scenario(name);
  const int n = 2;
  const auto runs = run_all(build_world(p), p, n);
  std::array<double, kFigures> v{};
  for (const auto& o : runs) {
    const int mid = std::min(5, o.years - 1), end = o.years - 1;
    std::size_t i = 0;
    v[i++] += national(o, m_shortage_fte, mid);
    v[i++] += national(o, m_shortage_fte, end);
    double fte_years = 0;
    for (int y = 0; y < o.years; ++y) fte_years += national(o, m_shortage_fte, y);
    v[i++] += fte_years;
    v[i++] += national_ratio(o, m_students_so, m_students, end);
    v[i++] += national_ratio(o, m_member_schools, m_schools, end);
    double num = 0, den = 0;
    for (int y = 1; y + kRetentionYears < o.years; ++y)
      for (int route : {grad_so, grad_regular, groenpluk, zij}) {
        num += o.retained_of_route(y, route, kRetentionYears);
        den += o.entrants_of_route(y, route);
      }
    v[i++] += den > 0 ? num / den : 0.0;
    double graduates = 0, entrants = 0, groenpluk_hires = 0, zij_started = 0;
    for (int y = 1; y < o.years; ++y) {
      graduates += national(o, m_graduates, y);
      entrants += national(o, m_entrants, y);
      groenpluk_hires += national(o, m_groenpluk_hires, y);
      zij_started += national(o, m_zij_started, y);
    }
    v[i++] += graduates;
    v[i++] += entrants;
    v[i++] += groenpluk_hires;
    v[i++] += zij_started;
    v[i++] += national(o, m_reserve_size, end);
    // Weighted by entrants, as the metric aggregates.
    double q = 0, e = 0;
    for (int r = 0; r < o.regions; ++r)
      for (int s = 0; s < kSectors; ++s) {
        q += o.cube(m_induction_quality_mean, mid, r, s) * o.cube(m_entrants, mid, r, s);
        e += o.cube(m_entrants, mid, r, s);
      }
    v[i++] += e > 0 ? q / e : 0.0;
  }
  for (auto& x : v) x /= n;
  return v;
}

// Every embedded scenario but nl-baseline (pinned in test_model_baseline.cpp).
std::vector<std::string> pinned_names() {
  std::vector<std::string> names;
  for (const auto& n : embedded_names())
    if (n != "nl-baseline") names.push_back(n);
  return names;
}

}  // namespace

TEST_CASE(
    "model: pinned figures of every other embedded scenario (scale 0.05, 2 replications) have not drifted",
    "[model][pinned]") {
  const auto names = pinned_names();
  const char* env = std::getenv("TLM_REGENERATE_PINNED");
  if (env && (std::string(env) == "1" || std::string(env) == "write")) {
    std::ostringstream s;
    s << "const std::vector<Pinned> kPinned{\n";
    for (const auto& name : names) {
      const auto v = compute(name);
      s << fmt::format("    {{\"{}\",\n     {{", name);
      for (int i = 0; i < kFigures; ++i) s << fmt::format("{}{:.17g}", i ? ", " : "", v[i]);
      s << "}},\n";
    }
    s << "};\n";
    std::cout << "\nNew pinned figures for tests/test_model_pinned.cpp:\n" << s.str();
    if (std::string(env) == "write") {
      REQUIRE(rewrite_pinned_table("test_model_pinned.cpp", "const std::vector<Pinned> kPinned{\n", s.str()));
    }
    SUCCEED("regenerated");
    return;
  }
  // One entry per scenario: a new embedded scenario gets its figures pinned (by its own commit).
  std::set<std::string> stored;
  for (const auto& pin : kPinned) stored.insert(pin.scenario);
  CHECK(stored == std::set<std::string>(names.begin(), names.end()));
  for (const auto& pin : kPinned) {
    if (!std::count(names.begin(), names.end(), pin.scenario)) continue;
    const auto now = compute(pin.scenario);
    for (int i = 0; i < kFigures; ++i) {
      INFO(pin.scenario << ", " << kFigureNames[i] << ": now " << fmt::format("{:.17g}", now[i])
                        << ", stored " << fmt::format("{:.17g}", pin.values[i])
                        << " (if the model changed on purpose, regenerate in a commit of its own: "
                           "TLM_REGENERATE_PINNED=1)");
      CHECK(now[i] == Approx(pin.values[i]).epsilon(1e-12).margin(0));
    }
  }
}
