// Subjects in vo (docs/model.md section 12): the keys subjects.* as a scenario gives them, and their
// resolution into one complete table per subject that the world and the phases read. po and mbo have one
// implicit subject each (index 0); a vo school has one cell per subject.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/forward.hpp"
#include "models/types.hpp"

namespace tlm::models {

inline constexpr int kMaxSubjects = 64;           // ids hold the subject in 6 bits (population.hpp)
inline constexpr std::uint8_t kNoSubject = 0xFF;  // a pabo student: no subject until it enters a sector

// A per-subject value as a scenario gives it: one number for every subject, or a table by subject name.
// Neither (the default): the value of the subject set's defaults (see resolve_subjects).
struct SubjectTable {
  std::optional<double> all;
  std::vector<std::pair<std::string, double>> by_name;  // in the order given
  bool given() const { return all.has_value() || !by_name.empty(); }
  bool operator==(const SubjectTable&) const = default;
};

// The subject of alo and kunstvak students (`subjects.of_programme`); unset: "lo" and "kunst" where listed,
// the one subject under ["all"].
struct SubjectOfProgramme {
  std::optional<std::string> alo;
  std::optional<std::string> kunstvak;
  bool operator==(const SubjectOfProgramme&) const = default;
};

// The names of the default subjects (the table of docs/model.md 12.1), in order.
const std::vector<std::string>& default_subject_names();

// Keys subjects.*.
struct SubjectParams {
  std::vector<std::string> vo = default_subject_names();
  SubjectTable demand_share;
  SubjectTable start_shortage;
  SubjectTable intake_share_tweedegraads;
  SubjectTable intake_share_eerstegraads;
  SubjectTable zij_share;
  SubjectTable attrition_effect;
  SubjectOfProgramme of_programme;
};

// The resolved subjects: every table complete, in the order of `names`.
struct Subjects {
  std::vector<std::string> names;
  std::vector<double> demand_share;
  std::vector<double> start_shortage;
  std::vector<double> zij_share;
  std::vector<double> attrition_effect;
  PerProgramme<std::vector<double>> intake_share;      // tweedegraads, eerstegraads; empty for the others
  PerProgramme<int> of_programme{-1, -1, -1, -1, -1};  // alo, kunstvak: the subject; -1 for the others
  int count() const { return static_cast<int>(names.size()); }
};

// One problem with the subjects.* keys: the key path it concerns (e.g. "subjects.demand_share.wiskunde",
// "subjects.zij_share") and the message, which starts with that path.
struct SubjectProblem {
  std::string key;
  std::string message;
};

// Resolves the keys (docs/model.md 12.1). The default names, in any order, keep their defaults (tables are
// keyed by name); ["all"] collapses every default to 1 and of_programme to "all"; any other set of names
// needs every table but attrition_effect given, and of_programme where "lo" or "kunst" is missing. A given
// table must name exactly the listed subjects; the share tables must sum to 1 within 1e-6. On problems,
// `problems` lists them and the result is the defaults collapsed as far as possible (never used to simulate).
Subjects resolve_subjects(const SubjectParams& p, std::vector<SubjectProblem>* problems);
// The same, throwing std::invalid_argument with the first problem (for parameters built in code).
Subjects resolve_subjects(const SubjectParams& p);

void subject_keys(std::vector<schema::Key>& keys);  // subjects.*

}  // namespace tlm::models
