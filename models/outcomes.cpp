#include "models/outcomes.hpp"

#include <algorithm>

namespace tlm::models {

const std::array<MetricInfo, kMetrics> kMetricInfo{{
    {"demand_fte", "FTE", "demand for teachers"},
    {"staff_fte", "FTE", "teachers' FTE, zij-instromers in trajectory included"},
    {"qualified_fte", "FTE", "qualified teachers' FTE"},
    {"open_fte", "FTE", "open vacancies: demand with nobody in it"},
    {"hidden_fte", "FTE", "hidden shortage: stopgaps and employed students"},
    {"shortage_fte", "FTE", "total shortage: open + hidden"},
    {"shortage_rate", "ratio",
     "total shortage / demand (aggregate as sum of shortage_fte / sum of demand_fte)"},
    {"teachers", "persons", "teachers (heads)"},
    {"hires_grad_so", "persons", "graduates hired who were trained in a partnership"},
    {"hires_grad_regular", "persons", "graduates hired who were not trained in a partnership"},
    {"hires_zij", "persons", "zij-instromers hired"},
    {"hires_groenpluk", "persons", "employed students who graduated into a teaching post"},
    {"hires_returner", "persons", "reserve members who returned"},
    {"exits_retire", "persons", "teachers who retired"},
    {"exits_attrition", "persons", "teachers who left education (zij trajectory dropouts included)"},
    {"exits_move", "persons", "teachers who moved to another school (counted where they left)"},
    {"students", "persons",
     "teacher-training students, by placement sector (unplaced: programme's main sector)"},
    {"students_so", "persons",
     "students in an SO year: placed at a member school, institute in the partnership"},
    {"so_share", "ratio", "students_so / students (aggregate as sum / sum)"},
    {"graduates", "persons", "students who graduated, by the sector they chose or were employed in"},
    {"dropouts", "persons", "students who dropped out, by last year's placement sector"},
    {"delays", "persons", "students who took an extra year, by last year's placement sector"},
    {"groenpluk_hires", "persons", "students hired before graduation"},
    {"groenpluk_hires_member", "persons", "students hired before graduation by member schools"},
    {"students_employed", "persons", "students working at a school, by employer sector"},
    {"zij_started", "persons", "zij-instromers who started a trajectory"},
    {"zij_completed", "persons", "zij-instromers who completed their trajectory"},
    {"zij_dropped", "persons", "zij-instromers who left during their trajectory"},
    {"schools", "schools", "schools"},
    {"member_schools", "schools", "schools that are partnership members"},
    {"member_share", "ratio", "member_schools / schools (aggregate as sum / sum)"},
    {"entrants", "persons", "entrants of the year (cohort entrants: graduates, zij, returners, groenpluk)"},
    {"induction_quality_mean", "ratio",
     "mean induction quality over the year's entrants (aggregate weighted by entrants)"},
    {"reserve_size", "persons", "qualified people in the stille reserve"},
    {"returners", "persons", "reserve members who returned to teaching"},
}};

Outcomes::Outcomes(int years_, int regions_)
    : years(years_),
      regions(regions_),
      cube({static_cast<std::size_t>(kMetrics), static_cast<std::size_t>(years_),
            static_cast<std::size_t>(regions_), static_cast<std::size_t>(kSectors)}),
      entrants({static_cast<std::size_t>(years_), static_cast<std::size_t>(kRoutes)}),
      retained({static_cast<std::size_t>(years_), static_cast<std::size_t>(kRoutes),
                static_cast<std::size_t>(kRetentionYears)}),
      intake({static_cast<std::size_t>(years_), static_cast<std::size_t>(kProgrammes)}),
      graduated({static_cast<std::size_t>(years_), static_cast<std::size_t>(kProgrammes)}),
      zij({static_cast<std::size_t>(years_), static_cast<std::size_t>(kSectors)}),
      zij_completed({static_cast<std::size_t>(years_), static_cast<std::size_t>(kSectors)}) {
  // Retention cells past the horizon are NaN (MODEL.md section 7).
  for (int y = 0; y < years; ++y)
    for (int r = 0; r < kRoutes; ++r)
      for (int k = 1; k <= kRetentionYears; ++k)
        if (y + k >= years) retained(y, r, k - 1) = std::numeric_limits<double>::quiet_NaN();
}

std::vector<sim::Dataset> Outcomes::to_datasets() const {
  std::vector<sim::Dataset> out;
  const std::size_t Y = static_cast<std::size_t>(years), R = static_cast<std::size_t>(regions);
  for (int m = 0; m < kMetrics; ++m) {
    sim::NdArray a({Y, R, static_cast<std::size_t>(kSectors)});
    std::copy_n(cube.data() + static_cast<std::size_t>(m) * a.size(), a.size(), a.data());
    out.push_back({std::string("metrics/") + kMetricInfo[m].name, kMetricInfo[m].unit,
                   kMetricInfo[m].description, std::move(a)});
  }
  out.push_back({"cohorts/entrants", "persons", "entrants per entry year and route", entrants});
  out.push_back(
      {"cohorts/retained", "persons",
       "of the entrants of that year and route, still teaching k = 1..5 years later (NaN past the horizon)",
       retained});
  out.push_back({"cohorts/intake", "persons", "students who entered per intake year and programme", intake});
  out.push_back({"cohorts/graduated", "persons", "of those, graduated by the end", graduated});
  out.push_back({"cohorts/zij", "persons", "zij-instromers hired per year and sector", zij});
  out.push_back({"cohorts/zij_completed", "persons", "of those, qualified by the end", zij_completed});
  return out;
}

}  // namespace tlm::models
