// docs/model.md section 8, first closed form, and the multipliers of 6.3 step 2: with the market off, no
// workload, no mobility and no early retirement, the share of start teachers still teaching after k years is
// Π_{a<k} (1 − p(e + a)) (p of 6.3, 1 at retirement age).
//
// Populations are imported (world.schools_csv / world.teachers_csv): one school per region, each holding N
// identical teachers, so that the cube's heads in (region g, sector of g) follow group g alone. Every
// teacher's fate is its own independent draws, so the survivors of a group over R replications are
// Binomial(R N, P_k): the mean share has variance P_k (1 − P_k) / (R N), and each comparison is a two-sided
// normal interval whose width is Bonferroni-adjusted over all comparisons of its test case so that the
// family-wise chance of a false failure is at most 0.1%. The seed is fixed, so a test either always passes
// or always fails; the bound says how unlucky a correct model would have to be to fail it.
//
// Multiplier tests pair two worlds that differ only in one attribute: their teachers have the same ids and
// so the same draws (common random numbers). Each multiplier only lowers or only raises the chance every
// year, so a teacher who survives in the worse world survives in the better one: the per-teacher difference
// is Bernoulli(D_k), D_k = P_better(k) − P_worse(k), and the paired mean has variance D_k (1 − D_k) / (R N),
// far narrower than the unpaired comparison.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "model_helpers.hpp"
#include "models/phases.hpp"
#include "models/state.hpp"

using namespace tlm;
using namespace tlm::test;
using models::initial;
using models::mbo;
using models::po;
using models::vo;

namespace {

constexpr int K = models::kRetentionYears;

struct Run {
  std::vector<Group> groups;
  std::vector<Outcomes> runs;
  long total = 0;
};

Run run_groups(const std::vector<Group>& groups, const Params& p, int replications,
               void (*edit)(models::World&) = nullptr) {
  TempDir dir;
  Params q = p;
  write_population(dir, groups, q);
  auto world = models::build_world(q);
  if (edit) edit(world);
  Run r{groups, run_all(world, q, replications), 0};
  for (const auto& g : groups) r.total += g.count;
  return r;
}

// |observed share − expected| ≤ z sqrt(P(1 − P) / n); exact when P is 0 or 1.
void check_share(double survivors, double n, double expected, double z, const std::string& what) {
  const double share = survivors / n;
  const double bound = z * std::sqrt(expected * (1.0 - expected) / n) + 1e-12;
  INFO(what << ": observed " << share << ", closed form " << expected << ", bound ±" << bound);
  CHECK(std::abs(share - expected) <= bound);
}

}  // namespace

TEST_CASE("model: attrition_probability is the formula of 6.3 step 2", "[model][closed-form]") {
  Params p;
  for (int s = 0; s < models::kSectors; ++s)
    for (int exp = 0; exp <= 14; ++exp)
      for (int route = 0; route < models::kRoutes; ++route)
        for (double q : {0.0, 0.35, 1.0})
          for (int so = 0; so <= 1; ++so)
            for (int rot = 0; rot <= 1; ++rot)
              for (double rate : {0.0, 0.1, 0.6}) {
                INFO("sector " << s << " exp " << exp << " route " << route << " q " << q << " so " << so
                               << " rot " << rot << " rate " << rate);
                CHECK(models::attrition_probability(p, s, exp, route, q, so, rot, rate) ==
                      Approx(spec_attrition(p, s, exp, route, q, so, rot, rate)).epsilon(1e-14));
              }
  // Each multiplier on its own, against the default numbers of docs/model.md 6.3 (vo, exp 0: p0 = 0.20).
  CHECK(models::attrition_probability(p, vo, 0, initial, 0.0, false, false, 0.0) == Approx(0.20));
  CHECK(models::attrition_probability(p, vo, 0, initial, 1.0, false, false, 0.0) == Approx(0.20 * 0.6));
  CHECK(models::attrition_probability(p, vo, 3, initial, 1.0, false, false, 0.0) ==
        Approx(0.045));  // exp ≥ 3
  CHECK(models::attrition_probability(p, vo, 0, initial, 0.0, true, false, 0.0) == Approx(0.20 * 0.82));
  CHECK(models::attrition_probability(p, vo, 5, initial, 0.0, true, false, 0.0) == Approx(0.035));  // exp ≥ 5
  CHECK(models::attrition_probability(p, vo, 0, models::groenpluk, 0.0, false, false, 0.0) == Approx(0.26));
  CHECK(models::attrition_probability(p, vo, 0, models::returner, 0.0, false, false, 0.0) == Approx(0.24));
  CHECK(models::attrition_probability(p, vo, 0, models::zij, 0.0, false, false, 0.0) == Approx(0.22));
  CHECK(models::attrition_probability(p, vo, 0, initial, 0.0, false, true, 0.0) == Approx(0.20 * 0.95));
  CHECK(models::attrition_probability(p, vo, 5, initial, 0.0, false, true, 0.0) == Approx(0.035));
  CHECK(models::attrition_probability(p, vo, 0, initial, 0.0, false, false, 0.1) == Approx(0.20 * 1.2));
  CHECK(models::attrition_probability(p, po, 25, initial, 0.0, false, false, 0.0) == Approx(0.02));  // 10+
  CHECK(models::attrition_probability(p, mbo, 0, models::groenpluk, 0.0, false, false, 5.0) ==
        1.0);  // capped
}

