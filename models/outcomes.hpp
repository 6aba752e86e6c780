// Outcomes of one replication (docs/model.md section 7): metrics per (year, region, sector) and cohort
// tables.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "models/params.hpp"
#include "sim/array.hpp"

namespace tlm::models {

enum Metric : int {
  m_demand_fte,
  m_staff_fte,
  m_qualified_fte,
  m_open_fte,
  m_hidden_fte,
  m_shortage_fte,
  m_shortage_rate,
  m_teachers,
  m_hires_grad_so,
  m_hires_grad_regular,
  m_hires_zij,
  m_hires_groenpluk,
  m_hires_returner,
  m_exits_retire,
  m_exits_attrition,
  m_exits_move,
  m_students,
  m_students_so,
  m_so_share,
  m_graduates,
  m_dropouts,
  m_delays,
  m_groenpluk_hires,
  m_groenpluk_hires_member,
  m_students_employed,
  m_zij_started,
  m_zij_completed,
  m_zij_dropped,
  m_schools,
  m_member_schools,
  m_member_share,
  m_entrants,
  m_induction_quality_mean,
  m_reserve_size,
  m_returners,
  m_cost_so,
  m_cost_partnership,
  m_cost_induction,
  m_cost_joining,
  m_cost_total,
  kMetrics
};

// The metric registry: everything about a metric, once. The results file (its attributes), docs/output.md's
// table (`tlm show --metrics-markdown`), the Python module (through the file's attributes) and the tests read
// it. A ratio metric names its numerator and denominator: aggregated, it is Σ numerator / Σ denominator,
// never a mean of cells; one with a denominator but no numerator is a mean weighted by the denominator.
struct MetricInfo {
  const char* name;
  const char* unit;
  const char* description;
  const char* recorded_by;  // the mechanism that counts it: a file of models/, e.g. "teacher_exits"
  const char* section;      // docs/model.md section
  int numerator = -1;       // a Metric, or -1
  int denominator = -1;     // a Metric, or -1 (not a ratio)
  bool is_ratio() const { return denominator >= 0; }
};
extern const std::array<MetricInfo, kMetrics> kMetricInfo;
// The metric of that name, or -1.
int find_metric(std::string_view name);
// How a metric aggregates over cells, in words ("sum", "Σ shortage_fte / Σ demand_fte", ...).
std::string aggregation_text(const MetricInfo& m);
// The metric table of docs/output.md (markdown), generated from the registry.
std::string metrics_markdown();

inline constexpr int kRetentionYears = 5;

// Subject metrics (docs/model.md 12.5): vo only, per (year, region, subject); the cell sums of a vo school's
// subjects, so that summed over subjects they equal the vo metrics of the same name.
enum SubjectMetric : int {
  sm_demand_fte,
  sm_staff_fte,
  sm_open_fte,
  sm_hidden_fte,
  sm_shortage_fte,
  sm_shortage_rate,
  sm_teachers,
  sm_hires,
  sm_exits,
  sm_graduates,
  sm_zij_started,
  kSubjectMetrics
};
extern const std::array<MetricInfo, kSubjectMetrics> kSubjectMetricInfo;
// The subject metric of that name, or -1.
int find_subject_metric(std::string_view name);
// The subject metric table of docs/output.md (markdown), generated from kSubjectMetricInfo.
std::string subject_metrics_markdown();

// Metric cube [metric, year, region, sector], the vo subject cube and cohort tables of one replication.
struct Outcomes {
  Outcomes(int years, int regions, int subjects);
  int years, regions, subjects;
  sim::NdArray cube;                  // [metric, year, region, sector]
  sim::NdArray subject_cube;          // [subject metric, year, region, vo subject]
  sim::NdArray cohort_entrants;       // [year, sector of entry, route]
  sim::NdArray cohort_retained;       // [year, sector of entry, route, k-1]
  sim::NdArray cohort_intake;         // [year, programme]
  sim::NdArray cohort_graduated;      // [year, programme]
  sim::NdArray cohort_zij;            // [year, sector]
  sim::NdArray cohort_zij_completed;  // [year, sector]
  // The cell of the cube; called for every agent in several phases, so the offset is spelled out.
  double& at(Metric m, int y, int r, int s) {
    return cube.data()[((static_cast<std::size_t>(m) * static_cast<std::size_t>(years) +
                         static_cast<std::size_t>(y)) *
                            static_cast<std::size_t>(regions) +
                        static_cast<std::size_t>(r)) *
                           kSectors +
                       static_cast<std::size_t>(s)];
  }

  double& subject_at(SubjectMetric m, int y, int r, int x) {
    return subject_cube.data()[((static_cast<std::size_t>(m) * static_cast<std::size_t>(years) +
                                 static_cast<std::size_t>(y)) *
                                    static_cast<std::size_t>(regions) +
                                static_cast<std::size_t>(r)) *
                                   static_cast<std::size_t>(subjects) +
                               static_cast<std::size_t>(x)];
  }

  // Cohort tables summed over the sector of entry.
  double entrants_of_route(int y, int route) const {
    double n = 0.0;
    for (int sec = 0; sec < kSectors; ++sec) n += cohort_entrants(y, sec, route);
    return n;
  }
  double retained_of_route(int y, int route, int k) const {  // k = 1..kRetentionYears
    double n = 0.0;
    for (int sec = 0; sec < kSectors; ++sec) n += cohort_retained(y, sec, route, k - 1);
    return n;
  }

  // The datasets of the output format (ARCHITECTURE.md), in the order they are written.
  std::vector<sim::Dataset> to_datasets() const;
  // The metrics summed over regions as their registry says (docs/output.md): national/<metric> [year,
  // sector] and subject_national/<subject metric> [year, vo subject]. What a sweep stores per task.
  std::vector<sim::Dataset> national_datasets() const;
};

}  // namespace tlm::models
