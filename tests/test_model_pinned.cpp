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
    "shortage_fte start+5",  "shortage_fte end",      "shortage FTE-years",  "so_share end",
    "member_share end",      "retention_5y starters", "graduates total",     "entrants total",
    "groenpluk_hires total", "zij_started total",     "reserve_size end",    "induction_quality_mean start+5",
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
     {587.3907884879859, 400.00110668814864, 8348.2665439921548, 0.88325345379534925, 1, 0.81175937041483259, 7298.5, 8634, 167.5, 1680, 3382, 1}},
    {"groenpluk-ban",
     {622.04476848049353, 502.09536060583417, 9269.8132610343237, 0.57700621063478785, 0.6657142857142857, 0.78226344471335851, 7202.5, 8722, 569, 1758, 3424, 0.66357142857142848}},
    {"groenpluk-final-year",
     {616.09040975153243, 489.84944218683211, 9171.5941550091811, 0.57389443366411375, 0.6657142857142857, 0.77704391261524153, 7185, 8801, 1388, 1763.5, 3352, 0.66505463782149798}},
    {"induction-high",
     {598.99227726192862, 449.96204238682498, 8833.1499380540463, 0.57429306999481211, 0.6657142857142857, 0.79430335848678946, 7172, 8695.5, 1385.5, 1739.5, 3318, 0.93991640215861361}},
    {"mbo-join-2029",
     {616.67489489663944, 490.7526349575723, 9192.369874906075, 0.58267695924690299, 0.66857142857142859, 0.77867515207458315, 7176.5, 8786.5, 1415, 1763.5, 3350, 0.67803465843695676}},
    {"mbo-join-slow",
     {617.72142078660795, 490.60766122533863, 9197.2100057369098, 0.58267695924690299, 0.66857142857142859, 0.7784356751512792, 7176, 8788, 1411, 1764, 3349.5, 0.67389859701514854}},
    {"so-100-2029",
     {602.61852916084308, 392.17572084184917, 8543.7064385807334, 0.88276432781719794, 1, 0.78997750616139562, 7258.5, 8842.5, 1350, 1727.5, 3288, 0.74023200889135854}},
    {"tiny",
     {28.88037791951988, 22.380848939981419, 332.26818234535011, 0.70833333333333326, 0.72727272727272729, 0.78431568431568432, 201, 249.5, 48.5, 45.5, 91.5, 0.71666666666666667}},
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
        num += o.retained(y, route, kRetentionYears - 1);
        den += o.entrants(y, route);
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

TEST_CASE("model: pinned figures of every other embedded scenario (scale 0.05, 2 replications) have not drifted",
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
      const std::string path = std::string(TLM_TEST_DIR) + "/test_model_pinned.cpp";
      std::stringstream text;
      text << std::ifstream(path).rdbuf();
      std::string src = text.str();
      const auto begin = src.find("const std::vector<Pinned> kPinned{\n");
      REQUIRE(begin != std::string::npos);
      const auto end = src.find("\n};\n", begin);
      REQUIRE(end != std::string::npos);
      src.replace(begin, end + 4 - begin, s.str());
      std::ofstream(path) << src;
      std::cout << "written to " << path << " (rebuild to use it)\n";
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
      INFO(pin.scenario << ", " << kFigureNames[i] << ": now " << fmt::format("{:.17g}", now[i]) << ", stored "
                        << fmt::format("{:.17g}", pin.values[i])
                        << " (if the model changed on purpose, regenerate in a commit of its own: "
                           "TLM_REGENERATE_PINNED=1)");
      CHECK(now[i] == Approx(pin.values[i]).epsilon(1e-12).margin(0));
    }
  }
}
