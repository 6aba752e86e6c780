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
     {551.3266815223385, 378.25238360670505, 7886.9301124943859, 0.8834445805266381, 1, 0.8117743080642742,
      7383.5, 8663.5, 165.5, 1653.5, 3406.5, 1}},
    {"groenpluk-ban",
     {582.77062240896021, 484.46930599462246, 8798.4780468190329, 0.57650500785640602, 0.6657142857142857,
      0.78333056228334974, 7287.5, 8755.5, 565, 1738.5, 3456, 0.66351281847227606}},
    {"groenpluk-final-year",
     {580.79773036218387, 475.00338369954954, 8699.1234337559636, 0.57427063499455655, 0.6657142857142857,
      0.77673483697332013, 7272, 8828.5, 1350, 1746.5, 3391.5, 0.66691919929865551}},
    {"induction-high",
     {565.903020833764, 417.31765168196972, 8353.7988231501367, 0.57561648140447963, 0.6657142857142857,
      0.79452273138311802, 7264, 8738, 1324, 1715.5, 3347.5, 0.94075176212481937}},
    {"mbo-join-2029",
     {581.08868887765811, 466.25526250247964, 8699.8667813684588, 0.58400111896978402, 0.66857142857142859,
      0.77990076267230934, 7265.5, 8817, 1354.5, 1742, 3381.5, 0.67909742318956079}},
    {"mbo-join-slow",
     {582.58868887765789, 466.81407167285352, 8709.6049229563487, 0.58400111896978402, 0.66857142857142859,
      0.77933854481116249, 7265, 8817.5, 1348.5, 1743, 3382.5, 0.67445164834110471}},
    {"so-100-2029",
     {561.49231015711098, 374.93168800927805, 8023.5772263924509, 0.88237061547240803, 1, 0.79052667002024979,
      7350.5, 8857, 1311.5, 1699, 3338.5, 0.74053485000620489}},
    {"tiny",
     {26.980561566940288, 19.654992743865769, 310.39103162025782, 0.72274011299435026, 0.72727272727272729,
      0.7840423465423465, 203.5, 251, 45, 46, 92, 0.71666666666666667}},
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