TEST_CASE("model: survival of start teachers follows the closed form of section 8", "[model][closed-form]") {
  // 19 groups × 5 horizons + the pooled cohort: 100 comparisons (z = 4.42); N = 3000, R = 16: 48,000 paths a
  // group.
  const Params p = closed_form_params();
  const int R = 16, N = 3000;
  std::vector<Group> groups;
  for (int s : {po, vo, mbo}) {
    groups.push_back({.sector = s, .age = 25, .exp = 0, .count = N, .label = "starters, member school q"});
    groups.push_back(
        {.sector = s, .age = 31, .exp = 2, .count = N, .member = false, .label = "exp 2, non-member"});
    groups.push_back({.sector = s, .age = 45, .exp = 8, .fte = 0.6, .count = N, .q = 0.5, .label = "exp 8"});
    // Reaches retirement age 67 at a = 3: survival is exactly 0 from k = 4 on.
    groups.push_back({.sector = s, .age = 64, .exp = 30, .count = N, .label = "retiring"});
  }
  groups.push_back(
      {.sector = vo, .age = 24, .exp = 0, .count = N, .so_trained = true, .q = 0.2, .label = "SO"});
  groups.push_back(
      {.sector = vo, .age = 24, .exp = 1, .count = N, .route = models::groenpluk, .label = "gp"});
  groups.push_back(
      {.sector = po, .age = 40, .exp = 4, .count = N, .route = models::returner, .label = "returner"});
  groups.push_back(
      {.sector = mbo, .age = 38, .exp = 2, .count = N, .route = models::zij, .label = "zij, qualified"});
  // Zij-instromers in trajectory year 1: dropout (× so_effect at a member school) for two years, then
  // attrition.
  groups.push_back({.sector = vo,
                    .age = 35,
                    .exp = 0,
                    .qualified = false,
                    .count = N,
                    .route = models::zij,
                    .label = "zij in trajectory, member"});
  groups.push_back({.sector = po,
                    .age = 35,
                    .exp = 0,
                    .qualified = false,
                    .count = N,
                    .route = models::zij,
                    .member = false,
                    .label = "zij in trajectory, non-member"});
  groups.push_back({.sector = mbo,
                    .age = 50,
                    .exp = 0,
                    .qualified = false,
                    .count = N,
                    .label = "unqualified (follows attrition like the others)"});

  const auto run = run_groups(groups, p, R);
  const int m = static_cast<int>(groups.size()) * K + K;  // every group and the pooled initial cohort
  const double z = z_bonferroni(m);
  const double n = static_cast<double>(R) * N;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto expected = survival_closed_form(p, groups[g], K);
    for (int k = 1; k <= K; ++k)
      check_share(sum(heads(run.runs, static_cast<int>(g), groups[g].sector, k)), n, expected[k - 1], z,
                  fmt::format("group {} ({}, {}) k={}", g, groups[g].label,
                              models::kSectorNames[groups[g].sector], k));
  }

  // The cohort tables: the start population is the `initial` cohort of year index 0, and retained(0, initial,
  // k-1) counts exactly the survivors (every group's heads); its share matches the pooled closed form.
  double expected_entrants = 0.0;
  for (const auto& g : groups) expected_entrants += g.count;
  for (const auto& o : run.runs) {
    REQUIRE(o.entrants_of_route(0, initial) == expected_entrants);
    for (int k = 1; k <= K; ++k) {
      double all = 0.0;
      for (std::size_t g = 0; g < groups.size(); ++g)
        all += o.cube(models::m_teachers, k, g, groups[g].sector);
      REQUIRE(o.retained_of_route(0, initial, k) == all);
    }
  }
  for (int k = 1; k <= K; ++k) {
    double mean = 0.0, var = 0.0, retained = 0.0;
    for (const auto& g : groups) {
      const double P = survival_closed_form(p, g, K)[k - 1];
      mean += g.count * P;
      var += g.count * P * (1 - P);
    }
    for (const auto& o : run.runs) retained += o.retained_of_route(0, initial, k);
    const double share = retained / (R * expected_entrants), expected = mean / expected_entrants;
    const double bound = z * std::sqrt(var * R) / (R * expected_entrants);
    INFO("retained(0, initial, " << k - 1 << ") / entrants: " << share << " vs " << expected << " ± "
                                 << bound);
    CHECK(std::abs(share - expected) <= bound);
  }
}

