// docs/model.md section 13.1: the cost_* metrics of a recorded year, per (region, sector).
#include "models/costs.hpp"

#include "models/keys.hpp"
#include "models/phases.hpp"

namespace tlm::models {

void record_costs(State& s, const YearContext& ctx) {
  const auto& w = s.world;
  const auto& c = s.params.costs;
  const auto& sy = s.school_year;
  // What each cell pays for, counted first and priced after: cost = price × count, exactly.
  struct Cell {
    double so = 0;       // students in an SO year + zij-instromers in trajectory at a member school
    double q = 0;        // Σ q_i of the teachers in their induction years
    double joined = 0;   // schools in their first year as a member
    double members = 0;  // member schools (the key to divide the partnerships by)
  };
  std::vector<PerSector<Cell>> cells(w.regions);

  // Students in an SO year count in the cell of students_so: the sector of their placement school.
  for (std::size_t i = 0; i < s.students.size(); ++i)
    if (s.students.so_year[i]) cells[s.students.region[i]][w.schools.sector[s.students.school[i]]].so += 1;
  // Zij-instromers in trajectory at a member school count at their employer; the teachers in their induction
  // years (exp < induction.years) outside a zij trajectory, of every route, count with their q_i.
  for (std::size_t i = 0; i < s.teachers.size(); ++i) {
    const auto j = s.teachers.school[i];
    Cell& cell = cells[w.schools.region[j]][w.schools.sector[j]];
    if (s.teachers.zij_year[i] > 0)
      cell.so += sy.member[j];
    else if (s.teachers.exp[i] < s.params.induction.years)
      cell.q += s.teachers.q[i];
  }
  // A school is charged for joining in its first year as a member; start members never are (their
  // member_since lies long before the start).
  for (std::size_t j = 0; j < w.schools.size(); ++j) {
    if (!sy.member[j]) continue;
    Cell& cell = cells[w.schools.region[j]][w.schools.sector[j]];
    cell.members += 1;
    cell.joined += sy.member_since[j] == ctx.year;
  }
  // Partnerships with at least one member, per region; their number does not scale with world.scale.
  std::vector<double> partnerships(w.regions, 0.0);
  for (std::size_t p = 0; p < s.partnership_members.size(); ++p)
    if (s.partnership_members[p] > 0) partnerships[w.partnership_region[p]] += 1;

  auto& out = s.out;
  const int y = ctx.index;
  for (int r = 0; r < w.regions; ++r) {
    const auto& rc = cells[r];
    const double members = rc[po].members + rc[vo].members + rc[mbo].members;
    for (int sec = 0; sec < kSectors; ++sec) {
      const Cell& cell = rc[sec];
      const double so = c.so_student * cell.so;
      // The region's partnerships divided over its sectors by their member schools (no member: none).
      const double partnership = members > 0 ? c.partnership * partnerships[r] * cell.members / members : 0.0;
      const double induction = c.induction * cell.q;
      const double joining = c.joining * cell.joined;
      out.at(m_cost_so, y, r, sec) = so;
      out.at(m_cost_partnership, y, r, sec) = partnership;
      out.at(m_cost_induction, y, r, sec) = induction;
      out.at(m_cost_joining, y, r, sec) = joining;
      out.at(m_cost_total, y, r, sec) = so + partnership + induction + joining;
    }
  }
}

void cost_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(),
              {
                  {"costs.so_student", schema::kNonNeg, "EUR per person-year",
                   "per student in an SO year and per zij-instromer in trajectory at a member school", "13",
                   TLM_FIELD(costs.so_student)},
                  {"costs.partnership", schema::kNonNeg, "EUR per partnership-year",
                   "per partnership with at least one member school", "13", TLM_FIELD(costs.partnership)},
                  {"costs.induction", schema::kNonNeg, "EUR per teacher-year at q = 1",
                   "induction of a teacher with exp < induction.years, times its q", "13",
                   TLM_FIELD(costs.induction)},
                  {"costs.joining", schema::kNonNeg, "EUR per school",
                   "once per school, in its first year as a member", "13", TLM_FIELD(costs.joining)},
              });
}

}  // namespace tlm::models
