// Accounting identities on real runs of every embedded scenario (scenarios/*.toml, `tlm scenarios`), at
// reduced scale (world.scale = 0.05; tiny as it is), each as it is and with the market switched off
// (market.enabled = false, A.4: no hires, moves, returns or groenpluk; stopgaps still fill their share): a
// wrong model that still "looks plausible" breaks a stock-flow identity or counts something in the wrong
// cell. Two test cases:
//
// 1. From the results alone (the metric cube and the cohort tables, 2 replications per scenario). Exact
//    (==) wherever the two sides are counts of persons or schools (integers held in doubles, exact far below
//    2^53) or the same floating-point operation (ratios); sums of doubles over a cell's n schools are
//    compared within 4·n·ε·|sum| (ε = DBL_EPSILON): recursive summation of n non-negative terms errs by at
//    most (n − 1)·u·Σ|x| (u = ε/2) per sum, and each identity compares at most three such sums.
//      - teachers(t) = teachers(t−1) + Σ hires_* − exits_retire − exits_attrition, per (region, sector) cell:
//        a move never leaves its market (6.6.0 picks in the mover's own region and sector), so moves net out
//        in every cell, not only nationally (the ledger below checks moves in = exits_move).
//      - entrants = Σ hires_* (grad_so, grad_regular, zij, groenpluk, returner) per cell, and nationally per
//        route the cohort table's entrants(t, route); entrants(start, initial) = teachers(start); no flow in
//        the start year; returners = hires_returner and zij_started = hires_zij per cell.
//      - shortage_fte = open_fte + hidden_fte per cell (to 4·n·ε); shortage_fte ≥ demand_fte − staff_fte
//        (a school's shortage is max(0, D − staff − employed) + employed); qualified_fte ≤ staff_fte.
//      - 6.6.5: stopgaps are stopgap_share × the vacancy left, open the rest, and hidden = stopgaps + the fte
//        of employed students, each min(groenpluk.fte, v_j) with v_j ≥ 0.2; so per cell
//        (1 − share)·hidden − share·open = (1 − share)·employed_fte lies in
//        (1 − share)·students_employed·[min(groenpluk.fte, 0.2), groenpluk.fte] (within 1e-9·demand: the
//        market's running vacancy and the recorded one are the same sum in another order).
//      - students(t) = students(t−1) + intake(t) − graduates(t) − dropouts(t), nationally (students change
//        cell with their placement). Delays do not enter: a delayed student stays a student (6.4.2), in an
//        extra year; extra years have no dropout and after study.max_extra_years the student graduates, so
//        every student present in t−1 is, in t, exactly one of moved up, delayed (both still students),
//        dropped out or graduated. intake(t) is the cohort table's intake of year t.
//      - the reserve (4.1.7, 6.3.5, 6.4.3, 6.4.5, 6.6.6), per sector nationally. Joins are attrition leavers
//        (qualified, under 60, a share: not a metric) and graduates who are not hired as graduates, which is
//        exactly G = graduates − hires_groenpluk − hires_grad_so − hires_grad_regular ≥ 0 (a graduate
//        becomes a groenpluk teacher, is hired as grad_so / grad_regular, or joins the reserve of its
//        sector); leaves are returners and those who age out (members of t−1 only). So
//        reserve(t) − reserve(t−1) + returners(t) − G(t) = attrition joins − aged out lies in
//        [−reserve(t−1), exits_attrition(t) − zij_dropped(t)] (zij dropouts are unqualified and never join).
//      - employed students: per cell E(t−1) + groenpluk_hires(t) − hires_groenpluk(t) − E(t) = employed
//        students who dropped out ≥ 0, and nationally ≤ dropouts(t) (an employer never changes).
//      - zij: cohort zij(t, s) = Σ_r zij_started; a trajectory started in t completes exactly in
//        t + zij.years, so cohort zij_completed(t, s) = Σ_r zij_completed(t + zij.years, s) (0 past the end)
//        and zij_completed(t) ≤ zij_started(t − zij.years) per cell; zij_dropped ≤ exits_attrition.
//      - every ratio metric is its numerator over its denominator per cell, bit for bit (0 where the
//        denominator is 0): shortage_rate, so_share, member_share; induction_quality_mean lies within the
//        q_j range of 6.2.3 in force that year, [base, min(1, base + so_boost)], and is 0 without entrants.
//      - demand(t) = demand(t−1) × (1 + growth_s(t)) per cell (to 4·n·ε); schools constant.
//      - cohort tables: retained is NaN exactly past the horizon and at most the entrants; graduated ≤
//        intake; intake(t, k) = round(intake_k × scale × (1 + intake_growth)^(t − start)).
//
// 2. The ledger: one replication per scenario stepped through the year's schedule (models/schedule.hpp)
//    step by step, counting persons by id between the steps, and checked against the metrics of section 7
//    exactly. It checks the attribution of section 7 (by cell and route) that the metrics alone cannot:
//      - 6.2: every member is in one of its region's partnerships, whose member counts are right and differ
//        by at most one (new members join the one with the fewest).
//      - 6.3: the teachers present in t−1 who are gone after teacher_exits are exits_retire +
//        exits_attrition of the cell they left; those at retirement age are retirements, those under 60
//        attrition; zij dropouts are gone trajectory members; survivors are a year older and more
//        experienced; completers (trajectory year zij.years in t−1) are qualified and counted as
//        zij_completed; every new reserve member is a gone, qualified teacher under 60 with its age, exp,
//        region and sector.
//      - 6.4: every student of t−1 is moved up, delayed (final year or extra year, one more extra year, at
//        most max_extra_years), a dropout (never in an extra year) or a graduate (from its final or an extra
//        year), found again by id as a groenpluk teacher at its employer, a market entrant or a reserve
//        member; dropouts and delays per cell of last year's placement, graduates per (region studied,
//        sector chosen) or the employer's cell; the number of students in an extra year equals delays(t).
//      - 6.4.5 the reserve loses exactly its members of t−1 who reach the retirement age or max_years out.
//      - 6.4.6 the new students are intake(t, k), in study year 1.
//      - 6.6: moves keep their market, and moves in = moves out = exits_move per cell; every new teacher of
//        the market, and every groenpluk graduate, is a hire of its route in the cell of its school
//        (grad_so exactly when SO-trained; returners leave the reserve; zij-instromers unqualified in
//        trajectory year 1 at fte 1), with q_i = q_j; groenpluk_hires(_member) are the students newly
//        employed by (member) schools of the cell; the reserve afterwards is reserve − returners + graduates
//        not hired.
//      - 7.2: entrants(t, route) are the persons who entered that year by that route; retained(t, route,
//        k − 1) is the number of those persons (by id) teaching in t + k; intake and graduated are the
//        students of the intake cohort and how many of them were seen to graduate.
//    The stepped year is run_replication's year: its outcomes are equal bit for bit.
//
// 3. The start world (section 4.1) of every embedded scenario: schools, demand, members and partnerships per
//    sector; start teachers' fte, age, exp, q_i and route; start students per programme and study year
//    with their age and intake year; the start reserve's size and ranges.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model_helpers.hpp"
#include "models/phases.hpp"
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/random.hpp"

