// Policy costs (docs/model.md section 13). The cost_* metrics of 13.1 are checked exactly, cell by cell and
// year by year, against the state they are computed from, on small imported worlds stepped through the one
// schedule (models/schedule.hpp). The statistics of 13.3 (the bootstrap and its cases, analysis/costs.hpp)
// are checked on synthetic paired data with known answers, and `tlm compare` end to end through the binary.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/costs.hpp"
#include "analysis/effects.hpp"
#include "model_helpers.hpp"
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"
#include "small_world.hpp"
#include "tests/html_checks.hpp"

using namespace tlm;
using namespace tlm::test;
using models::mbo;
using models::po;
using models::vo;

using tlm::test::contains;

namespace {

constexpr int kStart = kSmallWorldStart;

// Small imported worlds: tests/small_world.hpp (extra teachers here are of age 30).
Params quiet_params(int end) {
  return tlm::test::quiet_params(end, "costs");
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
        extra.push_back({.school = j, .age = 30, .exp = e, .count = 2});
        extra.push_back(
            {.school = j, .age = 30, .exp = e, .count = 1, .q = fmt::format("{}", 0.1 + 0.17 * e)});
      }
    // Zij-instromers in trajectory (unqualified, route zij) at members and at non-members.
    for (int j = 0; j < 8; ++j)
      extra.push_back(
          {.school = j, .age = 30, .exp = 0, .qualified = false, .count = 3, .route = models::zij});
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

// ---------------------------------------------------------------------------------------------------------
// docs/model.md 13.3: the cost per FTE-year of shortage avoided, on synthetic paired data
// (analysis/costs.hpp).

namespace {

using analysis::CostCase;

// Replication sums of a base and an alternative: the base's numbers carry a large shared noise, the
// alternative adds the given differences to them (ALT_i − BASE_i = d_cost[i], d_shortage[i] exactly, as the
// numbers are chosen to be exact in binary).
struct Paired {
  std::vector<double> base_cost, alt_cost, base_shortage, alt_shortage;
};
Paired paired(const std::vector<double>& d_cost, const std::vector<double>& d_shortage) {
  Paired p;
  for (std::size_t i = 0; i < d_cost.size(); ++i) {
    const double noise = 1024.0 * static_cast<double>(i % 7);
    p.base_cost.push_back(1048576.0 + 64 * noise);
    p.alt_cost.push_back(p.base_cost.back() + d_cost[i]);
    p.base_shortage.push_back(8192.0 + noise);
    p.alt_shortage.push_back(p.base_shortage.back() + d_shortage[i]);
  }
  return p;
}

analysis::CostEffectiveness effectiveness(const Paired& p, const analysis::BootstrapOptions& o = {}) {
  return analysis::cost_effectiveness(p.base_cost, p.alt_cost, p.base_shortage, p.alt_shortage, o);
}

// n standard normal numbers from a counter-based stream (the tests' own key).
std::vector<double> normals(std::size_t n, std::uint32_t key) {
  const sim::Stream rng(key, 7);
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(sim::normal(rng.draw(i, 0, 0)));
  return out;
}

// Terminal text with its wrapped lines joined: a line break and the indent of the next line become one space.
std::string unwrapped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    out += ' ';
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
  }
  return out;
}

}  // namespace

