// Forward declarations for the mechanism headers: a mechanism's header names its parameters and its step,
// and needs only to mention the types of the state it acts on.
#pragma once

namespace tlm::sim {
class Stream;
}

namespace tlm::models {

struct Params;
struct State;
struct SchoolYear;
struct Students;
struct World;
struct YearContext;
namespace schema {
struct Key;
}

}  // namespace tlm::models
