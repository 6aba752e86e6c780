// The people of the model as structures of arrays (docs/model.md section 4), and their lifelong ids.
#pragma once

#include <array>
#include <cstdint>
#include <tuple>
#include <vector>

namespace tlm::models {

// 64-bit ids, assigned deterministically and independently of policy where possible (ARCHITECTURE.md).
namespace ids {
inline constexpr std::uint64_t start_teacher = 1ull << 60;
inline constexpr std::uint64_t start_student = 2ull << 60;
inline constexpr std::uint64_t start_reserve = 3ull << 60;
inline constexpr std::uint64_t student_kind = 4ull << 60;
inline constexpr std::uint64_t zij_kind = 5ull << 60;
inline constexpr std::uint64_t school_kind = 6ull << 60;
inline constexpr std::uint64_t market_kind = 7ull << 60;
// A new student: (intake year, programme, region, index).
inline std::uint64_t student(int year, int programme, int region, std::uint64_t index) {
  return student_kind | (static_cast<std::uint64_t>(year) << 40) |
         (static_cast<std::uint64_t>(programme) << 36) | (static_cast<std::uint64_t>(region) << 24) | index;
}
// A zij candidate: (year, region, sector, subject, index). Years fit in bits 40-51, the vo subject in 52-57
// (0 for po and mbo and for the one subject of ["all"], so that those ids are version 1's).
inline std::uint64_t zij(int year, int region, int sector, int subject, std::uint64_t index) {
  return zij_kind | (static_cast<std::uint64_t>(subject) << 52) | (static_cast<std::uint64_t>(year) << 40) |
         (static_cast<std::uint64_t>(sector) << 36) | (static_cast<std::uint64_t>(region) << 24) | index;
}
inline std::uint64_t school(std::size_t j) {
  return school_kind | j;
}
// A market: (region, sector, subject); subject 0 for po and mbo.
inline std::uint64_t market(int region, int sector, int subject = 0) {
  return market_kind | (static_cast<std::uint64_t>(subject) << 40) |
         (static_cast<std::uint64_t>(region) << 8) | static_cast<std::uint64_t>(sector);
}
}  // namespace ids

inline constexpr std::int32_t kNone = -1;

struct Teachers {
  std::vector<std::uint64_t> id;
  std::vector<std::int32_t> school;
  std::vector<std::uint8_t> subject;  // its subject for life in vo (docs/model.md 12.3); 0 in po and mbo
  std::vector<double> fte;
  std::vector<std::int16_t> age;
  std::vector<std::int16_t> exp;  // completed years taught
  std::vector<std::uint8_t> qualified;
  std::vector<std::uint8_t> route;
  std::vector<double> q;  // induction quality received at entry
  std::vector<std::uint8_t> so_trained;
  std::vector<std::uint8_t> rotated;  // placed at two or more schools as a student
  std::vector<std::int16_t> entry_year;
  std::vector<std::uint8_t> zij_year;    // trajectory year, 0 when not in a trajectory
  std::vector<std::int32_t> cohort_rec;  // latest entrant record (Cohorts), kNone if none
  std::vector<std::uint8_t> seeks_move;  // this year: looks for another school (6.3), moves in 6.6 step 0
  // Every column once, as a tuple of references (sim/soa.hpp keeps them in step).
  template <class Self>
  static auto columns_of(Self& a) {
    return std::tie(a.id, a.school, a.subject, a.fte, a.age, a.exp, a.qualified, a.route, a.q, a.so_trained,
                    a.rotated, a.entry_year, a.zij_year, a.cohort_rec, a.seeks_move);
  }
  auto columns() { return columns_of(*this); }
  auto columns() const { return columns_of(*this); }
  std::size_t size() const { return id.size(); }
};

struct Students {
  static constexpr int kMaxSeen = 8;
  std::vector<std::uint64_t> id;
  std::vector<std::uint8_t> programme;
  std::vector<std::uint8_t> subject;     // drawn at intake (12.3); kNoSubject for pabo
  std::vector<std::uint8_t> study_year;  // 1-based; stays at the final year during extra years
  std::vector<std::uint8_t> extra_years;
  std::vector<std::int16_t> region;
  std::vector<std::uint8_t> in_partnership;  // its institute is in the partnership
  std::vector<std::int32_t> school;          // placement this year, kNone if unplaced
  std::vector<std::int32_t> last_school;     // placement last year
  std::vector<std::uint8_t> so_year;         // this year is an SO year
  std::vector<std::uint8_t> so_years;
  std::vector<std::array<std::int32_t, kMaxSeen>> seen;  // distinct schools placed at
  std::vector<std::uint8_t> n_seen;
  std::vector<std::int32_t> employer;  // groenpluk employer, kNone if not employed
  std::vector<double> employed_fte;
  std::vector<std::int16_t> age;
  std::vector<std::int16_t> intake_year;
  template <class Self>
  static auto columns_of(Self& a) {
    return std::tie(a.id, a.programme, a.subject, a.study_year, a.extra_years, a.region, a.in_partnership,
                    a.school, a.last_school, a.so_year, a.so_years, a.seen, a.n_seen, a.employer,
                    a.employed_fte, a.age, a.intake_year);
  }
  auto columns() { return columns_of(*this); }
  auto columns() const { return columns_of(*this); }
  std::size_t size() const { return id.size(); }
};

struct Reserve {
  std::vector<std::uint64_t> id;
  std::vector<std::uint8_t> sector;
  std::vector<std::uint8_t> subject;  // in vo its subject, kept from teaching or study; 0 in po and mbo
  std::vector<std::int16_t> region;
  std::vector<std::int16_t> age;
  std::vector<std::int16_t> exp;
  std::vector<std::int16_t> years_out;
  std::vector<std::int16_t> since;  // year joined: members who join in t are not aged in t
  std::vector<std::int32_t> cohort_rec;
  template <class Self>
  static auto columns_of(Self& a) {
    return std::tie(a.id, a.sector, a.subject, a.region, a.age, a.exp, a.years_out, a.since, a.cohort_rec);
  }
  auto columns() { return columns_of(*this); }
  auto columns() const { return columns_of(*this); }
  std::size_t size() const { return id.size(); }
};

inline void append_teacher(Teachers& t, std::uint64_t id, std::int32_t school, int subject, double fte,
                           int age, int exp, bool qualified, int route, double q, bool so_trained,
                           bool rotated, int entry_year, int zij_year, std::int32_t cohort_rec) {
  t.id.push_back(id);
  t.school.push_back(school);
  t.subject.push_back(static_cast<std::uint8_t>(subject));
  t.fte.push_back(fte);
  t.age.push_back(static_cast<std::int16_t>(age));
  t.exp.push_back(static_cast<std::int16_t>(exp));
  t.qualified.push_back(qualified ? 1 : 0);
  t.route.push_back(static_cast<std::uint8_t>(route));
  t.q.push_back(q);
  t.so_trained.push_back(so_trained ? 1 : 0);
  t.rotated.push_back(rotated ? 1 : 0);
  t.entry_year.push_back(static_cast<std::int16_t>(entry_year));
  t.zij_year.push_back(static_cast<std::uint8_t>(zij_year));
  t.cohort_rec.push_back(cohort_rec);
  t.seeks_move.push_back(0);
}

// A new student with no history (start world and intake): unplaced, not employed, no SO years.
inline void append_student(Students& st, std::uint64_t id, int programme, int subject, int study_year,
                           int region, bool in_partnership, int age, int intake_year) {
  st.id.push_back(id);
  st.programme.push_back(static_cast<std::uint8_t>(programme));
  st.subject.push_back(static_cast<std::uint8_t>(subject));
  st.study_year.push_back(static_cast<std::uint8_t>(study_year));
  st.extra_years.push_back(0);
  st.region.push_back(static_cast<std::int16_t>(region));
  st.in_partnership.push_back(in_partnership ? 1 : 0);
  st.school.push_back(kNone);
  st.last_school.push_back(kNone);
  st.so_year.push_back(0);
  st.so_years.push_back(0);
  st.seen.push_back({});
  st.n_seen.push_back(0);
  st.employer.push_back(kNone);
  st.employed_fte.push_back(0.0);
  st.age.push_back(static_cast<std::int16_t>(age));
  st.intake_year.push_back(static_cast<std::int16_t>(intake_year));
}

// Entrant records for retention curves: a person's records form a chain through `prev`, newest first.
struct CohortRecord {
  std::int16_t year;
  std::uint8_t sector;  // of the school at this entry (docs/model.md 7.3)
  std::uint8_t route;
  std::int32_t prev;
};

}  // namespace tlm::models
