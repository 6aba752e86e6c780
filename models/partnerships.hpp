// Partnerships (docs/model.md 4.1.5, 6.2): start membership, joining policies, a new member's ramp, and what
// membership brings a school: induction quality q_j and placement capacity cap_j.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "models/forward.hpp"
#include "models/types.hpp"

namespace tlm::models {

// Keys partnerships.* (4.1.5).
struct PartnershipParams {
  PerSector<double> start_member_share{0.65, 0.80, 0.80};
  int per_region = 2;
};

// Keys induction.* (6.2.3; the effect on attrition is 6.3.2).
struct InductionParams {
  PerSector<double> base_quality{0.55, 0.45, 0.35};
  double so_boost = 0.25;
  double full_effect = 0.6;
  int years = 3;
};

// Keys placement.* (6.2.4): the capacity a school offers students.
struct PlacementCapacityParams {
  double per_fte = 0.19;
  double so_extra = 0.5;
};

// policy.joining.mode: the names, in the order of the enum, are the values a scenario writes.
enum class JoiningMode { none, schedule, target, adoption };
inline constexpr std::array<const char*, 4> kJoiningModeNames{"none", "schedule", "target", "adoption"};

struct JoiningStep {
  int sector = -1;  // -1: all
  int region = -1;  // 0-based; -1: all
  double share = 0.0;
  int year = 0;
  bool operator==(const JoiningStep&) const = default;
};

// Keys policy.joining.* (6.2.1, 6.2.2).
struct JoiningPolicy {
  JoiningMode mode = JoiningMode::none;
  std::vector<JoiningStep> schedule;
  std::array<bool, kSectors> sectors{true, true, true};
  double target_share = 1.0;
  int target_year = 2029;
  std::array<double, 3> adoption{0.02, 0.10, 0.50};  // a0, a1, a2
  double openness = 1.0;
  int pilot_years = 1;
};

// Keys policy.induction.* (6.2.3).
struct InductionPolicy {
  std::optional<PerSector<double>> base_quality;  // unset: induction.base_quality throughout
  std::optional<int> from_year;                   // unset: years.start + 1
};

// 6.2 of year t: last year's accepted schools become members, this year's applications are taken; then the
// year's q_j and cap_j.
void partnerships(State& s, const YearContext& ctx, const sim::Stream& rng);
void induction_and_capacity(const Params& p, const World& w, SchoolYear& schools, int year);
SchoolYear start_school_state(const World& w, const Params& p);
// A member's benefits in year t: min(1, k / pilot_years) in its k-th year as member (start members: 1).
double ramp(const Params& p, const SchoolYear& s, std::size_t j, int year);

void partnership_keys(std::vector<schema::Key>& keys);     // partnerships.*
void induction_keys(std::vector<schema::Key>& keys);       // induction.*, placement.*
void joining_policy_keys(std::vector<schema::Key>& keys);  // policy.joining.*, policy.induction.*

}  // namespace tlm::models
