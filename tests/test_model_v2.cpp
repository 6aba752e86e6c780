// Version 2 of the model, parts that are not subjects: the start students in a steady state (docs/model.md
// 4.1.6) and the cohort tables per sector of entry (7.3).
#include <catch2/catch.hpp>

#include <cmath>

#include "model_helpers.hpp"
#include "models/world.hpp"

using namespace tlm;
using namespace tlm::test;

TEST_CASE("start world: students in extra years as in a steady state (4.1.6)", "[model][v2][world]") {
  // Exact: each (programme, extra year e) holds round(intake x scale x prod_y (1 - dropout) x delay^e)
  // students, split over regions by largest remainder (which keeps the total), in the final study year.
  for (const char* scale : {"world.scale=0.1", "world.scale=1"}) {
    const Params p = models::load_scenario("nl-baseline", {scale, "study.delay=0.3"}).params;
    const auto w = models::build_world(p);
    for (int k = 0; k < models::kProgrammes; ++k) {
      double survive = 1.0;
      for (double d : p.study.dropout[k]) survive *= 1.0 - d;
      for (int e = 0; e <= p.study.max_extra_years + 1; ++e) {
        long n = 0;
        for (std::size_t i = 0; i < w.students.size(); ++i) {
          if (w.students.programme[i] != k || w.students.extra_years[i] != e) continue;
          if (e > 0) {
            CHECK(w.students.study_year[i] == p.study.years[k]);
            CHECK(w.students.age[i] == p.study.intake_age[k] + p.study.years[k] + e - 1);
            CHECK(w.students.intake_year[i] == p.years.start - p.study.years[k] - e + 1);
            CHECK(w.students.employer[i] == models::kNone);
          }
          ++n;
        }
        INFO(scale << " programme " << k << " extra year " << e);
        if (e == 0) continue;  // the regular years are checked by the start-world tests
        const long expected =
            e > p.study.max_extra_years
                ? 0
                : std::lround(p.study.intake[k] * p.world.scale * survive * std::pow(p.study.delay, e));
        CHECK(n == expected);
      }
    }
  }
}

TEST_CASE("start world: no students in extra years when study.max_extra_years = 0", "[model][v2][world]") {
  const Params p = models::load_scenario("tiny", {"study.max_extra_years=0"}).params;
  const auto w = models::build_world(p);
  for (std::size_t i = 0; i < w.students.size(); ++i) CHECK(w.students.extra_years[i] == 0);
}

TEST_CASE("cohort tables per sector of entry agree with the hires of each sector (7.3)", "[model][v2]") {
  // Exact: every entrant record is made where a hire is counted, in the sector of the hiring school.
  const Params p = models::load_scenario("nl-baseline", {"world.scale=0.05"}).params;
  const auto runs = run_all(models::build_world(p), p, 2);
  const std::array<std::pair<int, models::Metric>, 5> hires{
      {{models::grad_so, models::m_hires_grad_so},
       {models::grad_regular, models::m_hires_grad_regular},
       {models::zij, models::m_hires_zij},
       {models::groenpluk, models::m_hires_groenpluk},
       {models::returner, models::m_hires_returner}}};
  for (const auto& o : runs)
    for (int y = 1; y < o.years; ++y)
      for (int sec = 0; sec < models::kSectors; ++sec)
        for (const auto& [route, metric] : hires) {
          INFO("year " << y << " sector " << sec << " route " << route);
          CHECK(o.cohort_entrants(y, sec, route) == national(o, metric, y, sec));
        }
  // The start population is the initial cohort of each sector: its teachers.
  for (int sec = 0; sec < models::kSectors; ++sec)
    CHECK(runs[0].cohort_entrants(0, sec, models::initial) == national(runs[0], models::m_teachers, 0, sec));
}
