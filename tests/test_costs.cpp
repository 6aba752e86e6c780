// Policy costs (docs/model.md section 13). The cost_* metrics of 13.1 are checked exactly, cell by cell and
// year by year, against the state they are computed from, on small imported worlds stepped through the one
// schedule (models/schedule.hpp). The statistics of 13.3 (the bootstrap and its cases, analysis/costs.hpp)
// are checked on synthetic paired data with known answers, and `tlm compare` end to end through the binary.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model_helpers.hpp"
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"

using namespace tlm;
using namespace tlm::test;
using models::mbo;
using models::po;
using models::vo;

namespace {

constexpr int kStart = 2025;

// One school of a small imported world, with `teachers` identical qualified teachers of age 40, exp 10.
struct SchoolRow {
  std::string region;
  int sector = vo;
  double demand = 10.0;
  bool member = false;
  int teachers = 1;
};

// More teachers at school `school` (an index into the school rows); q empty: the school's q_j.
struct TeacherRow {
  int school = 0;
  int exp = 0;
  bool qualified = true;
  int count = 1;
  int route = models::initial;
  std::string q{};
};

models::World make_world(Params& p, const std::vector<SchoolRow>& schools,
                         const std::vector<TeacherRow>& extra = {}) {
  TempDir dir;
  {
    std::ofstream sf(dir / "schools.csv"), tf(dir / "teachers.csv");
    sf << "id,region,sector,demand_fte,member\n";
    tf << "school_id,age,exp,fte,qualified,count,route,so_trained,q\n";
    for (std::size_t i = 0; i < schools.size(); ++i) {
      const auto& s = schools[i];
      sf << fmt::format("S{},{},{},{},{}\n", i, s.region, models::kSectorNames[s.sector], s.demand,
                        s.member ? 1 : 0);
      if (s.teachers > 0) tf << fmt::format("S{},40,10,1,1,{},initial,0,\n", i, s.teachers);
    }
    for (const auto& t : extra)
      tf << fmt::format("S{},30,{},1,{},{},{},0,{}\n", t.school, t.exp, t.qualified ? 1 : 0, t.count,
                        models::kRouteNames[t.route], t.q);
  }
  p.world.schools_csv = dir / "schools.csv";
  p.world.teachers_csv = dir / "teachers.csv";
  return models::build_world(p);
}

// A quiet world (no reserve, no mobility, no demand growth), years start..end.
Params quiet_params(int end) {
  Params p;
  p.name = "costs";
  p.seed = 20251001;
  p.years.start = kStart;
  p.years.end = end;
  p.study.intake = {0, 0, 0, 0, 0};
  p.reserve.start_size = {0, 0, 0};
  p.zij.inflow = {0, 0, 0};
  p.teachers.mobility = 0.0;
  for (auto& g : p.demand.growth) g = models::YearTable{0.0, {}};
  return p;
}

// Runs the start year and then every year through the schedule, calling check(state, year index) after
// each recorded year (the state is then the recorded one).
template <class Check>
void each_recorded_year(const models::World& world, const Params& p, std::uint32_t replication,
                        Check&& check) {
  models::State s(world, p);
  const sim::Stream rng(static_cast<std::uint32_t>(p.seed), replication);
  models::start_year(s);
  check(s, 0);
  for (int t = kStart + 1; t <= p.years.end; ++t) {
    models::run_year(s, models::YearContext{t, kStart, t - kStart}, rng);
    check(s, t - kStart);
  }
}

using Cells = std::vector<models::PerSector<double>>;  // [region][sector]

double cell(const models::State& s, models::Metric m, int y, int r, int sec) {
  return s.out.cube(m, y, r, sec);
}

// The world of the SO and induction checks: two regions, members and non-members of every sector, students,
// zij-instromers hired every year, and start teachers in and past their induction years with given q.
struct Busy {
  Params p = quiet_params(2030);
  models::World world;
  Busy() {
    p.study.intake = {120, 80, 30, 30, 30};
    p.zij.inflow = {60, 60, 60};
    std::vector<SchoolRow> rows{
        {.region = "A", .sector = po, .demand = 60, .member = true, .teachers = 50},
        {.region = "A", .sector = po, .demand = 60, .teachers = 50},
        {.region = "A", .sector = vo, .demand = 80, .member = true, .teachers = 70},
        {.region = "A", .sector = mbo, .demand = 80, .teachers = 70},
        {.region = "B", .sector = vo, .demand = 80, .member = true, .teachers = 70},
        {.region = "B", .sector = vo, .demand = 80, .teachers = 70},
        {.region = "B", .sector = mbo, .demand = 80, .member = true, .teachers = 70},
        {.region = "B", .sector = po, .demand = 60, .teachers = 50},
    };
    std::vector<TeacherRow> extra;
    for (int j = 0; j < 8; ++j)
      for (int e = 0; e <= 4; ++e) {
        extra.push_back({.school = j, .exp = e, .count = 2});
        extra.push_back({.school = j, .exp = e, .count = 1, .q = fmt::format("{}", 0.1 + 0.17 * e)});
      }
    // Zij-instromers in trajectory (unqualified, route zij) at members and at non-members.
    for (int j = 0; j < 8; ++j)
      extra.push_back({.school = j, .qualified = false, .count = 3, .route = models::zij});
    world = make_world(p, rows, extra);
  }
};

}  // namespace