TEST_CASE("cost effectiveness: the bootstrap resamples pairs from a fixed counter-based stream",
          "[analysis][costs]") {
  const analysis::BootstrapOptions o;
  CHECK(o.resamples == 2000);
  CHECK(o.seed == 1333);
  CHECK(o.level == 0.95);
  // The same resample every time, another for another b or seed; every index in range; over many resamples
  // each replication is drawn about equally often (n × B / n = B times: a Binomial(n B, 1/n) count, 99.9%).
  CHECK(analysis::bootstrap_resample(30, 5, 1333) == analysis::bootstrap_resample(30, 5, 1333));
  CHECK(analysis::bootstrap_resample(30, 5, 1333) != analysis::bootstrap_resample(30, 6, 1333));
  CHECK(analysis::bootstrap_resample(30, 5, 1333) != analysis::bootstrap_resample(30, 5, 1334));
  const std::size_t n = 30;
  const int B = 2000;
  std::vector<double> drawn(n, 0.0);
  for (int b = 0; b < B; ++b)
    for (std::size_t i : analysis::bootstrap_resample(n, b, 1333)) {
      REQUIRE(i < n);
      drawn[i] += 1;
    }
  const double p = 1.0 / n, trials = static_cast<double>(n) * B, z = z_bonferroni(static_cast<int>(n));
  for (std::size_t i = 0; i < n; ++i) {
    INFO("replication " << i);
    CHECK(std::abs(drawn[i] - trials * p) <= z * std::sqrt(trials * p * (1 - p)));
  }
}

TEST_CASE("cost effectiveness: the four cases of 13.3 and the fifth they leave open", "[analysis][costs]") {
  using analysis::cost_case;
  using analysis::Interval;
  const Interval lower{-30, -10}, straddles{-5, 5}, higher{10, 30}, touches{-30, 0}, undefined{NAN, NAN};
  CHECK(cost_case(100, lower) == CostCase::per_fte_year_avoided);
  CHECK(cost_case(-100, lower) == CostCase::cheaper_and_fewer);
  CHECK(cost_case(0, lower) == CostCase::cheaper_and_fewer);
  CHECK(cost_case(100, straddles) == CostCase::costs_more_no_fewer);
  CHECK(cost_case(100, higher) == CostCase::costs_more_no_fewer);
  CHECK(cost_case(100, touches) == CostCase::costs_more_no_fewer);  // not wholly below 0
  CHECK(cost_case(-100, higher) == CostCase::saved_per_fte_year_added);
  CHECK(cost_case(-100, straddles) == CostCase::no_reduction);
  CHECK(cost_case(0, straddles) == CostCase::no_reduction);
  CHECK(cost_case(0, higher) == CostCase::no_reduction);
  CHECK(cost_case(-100, undefined) == CostCase::no_reduction);
  CHECK(analysis::has_ratio(CostCase::per_fte_year_avoided));
  CHECK(analysis::has_ratio(CostCase::saved_per_fte_year_added));
  CHECK(!analysis::has_ratio(CostCase::cheaper_and_fewer));
  CHECK(!analysis::has_ratio(CostCase::costs_more_no_fewer));
  CHECK(!analysis::has_ratio(CostCase::no_reduction));
}

TEST_CASE("cost effectiveness: costs more and lowers the shortage gives euros per FTE-year avoided",
          "[analysis][costs]") {
  // Proportional differences, Δcost_i = 500 k_i and Δshortage_i = −k_i (k_i = 1..4, uneven): every resample
  // has the ratio 500, so the ratio and both ends of its interval are exactly 500.
  std::vector<double> dc, ds;
  for (int i = 0; i < 40; ++i) {
    const double k = 1 + i % 4;
    dc.push_back(500 * k);
    ds.push_back(-k);
  }
  const auto c = effectiveness(paired(dc, ds));
  CHECK(c.n == 40);
  CHECK(c.kind == CostCase::per_fte_year_avoided);
  CHECK(c.cost.mean == 500 * 2.5);
  CHECK(c.shortage.mean == -2.5);
  CHECK(c.ratio == 500);
  CHECK(c.ratio_ci.lo == 500);
  CHECK(c.ratio_ci.hi == 500);
  CHECK(!c.unreliable);
  CHECK(analysis::cost_text(c) == "€500 per FTE-year of shortage avoided (95% interval €500 to €500)");
}

