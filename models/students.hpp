// Students (docs/model.md 6.4): dropout, delay, graduation and the graduates' choice of sector and market;
// intake of new students (intake.cpp).
#pragma once

#include <optional>
#include <vector>

#include "models/forward.hpp"
#include "models/types.hpp"

namespace tlm::models {

// Keys study.* (6.4).
struct StudyParams {
  PerProgramme<std::vector<double>> dropout{{
      {.20, .08, .05, .03},
      {.25, .10, .06, .04},
      {.15, .08},
      {.15, .06, .04, .03},
      {.15, .06, .04, .03},
  }};
  double so_effect = 0.85;
  double groenpluk_dropout_effect = 1.3;
  double delay = 0.15;
  double groenpluk_delay_effect = 2.0;
  int max_extra_years = 3;
  PerProgramme<int> years{4, 4, 2, 4, 4};
  int so_min_years = 1;
  PerProgramme<PerSector<double>> sector_mix{{
      {1.0, 0.0, 0.0},
      {0.0, 0.7, 0.3},
      {0.0, 1.0, 0.0},
      {0.3, 0.5, 0.2},
      {0.0, 0.6, 0.4},
  }};
  PerProgramme<double> intake{5800, 4750, 1380, 1200, 900};
  double intake_growth = 0.0;
  PerProgramme<int> intake_age{19, 20, 23, 19, 20};
  PerProgramme<double> institute_in_partnership{0.95, 0.90, 0.90, 0.50, 0.40};
};

// Keys graduates.* (6.4.3, 6.6).
struct GraduateParams {
  PerProgramme<double> enter{0.85, 0.60, 0.70, 0.60, 0.55};
  double so_enter_effect = 1.10;
  double mobility = 0.15;
};

// Keys policy.institutes.* (6.4.6).
struct InstitutesPolicy {
  std::optional<double> target_share;
  std::optional<int> target_year;
};

// 6.4.1-6.4.4 (students.cpp).
void student_progress(State& s, const YearContext& ctx, const sim::Stream& rng);
// 6.4.6 (intake.cpp).
void intake(State& s, const YearContext& ctx, const sim::Stream& rng);

void study_keys(std::vector<schema::Key>& keys);              // study.*, graduates.* (students.cpp)
void institutes_policy_keys(std::vector<schema::Key>& keys);  // policy.institutes.* (intake.cpp)

}  // namespace tlm::models
