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

const std::array<MetricInfo, kSubjectMetrics> kSubjectMetricInfo{{
    {"demand_fte", "FTE", "vo demand of the subject: D_j x demand_share summed over the schools", "record",
     "12.2"},
    {"staff_fte", "FTE", "vo teachers' FTE of the subject, zij-instromers in trajectory included", "record",
     "12.5"},
    {"open_fte", "FTE", "open vacancies of the subject's cells", "record", "12.2"},
    {"hidden_fte", "FTE", "stopgaps and employed students in the subject's cells", "record", "12.2"},
    {"shortage_fte", "FTE", "total shortage: open + hidden, per cell, never negative, summed", "record",
     "12.2"},
    {"shortage_rate", "ratio", "total shortage / demand of the subject", "record", "12.5", sm_shortage_fte,
     sm_demand_fte},
    {"teachers", "persons", "vo teachers of the subject (heads)", "record", "12.5"},
    {"hires", "persons",
     "entrants of every route into the subject (not moves, not students hired before graduating)",
     "market, students", "12.5"},
    {"exits", "persons", "retirement and attrition, zij dropouts included (not moves)", "teacher_exits",
     "12.5"},
    {"graduates", "persons", "graduates whose sector is vo, entering the market or not", "students", "12.5"},
    {"zij_started", "persons", "vo zij-instromers who started a trajectory in the subject", "market", "12.5"},
}};

int find_metric(std::string_view name) {
  for (int m = 0; m < kMetrics; ++m)
    if (name == kMetricInfo[m].name) return m;
  return -1;
}

int find_subject_metric(std::string_view name) {
  for (int m = 0; m < kSubjectMetrics; ++m)
    if (name == kSubjectMetricInfo[m].name) return m;
  return -1;
}

namespace {
// How a metric of the registry `infos` aggregates over cells, in words.
template <std::size_t N>
std::string aggregate_text(const MetricInfo& m, const std::array<MetricInfo, N>& infos) {
  if (!m.is_ratio()) return "sum";
  const std::string den = infos[m.denominator].name;
  if (m.numerator < 0) return "Σ (" + std::string(m.name) + " × " + den + ") / Σ " + den;
  return "Σ " + std::string(infos[m.numerator].name) + " / Σ " + den;
}
}  // namespace

std::string aggregation_text(const MetricInfo& m) {
  return aggregate_text(m, kMetricInfo);
}

namespace {
template <std::size_t N>
std::string metric_table(const std::array<MetricInfo, N>& infos) {
  std::string out =
      "| metric | unit | meaning | aggregate over cells | recorded by (docs/model.md) |\n"
      "|---|---|---|---|---|\n";
  for (const auto& m : infos)
    out += "| `" + std::string(m.name) + "` | " + m.unit + " | " + m.description + " | " +
           aggregate_text(m, infos) + " | `" + m.recorded_by + "` (" + m.section + ") |\n";
  return out;
}
}  // namespace

std::string metrics_markdown() {
  return metric_table(kMetricInfo);
}

std::string subject_metrics_markdown() {
  return metric_table(kSubjectMetricInfo);
}

Outcomes::Outcomes(int years_, int regions_, int subjects_)
    : years(years_),
      regions(regions_),
      subjects(subjects_),
      cube({static_cast<std::size_t>(kMetrics), static_cast<std::size_t>(years_),
            static_cast<std::size_t>(regions_), static_cast<std::size_t>(kSectors)}),
      subject_cube({static_cast<std::size_t>(kSubjectMetrics), static_cast<std::size_t>(years_),
                    static_cast<std::size_t>(regions_), static_cast<std::size_t>(subjects_)}),
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

namespace {
// One dataset per metric of a registry: slice m of `cube` [metric, year, region, column].
template <std::size_t N>
void metric_datasets(std::vector<sim::Dataset>& out, const std::array<MetricInfo, N>& infos,
                     const sim::NdArray& cube, const std::string& folder, std::size_t years,
                     std::size_t regions, std::size_t columns, const char* column_axis) {
  for (std::size_t m = 0; m < N; ++m) {
    sim::NdArray a({years, regions, columns});
    std::copy_n(cube.data() + m * a.size(), a.size(), a.data());
    const auto& info = infos[m];
    std::vector<std::pair<std::string, std::string>> attributes{{"recorded_by", info.recorded_by},
                                                                {"section", info.section}};
    if (info.is_ratio()) {
      attributes.emplace_back("aggregate", aggregate_text(info, infos));
      attributes.emplace_back("numerator", info.numerator >= 0 ? infos[info.numerator].name : "");
      attributes.emplace_back("denominator", infos[info.denominator].name);
    }
    out.push_back({folder + info.name,
                   info.unit,
                   info.description,
                   std::move(a),
                   std::move(attributes),
                   {"years", "regions", column_axis}});
  }
}
}  // namespace