TEST_CASE(
    "costs: cost_so is 1,250 × (SO students + zij-instromers in trajectory at member schools), per cell",
    "[model][costs]") {
  // docs/model.md 13.1: students in an SO year count in the sector of their placement school (the cell of
  // students_so), zij-instromers in a trajectory at a member school in the cell of their employer; at a
  // non-member school a zij-instromer costs nothing. Counted here from the state, every recorded year, the
  // start year included; exact.
  const Busy b;
  REQUIRE(b.p.costs.so_student == 1250);
  double students_seen = 0, zij_member_seen = 0, zij_other_seen = 0;
  each_recorded_year(b.world, b.p, 0, [&](const models::State& s, int y) {
    Cells count(b.world.regions, {0, 0, 0});
    for (std::size_t i = 0; i < s.students.size(); ++i)
      if (s.students.so_year[i]) {
        const auto j = s.students.school[i];
        REQUIRE(j != models::kNone);
        REQUIRE(s.school_year.member[j]);
        count[s.students.region[i]][b.world.schools.sector[j]] += 1;
        students_seen += 1;
      }
    for (std::size_t i = 0; i < s.teachers.size(); ++i) {
      if (s.teachers.zij_year[i] == 0) continue;
      const auto j = s.teachers.school[i];
      if (s.school_year.member[j]) {
        count[b.world.schools.region[j]][b.world.schools.sector[j]] += 1;
        zij_member_seen += 1;
      } else {
        zij_other_seen += 1;
      }
    }
    for (int r = 0; r < b.world.regions; ++r)
      for (int sec = 0; sec < models::kSectors; ++sec) {
        INFO("year " << kStart + y << ", region " << r << ", " << models::kSectorNames[sec]);
        CHECK(cell(s, models::m_cost_so, y, r, sec) == 1250.0 * count[r][sec]);
      }
  });
  // The world exercises every part of the count.
  CHECK(students_seen > 100);
  CHECK(zij_member_seen > 10);
  CHECK(zij_other_seen > 10);
}

TEST_CASE(
    "costs: cost_induction is 1,830 × Σ q_i over teachers with exp < induction.years outside a zij "
    "trajectory, per cell",
    "[model][costs]") {
  // docs/model.md 13.1: every route, each of a starter's induction years; zij-instromers in trajectory are
  // not paid for (their SO place is). Start teachers of exp 0..4 with the school's q and with q 0.1..0.78,
  // new hires every year. Exact, for induction.years 3 (the default) and 1.
  for (const int years : {3, 1}) {
    INFO("induction.years " << years);
    Busy b;
    b.p.induction.years = years;
    REQUIRE(b.p.costs.induction == 1830);
    double in_induction = 0, past = 0, zij_excluded = 0;
    each_recorded_year(b.world, b.p, 1, [&](const models::State& s, int y) {
      Cells q(b.world.regions, {0, 0, 0});
      for (std::size_t i = 0; i < s.teachers.size(); ++i) {
        const auto j = s.teachers.school[i];
        if (s.teachers.zij_year[i] > 0) {
          zij_excluded += s.teachers.exp[i] < years;
          continue;
        }
        if (s.teachers.exp[i] >= years) {
          past += 1;
          continue;
        }
        q[b.world.schools.region[j]][b.world.schools.sector[j]] += s.teachers.q[i];
        in_induction += 1;
      }
      for (int r = 0; r < b.world.regions; ++r)
        for (int sec = 0; sec < models::kSectors; ++sec) {
          INFO("year " << kStart + y << ", region " << r << ", " << models::kSectorNames[sec]);
          CHECK(cell(s, models::m_cost_induction, y, r, sec) == 1830.0 * q[r][sec]);
        }
    });
    CHECK(in_induction > 50);
    CHECK(past > 100);
    CHECK(zij_excluded > 10);
  }
}