namespace {

// Paired test of one multiplier: world A (`better`) and B (`worse`) differ in one attribute only.
// Checks per k: each arm against its closed form, the paired difference against D_k, and that no teacher
// survives in the worse world without surviving in the better one (heads_A ≥ heads_B in every replication).
void check_paired(const Params& p, const Group& better, const Group& worse, const std::vector<double>& Pa,
                  const std::vector<double>& Pb, void (*edit_better)(models::World&) = nullptr,
                  void (*edit_worse)(models::World&) = nullptr, int R = 16) {
  const auto a = run_groups({better}, p, R, edit_better);
  const auto b = run_groups({worse}, p, R, edit_worse);
  const double n = static_cast<double>(R) * better.count;
  const double z = z_bonferroni(3 * K);
  for (int k = 1; k <= K; ++k) {
    const auto ha = heads(a.runs, 0, better.sector, k), hb = heads(b.runs, 0, worse.sector, k);
    check_share(sum(ha), n, Pa[k - 1], z, fmt::format("better arm k={}", k));
    check_share(sum(hb), n, Pb[k - 1], z, fmt::format("worse arm k={}", k));
    const double D = Pa[k - 1] - Pb[k - 1];
    REQUIRE(D >= 0.0);
    check_share(sum(ha) - sum(hb), n, D, z, fmt::format("paired difference k={} (closed form D = {})", k, D));
    for (std::size_t r = 0; r < ha.size(); ++r) REQUIRE(ha[r] >= hb[r]);
  }
  // The effect is visible: the difference after 5 years is well away from 0.
  CHECK(Pa[K - 1] - Pb[K - 1] > 0.01);
}

}  // namespace

TEST_CASE("model: each multiplier of 6.3 moves survival as the closed form says", "[model][closed-form]") {
  // 5 horizons × 3 comparisons (two arms, the paired difference) per section, Bonferroni over the 15.
  const Params p = closed_form_params();
  const Group base{.sector = vo, .age = 25, .exp = 0, .count = 4000, .q = 0.5};

  SECTION("induction: q_i = 1 against q_i = 0 (m_induction = 0.6 while exp < 3)") {
    Group a = base, b = base;
    a.q = 1.0;
    b.q = 0.0;
    check_paired(p, a, b, survival_closed_form(p, a, K), survival_closed_form(p, b, K));
  }
  SECTION("SO-trained: m_so = 0.82 while exp < 5") {
    Group a = base, b = base;
    a.so_trained = true;
    check_paired(p, a, b, survival_closed_form(p, a, K), survival_closed_form(p, b, K));
  }
  SECTION("route: initial against groenpluk (1.3), returner (1.2) and zij (1.1)") {
    for (int route : {models::groenpluk, models::returner, models::zij}) {
      Group b = base;
      b.route = route;
      INFO("route " << models::kRouteNames[route]);
      check_paired(p, base, b, survival_closed_form(p, base, K), survival_closed_form(p, b, K));
    }
  }
  SECTION("rotation: m_rotation = 0.95 while exp < 5") {
    // No CSV column sets `rotated` (only students placed at two or more schools become rotated teachers), so
    // the start world is edited: the same teachers, flagged rotated. See also the graduate test below.
    check_paired(
        p, base, base, survival_closed_form(p, base, K, true), survival_closed_form(p, base, K, false),
        [](models::World& w) { std::fill(w.teachers.rotated.begin(), w.teachers.rotated.end(), 1); },
        nullptr);
  }
}

