// Groenpluk (docs/model.md 6.6.4): schools hire students before they graduate, under the partnership's rule.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "models/forward.hpp"
#include "models/types.hpp"

namespace tlm::models {

// Keys groenpluk.* (6.6.4).
struct GroenplukParams {
  double propensity = 0.3;
  PerProgramme<int> min_study_year{3, 3, 2, 3, 3};
  double fte = 0.4;
};

// policy.groenpluk.rule: the names, in the order of the enum, are the values a scenario writes.
enum class GroenplukRule { none, final_year, ban };
inline constexpr std::array<const char*, 3> kGroenplukRuleNames{"none", "final_year", "ban"};

// Keys policy.groenpluk.* (6.6.4).
struct GroenplukPolicy {
  GroenplukRule rule = GroenplukRule::none;
  double compliance = 0.9;
};

// 6.6.4 for one region; `students`: the region's students (indices into State::students).
void groenpluk_hiring(State& s, const YearContext& ctx, const sim::Stream& rng, int region,
                      std::span<const std::int32_t> students);

void groenpluk_keys(std::vector<schema::Key>& keys);         // groenpluk.*
void groenpluk_policy_keys(std::vector<schema::Key>& keys);  // policy.groenpluk.*

}  // namespace tlm::models