TEST_CASE("costs: cost_joining charges exactly the schools in their first year as a member",
          "[model][costs]") {
  // A joining schedule: vo of region A to 50% in 2027, everything in region B to 100% in 2029. A school is
  // charged 50,000 € in the year its membership begins (member now, not in the previous recorded state); the
  // start members never are, nor anyone in the start year. Exact, per cell and year; over the years the
  // charges add up to 50,000 × (members at the end − start members).
  Params p = quiet_params(2031);
  p.market.enabled = false;
  p.policy.joining.mode = models::JoiningMode::schedule;
  p.policy.joining.schedule = {models::JoiningStep{vo, 0, 0.5, 2027}, models::JoiningStep{-1, 1, 1.0, 2029}};
  std::vector<SchoolRow> rows;
  for (const char* r : {"A", "B"}) {
    for (int i = 0; i < 10; ++i) rows.push_back({.region = r, .sector = vo, .member = i < 2});
    for (int i = 0; i < 6; ++i) rows.push_back({.region = r, .sector = po, .member = i < 3});
    rows.push_back({.region = r, .sector = mbo});
  }
  const auto world = make_world(p, rows);
  REQUIRE(p.costs.joining == 50000);
  std::vector<std::uint8_t> before = world.schools.member;
  double charged = 0, start_members = 0, end_members = 0;
  std::set<int> years_with_joiners;
  for (auto m : world.schools.member) start_members += m;
  each_recorded_year(world, p, 0, [&](const models::State& s, int y) {
    Cells joined(world.regions, {0, 0, 0});
    for (std::size_t j = 0; j < world.schools.size(); ++j)
      if (s.school_year.member[j] && !before[j]) {
        REQUIRE(!world.schools.member[j]);  // never a start member
        joined[world.schools.region[j]][world.schools.sector[j]] += 1;
        years_with_joiners.insert(kStart + y);
      }
    for (int r = 0; r < world.regions; ++r)
      for (int sec = 0; sec < models::kSectors; ++sec) {
        INFO("year " << kStart + y << ", region " << r << ", " << models::kSectorNames[sec]);
        CHECK(cell(s, models::m_cost_joining, y, r, sec) == 50000.0 * joined[r][sec]);
        charged += cell(s, models::m_cost_joining, y, r, sec);
      }
    before = s.school_year.member;
    if (y == p.years.end - kStart) {
      end_members = 0;
      for (auto m : s.school_year.member) end_members += m;
    }
  });
  CHECK(years_with_joiners == std::set<int>{2027, 2029});
  CHECK(end_members == 3 + 5 + 17);  // A: 3 po, vo 2 → 5; B: all 17
  CHECK(charged == 50000.0 * (end_members - start_members));
}

TEST_CASE(
    "costs: cost_partnership counts partnerships with a member, divided over the region's sectors by "
    "member schools",
    "[model][costs]") {
  // costs.partnership = 100,000 €, 2 partnerships per region (a region's members are dealt to them in turn).
  // Region A: 3 po and 1 vo members, so both partnerships have one: 200,000 € a year, po 3/4, vo 1/4.
  // Region B: a single mbo member: 1 partnership, 100,000 € to mbo. Region C: no member until 2027 (a
  // schedule takes its two po schools in): nothing, then 200,000 € to po. Non-member sectors pay nothing.
  Params p = quiet_params(2028);
  p.market.enabled = false;
  p.costs.partnership = 100000;
  p.policy.joining.mode = models::JoiningMode::schedule;
  p.policy.joining.schedule = {models::JoiningStep{po, 2, 1.0, 2027}};
  std::vector<SchoolRow> rows;
  for (int i = 0; i < 4; ++i) rows.push_back({.region = "A", .sector = po, .member = i < 3});
  rows.push_back({.region = "A", .sector = vo, .member = true});
  rows.push_back({.region = "A", .sector = mbo});
  rows.push_back({.region = "B", .sector = mbo, .member = true});
  rows.push_back({.region = "B", .sector = po});
  rows.push_back({.region = "C", .sector = po});
  rows.push_back({.region = "C", .sector = po});
  rows.push_back({.region = "C", .sector = vo});
  const auto world = make_world(p, rows);
  each_recorded_year(world, p, 0, [&](const models::State& s, int y) {
    const int year = kStart + y;
    INFO("year " << year);
    const models::PerSector<double> A{100000.0 * 2 * 3 / 4, 100000.0 * 2 * 1 / 4, 0}, B{0, 0, 100000},
        C{year >= 2027 ? 200000.0 : 0.0, 0, 0};
    for (int sec = 0; sec < models::kSectors; ++sec) {
      INFO(models::kSectorNames[sec]);
      CHECK(cell(s, models::m_cost_partnership, y, 0, sec) == A[sec]);
      CHECK(cell(s, models::m_cost_partnership, y, 1, sec) == B[sec]);
      CHECK(cell(s, models::m_cost_partnership, y, 2, sec) == C[sec]);
    }
  });
}