TEST_CASE("model: workload multiplies attrition by 1 + w × last year's shortage rate",
          "[model][closed-form]") {
  // Derivation. With the market off, 6.6 sets each school's stopgaps to stopgap_share × v_j and leaves the
  // rest open, so total shortage = open + hidden = v_j = max(0, D_j − staff_j): with one school in the
  // region and sector and no demand growth, the region's rate is max(0, 1 − staff/D). In the start year
  // staff = N × fte, so the rate s0 = 1 − N fte / D is known exactly and the first-year survival is
  // 1 − p(e)(1 + w s0). In later years the rate is the realised one of t−1 (recorded in the cube), so year
  // a+1's attrition exits given n_a survivors are Binomial(n_a, h_a), h_a = p(e + a)(1 + w rate_a): the sum
  // over replications and years of (exits − n_a h_a) is a martingale with variance Σ n_a h_a (1 − h_a).
  Params p = closed_form_params();
  p.teachers.workload_effect = 2.0;
  const int N = 4000, R = 16;
  const double s0 = 0.2;
  Group g{.sector = vo, .age = 25, .exp = 0, .fte = 1.0, .count = N, .q = 0.5};
  g.demand = N * g.fte / (1.0 - s0);
  const auto with = run_groups({g}, p, R);
  Params off = p;
  off.teachers.workload_effect = 0.0;
  const auto without = run_groups({g}, off, R);
  const double z = z_bonferroni(4);

  for (const auto& o : with.runs)
    REQUIRE(o.cube(models::m_shortage_rate, 0, 0, vo) == Approx(s0).epsilon(1e-12));
  const double h1 = spec_attrition(p, vo, 0, initial, 0.5, false, false, s0);
  REQUIRE(h1 == Approx(0.20 * (1 - 0.5 * 0.4) * 1.4));
  const double n = static_cast<double>(R) * N;
  const auto a = heads(with.runs, 0, vo, 1), b = heads(without.runs, 0, vo, 1);
  check_share(sum(a), n, 1.0 - h1, z, "first-year survival with workload");
  const double h0 = spec_attrition(off, vo, 0, initial, 0.5, false, false, 0.0);
  check_share(sum(b) - sum(a), n, h1 - h0, z, "paired difference in first-year survival (common draws)");
  for (std::size_t r = 0; r < a.size(); ++r) REQUIRE(b[r] >= a[r]);

  // Years 2..5: the martingale test on the realised rates.
  double resid = 0.0, var = 0.0;
  for (const auto& o : with.runs)
    for (int y = 0; y < K; ++y) {
      const double n_a = o.cube(models::m_teachers, y, 0, vo),
                   rate = o.cube(models::m_shortage_rate, y, 0, vo);
      REQUIRE(rate == Approx(std::max(0.0, 1.0 - n_a * g.fte / g.demand)).margin(1e-12));
      const double h = spec_attrition(p, vo, y, initial, 0.5, false, false, rate);
      resid += o.cube(models::m_exits_attrition, y + 1, 0, vo) - n_a * h;
      var += n_a * h * (1 - h);
    }
  INFO("Σ (exits − n h) = " << resid << ", sd " << std::sqrt(var));
  CHECK(std::abs(resid) <= z * std::sqrt(var));
  // And the rate rises as teachers leave, so workload harms more each year: survival under workload is below
  // the no-workload closed form with the start rate frozen.
  const auto frozen = survival_closed_form(p, g, K, false, s0);
  CHECK(sum(heads(with.runs, 0, vo, K)) / n < frozen[K - 1]);
}

TEST_CASE("model: a graduate placed at two or more schools is a rotated teacher", "[model][mechanism]") {
  // The rotation multiplier reaches teachers only through students: 6.4 step 3 passes `schools seen ≥ 2` to
  // the graduate (and so to the teacher it becomes, 6.6). Check that mechanism on one year of 6.4 directly.
  Params p = models::load_scenario("tiny").params;
  for (auto& d : p.study.dropout) std::fill(d.begin(), d.end(), 0.0);
  p.study.delay = 0.0;
  p.graduates.enter = {1, 1, 1, 1, 1};
  const auto world = models::build_world(p);
  models::State s(world, p);
  const sim::Stream rng(1, 0);
  // Final-year students: alternate one and two schools seen.
  std::size_t finals = 0;
  for (std::size_t i = 0; i < s.students.size(); ++i) {
    if (s.students.study_year[i] != p.study.years[s.students.programme[i]]) continue;
    s.students.n_seen[i] = (finals++ % 2) ? 2 : 1;
    s.students.employer[i] = models::kNone;
  }
  REQUIRE(finals > 4);
  std::map<std::uint64_t, int> seen;
  for (std::size_t i = 0; i < s.students.size(); ++i) seen[s.students.id[i]] = s.students.n_seen[i];
  models::student_progress(s, models::YearContext{p.years.start + 1, p.years.start, 1}, rng);
  REQUIRE(s.graduates.size() == finals);
  int rotated = 0;
  for (const auto& g : s.graduates) {
    CHECK(static_cast<bool>(g.rotated) == (seen.at(g.id) >= 2));
    rotated += g.rotated;
  }
  CHECK(rotated == static_cast<int>(finals / 2));
}
