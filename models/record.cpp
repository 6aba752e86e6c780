// docs/model.md section 7: the recorded state of a year (after 6.6), and the retention of entrant cohorts.
#include <algorithm>

#include "models/phases.hpp"

namespace tlm::models {

void record(State& s, const YearContext& ctx) {
  const auto& w = s.world;
  auto& out = s.out;
  const int y = ctx.index;
  const std::size_t n_schools = w.schools.size(), n_cells = w.cells();

  // Per cell: teachers' FTE, qualified FTE, heads; employed students' FTE. In the same pass over the
  // teachers, retention: each teacher counts for every entrant record of its own within the last five years.
  // Its latest record is of its entry year, so most teachers are skipped without touching the records.
  std::vector<double> staff(n_cells, 0.0), qualified(n_cells, 0.0), employed(n_cells, 0.0),
      heads(n_cells, 0.0);
  for (std::size_t i = 0; i < s.teachers.size(); ++i) {
    const auto j = s.teachers.school[i];
    const auto c = w.teacher_cell(j, s.teachers.subject[i]);
    staff[c] += s.teachers.fte[i];
    qualified[c] += s.teachers.qualified[i] * s.teachers.fte[i];
    heads[c] += 1;
    const int entry = s.teachers.entry_year[i], since_entry = ctx.year - entry;
    if (since_entry > kRetentionYears) continue;
    // Anyone but a returner has one record, written at its entry: a start teacher's (start year, sector,
    // `initial`, whatever the route of an imported teacher), a hire's in the run (entry year, sector, route);
    // the sector is its school's, as moves stay within the sector. Counted from the columns: the records are
    // read at random, a cache miss each. Returners (a chain of records) follow their records.
    const int route = s.teachers.route[i];
    if (route != returner) {
      if (since_entry >= 1)
        out.cohort_retained(entry - ctx.start_year, w.schools.sector[j],
                            entry > ctx.start_year ? route : initial, since_entry - 1) += 1;
      continue;
    }
    for (auto rec = s.teachers.cohort_rec[i]; rec != kNone;) {
      const auto& cr = s.cohort_records[rec];
      const int k = ctx.year - cr.year;
      if (k > kRetentionYears) break;
      if (k >= 1) out.cohort_retained(cr.year - ctx.start_year, cr.sector, cr.route, k - 1) += 1;
      rec = cr.prev;
    }
  }
  for (std::size_t i = 0; i < s.students.size(); ++i) {
    const auto j = s.students.school[i];
    const int sec = j == kNone ? kMainSector[s.students.programme[i]] : w.schools.sector[j];
    out.at(m_students, y, s.students.region[i], sec) += 1;
    if (s.students.so_year[i]) out.at(m_students_so, y, s.students.region[i], sec) += 1;
    const auto e = s.students.employer[i];
    if (e != kNone) {
      employed[w.cell_of(e, s.students.subject[i])] += s.students.employed_fte[i];
      out.at(m_students_employed, y, w.schools.region[e], w.schools.sector[e]) += 1;
    }
  }
  // Per cell: open is demand with nobody in it, after stopgaps; never negative per cell (an overstaffed
  // subject does not offset another, 12.2). The school's and the sector's figures are the cells' sums.
  std::vector<double> school_shortage(n_schools, 0.0);
  std::vector<double> market_shortage(w.market_cells.size(), 0.0), market_demand(w.market_cells.size(), 0.0);
  for (std::size_t c = 0; c < n_cells; ++c) {
    const auto j = static_cast<std::size_t>(w.cell_school[c]);
    const int r = w.schools.region[j], sec = w.schools.sector[j], x = w.cell_subject[c];
    const double demand = s.school_year.cell_demand[c];
    const double vacancy = std::max(0.0, demand - staff[c] - employed[c]);
    const double open = std::max(0.0, vacancy - s.school_year.cell_stopgap[c]);
    const double hidden = s.school_year.cell_stopgap[c] + employed[c];
    out.at(m_teachers, y, r, sec) += heads[c];
    out.at(m_demand_fte, y, r, sec) += demand;
    out.at(m_staff_fte, y, r, sec) += staff[c];
    out.at(m_qualified_fte, y, r, sec) += qualified[c];
    out.at(m_open_fte, y, r, sec) += open;
    out.at(m_hidden_fte, y, r, sec) += hidden;
    out.at(m_shortage_fte, y, r, sec) += open + hidden;
    if (sec == vo) {
      out.subject_at(sm_teachers, y, r, x) += heads[c];
      out.subject_at(sm_demand_fte, y, r, x) += demand;
      out.subject_at(sm_staff_fte, y, r, x) += staff[c];
      out.subject_at(sm_open_fte, y, r, x) += open;
      out.subject_at(sm_hidden_fte, y, r, x) += hidden;
      out.subject_at(sm_shortage_fte, y, r, x) += open + hidden;
    }
    school_shortage[j] += open + hidden;
    const auto m = static_cast<std::size_t>(w.subject_market(r, sec, x));
    market_shortage[m] += open + hidden;
    market_demand[m] += demand;
  }
  for (std::size_t j = 0; j < n_schools; ++j) {
    const int r = w.schools.region[j], sec = w.schools.sector[j];
    out.at(m_schools, y, r, sec) += 1;
    out.at(m_member_schools, y, r, sec) += s.school_year.member[j];
    s.school_year.last_shortage[j] =
        s.school_year.demand[j] > 0 ? school_shortage[j] / s.school_year.demand[j] : 0.0;
  }
  for (std::size_t i = 0; i < s.reserve.size(); ++i)
    out.at(m_reserve_size, y, s.reserve.region[i], s.reserve.sector[i]) += 1;

  // Ratios per cell, from the registry's numerator and denominator (a weighted mean has held its sum until
  // now). Aggregate them from numerators and denominators, never by averaging cells.
  auto ratio = [](double num, double den) { return den > 0 ? num / den : 0.0; };
  for (int m = 0; m < kMetrics; ++m) {
    const auto& info = kMetricInfo[m];
    if (!info.is_ratio()) continue;
    const auto num = static_cast<Metric>(info.numerator >= 0 ? info.numerator : m);
    const auto den = static_cast<Metric>(info.denominator);
    for (int r = 0; r < w.regions; ++r)
      for (int sec = 0; sec < kSectors; ++sec)
        out.at(static_cast<Metric>(m), y, r, sec) = ratio(out.at(num, y, r, sec), out.at(den, y, r, sec));
  }
  for (int m = 0; m < kSubjectMetrics; ++m) {
    const auto& info = kSubjectMetricInfo[m];
    if (!info.is_ratio()) continue;
    const auto num = static_cast<SubjectMetric>(info.numerator >= 0 ? info.numerator : m);
    const auto den = static_cast<SubjectMetric>(info.denominator);
    for (int r = 0; r < w.regions; ++r)
      for (int x = 0; x < w.subjects.count(); ++x)
        out.subject_at(static_cast<SubjectMetric>(m), y, r, x) =
            ratio(out.subject_at(num, y, r, x), out.subject_at(den, y, r, x));
  }
  for (int r = 0; r < w.regions; ++r)
    for (int sec = 0; sec < kSectors; ++sec)
      s.last_shortage_rate[r][sec] = out.at(m_shortage_rate, y, r, sec);
  for (std::size_t m = 0; m < market_demand.size(); ++m)
    s.last_market_rate[m] = ratio(market_shortage[m], market_demand[m]);

  record_costs(s, ctx);  // section 13: the cost_* metrics of this state
}

}  // namespace tlm::models
