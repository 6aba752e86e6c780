// Behaviour of every policy mode and key of docs/model.md 6.2 (joining, openness, pilot ramp, induction), 6.4
// (institutes' target ramp, the sector dropouts and delays count in), 6.5 (rotation) and 6.6 (groenpluk
// rules, compliance, leakage), and of the section 7 metrics they are read through (hires per graduate route,
// qualified_fte), each on a small imported world whose expected result is exact or a closed form.
//
// Exact expectations are compared exactly (or to 1e-12 relative for sums of doubles). Each statistical check
// compares a count with its closed form by a two-sided normal interval, Bonferroni-adjusted over the checks
// of its test case so that the family-wise chance of a false failure is at most 0.1% (z_bonferroni); the seed
// is fixed, so a test either always passes or always fails, and the bound says how unlucky a correct model
// would have to be to fail it. Each interval is stated where it is used.
//
// Some tests look at the state between phases (who is placed where, who is employed): they run the phases of
// models/phases.hpp in the order of models/simulation.cpp (`step` below; the first test checks that this
// gives run_replication's metrics bit for bit).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model_helpers.hpp"
#include "models/phases.hpp"
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"
#include "small_world.hpp"

using namespace tlm;
using namespace tlm::test;
using models::mbo;
using models::po;
using models::vo;

