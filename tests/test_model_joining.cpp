// Joining (docs/model.md 6.2.1, 6.2.2) where the policy-mode tests leave room, found by scripts/mutate:
// - a schedule step for region 1 (0-based 0) acts on that region only (the other tests use region 2, so a
//   model that took region index 0 for "all" passed them);
// - the words of the join_decision draw are those of A.2: w0 decides an adoption application and w1 the
//   acceptance (openness), in every mode. Scenarios compared on common random numbers rely on this; the
//   embedded scenarios use no adoption, so the pinned figures would not notice a change.
// Each check is exact. The year is stepped through models/schedule.hpp up to and including 6.2 of 2026, when
// the applications for 2027 are decided (models/partnerships.cpp marks them `accepted`).
#include <catch2/catch.hpp>

#include <fstream>

#include "model_helpers.hpp"
#include "models/events.hpp"
#include "models/population.hpp"
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"

using namespace tlm;
using namespace tlm::test;

namespace {

// `per_region` non-member vo schools in each of regions A and B (school i: demand 10, 9 teachers), the
// market off, no students, reserve or zij-instroom; years 2025..2029.
models::World joining_world(Params& p, const TempDir& dir, int per_region) {
  p.name = "joining";
  p.seed = 20251001;
  p.years.start = 2025;
  p.years.end = 2029;
  p.market.enabled = false;
  p.study.intake = {0, 0, 0, 0, 0};
  p.reserve.start_size = {0, 0, 0};
  p.zij.inflow = {0, 0, 0};
  std::ofstream schools(dir / "schools.csv"), teachers(dir / "teachers.csv");
  schools << "id,region,sector,demand_fte,member\n";
  teachers << "school_id,age,exp,fte,qualified,count,route\n";
  for (const char* r : {"A", "B"})
    for (int i = 0; i < per_region; ++i) {
      schools << fmt::format("{}{},{},vo,10,0\n", r, i, r);
      teachers << fmt::format("{}{},40,10,1,1,9,initial\n", r, i);
    }
  schools.close();
  teachers.close();
  p.world.schools_csv = dir / "schools.csv";
  p.world.teachers_csv = dir / "teachers.csv";
  return models::build_world(p);
}

// The state after 6.2 of 2026 (replication 0).
void through_partnerships_2026(models::State& s) {
  const sim::Stream rng(static_cast<std::uint32_t>(s.params.seed), 0);
  models::start_year(s);
  const models::YearContext ctx{2026, 2025, 1};
  for (const auto& step : models::kYearSchedule) {
    step.run(s, ctx, rng);
    if (step.name == "partnerships") break;
  }
}

}  // namespace

TEST_CASE("joining: a schedule step for region 1 acts on region 1 only", "[model][policy-modes][joining]") {
  TempDir dir;
  Params p;
  const auto world = joining_world(p, dir, 10);
  p.policy.joining.mode = models::JoiningMode::schedule;
  p.policy.joining.schedule = {models::JoiningStep{models::vo, 0, 1.0, 2027}};  // region 1 (0-based 0)
  for (const auto& o : run_all(world, p, 2))
    for (int y = 0; y < o.years; ++y) {
      INFO("year " << 2025 + y);
      CHECK(o.cube(models::m_member_schools, y, 0, models::vo) == (2025 + y < 2027 ? 0 : 10));
      CHECK(o.cube(models::m_member_schools, y, 1, models::vo) == 0);
    }
}

TEST_CASE("joining: adoption applies by word 0 and every mode accepts by word 1 of the join_decision draw",
          "[model][policy-modes][joining]") {
  TempDir dir;
  Params base;
  const auto world = joining_world(base, dir, 200);
  const sim::Stream rng(static_cast<std::uint32_t>(base.seed), 0);
  // What 6.2 of 2026 must decide for school j, read off its draw (A.2: w0 application, w1 acceptance).
  auto word = [&](std::size_t j, int w) {
    return rng.draw(models::ids::school(j), 2026, models::event::join_decision)[static_cast<std::size_t>(w)];
  };
  struct Arm {
    const char* what;
    models::JoiningMode mode;
    double apply, openness;
  };
  for (const Arm& arm :
       {Arm{"adoption, all apply, openness 0.5", models::JoiningMode::adoption, 1.0, 0.5},
        Arm{"adoption a0 = 0.5, openness 1", models::JoiningMode::adoption, 0.5, 1.0},
        Arm{"adoption a0 = 0.5, openness 0.5", models::JoiningMode::adoption, 0.5, 0.5},
        Arm{"schedule 100% in 2027, openness 0.5", models::JoiningMode::schedule, 1.0, 0.5}}) {
    INFO(arm.what);
    Params p = base;
    p.policy.joining.mode = arm.mode;
    p.policy.joining.adoption = {arm.apply, 0.0, 0.0};
    p.policy.joining.schedule = {models::JoiningStep{-1, -1, 1.0, 2027}};
    p.policy.joining.openness = arm.openness;
    models::State s(world, p);
    through_partnerships_2026(s);
    int accepted = 0, differ = 0;
    for (std::size_t j = 0; j < world.schools.size(); ++j) {
      const bool applies = arm.mode != models::JoiningMode::adoption || sim::bernoulli(arm.apply, word(j, 0));
      const bool expected = applies && sim::bernoulli(arm.openness, word(j, 1));
      accepted += s.school_year.accepted[j];
      differ += (s.school_year.accepted[j] != 0) != expected;
    }
    INFO(accepted << " of " << world.schools.size() << " accepted");
    CHECK(differ == 0);
    CHECK(accepted > 0);
    CHECK(accepted < static_cast<int>(world.schools.size()));
  }
}
