// Mobility and moves (docs/model.md 6.3.4, 6.6.0, A.4): every teacher who stays looks for another school with
// teachers.mobility, zij-instromers in their trajectory included, and a seeker moves to another school of its
// market with chance proportional to v_j, times market.so_member_preference at member schools when it is
// SO-trained (A.4: the preference applies to moves as well); its own school is never picked.
//
// World: one region, vo. S0 (non-member) holds every teacher: 2,000 not SO-trained, 2,000 SO-trained (both
// qualified, age 40, exp 10) and 1,000 zij-instromers in trajectory year 1 (imported unqualified, route zij);
// its demand leaves it a vacancy as large as the others', so picking it would show. S1 (member) and S2
// (non-member) have no teachers and the same vacancy, 100,000 FTE each, so the few hundred moves a year
// change the chances by under 0.5%. No attrition, retirement, zij dropout, students, reserve or zij
// inflow: in the first simulated year every teacher stays and looks with mobility m = 0.1, and a mover picks
// S1 with 1/2 (not SO-trained) or 2/(2 + 1) = 2/3 (SO-trained). R = 10 replications, four binomial checks
// (Bonferroni over 4: z = 3.48).
#include <catch2/catch.hpp>

#include <fstream>
#include <unordered_map>

#include "model_helpers.hpp"
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"

using namespace tlm;
using namespace tlm::test;

TEST_CASE("model: teachers look for another school with teachers.mobility and move by vacancy and preference",
          "[model][mechanism][moves]") {
  TempDir dir;
  Params p;
  p.name = "moves";
  p.seed = 20251001;
  p.years.start = 2025;
  p.years.end = 2026;
  p.study.intake = {0, 0, 0, 0, 0};
  p.reserve.start_size = {0, 0, 0};
  p.zij.inflow = {0, 0, 0};
  p.zij.dropout = 0.0;
  p.teachers.early_retirement = 0.0;
  p.teachers.workload_effect = 0.0;
  for (auto& sector : p.teachers.attrition) sector.fill(0.0);
  for (auto& g : p.demand.growth) g = models::YearTable{0.0, {}};
  p.teachers.mobility = 0.1;
  const double vacancy = 100000;
  {
    std::ofstream schools(dir / "schools.csv"), teachers(dir / "teachers.csv");
    schools << "id,region,sector,demand_fte,member\n"
            << "S0,A,vo," << 5000 + vacancy << ",0\nS1,A,vo," << vacancy << ",1\nS2,A,vo," << vacancy
            << ",0\n";
    teachers << "school_id,age,exp,fte,qualified,count,route,so_trained\n"
             << "S0,40,10,1,1,2000,initial,0\nS0,40,10,1,1,2000,initial,1\nS0,35,0,1,0,1000,zij,0\n";
  }
  p.world.schools_csv = dir / "schools.csv";
  p.world.teachers_csv = dir / "teachers.csv";
  const auto world = models::build_world(p);
  REQUIRE(world.teachers.size() == 5000);

  const int R = 10;
  // [not SO-trained, SO-trained, zij]: teachers, movers, movers to S1.
  std::array<double, 3> n{}, moved{}, to_member{};
  for (int rep = 0; rep < R; ++rep) {
    models::State s(world, p);
    const sim::Stream rng(static_cast<std::uint32_t>(p.seed), static_cast<std::uint32_t>(rep));
    models::start_year(s);
    std::unordered_map<std::uint64_t, int> kind;
    for (std::size_t i = 0; i < s.teachers.size(); ++i)
      kind[s.teachers.id[i]] = s.teachers.zij_year[i] > 0 ? 2 : s.teachers.so_trained[i];
    models::run_year(s, models::YearContext{2026, 2025, 1}, rng);
    REQUIRE(s.teachers.size() == 5000);  // nobody left, nobody was hired
    double movers = 0;
    for (std::size_t i = 0; i < s.teachers.size(); ++i) {
      const int k = kind.at(s.teachers.id[i]);
      const auto& label = world.schools.label[s.teachers.school[i]];
      n[k] += 1;
      moved[k] += label != "S0";
      to_member[k] += label == "S1";
      movers += label != "S0";
    }
    CHECK(national(s.out, models::m_exits_move, 1) == movers);
  }
  const double z = z_bonferroni(4);
  auto check = [&](double k, double trials, double P, const char* what) {
    const double share = k / trials, bound = z * std::sqrt(P * (1 - P) / trials);
    INFO(what << ": " << k << " of " << trials << " = " << share << ", closed form " << P << " ± " << bound);
    CHECK(std::abs(share - P) <= bound);
  };
  check(moved[0] + moved[1], n[0] + n[1], p.teachers.mobility, "qualified teachers who moved");
  check(moved[2], n[2], p.teachers.mobility, "zij-instromers in their trajectory who moved");
  check(to_member[0], moved[0], 0.5, "movers not SO-trained who went to the member school");
  const double pref = p.market.so_member_preference;
  check(to_member[1], moved[1], pref / (pref + 1.0), "SO-trained movers who went to the member school");
}