TEST_CASE("costs: partnerships do not scale with world.scale, and cost_total is the sum of the four",
          "[model][costs]") {
  // The synthetic world has world.regions × partnerships.per_region partnerships whatever the scale; at scale
  // 0.1 every region still has members enough for both, so the start year pays for all 100 of them. And in
  // every cell cost_total = cost_so + cost_partnership + cost_induction + cost_joining (in that order),
  // exactly.
  for (const double scale : {0.1, 0.02}) {
    INFO("scale " << scale);
    Params p = models::load_scenario("nl-baseline").params;
    p.world.scale = scale;
    p.years.end = p.years.start + 2;
    p.costs.partnership = 100000;
    p.policy.joining.mode = models::JoiningMode::target;  // members join in start + 2
    const auto world = models::build_world(p);
    std::vector<std::int32_t> with_member(world.partnership_region.size(), 0);
    for (std::size_t j = 0; j < world.schools.size(); ++j)
      if (world.schools.partnership[j] != models::kNone) with_member[world.schools.partnership[j]] = 1;
    double partnerships = 0;
    for (auto m : with_member) partnerships += m;
    if (scale == 0.1) CHECK(partnerships == 100);
    const auto runs = run_all(world, p, 2);
    for (const auto& o : runs) {
      CHECK(national(o, models::m_cost_partnership, 0) == Approx(100000.0 * partnerships).epsilon(1e-12));
      CHECK(national(o, models::m_cost_joining, 0) == 0);
      CHECK(national(o, models::m_cost_joining, 1) == 0);
      CHECK(national(o, models::m_cost_joining, 2) > 0);
      for (int y = 0; y < o.years; ++y)
        for (int r = 0; r < o.regions; ++r)
          for (int sec = 0; sec < models::kSectors; ++sec)
            CHECK(o.cube(models::m_cost_total, y, r, sec) ==
                  o.cube(models::m_cost_so, y, r, sec) + o.cube(models::m_cost_partnership, y, r, sec) +
                      o.cube(models::m_cost_induction, y, r, sec) +
                      o.cube(models::m_cost_joining, y, r, sec));
    }
  }
}

TEST_CASE("costs: the costs.* keys are read from a scenario, must not be negative, and price nothing else",
          "[model][costs][scenario]") {
  const auto p = models::load_scenario("tiny", {"costs.so_student=0", "costs.induction=2000.5",
                                                "costs.joining=1", "costs.partnership=7"})
                     .params;
  CHECK(p.costs.so_student == 0);
  CHECK(p.costs.induction == 2000.5);
  CHECK(p.costs.joining == 1);
  CHECK(p.costs.partnership == 7);
  CHECK_THROWS_AS(models::load_scenario("tiny", {"costs.joining=-1"}), models::ScenarioErrors);
  // Prices change the cost metrics only: every other metric is bit for bit the same.
  auto q = models::load_scenario("tiny").params;
  q.years.end = q.years.start + 3;
  auto r = q;
  r.costs = {1, 2, 3, 4};
  const auto world = models::build_world(q);
  const auto a = models::run_replication(world, q, 0), c = models::run_replication(world, r, 0);
  std::size_t differ = 0, cost_cells_differ = 0;
  for (int m = 0; m < models::kMetrics; ++m) {
    const bool cost = std::string(models::kMetricInfo[m].recorded_by) == "costs";
    for (int y = 0; y < a.years; ++y)
      for (int g = 0; g < a.regions; ++g)
        for (int sec = 0; sec < models::kSectors; ++sec)
          (cost ? cost_cells_differ : differ) += a.cube(m, y, g, sec) != c.cube(m, y, g, sec);
  }
  CHECK(differ == 0);
  CHECK(cost_cells_differ > 0);
}
