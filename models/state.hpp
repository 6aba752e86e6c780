// The state of one replication: what changes from year to year, on top of the shared start world.
#pragma once

#include <vector>

#include "models/outcomes.hpp"
#include "models/params.hpp"
#include "models/population.hpp"
#include "models/world.hpp"
#include "sim/random.hpp"

namespace tlm::models {

struct SchoolYear {
  std::vector<double> demand;
  std::vector<std::uint8_t> member;
  std::vector<std::int16_t> member_since;  // first year as member (start members: long before the start)
  std::vector<std::uint8_t> accepted;      // accepted this year: member from next year
  std::vector<std::int32_t> partnership;
  std::vector<double> q;              // induction quality q_j
  std::vector<std::int32_t> cap;      // placement capacity cap_j
  std::vector<double> last_shortage;  // shortage / demand of the recorded year t-1 (adoption)
  // Per cell (World::cell_school; section 12): a vo school's subjects, a po or mbo school's one cell.
  std::vector<double> cell_demand;   // D_jx
  std::vector<double> cell_staff;    // FTE of teachers and employed students in the cell
  std::vector<double> cell_vacancy;  // v_jx during the market
  std::vector<double> cell_stopgap;  // this year's stopgap FTE
};

// A graduate entering the market this year (docs/model.md 6.4 step 3, 6.6).
struct Graduate {
  std::uint64_t id;
  std::int32_t last_school;
  std::int16_t region;  // the region it studied in; the region it searches in is decided in 6.6
  std::int16_t age;
  std::uint8_t sector;
  std::uint8_t subject;  // in vo its subject (12.3); 0 in po and mbo
  std::uint8_t so_trained;
  std::uint8_t rotated;
};

// Everything a phase needs to know about the year.
struct YearContext {
  int year;        // t
  int start_year;  // years.start
  int index;       // t - years.start: the row of the outcomes
};

struct State {
  State(const World& w, const Params& p);
  const World& world;
  const Params& params;
  SchoolYear school_year;  // this year's state of every school (the world's table is fixed)
  Teachers teachers;
  Students students;
  Reserve reserve;
  std::vector<CohortRecord> cohort_records;
  std::vector<PerSector<double>> last_shortage_rate;  // [region][sector], of the recorded year t-1
  std::vector<double> last_market_rate;  // [World::subject_market], of the recorded year t-1 (12.4)
  std::vector<std::int32_t> partnership_members;
  // Within a year:
  std::vector<Graduate> graduates;  // entering the market
  Outcomes out;
};

}  // namespace tlm::models
