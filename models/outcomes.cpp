#include "models/outcomes.hpp"

#include <algorithm>

namespace tlm::models {

const std::array<MetricInfo, kMetrics> kMetricInfo{{
    {"demand_fte", "FTE", "demand for teachers (grown by 6.1)", "record", "6.1"},
    {"staff_fte", "FTE", "teachers' FTE, zij-instromers in trajectory included", "record", "7"},
    {"qualified_fte", "FTE", "qualified teachers' FTE", "record", "7"},
    {"open_fte", "FTE", "open vacancies: demand with nobody in it", "record", "6.6"},
    {"hidden_fte", "FTE", "hidden shortage: stopgaps and employed (groenpluk) students", "record", "6.6"},
    {"shortage_fte", "FTE", "total shortage: open + hidden, per school, never negative, summed", "record",
     "6.6"},
    {"shortage_rate", "ratio", "total shortage / demand", "record", "7", m_shortage_fte, m_demand_fte},
    {"teachers", "persons", "teachers (heads)", "record", "7"},
    {"hires_grad_so", "persons", "graduates hired who were trained in a partnership (SO)", "market", "6.6"},
    {"hires_grad_regular", "persons", "graduates hired who were not trained in a partnership", "market",
     "6.6"},
    {"hires_zij", "persons", "zij-instromers (career switchers) hired", "market", "6.6.3"},
    {"hires_groenpluk", "persons", "employed students who graduated into a teaching post", "students",
     "6.4.3"},
    {"hires_returner", "persons", "reserve members who returned", "market", "6.6.2"},
    {"exits_retire", "persons", "teachers who retired", "teacher_exits", "6.3.1"},
    {"exits_attrition", "persons", "teachers who left education (zij trajectory dropouts included)",
     "teacher_exits", "6.3.2"},
    {"exits_move", "persons", "teachers who moved to another school (counted where they left)", "market",
     "6.6.0"},
    {"students", "persons",
     "teacher-training students, by sector of their placement school (unplaced: the programme's main sector)",
     "record", "6.5"},
    {"students_so", "persons",
     "students in an SO year: placed at a member school, institute in the partnership", "record", "6.5"},
    {"so_share", "ratio", "share of students in an SO year", "record", "6.5", m_students_so, m_students},
    {"graduates", "persons", "students who graduated, by the sector they chose or were employed in",
     "students", "6.4.3"},
    {"dropouts", "persons",
     "students who dropped out, by last year's placement sector (unplaced: main sector)", "students",
     "6.4.1"},
    {"delays", "persons", "students who took an extra year, by last year's placement sector", "students",
     "6.4.2"},
    {"groenpluk_hires", "persons", "students hired before graduation", "groenpluk", "6.6.4"},
    {"groenpluk_hires_member", "persons", "of those, hired by member schools", "groenpluk", "6.6.4"},
    {"students_employed", "persons", "students working at a school, by employer sector", "record", "6.6.4"},
    {"zij_started", "persons", "zij-instromers who started a trajectory", "market", "6.6.3"},
    {"zij_completed", "persons", "zij-instromers who completed their trajectory", "teacher_exits", "6.3.3"},
    {"zij_dropped", "persons", "zij-instromers who left during their trajectory", "teacher_exits", "6.3.3"},
    {"schools", "schools", "schools", "record", "7"},
    {"member_schools", "schools", "schools that are partnership members", "record", "6.2"},
    {"member_share", "ratio", "share of schools that are partnership members", "record", "6.2",
     m_member_schools, m_schools},
    {"entrants", "persons",
     "entrants of the year (graduates, zij-instromers, returners, groenpluk graduates)", "market, students",
     "7"},
    {"induction_quality_mean", "ratio", "mean induction quality q over the year's entrants",
     "market, students", "6.2", -1, m_entrants},
    {"reserve_size", "persons", "qualified people in the stille reserve", "record", "6.4.5"},
    {"returners", "persons", "reserve members who returned to teaching", "market", "6.6.2"},
    {"cost_so", "EUR",
     "SO places: students in an SO year (by placement sector) and zij-instromers in trajectory at a member "
     "school (by employer), times costs.so_student",
     "costs", "13"},
    {"cost_partnership", "EUR",
     "partnerships with at least one member times costs.partnership, divided over the region's sectors by "
     "member schools",
     "costs", "13"},
    {"cost_induction", "EUR",
     "induction: Σ q over teachers with exp < induction.years outside a zij trajectory, times "
     "costs.induction",
     "costs", "13"},
    {"cost_joining", "EUR", "costs.joining for each school in its first year as a member", "costs", "13"},
    {"cost_total", "EUR", "cost_so + cost_partnership + cost_induction + cost_joining", "costs", "13"},
}};

int find_metric(std::string_view name) {
  for (int m = 0; m < kMetrics; ++m)
    if (name == kMetricInfo[m].name) return m;
  return -1;
}

std::string aggregation_text(const MetricInfo& m) {
  if (!m.is_ratio()) return "sum";
  const std::string den = kMetricInfo[m.denominator].name;
  if (m.numerator < 0) return "Σ (" + std::string(m.name) + " × " + den + ") / Σ " + den;
  return "Σ " + std::string(kMetricInfo[m.numerator].name) + " / Σ " + den;
}

std::string metrics_markdown() {
  std::string out =
      "| metric | unit | meaning | aggregate over cells | recorded by (docs/model.md) |\n"
      "|---|---|---|---|---|\n";
  for (const auto& m : kMetricInfo)
    out += "| `" + std::string(m.name) + "` | " + m.unit + " | " + m.description + " | " +
           aggregation_text(m) + " | `" + m.recorded_by + "` (" + m.section + ") |\n";
  return out;
}

Outcomes::Outcomes(int years_, int regions_)
    : years(years_),
      regions(regions_),
      cube({static_cast<std::size_t>(kMetrics), static_cast<std::size_t>(years_),
            static_cast<std::size_t>(regions_), static_cast<std::size_t>(kSectors)}),
      cohort_entrants({static_cast<std::size_t>(years_), static_cast<std::size_t>(kSectors),
                       static_cast<std::size_t>(kRoutes)}),
      cohort_retained({static_cast<std::size_t>(years_), static_cast<std::size_t>(kSectors),
                       static_cast<std::size_t>(kRoutes), static_cast<std::size_t>(kRetentionYears)}),
      cohort_intake({static_cast<std::size_t>(years_), static_cast<std::size_t>(kProgrammes)}),
      cohort_graduated({static_cast<std::size_t>(years_), static_cast<std::size_t>(kProgrammes)}),
      cohort_zij({static_cast<std::size_t>(years_), static_cast<std::size_t>(kSectors)}),
      cohort_zij_completed({static_cast<std::size_t>(years_), static_cast<std::size_t>(kSectors)}) {
  // Retention cells past the horizon are NaN (docs/model.md section 7).
  for (int y = 0; y < years; ++y)
    for (int sec = 0; sec < kSectors; ++sec)
      for (int r = 0; r < kRoutes; ++r)
        for (int k = 1; k <= kRetentionYears; ++k)
          if (y + k >= years) cohort_retained(y, sec, r, k - 1) = std::numeric_limits<double>::quiet_NaN();
}

std::vector<sim::Dataset> Outcomes::to_datasets() const {
  std::vector<sim::Dataset> out;
  const std::size_t Y = static_cast<std::size_t>(years), R = static_cast<std::size_t>(regions);
  for (int m = 0; m < kMetrics; ++m) {
    sim::NdArray a({Y, R, static_cast<std::size_t>(kSectors)});
    std::copy_n(cube.data() + static_cast<std::size_t>(m) * a.size(), a.size(), a.data());
    const auto& info = kMetricInfo[m];
    std::vector<std::pair<std::string, std::string>> attributes{{"recorded_by", info.recorded_by},
                                                                {"section", info.section}};
    if (info.is_ratio()) {
      attributes.emplace_back("aggregate", aggregation_text(info));
      attributes.emplace_back("numerator", info.numerator >= 0 ? kMetricInfo[info.numerator].name : "");
      attributes.emplace_back("denominator", kMetricInfo[info.denominator].name);
    }
    out.push_back({std::string("metrics/") + info.name, info.unit, info.description, std::move(a),
                   std::move(attributes)});
  }
  out.push_back({"cohorts/entrants", "persons",
                 "entrants per entry year, sector of the school entered and route", cohort_entrants});
  out.push_back(
      {"cohorts/retained", "persons",
       "of the entrants of that year, sector and route, still teaching (any school, any sector) k = "
       "1..5 years later (NaN past the horizon)",
       cohort_retained});
  out.push_back(
      {"cohorts/intake", "persons", "students who entered per intake year and programme", cohort_intake});
  out.push_back({"cohorts/graduated", "persons", "of those, graduated by the end", cohort_graduated});
  out.push_back({"cohorts/zij", "persons", "zij-instromers hired per year and sector", cohort_zij});
  out.push_back({"cohorts/zij_completed", "persons", "of those, qualified by the end", cohort_zij_completed});
  return out;
}

}  // namespace tlm::models
