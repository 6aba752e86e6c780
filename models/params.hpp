// The typed parameters of a scenario (docs/model.md section 9): one field per scenario key, composed of the
// parameter structs that each mechanism owns in its own header (and registers the keys of in its own file).
// Every default is the value of the embedded scenario `nl-baseline`. The scenario reader (scenario.cpp,
// schema.cpp) fills this struct from TOML and validates it; the model reads it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/costs.hpp"
#include "models/demand.hpp"
#include "models/groenpluk.hpp"
#include "models/market.hpp"
#include "models/partnerships.hpp"
#include "models/placement.hpp"
#include "models/reserve.hpp"
#include "models/students.hpp"
#include "models/subjects.hpp"
#include "models/teacher_exits.hpp"
#include "models/types.hpp"
#include "models/world.hpp"

namespace tlm::models {

struct Params {
  std::string name = "nl-baseline";
  std::string description;
  std::uint64_t seed = 20251001;
  int replications = 100;

  struct Years {
    int start = 2025;
    int end = 2040;
  } years;

  WorldParams world;                  // world.cpp
  PartnershipParams partnerships;     // partnerships.cpp
  DemandParams demand;                // demand.cpp
  InductionParams induction;          // partnerships.cpp (q_j); its effect: teacher_exits.cpp
  PlacementCapacityParams placement;  // partnerships.cpp (cap_j)
  TeacherParams teachers;             // teacher_exits.cpp
  ReserveParams reserve;              // reserve.cpp
  ZijParams zij;                      // market.cpp (candidates), teacher_exits.cpp (trajectory)
  StudyParams study;                  // students.cpp, intake.cpp
  GraduateParams graduates;           // students.cpp, market.cpp
  MarketParams market;                // market.cpp
  GroenplukParams groenpluk;          // groenpluk.cpp
  SubjectParams subjects;             // subjects.cpp (section 12): read by world.cpp and the phases

  // The policies, each owned by the mechanism it acts through.
  struct Policy {
    bool rotation = false;        // placement.cpp
    JoiningPolicy joining;        // partnerships.cpp
    InductionPolicy induction;    // partnerships.cpp
    GroenplukPolicy groenpluk;    // groenpluk.cpp
    InstitutesPolicy institutes;  // intake.cpp
  } policy;

  CostParams costs;  // costs.cpp (section 13)

  std::uint64_t world_seed() const { return world.seed.value_or(seed); }
};

// Keys of the top level: name, description, seed, replications, years.* (scenario.cpp).
void scenario_keys(std::vector<schema::Key>& keys);

}  // namespace tlm::models