std::vector<sim::Dataset> Outcomes::to_datasets() const {
  std::vector<sim::Dataset> out;
  const std::size_t Y = static_cast<std::size_t>(years), R = static_cast<std::size_t>(regions);
  metric_datasets(out, kMetricInfo, cube, "metrics/", Y, R, kSectors, "sectors");
  // A cohort table: counts of persons, its axes after the replication.
  auto cohort = [&out](const char* name, const char* description, const sim::NdArray& values,
                       std::vector<std::string> axes) {
    out.push_back({std::string("cohorts/") + name, "persons", description, values, {}, std::move(axes)});
  };
  cohort("entrants", "entrants per entry year, sector of the school entered and route", cohort_entrants,
         {"years", "sectors", "routes"});
  cohort("retained",
         "of the entrants of that year, sector and route, still teaching (any school, any sector) k = 1..5 "
         "years later (NaN past the horizon)",
         cohort_retained, {"years", "sectors", "routes", "k"});
  cohort("intake", "students who entered per intake year and programme", cohort_intake,
         {"years", "programmes"});
  cohort("graduated", "of those, graduated by the end", cohort_graduated, {"years", "programmes"});
  cohort("zij", "zij-instromers hired per year and sector", cohort_zij, {"years", "sectors"});
  cohort("zij_completed", "of those, qualified by the end", cohort_zij_completed, {"years", "sectors"});
  metric_datasets(out, kSubjectMetricInfo, subject_cube, "subject_metrics/", Y, R,
                  static_cast<std::size_t>(subjects), "subjects");
  return out;
}

namespace {
// A registry's cube [metric, year, region, column] summed over regions per its aggregation (docs/output.md):
// counts and FTE summed, a ratio Σ numerator / Σ denominator, a weighted mean Σ x·w / Σ w (NaN where the
// denominator is 0), as the analysis forms them from the regional file.
template <std::size_t N>
void national_of(std::vector<sim::Dataset>& out, const std::array<MetricInfo, N>& infos,
                 const sim::NdArray& cube, const std::string& folder, std::size_t years, std::size_t regions,
                 std::size_t columns, const char* column_axis) {
  auto cell = [&](std::size_t m, std::size_t y, std::size_t g, std::size_t c) {
    return cube.data()[((m * years + y) * regions + g) * columns + c];
  };
  for (std::size_t m = 0; m < N; ++m) {
    const auto& info = infos[m];
    sim::NdArray a({years, columns});
    for (std::size_t y = 0; y < years; ++y)
      for (std::size_t c = 0; c < columns; ++c) {
        double num = 0.0, den = 0.0;
        for (std::size_t g = 0; g < regions; ++g) {
          if (!info.is_ratio()) {
            num += cell(m, y, g, c);
          } else {
            const double w = cell(static_cast<std::size_t>(info.denominator), y, g, c);
            num += info.numerator >= 0 ? cell(static_cast<std::size_t>(info.numerator), y, g, c)
                                       : cell(m, y, g, c) * w;
            den += w;
          }
        }
        a(y, c) = !info.is_ratio() ? num : den != 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN();
      }
    std::vector<std::pair<std::string, std::string>> attributes{{"recorded_by", info.recorded_by},
                                                                {"section", info.section},
                                                                {"aggregate", aggregate_text(info, infos)}};
    out.push_back({folder + info.name,
                   info.unit,
                   std::string(info.description) + " (national)",
                   std::move(a),
                   std::move(attributes),
                   {"years", column_axis}});
  }
}
}  // namespace

std::vector<sim::Dataset> Outcomes::national_datasets() const {
  std::vector<sim::Dataset> out;
  const std::size_t Y = static_cast<std::size_t>(years), R = static_cast<std::size_t>(regions);
  national_of(out, kMetricInfo, cube, "national/", Y, R, kSectors, "sectors");
  national_of(out, kSubjectMetricInfo, subject_cube, "subject_national/", Y, R,
              static_cast<std::size_t>(subjects), "subjects");
  return out;
}

}  // namespace tlm::models