TEST_CASE(
    "cost effectiveness: the bootstrap interval of the ratio covers the true ratio about 95% of the time",
    "[analysis][costs]") {
  // 200 synthetic comparisons of n = 40 pairs with Δcost ~ N(1,000, 300²) and Δshortage ~ N(−2, 0.5²),
  // independent: the ratio of the means is 500. One comparison: its interval holds 500 and the point
  // estimate. Over the 200: the share of intervals that hold 500 lies near 0.95 (a percentile bootstrap of a
  // ratio at n = 40 undercovers a little; Binomial(200, 0.95) has sd 0.015, so [0.88, 0.99] is generous).
  const std::size_t n = 40;
  int covered = 0;
  const int datasets = 200;
  for (int k = 0; k < datasets; ++k) {
    const auto e = normals(n, 100 + k), f = normals(n, 100000 + k);
    std::vector<double> dc, ds;
    for (std::size_t i = 0; i < n; ++i) {
      dc.push_back(1000 + 300 * e[i]);
      ds.push_back(-2 + 0.5 * f[i]);
    }
    const auto c = effectiveness(paired(dc, ds));
    REQUIRE(c.kind == CostCase::per_fte_year_avoided);
    CHECK(c.ratio_ci.lo <= c.ratio);
    CHECK(c.ratio <= c.ratio_ci.hi);
    if (k == 0) {
      INFO("ratio " << c.ratio << " [" << c.ratio_ci.lo << ", " << c.ratio_ci.hi << "]");
      CHECK(c.ratio_ci.lo < 500);
      CHECK(c.ratio_ci.hi > 500);
      CHECK(c.ratio_ci.hi - c.ratio_ci.lo < 200);
    }
    covered += c.ratio_ci.lo <= 500 && 500 <= c.ratio_ci.hi;
  }
  const double share = static_cast<double>(covered) / datasets;
  INFO("coverage " << share);
  CHECK(share >= 0.88);
  CHECK(share <= 0.99);
}

TEST_CASE("cost effectiveness: cheaper with fewer shortages gives no ratio", "[analysis][costs]") {
  std::vector<double> dc, ds;
  for (int i = 0; i < 25; ++i) {
    dc.push_back(-1000.0 - 8 * (i % 5));
    ds.push_back(-3.0 - 0.25 * (i % 3));
  }
  const auto c = effectiveness(paired(dc, ds));
  CHECK(c.kind == CostCase::cheaper_and_fewer);
  CHECK(std::isnan(c.ratio));
  CHECK(std::isnan(c.ratio_ci.lo));
  CHECK(analysis::cost_text(c) == "cheaper and fewer shortages");
}

TEST_CASE("cost effectiveness: costs more without a detectable reduction says so instead of a ratio",
          "[analysis][costs]") {
  // Shortage differences ±1 alternating (mean 0: the interval straddles 0), and clearly positive ones.
  for (const double shift : {0.0, 5.0}) {
    std::vector<double> dc, ds;
    for (int i = 0; i < 30; ++i) {
      dc.push_back(2000.0 + (i % 2));
      ds.push_back(shift + (i % 2 ? 1.0 : -1.0));
    }
    const auto c = effectiveness(paired(dc, ds));
    INFO("shift " << shift << ", shortage interval " << c.shortage.paired.lo << " to "
                  << c.shortage.paired.hi);
    CHECK(c.kind == CostCase::costs_more_no_fewer);
    CHECK(std::isnan(c.ratio));
    CHECK(analysis::cost_text(c) == "no reduction detectable: costs more, no fewer shortages");
  }
}

TEST_CASE("cost effectiveness: costs less and raises the shortage gives euros saved per FTE-year added",
          "[analysis][costs]") {
  std::vector<double> dc, ds;
  for (int i = 0; i < 24; ++i) {
    const double k = 1 + i % 3;
    dc.push_back(-300 * k);
    ds.push_back(k);
  }
  const auto c = effectiveness(paired(dc, ds));
  CHECK(c.kind == CostCase::saved_per_fte_year_added);
  CHECK(c.ratio == 300);
  CHECK(c.ratio_ci.lo == 300);
  CHECK(c.ratio_ci.hi == 300);
  CHECK(contains(analysis::cost_text(c), "no reduction detectable"));
  CHECK(contains(analysis::cost_text(c),
                 "€300 saved per FTE-year of added shortage (95% interval €300 to €300)"));
}

