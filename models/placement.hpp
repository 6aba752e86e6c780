// Placement of students at schools (leerwerkplekken, docs/model.md 6.5): every student placed anew each year.
#pragma once

#include "models/forward.hpp"

#include <vector>

namespace tlm::models {

// Used for the start world too (with the world's stream). `rotation`: the key policy.rotation.
void placement(Students& students, const World& w, const SchoolYear& schools, bool rotation,
               const sim::Stream& rng, int year);

void placement_policy_keys(std::vector<schema::Key>& keys);  // policy.rotation

}  // namespace tlm::models