using namespace tlm;
using namespace tlm::test;
using models::kRoutes;
using models::kSectors;
using models::Metric;

namespace {

constexpr double kEps = DBL_EPSILON;

// Failed identities, collected rather than asserted one by one (there are about a million checks).
struct Failures {
  std::size_t checks = 0, failed = 0;
  std::vector<std::string> first;
  void expect(bool ok, const std::function<std::string()>& what) {
    ++checks;
    if (ok) return;
    if (++failed <= 25) first.push_back(what());
  }
  void report(const std::string& label) const {
    std::string text;
    for (const auto& m : first) text += "\n  " + m;
    INFO(label << ": " << failed << " of " << checks << " identities fail" << text);
    CHECK(failed == 0);
    CHECK(checks > 0);
  }
};

// A named expectation with the values that make it up.
#define EXPECT(f, cond, ...) (f).expect((cond), [&] { return fmt::format(__VA_ARGS__); })

const Metric kHires[] = {models::m_hires_grad_so, models::m_hires_grad_regular, models::m_hires_zij,
                         models::m_hires_groenpluk, models::m_hires_returner};
const int kHireRoute[] = {models::grad_so, models::grad_regular, models::zij, models::groenpluk,
                          models::returner};

// The base induction quality in force in `year` (6.2.3).
const models::PerSector<double>& base_quality(const Params& p, int year) {
  return (p.policy.induction.base_quality && year >= p.policy.induction.from_year.value_or(p.years.start + 1))
             ? *p.policy.induction.base_quality
             : p.induction.base_quality;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Identities of the results.

void check_results(const Params& p, const Outcomes& o, Failures& f) {
  using namespace models;
  const int Y = o.years, R = o.regions;
  auto c = [&](Metric m, int y, int r, int s) { return o.cube(m, y, r, s); };
  auto nat = [&](Metric m, int y, int s) { return national(o, m, y, s); };
  auto mn = [](Metric m) { return kMetricInfo[m].name; };

  // The start year is a state, not a year of flows.
  for (Metric m : {m_hires_grad_so, m_hires_grad_regular, m_hires_zij, m_hires_groenpluk, m_hires_returner,
                   m_exits_retire, m_exits_attrition, m_exits_move, m_graduates, m_dropouts, m_delays,
                   m_groenpluk_hires, m_groenpluk_hires_member, m_students_employed, m_zij_started,
                   m_zij_completed, m_zij_dropped, m_entrants, m_returners})
    EXPECT(f, nat(m, 0, -1) == 0, "start year: {} = {}, not 0", mn(m), nat(m, 0, -1));
  EXPECT(f, o.entrants_of_route(0, initial) == nat(m_teachers, 0, -1),
         "entrants(start, initial) {} != teachers {}", o.entrants_of_route(0, initial),
         nat(m_teachers, 0, -1));
  for (int y = 0; y < Y; ++y)
    for (int route = 0; route < kRoutes; ++route)
      if ((y == 0) != (route == initial))
        EXPECT(f, o.entrants_of_route(y, route) == 0, "entrants({}, {}) = {}, not 0", y, kRouteNames[route],
               o.entrants_of_route(y, route));

  for (int y = 0; y < Y; ++y) {
    const int year = p.years.start + y;
    const auto& base = base_quality(p, year);
    for (int r = 0; r < R; ++r)
      for (int s = 0; s < kSectors; ++s) {
        auto at = [&] { return fmt::format("year {} region {} {}", year, r, kSectorNames[s]); };
        const double n = c(m_schools, y, r, s);
        const double demand = c(m_demand_fte, y, r, s), staff = c(m_staff_fte, y, r, s);
        const double open = c(m_open_fte, y, r, s), hidden = c(m_hidden_fte, y, r, s);
        const double shortage = c(m_shortage_fte, y, r, s);
        const double tol = 4.0 * std::max(1.0, n) * kEps * std::max({demand, staff, open + hidden, 1.0});
        // Ratios: the numerator over the denominator, bit for bit.
        auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
        EXPECT(f, c(m_shortage_rate, y, r, s) == ratio(shortage, demand), "{}: shortage_rate {} != {} / {}",
               at(), c(m_shortage_rate, y, r, s), shortage, demand);
        EXPECT(f, c(m_so_share, y, r, s) == ratio(c(m_students_so, y, r, s), c(m_students, y, r, s)),
               "{}: so_share {} != {} / {}", at(), c(m_so_share, y, r, s), c(m_students_so, y, r, s),
               c(m_students, y, r, s));
        EXPECT(f, c(m_member_share, y, r, s) == ratio(c(m_member_schools, y, r, s), n),
               "{}: member_share {} != {} / {}", at(), c(m_member_share, y, r, s),
               c(m_member_schools, y, r, s), n);
        // Shortage = open + hidden; the parts are never negative.
        EXPECT(f, std::abs(shortage - (open + hidden)) <= tol, "{}: shortage {} != open {} + hidden {}", at(),
               shortage, open, hidden);
        EXPECT(f, open >= 0 && hidden >= 0, "{}: open {} or hidden {} negative", at(), open, hidden);
        EXPECT(f, shortage >= demand - staff - tol, "{}: shortage {} < demand {} - staff {}", at(), shortage,
               demand, staff);
        EXPECT(f, c(m_qualified_fte, y, r, s) <= staff + tol, "{}: qualified {} > staff {}", at(),
               c(m_qualified_fte, y, r, s), staff);
        EXPECT(f, c(m_students_so, y, r, s) <= c(m_students, y, r, s), "{}: students_so > students", at());
        EXPECT(f, c(m_member_schools, y, r, s) <= n, "{}: member_schools > schools", at());
        EXPECT(f, n == c(m_schools, 0, r, s), "{}: schools {} changed from {}", at(), n,
               c(m_schools, 0, r, s));
        // 6.6.5: hidden = share × v + employed fte, open = (1 − share) × v.
        {
          const double share = p.market.stopgap_share[s], emp = c(m_students_employed, y, r, s);
          const double x = (1.0 - share) * hidden - share * open;
          const double lo = (1.0 - share) * emp * std::min(p.groenpluk.fte, 0.2),
                       hi = (1.0 - share) * emp * p.groenpluk.fte, t9 = 1e-9 * std::max(1.0, demand);
          EXPECT(f, x >= lo - t9 && x <= hi + t9,
                 "{}: (1 - {}) hidden {} - {} open {} = {} outside [{}, {}] for {} employed students", at(),
                 share, hidden, share, open, x, lo, hi, emp);
        }
        // Induction quality of the year's entrants (6.2.3).
        {
          const double iq = c(m_induction_quality_mean, y, r, s), e = c(m_entrants, y, r, s);
          const double lo = base[s], hi = std::min(1.0, base[s] + p.induction.so_boost);
          EXPECT(f, e > 0 ? (iq >= lo - 1e-12 && iq <= hi + 1e-12) : iq == 0,
                 "{}: induction_quality_mean {} over {} entrants outside [{}, {}]", at(), iq, e, lo, hi);
        }
        if (y == 0) continue;
        // Stock and flows of teachers, per cell.
        double hires = 0;
        for (Metric m : kHires) hires += c(m, y, r, s);
        const double expected_teachers =
            c(m_teachers, y - 1, r, s) + hires - c(m_exits_retire, y, r, s) - c(m_exits_attrition, y, r, s);
        EXPECT(f, c(m_teachers, y, r, s) == expected_teachers,
               "{}: teachers {} != {} + hires {} - retire {} - attrition {}", at(), c(m_teachers, y, r, s),
               c(m_teachers, y - 1, r, s), hires, c(m_exits_retire, y, r, s), c(m_exits_attrition, y, r, s));
        EXPECT(f, c(m_entrants, y, r, s) == hires, "{}: entrants {} != sum of hires {}", at(),
               c(m_entrants, y, r, s), hires);
        EXPECT(f, c(m_returners, y, r, s) == c(m_hires_returner, y, r, s), "{}: returners {} != hires {}",
               at(), c(m_returners, y, r, s), c(m_hires_returner, y, r, s));
        EXPECT(f, c(m_zij_started, y, r, s) == c(m_hires_zij, y, r, s), "{}: zij_started {} != hires_zij {}",
               at(), c(m_zij_started, y, r, s), c(m_hires_zij, y, r, s));
        EXPECT(f, c(m_zij_dropped, y, r, s) <= c(m_exits_attrition, y, r, s), "{}: zij_dropped > attrition",
               at());
        EXPECT(f, c(m_groenpluk_hires_member, y, r, s) <= c(m_groenpluk_hires, y, r, s),
               "{}: groenpluk_hires_member > groenpluk_hires", at());
        {
          const double before = y >= p.zij.years ? c(m_zij_started, y - p.zij.years, r, s) : 0.0;
          EXPECT(f, c(m_zij_completed, y, r, s) <= before,
                 "{}: zij_completed {} > zij_started {} years ago {}", at(), c(m_zij_completed, y, r, s),
                 p.zij.years, before);
        }
        {
          const double employed_dropouts = c(m_students_employed, y - 1, r, s) +
                                           c(m_groenpluk_hires, y, r, s) - c(m_hires_groenpluk, y, r, s) -
                                           c(m_students_employed, y, r, s);
          EXPECT(f, employed_dropouts >= 0,
                 "{}: employed {} + groenpluk_hires {} - hires_groenpluk {} - employed now {} < 0", at(),
                 c(m_students_employed, y - 1, r, s), c(m_groenpluk_hires, y, r, s),
                 c(m_hires_groenpluk, y, r, s), c(m_students_employed, y, r, s));
        }
        {
          const double expected = c(m_demand_fte, y - 1, r, s) * (1.0 + p.demand.growth[s].at(year));
          EXPECT(f, std::abs(demand - expected) <= tol, "{}: demand {} != {} × (1 + growth)", at(), demand,
                 c(m_demand_fte, y - 1, r, s));
        }
      }
    if (y == 0) continue;

    // National identities.
    double intake = 0;
    for (int k = 0; k < kProgrammes; ++k) {
      intake += o.cohort_intake(y, k);
      const double expected = static_cast<double>(
          std::lround(p.study.intake[k] * p.world.scale * std::pow(1.0 + p.study.intake_growth, y)));
      EXPECT(f, o.cohort_intake(y, k) == expected, "year {}: intake {} of {} != {}", year, kProgrammeNames[k],
             o.cohort_intake(y, k), expected);
    }
    const double students = nat(m_students, y, -1),
                 expected_students =
                     nat(m_students, y - 1, -1) + intake - nat(m_graduates, y, -1) - nat(m_dropouts, y, -1);
    EXPECT(f, students == expected_students,
           "year {}: students {} != {} + intake {} - graduates {} - dropouts {}", year, students,
           nat(m_students, y - 1, -1), intake, nat(m_graduates, y, -1), nat(m_dropouts, y, -1));
    for (int i = 0; i < 5; ++i)
      EXPECT(f, nat(kHires[i], y, -1) == o.entrants_of_route(y, kHireRoute[i]),
             "year {}: {} {} != cohort entrants {}", year, mn(kHires[i]), nat(kHires[i], y, -1),
             o.entrants_of_route(y, kHireRoute[i]));
    {
      double employed_dropouts = 0;
      for (int s = 0; s < kSectors; ++s)
        employed_dropouts += nat(m_students_employed, y - 1, s) + nat(m_groenpluk_hires, y, s) -
                             nat(m_hires_groenpluk, y, s) - nat(m_students_employed, y, s);
      EXPECT(f, employed_dropouts <= nat(m_dropouts, y, -1), "year {}: employed dropouts {} > dropouts {}",
             year, employed_dropouts, nat(m_dropouts, y, -1));
    }
    for (int s = 0; s < kSectors; ++s) {
      const double G = nat(m_graduates, y, s) - nat(m_hires_groenpluk, y, s) - nat(m_hires_grad_so, y, s) -
                       nat(m_hires_grad_regular, y, s);
      EXPECT(f, G >= 0, "year {} {}: graduates {} < graduate hires", year, kSectorNames[s],
             nat(m_graduates, y, s));
      const double before = nat(m_reserve_size, y - 1, s);
      const double D = nat(m_reserve_size, y, s) - before + nat(m_returners, y, s) - G;
      const double max_joins = nat(m_exits_attrition, y, s) - nat(m_zij_dropped, y, s);
      EXPECT(f, D >= -before && D <= max_joins,
             "year {} {}: reserve {} - {} + returners {} - graduate joins {} = {} outside [-{}, {}]", year,
             kSectorNames[s], nat(m_reserve_size, y, s), before, nat(m_returners, y, s), G, D, before,
             max_joins);
    }
  }

  // Cohort tables.
  for (int y = 0; y < Y; ++y) {
    for (int s = 0; s < kSectors; ++s) {
      EXPECT(f, o.cohort_zij(y, s) == nat(m_zij_started, y, s), "cohort zij({}, {}) {} != zij_started {}", y,
             kSectorNames[s], o.cohort_zij(y, s), nat(m_zij_started, y, s));
      const int done = y + p.zij.years;
      const double expected = done < Y ? nat(m_zij_completed, done, s) : 0.0;
      EXPECT(f, o.cohort_zij_completed(y, s) == expected,
             "cohort zij_completed({}, {}) {} != zij_completed of {} = {}", y, kSectorNames[s],
             o.cohort_zij_completed(y, s), done, expected);
    }
    for (int route = 0; route < kRoutes; ++route)
      for (int k = 1; k <= kRetentionYears; ++k) {
        const double v = o.retained_of_route(y, route, k);
        EXPECT(f, (y + k >= Y) ? std::isnan(v) : (v >= 0 && v <= o.entrants_of_route(y, route)),
               "retained({}, {}, k={}) = {} with entrants {} and {} years", y, kRouteNames[route], k, v,
               o.entrants_of_route(y, route), Y);
      }
    for (int k = 0; k < kProgrammes; ++k)
      EXPECT(f, o.cohort_graduated(y, k) <= o.cohort_intake(y, k), "graduated({}, {}) {} > intake {}", y,
             kProgrammeNames[k], o.cohort_graduated(y, k), o.cohort_intake(y, k));
  }
}

// With the market switched off (A.4) nobody is hired, moves, returns or is employed: every graduate who would
// enter waits in the reserve, and stopgaps still fill stopgap_share of every school's vacancy, so
// hidden = stopgap_share × shortage per cell (the stopgap check above, with no employed students).
void market_off(const Outcomes& o, Failures& f) {
  using namespace models;
  for (int y = 0; y < o.years; ++y)
    for (Metric m : {m_hires_grad_so, m_hires_grad_regular, m_hires_zij, m_hires_groenpluk, m_hires_returner,
                     m_exits_move, m_groenpluk_hires, m_students_employed, m_entrants, m_returners})
      EXPECT(f, national(o, m, y) == 0, "market off, year index {}: {} = {}", y, kMetricInfo[m].name,
             national(o, m, y));
}

// ---------------------------------------------------------------------------------------------------------
// 2. The ledger.

struct TeacherWas {
  int region, sector, age, exp, zij_year;
  bool qualified;
};
struct StudentWas {
  int programme, study_year, extra, region, count_sector;
  std::int32_t school, employer;
};

// Counts per cell (region × 3 + sector).
using Cells = std::vector<double>;

void ledger(const Params& p, const models::World& world, std::uint32_t replication, Failures& f) {
  using namespace models;
  const Outcomes ref = run_replication(world, p, replication);
  State s(world, p);
  const sim::Stream rng(static_cast<std::uint32_t>(p.seed), replication);
  const int Y = p.years.end - p.years.start + 1, R = world.regions, start = p.years.start;
  auto cell = [&](int r, int sec) { return static_cast<std::size_t>(r * kSectors + sec); };
  auto school_cell = [&](std::int32_t j) { return cell(world.schools.region[j], world.schools.sector[j]); };
  const std::size_t n_cells = static_cast<std::size_t>(R) * kSectors;

  start_year(s);
  // Who entered when by which route, by id (7.2), and the intake cohorts.
  std::vector<std::array<std::unordered_set<std::uint64_t>, kRoutes>> cohort(Y);
  for (std::size_t i = 0; i < s.teachers.size(); ++i) cohort[0][initial].insert(s.teachers.id[i]);
  std::unordered_map<std::uint64_t, std::pair<int, int>> intake_of;  // id -> (year index, programme)
  std::vector<std::array<double, kProgrammes>> intake(Y), graduated(Y);
  for (std::size_t i = 0; i < s.students.size(); ++i)
    if (s.students.intake_year[i] == start) {
      intake_of[s.students.id[i]] = {0, s.students.programme[i]};
      intake[0][s.students.programme[i]] += 1;
    }

  for (int t = start + 1; t <= p.years.end; ++t) {
    const int y = t - start;
    const YearContext ctx{t, start, y};
    auto at = [&](std::size_t c) {
      return fmt::format("year {} region {} {}", t, c / kSectors, kSectorNames[c % kSectors]);
    };
    Cells gone(n_cells), gone_old(n_cells), gone_young(n_cells), gone_60(n_cells), gone_traj(n_cells),
        gone_traj_young(n_cells), completed(n_cells), dropouts(n_cells), delays(n_cells), graduates(n_cells),
        employed_dropouts(n_cells), moved_out(n_cells), moved_in(n_cells), gp_hires(n_cells),
        gp_hires_member(n_cells);
    std::vector<std::array<double, kRoutes>> hires(n_cells);
    double in_extra_years = 0;
    // Snapshots taken before a step, read after it.
    std::unordered_map<std::uint64_t, TeacherWas> teachers_was;
    std::unordered_map<std::uint64_t, StudentWas> students_was;
    std::size_t reserve_n = 0, teachers_n = 0, students_n = 0, expected_aged_out = 0, graduates_n = 0;
    std::vector<std::int32_t> school_was, employer_was;
    std::vector<std::uint64_t> teacher_ids_was;
    std::unordered_set<std::uint64_t> reserve_was, market_graduates;

    for (const auto& step : kYearSchedule) {
      // Before the step.
      if (step.name == "teacher_exits") {
        for (std::size_t i = 0; i < s.teachers.size(); ++i) {
          const auto j = s.teachers.school[i];
          teachers_was[s.teachers.id[i]] = {world.schools.region[j], world.schools.sector[j],
                                            s.teachers.age[i],       s.teachers.exp[i],
                                            s.teachers.zij_year[i],  s.teachers.qualified[i] != 0};
        }
        reserve_n = s.reserve.size();
      } else if (step.name == "student_progress") {
        for (std::size_t i = 0; i < s.students.size(); ++i) {
          const auto j = s.students.school[i];
          const int k = s.students.programme[i];
          students_was[s.students.id[i]] = {k,
                                            s.students.study_year[i],
                                            s.students.extra_years[i],
                                            s.students.region[i],
                                            j == kNone ? kMainSector[k] : world.schools.sector[j],
                                            j,
                                            s.students.employer[i]};
        }
        teachers_n = s.teachers.size();
        reserve_n = s.reserve.size();
      } else if (step.name == "reserve_ageing") {
        reserve_n = s.reserve.size();
        expected_aged_out = 0;
        for (std::size_t i = 0; i < reserve_n; ++i)
          expected_aged_out += s.reserve.since[i] < t && (s.reserve.age[i] + 1 >= p.teachers.retirement_age ||
                                                          s.reserve.years_out[i] + 1 >= p.reserve.max_years);
      } else if (step.name == "intake") {
        students_n = s.students.size();
      } else if (step.name == "market") {
        teachers_n = s.teachers.size();
        school_was = s.teachers.school;
        teacher_ids_was = s.teachers.id;
        employer_was = s.students.employer;
        students_n = s.students.size();
        reserve_was = std::unordered_set<std::uint64_t>(s.reserve.id.begin(), s.reserve.id.end());
        reserve_n = s.reserve.size();
        graduates_n = s.graduates.size();
        market_graduates.clear();
        for (const auto& g : s.graduates) market_graduates.insert(g.id);
      }

      step.run(s, ctx, rng);

      // After the step.
      if (step.name == "partnerships") {
        // 6.2.2: a new member joins the partnership of its region with the fewest members, so every member is
        // in one of its region's partnerships, the counts are right, and a region's partnerships (dealt the
        // start members in turn, 4.1.5) differ by at most one member.
        const int per = p.partnerships.per_region;
        std::vector<double> count(s.partnership_members.size(), 0.0);
        for (std::size_t j = 0; j < world.schools.size(); ++j) {
          const auto pa = s.school_year.partnership[j];
          const int r = world.schools.region[j];
          EXPECT(f, s.school_year.member[j] ? (pa >= r * per && pa < (r + 1) * per) : pa == kNone,
                 "year {}: school {} (member {}) of region {} is in partnership {}", t, j,
                 s.school_year.member[j], r, pa);
          if (s.school_year.member[j] && pa != kNone) count[pa] += 1;
        }
        for (std::size_t q = 0; q < count.size(); ++q)
          EXPECT(f, count[q] == s.partnership_members[q],
                 "year {}: partnership {} has {} members, counted {}", t, q, s.partnership_members[q],
                 count[q]);
        for (int r = 0; r < R; ++r) {
          const auto first = count.begin() + r * per;
          const auto [lo, hi] = std::minmax_element(first, first + per);
          EXPECT(f, *hi - *lo <= 1, "year {}: region {}'s partnerships have {} to {} members", t, r, *lo,
                 *hi);
        }
      } else if (step.name == "teacher_exits") {
        std::unordered_set<std::uint64_t> present;
        for (std::size_t i = 0; i < s.teachers.size(); ++i) {
          const auto id = s.teachers.id[i];
          present.insert(id);
          const auto it = teachers_was.find(id);
          if (it == teachers_was.end()) {
            EXPECT(f, false, "year {}: teacher {} appeared in teacher_exits", t, id);
            continue;
          }
          const auto& w = it->second;
          EXPECT(f, s.teachers.age[i] == w.age + 1 && s.teachers.exp[i] == w.exp + 1,
                 "year {}: a staying teacher aged {} -> {}, exp {} -> {}", t, w.age, s.teachers.age[i], w.exp,
                 s.teachers.exp[i]);
          if (w.zij_year >= p.zij.years) {
            EXPECT(f, s.teachers.zij_year[i] == 0 && s.teachers.qualified[i],
                   "year {}: a zij-instromer in its last trajectory year is not qualified", t);
            completed[cell(w.region, w.sector)] += 1;
          } else if (w.zij_year > 0) {
            EXPECT(f, s.teachers.zij_year[i] == w.zij_year + 1 && !s.teachers.qualified[i],
                   "year {}: trajectory year {} -> {}", t, w.zij_year, s.teachers.zij_year[i]);
          }
        }
        for (const auto& [id, w] : teachers_was) {
          if (present.count(id)) continue;
          const auto c = cell(w.region, w.sector);
          gone[c] += 1;
          gone_old[c] += w.age >= p.teachers.retirement_age;
          gone_young[c] += w.age < 60;
          gone_60[c] += w.age >= 60;
          gone_traj[c] += w.zij_year > 0;
          gone_traj_young[c] += w.zij_year > 0 && w.age < 60;
        }
        for (std::size_t i = reserve_n; i < s.reserve.size(); ++i) {
          const auto id = s.reserve.id[i];
          const auto it = teachers_was.find(id);
          const bool ok = it != teachers_was.end() && !present.count(id) && it->second.qualified &&
                          it->second.age < 60 && s.reserve.age[i] == it->second.age &&
                          s.reserve.exp[i] == it->second.exp && s.reserve.region[i] == it->second.region &&
                          s.reserve.sector[i] == it->second.sector && s.reserve.since[i] == t &&
                          s.reserve.years_out[i] == 0;
          EXPECT(f, ok,
                 "year {}: reserve member {} who joined in teacher_exits is not a qualified leaver under 60 "
                 "with its age, exp, region and sector",
                 t, id);
        }
      } else if (step.name == "student_progress") {
        std::unordered_map<std::uint64_t, std::size_t> student_at, new_teacher_at, new_reserve_at,
            graduate_at;
        for (std::size_t i = 0; i < s.students.size(); ++i) student_at[s.students.id[i]] = i;
        for (std::size_t i = teachers_n; i < s.teachers.size(); ++i) new_teacher_at[s.teachers.id[i]] = i;
        for (std::size_t i = reserve_n; i < s.reserve.size(); ++i) new_reserve_at[s.reserve.id[i]] = i;
        for (std::size_t g = 0; g < s.graduates.size(); ++g) graduate_at[s.graduates[g].id] = g;
        for (const auto& [id, w] : students_was) {
          const int final_year = p.study.years[w.programme];
          if (const auto it = student_at.find(id); it != student_at.end()) {
            const auto i = it->second;
            const bool up = w.study_year < final_year && s.students.study_year[i] == w.study_year + 1 &&
                            s.students.extra_years[i] == 0 && w.extra == 0;
            const bool delayed = w.study_year == final_year && s.students.study_year[i] == final_year &&
                                 s.students.extra_years[i] == w.extra + 1 &&
                                 s.students.extra_years[i] <= p.study.max_extra_years;
            EXPECT(f, up || delayed, "year {}: student {} went from year {} (extra {}) to {} (extra {})", t,
                   id, w.study_year, w.extra, s.students.study_year[i], s.students.extra_years[i]);
            if (delayed) delays[cell(w.region, w.count_sector)] += 1;
            continue;
          }
          const auto tt = new_teacher_at.find(id);
          const auto gg = graduate_at.find(id);
          const auto rr = new_reserve_at.find(id);
          const bool graduated_now =
              tt != new_teacher_at.end() || gg != graduate_at.end() || rr != new_reserve_at.end();
          if (!graduated_now) {
            EXPECT(f, w.extra == 0, "year {}: student {} dropped out in extra year {}", t, id, w.extra);
            dropouts[cell(w.region, w.count_sector)] += 1;
            if (w.employer != kNone) employed_dropouts[school_cell(w.employer)] += 1;
            continue;
          }
          EXPECT(f, w.study_year == final_year, "year {}: student {} graduated from study year {} of {}", t,
                 id, w.study_year, final_year);
          if (const auto ic = intake_of.find(id); ic != intake_of.end())
            graduated[ic->second.first][ic->second.second] += 1;
          if (w.employer != kNone) {
            const bool ok = tt != new_teacher_at.end() && s.teachers.school[tt->second] == w.employer &&
                            s.teachers.route[tt->second] == groenpluk &&
                            s.teachers.entry_year[tt->second] == t && s.teachers.qualified[tt->second] &&
                            s.teachers.exp[tt->second] == 0 &&
                            s.teachers.q[tt->second] == s.school_year.q[w.employer];
            EXPECT(f, ok, "year {}: employed graduate {} is not a groenpluk teacher at its employer", t, id);
            graduates[school_cell(w.employer)] += 1;
            hires[school_cell(w.employer)][groenpluk] += 1;
            cohort[y][groenpluk].insert(id);
            continue;
          }
          EXPECT(f, tt == new_teacher_at.end() && (gg != graduate_at.end()) != (rr != new_reserve_at.end()),
                 "year {}: graduate {} is not exactly one of a market entrant and a reserve member", t, id);
          const int sector =
              gg != graduate_at.end() ? s.graduates[gg->second].sector : s.reserve.sector[rr->second];
          if (gg != graduate_at.end())
            EXPECT(
                f,
                s.graduates[gg->second].region == w.region && s.graduates[gg->second].last_school == w.school,
                "year {}: graduate {} enters with another region or last school", t, id);
          EXPECT(f, p.study.sector_mix[w.programme][sector] > 0, "year {}: graduate of {} in sector {}", t,
                 kProgrammeNames[w.programme], kSectorNames[sector]);
          graduates[cell(w.region, sector)] += 1;
        }
        for (std::size_t i = 0; i < s.students.size(); ++i) in_extra_years += s.students.extra_years[i] > 0;
      } else if (step.name == "reserve_ageing") {
        EXPECT(f, s.reserve.size() + expected_aged_out == reserve_n,
               "year {}: the reserve lost {} members in ageing, expected {}", t, reserve_n - s.reserve.size(),
               expected_aged_out);
      } else if (step.name == "intake") {
        std::array<double, kProgrammes> n{};
        for (std::size_t i = students_n; i < s.students.size(); ++i) {
          const int k = s.students.programme[i];
          n[k] += 1;
          intake_of[s.students.id[i]] = {y, k};
          EXPECT(f,
                 s.students.study_year[i] == 1 && s.students.extra_years[i] == 0 &&
                     s.students.intake_year[i] == t,
                 "year {}: a new student is not in study year 1 of this year", t);
        }
        intake[y] = n;
      } else if (step.name == "market") {
        for (std::size_t i = 0; i < teachers_n; ++i) {
          EXPECT(f, s.teachers.id[i] == teacher_ids_was[i], "year {}: the market reordered the teachers", t);
          if (s.teachers.school[i] == school_was[i]) continue;
          const auto from = school_cell(school_was[i]), to = school_cell(s.teachers.school[i]);
          EXPECT(f, from == to, "year {}: a move from {} to {} leaves its market", t, at(from), at(to));
          moved_out[from] += 1;
          moved_in[to] += 1;
        }
        std::unordered_set<std::uint64_t> reserve_now(s.reserve.id.begin(), s.reserve.id.end());
        double returners = 0, graduate_hires = 0;
        for (std::size_t i = teachers_n; i < s.teachers.size(); ++i) {
          const auto id = s.teachers.id[i];
          const auto j = s.teachers.school[i];
          const int route = s.teachers.route[i];
          hires[school_cell(j)][route] += 1;
          cohort[y][route].insert(id);
          EXPECT(f, s.teachers.entry_year[i] == t && s.teachers.q[i] == s.school_year.q[j],
                 "year {}: hire {} has entry year {} and q {} at a school of q {}", t, id,
                 s.teachers.entry_year[i], s.teachers.q[i], s.school_year.q[j]);
          switch (route) {
            case grad_so:
            case grad_regular:
              graduate_hires += 1;
              EXPECT(
                  f,
                  market_graduates.count(id) && (route == grad_so) == (s.teachers.so_trained[i] != 0) &&
                      s.teachers.qualified[i] && s.teachers.exp[i] == 0,
                  "year {}: graduate hire {} of route {} (SO-trained {}) is not an entering graduate of that "
                  "route",
                  t, id, kRouteNames[route], s.teachers.so_trained[i]);
              break;
            case returner:
              returners += 1;
              EXPECT(f, reserve_was.count(id) && !reserve_now.count(id) && s.teachers.qualified[i],
                     "year {}: returner {} did not leave the reserve", t, id);
              break;
            case zij:
              EXPECT(f,
                     !s.teachers.qualified[i] && s.teachers.zij_year[i] == 1 && s.teachers.fte[i] == 1.0 &&
                         s.teachers.age[i] >= p.zij.age_range[0] && s.teachers.age[i] <= p.zij.age_range[1],
                     "year {}: zij-instromer {} is not an unqualified trajectory starter at fte 1", t, id);
              break;
            default:
              EXPECT(f, false, "year {}: the market hired {} by route {}", t, id, kRouteNames[route]);
          }
        }
        EXPECT(f, s.reserve.size() + returners == reserve_n + (graduates_n - graduate_hires),
               "year {}: reserve {} after the market != {} - returners {} + unhired graduates {}", t,
               s.reserve.size(), reserve_n, returners, graduates_n - graduate_hires);
        EXPECT(f, s.students.size() == students_n, "year {}: the market changed the students", t);
        for (std::size_t i = 0; i < students_n; ++i) {
          const auto e = s.students.employer[i];
          if (e == employer_was[i]) continue;
          EXPECT(f,
                 employer_was[i] == kNone && s.students.employed_fte[i] > 0 &&
                     s.students.employed_fte[i] <= p.groenpluk.fte,
                 "year {}: a student's employer changed from {} to {} (fte {})", t, employer_was[i], e,
                 s.students.employed_fte[i]);
          gp_hires[school_cell(e)] += 1;
          gp_hires_member[school_cell(e)] += s.school_year.member[e];
        }
      }
    }

    // The recorded year against the counts.
    const auto& o = s.out;
    double delays_n = 0;
    for (int r = 0; r < R; ++r)
      for (int sec = 0; sec < kSectors; ++sec) {
        const auto c = cell(r, sec);
        auto m = [&](Metric metric) { return o.cube(metric, y, r, sec); };
        const double retire = m(m_exits_retire), attrition = m(m_exits_attrition);
        EXPECT(f, gone[c] == retire + attrition, "{}: {} teachers gone, {} retired + {} attrition", at(c),
               gone[c], retire, attrition);
        EXPECT(f, gone_old[c] <= retire && retire <= gone_60[c],
               "{}: retirements {} not within [gone at retirement age {}, gone aged 60+ {}]", at(c), retire,
               gone_old[c], gone_60[c]);
        EXPECT(f, gone_young[c] <= attrition, "{}: {} gone under 60 but attrition {}", at(c), gone_young[c],
               attrition);
        EXPECT(f, gone_traj_young[c] <= m(m_zij_dropped) && m(m_zij_dropped) <= gone_traj[c],
               "{}: zij_dropped {} not within [{}, {}]", at(c), m(m_zij_dropped), gone_traj_young[c],
               gone_traj[c]);
        EXPECT(f, completed[c] == m(m_zij_completed), "{}: {} completed trajectories, zij_completed {}",
               at(c), completed[c], m(m_zij_completed));
        EXPECT(f, dropouts[c] == m(m_dropouts) && delays[c] == m(m_delays),
               "{}: dropouts {} / delays {} counted, metrics {} / {}", at(c), dropouts[c], delays[c],
               m(m_dropouts), m(m_delays));
        EXPECT(f, graduates[c] == m(m_graduates), "{}: {} graduates counted, metric {}", at(c), graduates[c],
               m(m_graduates));
        EXPECT(f, moved_out[c] == m(m_exits_move) && moved_in[c] == m(m_exits_move),
               "{}: moves out {}, in {}, exits_move {}", at(c), moved_out[c], moved_in[c], m(m_exits_move));
        for (int i = 0; i < 5; ++i)
          EXPECT(f, hires[c][kHireRoute[i]] == m(kHires[i]), "{}: {} hires of route {} counted, {} = {}",
                 at(c), hires[c][kHireRoute[i]], kRouteNames[kHireRoute[i]], kMetricInfo[kHires[i]].name,
                 m(kHires[i]));
        EXPECT(f, gp_hires[c] == m(m_groenpluk_hires) && gp_hires_member[c] == m(m_groenpluk_hires_member),
               "{}: {} ({} by members) students newly employed, groenpluk_hires {} ({})", at(c), gp_hires[c],
               gp_hires_member[c], m(m_groenpluk_hires), m(m_groenpluk_hires_member));
        const double employed_flow = o.cube(m_students_employed, y - 1, r, sec) + m(m_groenpluk_hires) -
                                     m(m_hires_groenpluk) - m(m_students_employed);
        EXPECT(f, employed_flow == employed_dropouts[c],
               "{}: employed stock and flows leave {}, {} employed dropped out", at(c), employed_flow,
               employed_dropouts[c]);
        delays_n += m(m_delays);
      }
    EXPECT(f, in_extra_years == delays_n, "year {}: {} students in an extra year, delays {}", t,
           in_extra_years, delays_n);
    for (int route = 0; route < kRoutes; ++route)
      EXPECT(f, o.entrants_of_route(y, route) == static_cast<double>(cohort[y][route].size()),
             "year {}: cohort entrants of {} {} != {} persons who entered", t, kRouteNames[route],
             o.entrants_of_route(y, route), cohort[y][route].size());
    // Retention: the entrants of y0 by route (by id) who teach now.
    std::unordered_set<std::uint64_t> teaching(s.teachers.id.begin(), s.teachers.id.end());
    for (int y0 = std::max(0, y - kRetentionYears); y0 < y; ++y0)
      for (int route = 0; route < kRoutes; ++route) {
        double n = 0;
        for (auto id : cohort[y0][route]) n += teaching.count(id);
        EXPECT(f, o.retained_of_route(y0, route, y - y0) == n,
               "year {}: retained({}, {}, k={}) = {}, but {} of those entrants teach", t, y0 + start,
               kRouteNames[route], y - y0, o.retained_of_route(y0, route, y - y0), n);
      }
  }
  for (int y = 0; y < Y; ++y)
    for (int k = 0; k < kProgrammes; ++k)
      EXPECT(f, s.out.cohort_intake(y, k) == intake[y][k] && s.out.cohort_graduated(y, k) == graduated[y][k],
             "intake cohort {} {}: intake {} / graduated {} in the tables, {} / {} counted", y + start,
             kProgrammeNames[k], s.out.cohort_intake(y, k), s.out.cohort_graduated(y, k), intake[y][k],
             graduated[y][k]);
  // The stepped replication is run_replication's (NaN cells of the retention table compare as bits).
  auto same = [](const sim::NdArray& a, const sim::NdArray& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
  };
  EXPECT(f,
         same(s.out.cube, ref.cube) && same(s.out.cohort_entrants, ref.cohort_entrants) &&
             same(s.out.cohort_retained, ref.cohort_retained) &&
             same(s.out.cohort_intake, ref.cohort_intake) &&
             same(s.out.cohort_graduated, ref.cohort_graduated) && same(s.out.cohort_zij, ref.cohort_zij) &&
             same(s.out.cohort_zij_completed, ref.cohort_zij_completed),
         "the stepped replication {} differs from run_replication", replication);
}

}  // namespace

TEST_CASE("accounting: the identities of section 7 hold in the results of every embedded scenario",
          "[model][accounting]") {
  const auto names = embedded_names();
  REQUIRE(names.size() >= 9);
  for (const auto& name : names)
    for (const bool market : {true, false}) {
      Params p = small_scenario(name);
      p.market.enabled = market;
      const auto world = models::build_world(p);
      const auto runs = run_all(world, p, 2);
      Failures f;
      for (const auto& o : runs) check_results(p, o, f);
      if (!market)
        for (const auto& o : runs) market_off(o, f);
      f.report(name + (market ? "" : " with the market off"));
    }
}

TEST_CASE("accounting: a ledger of persons, step by step, matches the metrics in every embedded scenario",
          "[model][accounting]") {
  for (const auto& name : embedded_names())
    for (const bool market : {true, false}) {
      Params p = small_scenario(name);
      p.market.enabled = market;
      const auto world = models::build_world(p);
      Failures f;
      ledger(p, world, 0, f);
      f.report(name + (market ? "" : " with the market off"));
    }
}

TEST_CASE("accounting: the start world of every embedded scenario is the one section 4.1 describes",
          "[model][accounting][world]") {
  // Counts exact; demand to 4·n·ε relative (a sum over n schools).
  using namespace models;
  for (const auto& name : embedded_names()) {
    const Params p = small_scenario(name);
    const auto w = build_world(p);
    Failures f;
    const std::size_t n = w.schools.size();
    // 4.1.1: the urban regions.
    double urban = 0;
    for (auto u : w.urban) urban += u;
    EXPECT(f, urban == std::min(p.world.urban_regions, w.regions), "{} urban regions of {}", urban,
           w.regions);
    // 4.1.2 and 4.1.5: schools, demand and members per sector; partnerships dealt in turn.
    std::array<double, kSectors> schools{}, members{}, demand{};
    std::vector<double> dealt(w.partnership_region.size(), 0.0);
    for (std::size_t j = 0; j < n; ++j) {
      const int s = w.schools.sector[j], r = w.schools.region[j];
      schools[s] += 1;
      members[s] += w.schools.member[j];
      demand[s] += w.schools.demand[j];
      const auto pa = w.schools.partnership[j];
      const bool ok = w.schools.member[j]
                          ? (pa >= r * p.partnerships.per_region && pa < (r + 1) * p.partnerships.per_region)
                          : pa == kNone;
      EXPECT(f, ok, "school {} (member {}) of region {} is in partnership {}", j, w.schools.member[j], r, pa);
      if (pa != kNone) dealt[pa] += 1;
    }
    for (int s = 0; s < kSectors; ++s) {
      EXPECT(f, schools[s] == std::lround(p.world.schools[s] * p.world.scale), "{} {} schools for {} × {}",
             schools[s], kSectorNames[s], p.world.schools[s], p.world.scale);
      EXPECT(f, members[s] == std::lround(p.partnerships.start_member_share[s] * schools[s]),
             "{} {} members of {} schools", members[s], kSectorNames[s], schools[s]);
      const double expected = p.world.demand_fte[s] * p.world.scale;
      EXPECT(f, std::abs(demand[s] - expected) <= 4.0 * static_cast<double>(n) * kEps * expected,
             "{} demand {} != {}", kSectorNames[s], demand[s], expected);
    }
    for (int r = 0; r < w.regions; ++r) {
      double lo = 1e300, hi = -1;
      for (int k = 0; k < p.partnerships.per_region; ++k) {
        lo = std::min(lo, dealt[r * p.partnerships.per_region + k]);
        hi = std::max(hi, dealt[r * p.partnerships.per_region + k]);
      }
      EXPECT(f, hi - lo <= 1, "region {}: partnerships of {} to {} members, not dealt in turn", r, lo, hi);
    }
    // 4.1.4: start teachers.
    for (std::size_t i = 0; i < w.teachers.size(); ++i) {
      const auto j = w.teachers.school[i];
      const int s = w.schools.sector[j], age = w.teachers.age[i], exp = w.teachers.exp[i];
      const double q =
          std::min(1.0, p.induction.base_quality[s] + w.schools.member[j] * p.induction.so_boost);
      const bool ok = std::count(kFteValues.begin(), kFteValues.end(), w.teachers.fte[i]) == 1 && age >= 20 &&
                      age <= 66 && exp >= std::max(0, age - 28) && exp <= std::max(0, age - 23) &&
                      w.teachers.qualified[i] && w.teachers.route[i] == initial &&
                      !w.teachers.so_trained[i] && !w.teachers.rotated[i] && w.teachers.q[i] == q &&
                      w.teachers.entry_year[i] == p.years.start && w.teachers.zij_year[i] == 0;
      EXPECT(f, ok, "start teacher {}: fte {}, age {}, exp {}, q {} (school's {}), route {}", i,
             w.teachers.fte[i], age, exp, w.teachers.q[i], q, w.teachers.route[i]);
    }
    // 4.1.6: start students: round(intake × scale × survival) per programme and study year, aged intake_age +
    // y − 1, of intake year start − y + 1, without history (placed once); in extra year e (version 2) they
    // sit in the final year, e years older and e years earlier (their counts: tests/test_model_v2.cpp).
    std::vector<std::vector<double>> count(kProgrammes);
    for (int k = 0; k < kProgrammes; ++k) count[k].assign(p.study.years[k] + 1, 0.0);
    for (std::size_t i = 0; i < w.students.size(); ++i) {
      const int k = w.students.programme[i], y = w.students.study_year[i], e = w.students.extra_years[i];
      const bool ok = y >= 1 && y <= p.study.years[k] &&
                      w.students.age[i] == p.study.intake_age[k] + y + e - 1 &&
                      w.students.intake_year[i] == p.years.start - y - e + 1 &&
                      (e == 0 || (y == p.study.years[k] && e <= p.study.max_extra_years)) &&
                      w.students.employer[i] == kNone && w.students.so_years[i] == w.students.so_year[i] &&
                      w.students.n_seen[i] == (w.students.school[i] == kNone ? 0 : 1) &&
                      w.weight[w.students.region[i]][kMainSector[k]] > 0;
      EXPECT(f, ok, "start student {} of {}: study year {}, age {}, intake year {}", i, kProgrammeNames[k], y,
             w.students.age[i], w.students.intake_year[i]);
      if (y >= 1 && y <= p.study.years[k] && e == 0) count[k][y] += 1;
    }
    for (int k = 0; k < kProgrammes; ++k) {
      double survive = 1.0;
      for (int y = 1; y <= p.study.years[k]; ++y) {
        if (y > 1) survive *= 1.0 - p.study.dropout[k][y - 2];
        const double expected = static_cast<double>(std::lround(p.study.intake[k] * p.world.scale * survive));
        EXPECT(f, count[k][y] == expected, "{} start students of {} in year {}, expected {}", count[k][y],
               kProgrammeNames[k], y, expected);
      }
    }
    // 4.1.7: the start reserve.
    std::array<double, kSectors> reserve{};
    for (std::size_t i = 0; i < w.reserve.size(); ++i) {
      const int s = w.reserve.sector[i];
      reserve[s] += 1;
      const bool ok = w.reserve.age[i] >= 25 && w.reserve.age[i] <= 60 && w.reserve.exp[i] >= 2 &&
                      w.reserve.exp[i] <= 15 && w.reserve.years_out[i] >= 0 && w.reserve.years_out[i] <= 9 &&
                      w.reserve.since[i] < p.years.start && w.reserve.cohort_rec[i] == kNone &&
                      w.weight[w.reserve.region[i]][s] > 0;
      EXPECT(f, ok, "start reserve member {}: age {}, exp {}, years out {}", i, w.reserve.age[i],
             w.reserve.exp[i], w.reserve.years_out[i]);
    }
    for (int s = 0; s < kSectors; ++s)
      EXPECT(f, reserve[s] == std::lround(p.reserve.start_size[s] * p.world.scale),
             "{} start reserve {} for {}", kSectorNames[s], reserve[s], p.reserve.start_size[s]);
    f.report(name);
  }
}

TEST_CASE("accounting: imported zij-instromers in trajectory are the zij cohort of the start year",
          "[model][accounting]") {
  // cohorts/zij_completed is "of those (the zij-instromers hired that year), qualified by the end", so it can
  // never exceed cohorts/zij. An imported, unqualified zij teacher starts in trajectory year 1 (A.4) and, on
  // completing, counts in zij_completed(start year); the start year's zij cohort therefore holds the start
  // world's zij-instromers in trajectory, as its intake cohort holds the start world's first-years.
  TempDir dir;
  Params p = closed_form_params(5);
  Group g;
  g.route = models::zij;
  g.qualified = false;
  g.count = 100;
  g.age = 35;
  write_population(dir, {g}, p);
  const auto runs = run_all(models::build_world(p), p, 1);
  for (int y = 0; y < runs[0].years; ++y)
    for (int s = 0; s < models::kSectors; ++s) {
      INFO("cohort " << p.years.start + y << " " << models::kSectorNames[s] << ": hired "
                     << runs[0].cohort_zij(y, s) << ", completed " << runs[0].cohort_zij_completed(y, s));
      CHECK(runs[0].cohort_zij_completed(y, s) <= runs[0].cohort_zij(y, s));
    }
}