TEST_CASE("cost effectiveness: identical scenarios differ by exactly 0 and show no reduction",
          "[analysis][costs]") {
  const Paired p = paired(std::vector<double>(20, 0.0), std::vector<double>(20, 0.0));
  const auto c = effectiveness(p);
  CHECK(c.cost.mean == 0.0);
  CHECK(c.cost.paired.lo == 0.0);
  CHECK(c.cost.paired.hi == 0.0);
  CHECK(c.shortage.mean == 0.0);
  CHECK(c.kind == CostCase::no_reduction);
  CHECK(std::isnan(c.ratio));
  CHECK(analysis::cost_text(c) ==
        "no reduction detectable: the same cost, no detectable change in the shortage");
}

TEST_CASE("cost effectiveness: with fewer than 20 replications the interval is marked as unreliable",
          "[analysis][costs]") {
  for (const std::size_t n : {19, 20}) {
    std::vector<double> dc, ds;
    for (std::size_t i = 0; i < n; ++i) {
      dc.push_back(1000.0 + 10 * static_cast<double>(i % 3));
      ds.push_back(-2.0 - 0.5 * static_cast<double>(i % 2));
    }
    const auto c = effectiveness(paired(dc, ds));
    INFO("n " << n);
    CHECK(c.n == n);
    CHECK(c.kind == CostCase::per_fte_year_avoided);
    CHECK(c.unreliable == (n < 20));
    CHECK(contains(analysis::cost_text(c), "unreliable") == (n < 20));
  }
}

TEST_CASE("cost effectiveness: a resample without a reduction has no finite price", "[analysis][costs]") {
  // Mean shortage difference −0.1 from 18 × −1 and 2 × +8: many resamples hold no reduction (mean ≥ 0); their
  // ratio is +∞, so the upper end of the interval is unbounded while the lower end stays finite.
  std::vector<double> dc(20, 100.0), ds(18, -1.0);
  ds.push_back(8.0);
  ds.push_back(8.0);
  CHECK(analysis::cost_ratio(10, -0.1, -1) == 100);
  CHECK(std::isinf(analysis::cost_ratio(10, 0.0, -1)));
  CHECK(std::isinf(analysis::cost_ratio(10, 0.5, -1)));
  CHECK(std::isinf(analysis::cost_ratio(-10, -0.5, +1)));
  const auto ci = analysis::bootstrap_ratio_interval(dc, ds, -1);
  CHECK(std::isfinite(ci.lo));
  CHECK(ci.lo > 0);
  CHECK(std::isinf(ci.hi));
  // The same data and options give the same interval, bit for bit.
  const auto again = analysis::bootstrap_ratio_interval(dc, ds, -1);
  CHECK(again.lo == ci.lo);
  CHECK(analysis::euros(ci.hi) == "∞");
  CHECK(analysis::euros(-1234.4) == "−€1,234");
  CHECK(analysis::euros(1234.6, true) == "+€1,235");
}

// ---------------------------------------------------------------------------------------------------------
// 13.3 in `tlm compare`: on the synthetic results file of tests/analysis_fixture.py, and end to end.

