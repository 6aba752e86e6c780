// Data import (docs/model.md section 10): schools and teachers from CSV, with file:row:column errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tlm::models {

struct SchoolRow {
  std::string id;
  std::string region;  // any label; regions are numbered in order of first appearance
  int sector = 0;      // 0 po, 1 vo, 2 mbo
  double demand_fte = 0.0;
  bool member = false;
  int line = 0;  // line in the file, for later cross-reference errors
};

struct TeacherRow {
  std::string school_id;  // a SchoolRow id; with synthetic schools, the school's 1-based number
  int age = 0;
  int exp = 0;
  double fte = 0.0;
  bool qualified = true;
  int count = 1;
  int route = 0;  // index into kRouteNames; default initial
  bool so_trained = false;
  std::optional<double> q;  // default: the school's q
  std::string subject;      // vo teachers (docs/model.md 12.6); empty: drawn by subjects.demand_share
  int subject_column = 0;   // for errors once the subjects are known
  int line = 0;
};

// The subject of an imported teacher (docs/model.md 12.7) among the vo subject `names`: -1 when the row gives
// none (drawn by demand_share when the world is built), else its index; `error` (for the row's subject
// column) when the name is not a subject or the school's sector (-1: not known yet) is not vo.
struct TeacherSubject {
  int index = -1;
  std::string error;
};
TeacherSubject teacher_subject(const TeacherRow& row, const std::vector<std::string>& names, int sector);

// Throw ScenarioErrors (scenario.hpp) with every problem, each as file:line:column.
std::vector<SchoolRow> read_schools_csv(const std::string& path);
std::vector<TeacherRow> read_teachers_csv(const std::string& path);
// As above, and checks every school_id: against the ids of `schools` when given (imported schools), else
// that it is a positive integer (a synthetic school's number; the world generator checks the upper bound).
std::vector<TeacherRow> read_teachers_csv(const std::string& path, const std::vector<SchoolRow>* schools);

}  // namespace tlm::models