namespace {

constexpr int kStart = kSmallWorldStart;

// Small imported worlds: tests/small_world.hpp.
Params quiet_params(int end) {
  return tlm::test::quiet_params(end, "policy-modes");
}

// Two regions, each with 20 po schools (4 members), 10 vo schools (none a member) and 2 mbo schools (1
// member).
std::vector<SchoolRow> two_region_rows() {
  std::vector<SchoolRow> rows;
  for (const char* r : {"A", "B"}) {
    add_schools(rows, 4, {.region = r, .sector = po, .member = true});
    add_schools(rows, 16, {.region = r, .sector = po});
    add_schools(rows, 10, {.region = r, .sector = vo});
    add_schools(rows, 1, {.region = r, .sector = mbo, .member = true});
    add_schools(rows, 1, {.region = r, .sector = mbo});
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// A replication stepped year by year through the one schedule (models/schedule.hpp), so a test can inspect
// the state between years.

void record_start(models::State& s) {
  models::start_year(s);
}

void step(models::State& s, const sim::Stream& rng, int t) {
  const int start = s.params.years.start;
  models::run_year(s, models::YearContext{t, start, t - start}, rng);
}

sim::Stream stream(const Params& p, std::uint32_t replication) {
  return sim::Stream(static_cast<std::uint32_t>(p.seed), replication);
}

// ---------------------------------------------------------------------------------------------------------
// Statistics.

// |successes / n − P| ≤ z sqrt(P (1 − P) / n): a Binomial(n, P) count against its chance (exact when P is 0
// or 1).
void check_binomial(double successes, double n, double P, double z, const std::string& what) {
  const double share = successes / n;
  const double bound = z * std::sqrt(P * (1.0 - P) / n) + 1e-12;
  INFO(what << ": observed share " << share << " (" << successes << " of " << n << "), closed form " << P
            << ", bound ±" << bound);
  CHECK(std::abs(share - P) <= bound);
}

// Member schools of (region r, sector) in year index y.
double members(const Outcomes& o, int y, int r, int sector) {
  return o.cube(models::m_member_schools, y, r, sector);
}

}  // namespace

TEST_CASE("policy modes: the phase-by-phase year of these tests is run_replication's year",
          "[model][policy-modes]") {
  // The tests below that inspect the state run `step`; it must be the simulated year itself. A world with
  // students, groenpluk, joining and zij-instroom, three years: every metric equal bit for bit.
  Params p = quiet_params(kStart + 3);
  p.study.intake = {40, 20, 10, 10, 10};
  p.zij.inflow = {5, 5, 5};
  p.reserve.return_rate = 0.1;
  p.policy.joining.mode = models::JoiningMode::adoption;
  p.policy.joining.adoption = {0.2, 0.1, 0.5};
  p.policy.rotation = true;
  std::vector<SchoolRow> rows;
  add_schools(rows, 6, {.region = "A", .sector = po, .demand = 40, .member = true, .teachers = 30});
  add_schools(rows, 4, {.region = "A", .sector = po, .demand = 40, .teachers = 30});
  add_schools(rows, 3, {.region = "A", .sector = vo, .demand = 60, .member = true, .teachers = 50});
  add_schools(rows, 2, {.region = "B", .sector = mbo, .demand = 60, .teachers = 50});
  add_schools(rows, 2, {.region = "B", .sector = vo, .demand = 60, .teachers = 50});
  const auto world = make_world(p, rows);
  const auto ref = models::run_replication(world, p, 3);
  models::State s(world, p);
  const auto rng = stream(p, 3);
  record_start(s);
  for (int t = kStart + 1; t <= p.years.end; ++t) step(s, rng, t);
  REQUIRE(ref.cube.size() == s.out.cube.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < ref.cube.size(); ++i) differ += ref.cube.data()[i] != s.out.cube.data()[i];
  CHECK(differ == 0);
  CHECK(national(ref, models::m_groenpluk_hires, 2) + national(ref, models::m_groenpluk_hires, 3) > 0);
}

// ---------------------------------------------------------------------------------------------------------
// 6.2 joining: none, schedule, target, adoption; openness; the pilot ramp.

TEST_CASE("policy modes: joining none keeps membership, schedule steps act for the year they name",
          "[model][policy-modes][joining]") {
  // Through the scenario reader (schedule regions are 1-based there). World: regions A and B, each with 20 po
  // schools (4 members), 10 vo schools (none) and 2 mbo schools (1 member). Schedule: po to 50% nationally in
  // 2027; vo of region 2 (B) to 100% in 2029. 6.2 of year t takes the shortfall for t + 1 in every year with
  // t + 1 ≥ year, so each step's share holds exactly from its year on and not a year before (openness 1):
  //   po: 8 members until 2026, round(0.5 × 40) = 20 from 2027; vo of B: 0 until 2028, 10 from 2029;
  //   vo of A and mbo: unchanged.
  TempDir dir;
  Params unused;
  const std::vector<SchoolRow> rows = two_region_rows();
  write_world(dir, rows, unused);
  {
    std::ofstream toml(dir / "schedule.toml");
    toml << R"(name = "joining-schedule"
[years]
start = 2025
end = 2030
[world]
schools_csv = "schools.csv"
teachers_csv = "teachers.csv"
[market]
enabled = false
[study]
intake = 0
[reserve]
start_size = 0
[zij]
inflow = 0
[policy.joining]
mode = "schedule"
schedule = [
  { sector = "po", share = 0.5, year = 2027 },
  { sector = "vo", region = 2, share = 1.0, year = 2029 },
]
)";
  }
  for (const bool none : {false, true}) {
    INFO((none ? "mode none" : "mode schedule"));
    const auto p = models::load_scenario(dir / "schedule.toml",
                                         none ? std::vector<std::string>{"policy.joining.mode=none"}
                                              : std::vector<std::string>{})
                       .params;
    const auto runs = run_all(models::build_world(p), p, 3);
    for (const auto& o : runs)
      for (int y = 0; y < o.years; ++y) {
        const int year = kStart + y;
        INFO("year " << year);
        CHECK(national(o, models::m_member_schools, y, po) == (none || year < 2027 ? 8 : 20));
        CHECK(members(o, y, 0, vo) == 0);
        CHECK(members(o, y, 1, vo) == (none || year < 2029 ? 0 : 10));
        CHECK(o.cube(models::m_member_share, y, 1, vo) == (none || year < 2029 ? 0.0 : 1.0));
        CHECK(national(o, models::m_member_schools, y, mbo) == 2);
      }
  }
}

TEST_CASE("policy modes: joining target raises the member count linearly to target_year",
          "[model][policy-modes][joining]") {
  // The same world; target for po only, 0.9 in 2029, from the start share s0 = 8 / 40 = 0.2. 6.2 of year t
  // takes the shortfall round(target(t + 1) × n) − members for t + 1, target(t) = s0 + (0.9 − s0) ×
  // min(1, (t − 2025) / (2029 − 2025)); the first 6.2 runs in 2026, so 2026 still has the start members:
  //   po members: 8, 8, round(0.55 × 40) = 22, round(0.725 × 40) = 29, 36, 36, 36 (2025 … 2031);
  //   vo and mbo (not in policy.joining.sectors) keep theirs.
  Params p = quiet_params(2031);
  p.market.enabled = false;
  p.policy.joining.mode = models::JoiningMode::target;
  p.policy.joining.sectors = {true, false, false};
  p.policy.joining.target_share = 0.9;
  p.policy.joining.target_year = 2029;
  const std::vector<SchoolRow> rows = two_region_rows();
  const auto world = make_world(p, rows);
  const std::vector<double> expected{8, 8, 22, 29, 36, 36, 36};
  for (const auto& o : run_all(world, p, 3))
    for (int y = 0; y < o.years; ++y) {
      INFO("year " << kStart + y);
      CHECK(national(o, models::m_member_schools, y, po) == expected[y]);
      CHECK(national(o, models::m_member_schools, y, vo) == 0);
      CHECK(national(o, models::m_member_schools, y, mbo) == 2);
    }
}

TEST_CASE("policy modes: openness refuses applications, and a refused school is not replaced that year",
          "[model][policy-modes][joining]") {
  // 400 vo schools, none a member; schedule: 50% from 2027. Each year the shortfall (200 − members) is taken
  // from non-members, each accepted with openness o by its own draw; refused ones are not replaced. So each
  // of the 200 places is filled, year after year, with chance o: members(t) ~ Binomial(200, 1 − (1 − o)^k) in
  // the k-th year of the step (t = 2026 + k), none before 2027. o = 0.5, R = 30 replications: the sums over
  // replications are Binomial(6000, P_k), three years checked (Bonferroni over 3, z = 3.6). o = 0 and o = 1
  // are exact.
  std::vector<SchoolRow> rows;
  add_schools(rows, 400, {.region = "A", .sector = vo});
  const int R = 30;
  for (const double o : {0.0, 0.5, 1.0}) {
    INFO("openness " << o);
    Params p = quiet_params(2029);
    p.market.enabled = false;
    p.policy.joining.mode = models::JoiningMode::schedule;
    p.policy.joining.schedule = {models::JoiningStep{-1, -1, 0.5, 2027}};
    p.policy.joining.openness = o;
    const auto world = make_world(p, rows);
    const auto runs = run_all(world, p, o == 0.5 ? R : 2);
    const double z = z_bonferroni(3);
    for (int y = 0; y < runs[0].years; ++y) {
      const int year = kStart + y, k = year - 2026;
      double sum = 0.0;
      for (const auto& run : runs) sum += members(run, y, 0, vo);
      const double n = 200.0 * static_cast<double>(runs.size());
      if (k <= 0)
        CHECK(sum == 0);
      else if (o == 0.5)
        check_binomial(sum, n, 1.0 - std::pow(0.5, k), z, fmt::format("members {}", year));
      else
        CHECK(sum == o * n);
    }
  }
}

TEST_CASE("policy modes: adoption applies with a0 + a1 × regional member share + a2 × own shortage rate",
          "[model][policy-modes][joining]") {
  // Region A: 400 vo schools, 300 members (share 0.75), each with demand 10 and 9 teachers (shortage rate
  // 0.1). Region B: 400 vo schools, 100 members (share 0.25), 6 teachers each (rate 0.4). Market off, so the
  // start year's recorded rate is exactly the start gap. 6.2 of 2026 takes applications for 2027 with
  // P = clip(a0 + a1 × share_r + a2 × rate_r) and accepts each with openness; so the new members of 2027 in
  // region r are Binomial(non-members_r, P × openness), and 2026 still has the start members. Arms (P in A,
  // B):
  //   a1 only  {0, 0.4, 0}:   0.30, 0.10   (a2-only would give 0.04, 0.16)
  //   a2 only  {0, 0, 0.5}:   0.05, 0.20   (a1-only would give 0.375, 0.125)
  //   clipped  {-0.2, 0.4, 0}: 0.10, 0 (exactly nobody in B)
  //   a0 with openness 0.5 {0.2, 0, 0}: 0.10, 0.10
  // R = 20 replications: 2,000 trials in A and 6,000 in B per arm; 7 statistical checks (Bonferroni over 7,
  // z = 3.8).
  std::vector<SchoolRow> rows;
  add_schools(rows, 300, {.region = "A", .sector = vo, .demand = 10, .member = true, .teachers = 9});
  add_schools(rows, 100, {.region = "A", .sector = vo, .demand = 10, .teachers = 9});
  add_schools(rows, 100, {.region = "B", .sector = vo, .demand = 10, .member = true, .teachers = 6});
  add_schools(rows, 300, {.region = "B", .sector = vo, .demand = 10, .teachers = 6});
  const double z = z_bonferroni(7);
  const int R = 20;
  struct Arm {
    std::array<double, 3> a;
    double openness;
    double PA, PB;
  };
  for (const Arm& arm : {Arm{{0.0, 0.4, 0.0}, 1.0, 0.30, 0.10}, Arm{{0.0, 0.0, 0.5}, 1.0, 0.05, 0.20},
                         Arm{{-0.2, 0.4, 0.0}, 1.0, 0.10, 0.0}, Arm{{0.2, 0.0, 0.0}, 0.5, 0.10, 0.10}}) {
    const std::string label =
        fmt::format("a0 {} a1 {} a2 {} openness {}", arm.a[0], arm.a[1], arm.a[2], arm.openness);
    INFO(label);
    Params p = quiet_params(2027);
    p.market.enabled = false;
    p.policy.joining.mode = models::JoiningMode::adoption;
    p.policy.joining.adoption = arm.a;
    p.policy.joining.openness = arm.openness;
    const auto world = make_world(p, rows);
    const auto runs = run_all(world, p, R);
    double joinedA = 0.0, joinedB = 0.0;
    for (const auto& o : runs) {
      REQUIRE(o.cube(models::m_shortage_rate, 0, 0, vo) == Approx(0.1).epsilon(1e-12));
      REQUIRE(o.cube(models::m_shortage_rate, 0, 1, vo) == Approx(0.4).epsilon(1e-12));
      CHECK(members(o, 1, 0, vo) == 300);  // nothing joins before 2027
      CHECK(members(o, 1, 1, vo) == 100);
      joinedA += members(o, 2, 0, vo) - 300;
      joinedB += members(o, 2, 1, vo) - 100;
    }
    check_binomial(joinedA, 100.0 * R, arm.PA, z, label + ", region A");
    if (arm.PB == 0.0)
      CHECK(joinedB == 0);
    else
      check_binomial(joinedB, 300.0 * R, arm.PB, z, label + ", region B");
  }
}

TEST_CASE("policy modes: a new member's q_j and cap_j follow the pilot ramp",
          "[model][policy-modes][joining]") {
  // Six vo non-members of different sizes join through a schedule step (all vo in 2027): accepted in 2026,
  // members from 2027. In its k-th year as a member (k = t − 2027 + 1) a school's benefits stand at
  // ramp = min(1, k / pilot_years), and
  //   q_j = min(1, base_vo + ramp × so_boost),  cap_j = floor(D_j × per_fte × (1 + ramp × so_extra) + u_j);
  // before it joins, ramp = 0; start members have ramp 1 throughout. Exact, for pilot_years 1 and 3.
  std::vector<SchoolRow> rows;
  for (double d : {13.7, 28.1, 45.9, 61.3, 77.7, 102.4})
    rows.push_back({.region = "A", .sector = vo, .demand = d});
  for (double d : {50.5, 80.25}) rows.push_back({.region = "A", .sector = vo, .demand = d, .member = true});
  for (const int pilot : {1, 3}) {
    INFO("pilot_years " << pilot);
    Params p = quiet_params(2031);
    p.market.enabled = false;
    p.policy.joining.mode = models::JoiningMode::schedule;
    p.policy.joining.schedule = {models::JoiningStep{vo, -1, 1.0, 2027}};
    p.policy.joining.pilot_years = pilot;
    const auto world = make_world(p, rows);
    models::State s(world, p);
    const auto rng = stream(p, 0);
    record_start(s);
    auto check_year = [&](int t) {
      for (std::size_t j = 0; j < world.schools.size(); ++j) {
        const bool start_member = world.schools.member[j];
        double ramp = 1.0;
        if (!start_member) ramp = t < 2027 ? 0.0 : std::min(1.0, static_cast<double>(t - 2027 + 1) / pilot);
        const double q = std::min(1.0, p.induction.base_quality[vo] + ramp * p.induction.so_boost);
        const auto cap = static_cast<std::int32_t>(
            std::floor(s.school_year.demand[j] * p.placement.per_fte * (1.0 + ramp * p.placement.so_extra) +
                       world.schools.u[j]));
        INFO("year " << t << ", school " << j << " (start member " << start_member << "), ramp " << ramp);
        CHECK(static_cast<bool>(s.school_year.member[j]) == (start_member || t >= 2027));
        CHECK(s.school_year.q[j] == q);
        CHECK(s.school_year.cap[j] == cap);
      }
    };
    check_year(kStart);
    for (int t = kStart + 1; t <= p.years.end; ++t) {
      step(s, rng, t);
      check_year(t);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6.2 induction quality: policy.induction.base_quality from policy.induction.from_year.

TEST_CASE("policy modes: policy.induction.base_quality replaces the base from from_year",
          "[model][policy-modes][induction]") {
  // One school per region: po (A) and vo (B) non-members, mbo (C) a member; each with demand 1,000 and 100
  // teachers, so zij-instromers are hired every year. Every entrant of year t gets q_j(t) of its school, so
  // the recorded induction_quality_mean of the cell is exactly q_j(t): base_s before from_year, the policy's
  // base from it (mbo: + so_boost, at most 1). Old base 0.55 / 0.45 / 0.35 (+0.25), policy 0.9 / 0.8 / 0.7
  // (+0.25). from_year 2028: 2026 and 2027 old, 2028 on new; unset: new from years.start + 1. The start year
  // (no entrants) keeps the old base in the state, and start teachers received it.
  std::vector<SchoolRow> rows{
      {.region = "A", .sector = po, .demand = 1000, .teachers = 100},
      {.region = "B", .sector = vo, .demand = 1000, .teachers = 100},
      {.region = "C", .sector = mbo, .demand = 1000, .member = true, .teachers = 100}};
  const models::PerSector<double> old_q{0.55, 0.45, 0.6}, new_q{0.9, 0.8, 0.95};
  for (const std::optional<int> from : {std::optional<int>{2028}, std::optional<int>{}}) {
    const int first = from.value_or(kStart + 1);
    INFO("from_year " << first << (from ? "" : " (unset)"));
    Params p = quiet_params(2030);
    p.zij.inflow = {40, 40, 40};
    p.policy.induction.base_quality = models::PerSector<double>{0.9, 0.8, 0.7};
    p.policy.induction.from_year = from;
    const auto world = make_world(p, rows);
    {
      const models::State s(world, p);
      for (int g = 0; g < 3; ++g) CHECK(s.school_year.q[g] == Approx(old_q[g]).epsilon(1e-12));
      for (std::size_t i = 0; i < world.teachers.size(); ++i)
        CHECK(world.teachers.q[i] == Approx(old_q[world.teachers.school[i]]).epsilon(1e-12));
    }
    for (const auto& o : run_all(world, p, 2))
      for (int y = 1; y < o.years; ++y)
        for (int g = 0; g < 3; ++g) {
          const int year = kStart + y;
          INFO("year " << year << ", sector " << models::kSectorNames[g]);
          REQUIRE(o.cube(models::m_entrants, y, g, g) > 0);
          CHECK(o.cube(models::m_induction_quality_mean, y, g, g) ==
                Approx(year < first ? old_q[g] : new_q[g]).epsilon(1e-12));
        }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6.4 intake: policy.institutes.target_share / target_year.

TEST_CASE("policy modes: the institutes' target raises new intake's share in partnership linearly",
          "[model][policy-modes][institutes]") {
  // institute_in_partnership per programme d_k = 0.5, 0.2, 0.6, 0, 0.4; target 1.0 in 2029. New intake of
  // year t is in the partnership with d_k + (1 − d_k) × min(1, (t − 2025) / (2029 − 2025)): exactly all from
  // 2029; before, each student independently. 2,000 students per programme and year; the years 2026–2028 give
  // 15 Binomial checks (Bonferroni over 15, z = 4.0: ±0.045 at most; one year's step is at least 0.1).
  Params p = quiet_params(2031);
  p.market.enabled = false;
  p.study.intake = {2000, 2000, 2000, 2000, 2000};
  p.study.institute_in_partnership = {0.5, 0.2, 0.6, 0.0, 0.4};
  p.policy.institutes.target_share = 1.0;
  p.policy.institutes.target_year = 2029;
  const auto world = make_world(p, {{.region = "A", .sector = po, .demand = 100},
                                    {.region = "A", .sector = vo, .demand = 100},
                                    {.region = "A", .sector = mbo, .demand = 100}});
  models::State s(world, p);
  const auto rng = stream(p, 0);
  const double z = z_bonferroni(15);
  for (int t = kStart + 1; t <= p.years.end; ++t) {
    models::intake(s, models::YearContext{t, kStart, t - kStart}, rng);
    std::array<double, models::kProgrammes> n{}, in{};
    for (std::size_t i = 0; i < s.students.size(); ++i)
      if (s.students.intake_year[i] == t) {
        n[s.students.programme[i]] += 1;
        in[s.students.programme[i]] += s.students.in_partnership[i];
      }
    for (int k = 0; k < models::kProgrammes; ++k) {
      const double d = p.study.institute_in_partnership[k];
      const double P = d + (1.0 - d) * std::min(1.0, (t - 2025) / 4.0);
      const std::string what = fmt::format("{} intake {}", models::kProgrammeNames[k], t);
      INFO(what);
      REQUIRE(n[k] == 2000);
      if (t >= 2029)
        CHECK(in[k] == n[k]);
      else
        check_binomial(in[k], n[k], P, z, what);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6.5 placement: rotation.

TEST_CASE("policy modes: rotation places students at a member school they have not been at",
          "[model][policy-modes][rotation]") {
  // Ten po member schools with room for every pabo student there can be (cap = floor(400 × 1.0 × 1.5 + u) =
  // 600, more than 7 years × 60 intake), and two non-members. With rotation every student takes a member
  // school it has not been placed at before (at most 7 seen, 10 members), so never last year's school;
  // without rotation every student keeps last year's school (it always has room). Nobody goes to a non-member
  // while members have room. Exact, every year 2026–2031.
  std::vector<SchoolRow> rows;
  add_schools(rows, 10, {.region = "A", .sector = po, .demand = 400, .member = true});
  add_schools(rows, 2, {.region = "A", .sector = po, .demand = 400});
  for (const bool rotation : {true, false}) {
    INFO("rotation " << rotation);
    Params p = quiet_params(2031);
    p.market.enabled = false;
    p.study.intake = {60, 0, 0, 0, 0};
    p.placement.per_fte = 1.0;
    p.policy.rotation = rotation;
    const auto world = make_world(p, rows);
    models::State s(world, p);
    const auto rng = stream(p, 0);
    record_start(s);
    long checked = 0;
    for (int t = kStart + 1; t <= p.years.end; ++t) {
      std::map<std::uint64_t, std::set<std::int32_t>> seen_before;
      for (std::size_t i = 0; i < s.students.size(); ++i)
        seen_before[s.students.id[i]] = std::set<std::int32_t>(
            s.students.seen[i].begin(), s.students.seen[i].begin() + s.students.n_seen[i]);
      step(s, rng, t);
      for (std::size_t i = 0; i < s.students.size(); ++i) {
        const auto j = s.students.school[i], last = s.students.last_school[i];
        INFO("year " << t << ", student " << s.students.id[i] << ", school " << j << ", last " << last);
        REQUIRE(j != models::kNone);
        CHECK(s.school_year.member[j] == 1);
        if (last == models::kNone) continue;  // new intake
        ++checked;
        if (rotation) {
          CHECK(j != last);
          CHECK(seen_before.at(s.students.id[i]).count(j) == 0);
        } else {
          CHECK(j == last);
        }
      }
    }
    CHECK(checked > 500);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6.6 step 4: groenpluk rules, compliance, leakage.

namespace {

// One region: 20 po member schools and 20 non-members, demand 100 and 10 teachers each (a vacancy of about
// 90 FTE: a hire takes 0.4, so the vacancy never stops a school in a year); pabo students, placed at member
// schools only (per_fte 1: 20 × 150 places). Nobody else seeks work: graduates do not enter, nobody returns,
// no zij-instroom, no mobility, so steps 0–3 leave the vacancies alone. Every study year may be hired
// (min_study_year 1) unless `min_year` says otherwise.
Params groenpluk_params(int end, models::GroenplukRule rule, double compliance, int min_year = 1) {
  Params p = quiet_params(end);
  p.study.intake = {150, 0, 0, 0, 0};
  p.placement.per_fte = 1.0;
  p.graduates.enter = {0, 0, 0, 0, 0};
  p.reserve.return_rate = 0.0;
  p.groenpluk.min_study_year = {min_year, min_year, min_year, min_year, min_year};
  p.policy.groenpluk.rule = rule;
  p.policy.groenpluk.compliance = compliance;
  return p;
}

std::vector<SchoolRow> groenpluk_schools() {
  std::vector<SchoolRow> rows;
  add_schools(rows, 20, {.region = "A", .sector = po, .demand = 100, .member = true, .teachers = 10});
  add_schools(rows, 20, {.region = "A", .sector = po, .demand = 100, .teachers = 10});
  return rows;
}

}  // namespace

TEST_CASE("policy modes: groenpluk hires per school are geometric in propensity × the rule's factor",
          "[model][policy-modes][groenpluk]") {
  // In the first simulated year nobody is employed yet and eligible students are plentiful (hundreds, against
  // about 17 hires), so a school hires again while its draws succeed: hires H ~ Geometric, P(H ≥ n) = (π
  // f)^n, E[H] = π f / (1 − π f), Var[H] = π f / (1 − π f)², independently per school (π = 0.3). The rule
  // binds member schools only: f = 1 under none and final_year (which only restricts who, and final-year
  // students are plentiful), 1 − compliance under ban; non-members have f = 1 under every rule. 20 schools ×
  // R = 40 replications per mean; 7 means checked (Bonferroni over 7, z = 3.8); a ban with compliance 1
  // leaves member schools exactly no hire.
  const double pi = 0.3;
  const int R = 40, S = 20;
  const double z = z_bonferroni(7);
  struct Arm {
    models::GroenplukRule rule;
    double compliance;
    double f_member;
  };
  for (const Arm& arm :
       {Arm{models::GroenplukRule::none, 0.9, 1.0}, Arm{models::GroenplukRule::final_year, 0.9, 1.0},
        Arm{models::GroenplukRule::ban, 0.5, 0.5}, Arm{models::GroenplukRule::ban, 1.0, 0.0}}) {
    Params p = groenpluk_params(kStart + 1, arm.rule, arm.compliance);
    const auto world = make_world(p, groenpluk_schools());
    const auto runs = run_all(world, p, R);
    double member = 0.0, nonmember = 0.0;
    for (const auto& o : runs) {
      const double m = national(o, models::m_groenpluk_hires_member, 1);
      member += m;
      nonmember += national(o, models::m_groenpluk_hires, 1) - m;
    }
    auto check_mean = [&](double total, double f, const std::string& what) {
      const double mu = pi * f / (1 - pi * f), var = pi * f / ((1 - pi * f) * (1 - pi * f));
      const double n = static_cast<double>(S) * R, mean = total / n, bound = z * std::sqrt(var / n) + 1e-12;
      INFO(what << ": hires per school " << mean << ", closed form " << mu << " ± " << bound);
      CHECK(std::abs(mean - mu) <= bound);
    };
    const char* names[] = {"none", "final_year", "ban"};
    const std::string rule =
        fmt::format("rule {}, compliance {}", names[static_cast<int>(arm.rule)], arm.compliance);
    if (arm.f_member == 0.0)
      CHECK(member == 0);
    else
      check_mean(member, arm.f_member, rule + ", member schools");
    check_mean(nonmember, 1.0, rule + ", non-member schools");
  }
}

TEST_CASE("policy modes: who groenpluk may hire under none, final_year and ban (leakage)",
          "[model][policy-modes][groenpluk]") {
  // The world above over four years; after each year every employed student is inspected:
  // - final_year, min_study_year 1: everyone a member school employs is in its final study year or an extra
  //   year (study_year = study.years), and member schools do hire; non-members (not bound) also employ
  //   students of earlier years.
  // - none, min_study_year 1: member schools employ students of earlier years too (so the check above is not
  //   vacuous); none, min_study_year 3 (the default for pabo): nobody below year 3 is employed.
  // - ban with compliance 1: member schools employ nobody; non-members do, and the students they take are
  //   placed at member schools (leakage: every student is placed at a member school here).
  struct Tally {
    long member_final = 0, member_early = 0, nonmember = 0, nonmember_early = 0, leaked = 0, below_min = 0;
  };
  auto run = [](models::GroenplukRule rule, double compliance, int min_year) {
    Params p = groenpluk_params(kStart + 4, rule, compliance, min_year);
    const auto world = make_world(p, groenpluk_schools());
    models::State s(world, p);
    const auto rng = stream(p, 1);
    record_start(s);
    Tally tally;
    for (int t = kStart + 1; t <= p.years.end; ++t) {
      step(s, rng, t);
      const auto& st = s.students;
      for (std::size_t i = 0; i < st.size(); ++i) {
        const auto e = st.employer[i];
        if (e == models::kNone) continue;
        const bool final_or_extra = st.study_year[i] >= p.study.years[st.programme[i]];
        tally.below_min += st.study_year[i] < 3;
        if (s.school_year.member[e]) {
          (final_or_extra ? tally.member_final : tally.member_early) += 1;
        } else {
          tally.nonmember += 1;
          tally.nonmember_early += !final_or_extra;
          tally.leaked += st.school[i] != models::kNone && s.school_year.member[st.school[i]];
        }
      }
    }
    return tally;
  };
  {
    INFO("final_year");
    const auto t = run(models::GroenplukRule::final_year, 0.9, 1);
    CHECK(t.member_early == 0);
    CHECK(t.member_final > 0);
    CHECK(t.nonmember_early > 0);
  }
  {
    INFO("none, min_study_year 1");
    const auto t = run(models::GroenplukRule::none, 0.9, 1);
    CHECK(t.member_early > 0);
    CHECK(t.member_final > 0);
  }
  {
    INFO("none, min_study_year 3");
    const auto t = run(models::GroenplukRule::none, 0.9, 3);
    CHECK(t.below_min == 0);
    CHECK(t.member_final + t.member_early > 0);
  }
  {
    INFO("ban, compliance 1");
    const auto t = run(models::GroenplukRule::ban, 1.0, 1);
    CHECK(t.member_final + t.member_early == 0);
    CHECK(t.nonmember > 0);
    CHECK(t.leaked == t.nonmember);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6.4 step 4 and section 7: where dropouts and delays count; hires per graduate route; qualified_fte.

TEST_CASE("policy modes: dropouts and delays count in the sector of last year's placement",
          "[model][policy-modes][metrics]") {
  // Tweedegraads students only (main sector vo; they serve vo and mbo). One region with a non-member vo
  // school and five member mbo schools with room for all (per_fte 1): every student is placed in mbo, so
  // every dropout and delay counts in mbo and none in vo. With no placement capacity at all (per_fte 0, so
  // cap = floor(u) = 0) nobody is placed, and they count in the main sector, vo. Exact.
  std::vector<SchoolRow> rows{{.region = "A", .sector = vo, .demand = 100, .teachers = 50}};
  add_schools(rows, 5, {.region = "A", .sector = mbo, .demand = 300, .member = true, .teachers = 50});
  for (const double per_fte : {1.0, 0.0}) {
    INFO("placement.per_fte " << per_fte);
    Params p = quiet_params(2030);
    p.market.enabled = false;
    p.study.intake = {0, 100, 0, 0, 0};
    p.placement.per_fte = per_fte;
    const auto world = make_world(p, rows);
    const int placed = per_fte > 0 ? mbo : vo, other = per_fte > 0 ? vo : mbo;
    for (const auto& o : run_all(world, p, 2)) {
      double dropouts = 0.0, delays = 0.0;
      for (int y = 1; y < o.years; ++y) {
        INFO("year " << kStart + y);
        CHECK(o.cube(models::m_dropouts, y, 0, other) == 0);
        CHECK(o.cube(models::m_delays, y, 0, other) == 0);
        CHECK(o.cube(models::m_students, y, 0, other) == 0);
        dropouts += o.cube(models::m_dropouts, y, 0, placed);
        delays += o.cube(models::m_delays, y, 0, placed);
      }
      CHECK(dropouts > 0);
      CHECK(delays > 0);
    }
  }
}

TEST_CASE("policy modes: graduate hires count as grad_so exactly when SO-trained",
          "[model][policy-modes][metrics]") {
  // Ten po member schools with room for every student (per_fte 1) and a vacancy of 100 FTE each; pabo
  // students, all entering the market. With every institute in the partnership every student has an SO year
  // every year, so every graduate is SO-trained and every graduate hire is grad_so; with none in it, every
  // one is grad_regular. The cohort table counts the same entrants. Exact.
  std::vector<SchoolRow> rows;
  add_schools(rows, 10, {.region = "A", .sector = po, .demand = 200, .member = true, .teachers = 100});
  for (const double in_partnership : {1.0, 0.0}) {
    INFO("institute_in_partnership " << in_partnership);
    Params p = quiet_params(2029);
    p.study.intake = {100, 0, 0, 0, 0};
    p.study.institute_in_partnership = {in_partnership, 0.9, 0.9, 0.5, 0.4};
    p.placement.per_fte = 1.0;
    p.graduates.enter = {1, 1, 1, 1, 1};
    const auto world = make_world(p, rows);
    const auto so = in_partnership > 0 ? models::m_hires_grad_so : models::m_hires_grad_regular;
    const auto other = in_partnership > 0 ? models::m_hires_grad_regular : models::m_hires_grad_so;
    const int so_route = in_partnership > 0 ? models::grad_so : models::grad_regular;
    for (const auto& o : run_all(world, p, 2)) {
      double hires = 0.0;
      for (int y = 1; y < o.years; ++y) {
        INFO("year " << kStart + y);
        CHECK(national(o, other, y) == 0);
        CHECK(o.entrants_of_route(y, so_route) == national(o, so, y));
        hires += national(o, so, y);
      }
      CHECK(hires > 0);
    }
  }
}

TEST_CASE("policy modes: qualified_fte leaves out zij-instromers in their trajectory",
          "[model][policy-modes][metrics]") {
  // School A (vo): 100 qualified teachers of 0.8 FTE and 50 zij-instromers in trajectory year 1 (1.0 FTE,
  // unqualified); school B (vo, another region): 40 zij-instromers of 0.6 FTE only. Market off. staff_fte
  // counts everyone, qualified_fte only the qualified: in 2025 A has 130 staff and 80 qualified, B 24 and 0;
  // in 2026 the zij-instromers who did not drop out (50 − zij_dropped) are still in trajectory; in 2027 they
  // complete it (zij.years = 2) and qualified = staff. Exact (to 1e-12 relative).
  std::vector<SchoolRow> rows{{.region = "A", .sector = vo, .demand = 200, .teachers = 100, .fte = 0.8},
                              {.region = "B", .sector = vo, .demand = 50, .teachers = 0}};
  const std::vector<TeacherRow> zij{
      {.school = 0, .age = 35, .exp = 0, .fte = 1.0, .qualified = false, .count = 50, .route = models::zij},
      {.school = 1, .age = 35, .exp = 0, .fte = 0.6, .qualified = false, .count = 40, .route = models::zij}};
  Params p = quiet_params(2028);
  p.market.enabled = false;
  const auto world = make_world(p, rows, zij);
  auto staff = [](const Outcomes& o, int y, int r) { return o.cube(models::m_staff_fte, y, r, vo); };
  auto qualified = [](const Outcomes& o, int y, int r) { return o.cube(models::m_qualified_fte, y, r, vo); };
  for (const auto& o : run_all(world, p, 3)) {
    CHECK(staff(o, 0, 0) == Approx(130.0).epsilon(1e-12));
    CHECK(qualified(o, 0, 0) == Approx(80.0).epsilon(1e-12));
    CHECK(staff(o, 0, 1) == Approx(24.0).epsilon(1e-12));
    CHECK(qualified(o, 0, 1) == 0.0);
    const double in_trajectory = 50 - o.cube(models::m_zij_dropped, 1, 0, vo);
    CHECK(staff(o, 1, 0) - qualified(o, 1, 0) == Approx(in_trajectory * 1.0).epsilon(1e-12));
    CHECK(qualified(o, 1, 1) == 0.0);
    CHECK(staff(o, 1, 1) == Approx((40 - o.cube(models::m_zij_dropped, 1, 1, vo)) * 0.6).epsilon(1e-12));
    for (int y = 2; y < o.years; ++y)
      for (int r = 0; r < 2; ++r) {
        INFO("year " << kStart + y << ", region " << r);
        CHECK(qualified(o, y, r) == Approx(staff(o, y, r)).epsilon(1e-12));
      }
    CHECK(o.cube(models::m_zij_completed, 2, 1, vo) ==
          40 - o.cube(models::m_zij_dropped, 1, 1, vo) - o.cube(models::m_zij_dropped, 2, 1, vo));
  }
}