namespace {

// The fixture's file: base, alt (costs 100 € more per FTE-year of shortage it avoids, in every cell) and
// base#2 (a copy of base); 10 replications, 2025–2034.
std::string fixture(const TempDir& dir) {
  std::string out = dir / "fixture.h5";
  const std::string cmd = fmt::format("/usr/bin/python3 '{}/analysis_fixture.py' '{}'", TLM_TEST_DIR, out);
  REQUIRE(std::system(cmd.c_str()) == 0);
  return out;
}

const analysis::CostEffect& cost_of(const std::vector<analysis::CostEffect>& costs,
                                    const std::string& scenario, const std::string& sector) {
  for (const auto& c : costs)
    if (c.scenario == scenario && c.sector == sector) return c;
  FAIL("no cost comparison " << scenario << " " << sector);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("cost effectiveness of a results file: the fixture's known price, and a copy that costs the same",
          "[analysis][costs]") {
  TempDir dir;
  const auto costs = analysis::file_cost_effects(fixture(dir));
  REQUIRE(costs.size() == 2 * 4);  // alt and base#2 × all, po, vo, mbo
  const std::vector<std::string> sectors{"all", "po", "vo", "mbo"};
  for (std::size_t k = 0; k < sectors.size(); ++k) {
    INFO(sectors[k]);
    // Per replication and sector s: Δshortage = −20 (s + 1)(5 + 0.1 rep) over 2 regions × 10 years, and
    // Δcost = −100 × Δshortage; "all" sums the sectors (factor 6 instead of s + 1).
    const double f = k == 0 ? 6.0 : static_cast<double>(k);
    const auto& c = cost_of(costs, "alt", sectors[k]);
    CHECK(c.base == "base");
    CHECK(c.first_year == 2025);
    CHECK(c.last_year == 2034);
    CHECK(c.stats.n == 10);
    CHECK(c.stats.shortage.mean == Approx(-20 * f * 5.45));
    CHECK(c.stats.cost.mean == Approx(2000 * f * 5.45));
    CHECK(c.stats.kind == CostCase::per_fte_year_avoided);
    CHECK(c.stats.ratio == Approx(100).epsilon(1e-12));
    CHECK(c.stats.ratio_ci.lo == Approx(100).epsilon(1e-12));
    CHECK(c.stats.ratio_ci.hi == Approx(100).epsilon(1e-12));
    CHECK(c.stats.unreliable);  // 10 replications
    const auto& same = cost_of(costs, "base#2", sectors[k]);
    CHECK(same.stats.cost.mean == 0.0);
    CHECK(same.stats.kind == CostCase::no_reduction);
  }
  // compare_results prints the reading per scenario and writes one row per comparison into both files.
  std::ostringstream out;
  REQUIRE(analysis::compare_results(dir / "fixture.h5", {}, dir / "cmp", out) == 0);
  // The reading is wrapped to 100 columns.
  CHECK(contains(out.str(), "€100 per FTE-year of shortage avoided (95% interval €100 to €100; unreliable"));
  CHECK(contains(out.str(), "fewer than 20)"));
  CHECK(contains(out.str(), "no reduction detectable"));
  std::ifstream json_file(dir / "cmp/effects.json");
  const auto rows = nlohmann::json::parse(json_file)["effects"];
  int cost_rows = 0, total_rows = 0;
  for (const auto& r : rows) {
    if (r["metric"] == "cost_total") {
      ++total_rows;
      CHECK(r["unit"] == "EUR");
      CHECK(r["interval"] == "paired t");
    }
    if (r["metric"] != "cost_per_fte_year") continue;
    ++cost_rows;
    CHECK(r["unit"] == "EUR per FTE-year");
    CHECK(r["interval"] == "bootstrap percentile");
    CHECK(r["unreliable"] == true);
    CHECK(r["case"] == (r["scenario"] == "alt" ? "per_fte_year_avoided" : "no_reduction"));
    if (r["scenario"] == "alt") CHECK(r["mean"].get<double>() == Approx(100).epsilon(1e-12));
  }
  CHECK(cost_rows == 8);
  CHECK(total_rows == 8);
  std::ifstream csv_file(dir / "cmp/effects.csv");
  std::string header;
  std::getline(csv_file, header);
  CHECK(header.ends_with(
      ",lo_unpaired,hi_unpaired,interval,case,reading,unreliable,n_base,n_alt,unpaired_because"));
}

TEST_CASE("a results file without cost metrics is still compared, without costs", "[analysis][costs]") {
  TempDir dir;
  const std::string path = fixture(dir);
  const std::string drop = fmt::format(
      "/usr/bin/python3 -c \"import h5py\nwith h5py.File('{}', 'a') as f:\n  for g in ('base', 'alt', "
      "'base#2'): del f[g + '/metrics/cost_total']\"",
      path);
  REQUIRE(std::system(drop.c_str()) == 0);
  CHECK(analysis::file_cost_effects(path).empty());
  for (const auto& e : analysis::file_effects(path, {})) CHECK(e.metric != "cost_total");
  std::ostringstream out;
  CHECK(analysis::compare_results(path, {}, dir / "cmp", out) == 0);
  CHECK(!contains(out.str(), "Costs 20"));
}

TEST_CASE("tlm compare X X: the cost difference is exactly 0 and no reduction is detectable",
          "[e2e][analysis][costs]") {
  TempDir dir;
  // Not -q, which prints a short summary only.
  const auto r = run(fmt::format("'{}' compare tiny tiny -r 4 -j 2 -o '{}'", tlm_binary(), dir / "cmp"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(unwrapped(r.out),
                 "no reduction detectable: the same cost, no detectable change in the shortage"));
  std::ifstream json_file(dir / "cmp/effects.json");
  const auto rows = nlohmann::json::parse(json_file)["effects"];
  int totals = 0, comparisons = 0;
  for (const auto& e : rows) {
    if (e["metric"] == "cost_total") {
      ++totals;
      CHECK(e["base_mean"].get<double>() > 0);  // tiny pays for SO places and induction
      CHECK(e["mean"].get<double>() == 0.0);
      CHECK(e["lo"].get<double>() == 0.0);
      CHECK(e["hi"].get<double>() == 0.0);
    }
    if (e["metric"] == "cost_per_fte_year") {
      ++comparisons;
      CHECK(e["case"] == "no_reduction");
      CHECK(e["mean"].is_null());
      CHECK(e["unreliable"] == true);  // 4 replications
    }
  }
  CHECK(totals == 4);
  CHECK(comparisons == 4);
}

TEST_CASE(
    "tlm compare nl-baseline induction-high at scale 0.1 prices the FTE-years avoided, with an interval",
    "[e2e][analysis][costs]") {
  // Better induction costs more (induction is paid per teacher-year times q) and keeps more starters: the
  // shortage falls. The printed case must follow the signs of the two effects, and the price must be their
  // ratio, inside its bootstrap interval.
  TempDir dir;
  const auto r =
      run(fmt::format("'{}' compare nl-baseline induction-high --set world.scale=0.1 -r 20 -j 2 -o '{}'",
                      tlm_binary(), dir / "cmp"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  INFO(r.out);
  std::ifstream json_file(dir / "cmp/effects.json");
  const auto rows = nlohmann::json::parse(json_file)["effects"];
  auto row = [&](const std::string& metric, const std::string& sector) {
    for (const auto& e : rows)
      if (e["metric"] == metric && e["sector"] == sector && e["year"].is_null()) return e;
    FAIL("no row " << metric << " " << sector);
    return nlohmann::json{};
  };
  for (const std::string sector : {"all", "po", "vo", "mbo"}) {
    INFO(sector);
    const auto cost = row("cost_total", sector), shortage = row("shortage_fte_years", sector),
               price = row("cost_per_fte_year", sector);
    const double dc = cost["mean"].get<double>(), ds = shortage["mean"].get<double>();
    CHECK(dc > 0);
    CHECK(shortage["hi"].get<double>() < 0);  // a detectable reduction
    CHECK(price["case"] == "per_fte_year_avoided");
    CHECK(price["unreliable"] == false);
    CHECK(price["n"] == 20);
    const double ratio = price["mean"].get<double>();
    CHECK(ratio == Approx(dc / -ds).epsilon(1e-12));
    CHECK(price["lo"].get<double>() <= ratio);
    CHECK(ratio <= price["hi"].get<double>());
    CHECK(contains(unwrapped(r.out), price["reading"].get<std::string>()));
  }
  CHECK(contains(unwrapped(r.out), "per FTE-year of shortage avoided (95% interval €"));
  CHECK(contains(r.out, "(2,000 resamples, seed 1333)"));
}
