// What a scenario key is (docs/model.md section 9): its name, the allowed range of its numbers, unit,
// meaning, section, and where its value lives in Params. Each mechanism registers its own keys with these (in
// its own file, e.g. teacher_exits.cpp registers teachers.*); schema.cpp collects them into the one registry
// that parsing, validation, `tlm show` and docs/scenarios.md all derive from.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "models/params.hpp"

namespace tlm::models::schema {

// policy.joining.adoption has the type of a per-sector number (3 doubles): a tag tells them apart.
struct AdoptionField {
  std::array<double, 3>* value;
};

// Where a key's value lives in Params. The pointee type fixes how the value is read and written.
using Field = std::variant<
    double*, int*, bool*, std::string*, std::uint64_t*, JoiningMode*, GroenplukRule*, PerSector<double>*,
    PerSector<int>*, PerProgramme<double>*, PerProgramme<int>*, PerRoute<double>*, PerSector<YearTable>*,
    PerSector<std::array<double, kFteLevels>>*, PerSector<std::array<double, kAgeBands>>*,
    PerSector<std::array<double, kExpLevels>>*, PerProgramme<std::vector<double>>*,
    PerProgramme<PerSector<double>>*, std::vector<JoiningStep>*, std::array<bool, kSectors>*, AdoptionField,
    std::array<int, 2>*, std::optional<double>*, std::optional<int>*, std::optional<std::uint64_t>*,
    std::optional<PerSector<double>>*, std::vector<std::string>*, SubjectTable*, SubjectOfProgramme*>;

// Allowed values of one number (of every element, for tables and lists).
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;  // lo itself excluded
  bool hi_open = false;
  bool contains(double v) const { return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi); }
};

struct Key {
  std::string_view name;     // dotted, as in docs/model.md
  Range range;               // of each number in the value
  std::string_view unit;     // e.g. "probability per year"
  std::string_view meaning;  // one line
  std::string_view section;  // docs/model.md section
  Field (*field)(Params&);
  bool sums_to_one = false;  // lists and sector mixes whose shares must add up to 1
};

// Ranges shared by the registrations.
inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr Range kProb{0.0, 1.0};
inline constexpr Range kNonNeg{0.0, kInf};
inline constexpr Range kPositive{0.0, kInf, true, false};
inline constexpr Range kAny{};
inline constexpr Range kYear{1900, 3000};
inline constexpr Range kSeed{0, 4294967295.0};  // Philox keys are 32-bit words
inline constexpr Range kGrowth{-1.0, kInf, true, false};
inline constexpr Range kShareOfFte{0.0, 1.0, true, false};
// Counts of people and FTE: at most ten million, a hundred times the Netherlands, so that a typo (1e20) is
// bad input instead of an allocation that never ends or a conversion that overflows.
inline constexpr Range kPeopleCount{0.0, 1e7};
inline constexpr Range kPositiveCount{0.0, 1e7, true, false};
inline constexpr std::string_view kProbPerYear = "probability per year";
inline constexpr std::string_view kMultiplier = "multiplier";

}  // namespace tlm::models::schema

// A field accessor per key; a macro because each is a captureless lambda differing only in the member.
#define TLM_FIELD(member) [](::tlm::models::Params& p) -> ::tlm::models::schema::Field { return &p.member; }
