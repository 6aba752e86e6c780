// Small imported worlds for tests that need to know every school and teacher: schools.csv and teachers.csv
// written from rows (docs/model.md section 10), and a quiet scenario around them.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model_helpers.hpp"
#include "models/world.hpp"

namespace tlm::test {

inline constexpr int kSmallWorldStart = 2025;

// One school of the world: `teachers` identical qualified teachers of age 40, exp 10 (route initial).
struct SchoolRow {
  std::string region;
  int sector = models::vo;
  double demand = 10.0;
  bool member = false;
  int teachers = 1;
  double fte = 1.0;
};

// More teachers at school `school` (an index into the school rows); q empty: the school's q_j.
struct TeacherRow {
  int school = 0;
  int age = 40;
  int exp = 10;
  double fte = 1.0;
  bool qualified = true;
  int count = 1;
  int route = models::initial;
  std::string q{};
};

// `n` schools of one kind.
inline void add_schools(std::vector<SchoolRow>& rows, int n, const SchoolRow& row) {
  for (int i = 0; i < n; ++i) rows.push_back(row);
}

// Writes schools.csv and teachers.csv (school i is "S<i>") into `dir` and points `p` at them.
inline void write_world(const TempDir& dir, const std::vector<SchoolRow>& schools, models::Params& p,
                        const std::vector<TeacherRow>& extra = {}) {
  std::ofstream sf(dir / "schools.csv"), tf(dir / "teachers.csv");
  sf << "id,region,sector,demand_fte,member\n";
  tf << "school_id,age,exp,fte,qualified,count,route,so_trained,q\n";
  for (std::size_t i = 0; i < schools.size(); ++i) {
    const auto& s = schools[i];
    sf << fmt::format("S{},{},{},{},{}\n", i, s.region, models::kSectorNames[s.sector], s.demand,
                      s.member ? 1 : 0);
    if (s.teachers > 0) tf << fmt::format("S{},40,10,{},1,{},initial,0,\n", i, s.fte, s.teachers);
  }
  for (const auto& t : extra)
    tf << fmt::format("S{},{},{},{},{},{},{},0,{}\n", t.school, t.age, t.exp, t.fte, t.qualified ? 1 : 0,
                      t.count, models::kRouteNames[t.route], t.q);
  p.world.schools_csv = dir / "schools.csv";
  p.world.teachers_csv = dir / "teachers.csv";
}

// The start world of those rows (the CSV files are read, then removed).
inline models::World make_world(models::Params& p, const std::vector<SchoolRow>& schools,
                                const std::vector<TeacherRow>& extra = {}) {
  TempDir dir;
  write_world(dir, schools, p, extra);
  return models::build_world(p);
}

// A quiet scenario: no students, no reserve, no zij-instroom, no mobility, no demand growth; years
// kSmallWorldStart..end.
inline models::Params quiet_params(int end, const std::string& name) {
  models::Params p;
  p.name = name;
  p.seed = 20251001;
  p.years.start = kSmallWorldStart;
  p.years.end = end;
  p.study.intake = {0, 0, 0, 0, 0};
  p.reserve.start_size = {0, 0, 0};
  p.zij.inflow = {0, 0, 0};
  p.teachers.mobility = 0.0;
  for (auto& g : p.demand.growth) g = models::YearTable{0.0, {}};
  // The small worlds describe schools, not subjects: one vo subject (the subject-free model of docs/model.md
  // 12.1) unless a test sets subjects.
  p.subjects.vo = {"all"};
  return p;
}

}  // namespace tlm::test
