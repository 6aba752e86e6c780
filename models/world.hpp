// The start world (docs/model.md 4.1): generated once per scenario, shared read-only by every replication.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/forward.hpp"
#include "models/population.hpp"
#include "models/subjects.hpp"
#include "models/types.hpp"

namespace tlm::models {

// At most this many regions, synthetic or imported: ids hold a region in 12 bits (population.hpp) and the
// people's region columns are 16-bit.
inline constexpr int kMaxRegions = 1000;

// Keys world.* (4.1, 10).
struct WorldParams {
  std::optional<std::uint64_t> seed;  // default: the top-level seed
  std::string schools_csv;            // empty: synthetic schools
  std::string teachers_csv;           // empty: synthetic teachers
  double scale = 1.0;
  int regions = 50;
  double region_weight_sigma = 0.5;
  int urban_regions = 5;
  PerSector<int> schools{6300, 640, 59};
  PerSector<double> demand_fte{92000, 61000, 26500};
  double school_size_sigma = 0.6;
  PerSector<double> start_shortage{0.075, 0.055, 0.06};
  double urban_shortage_factor = 1.6;
  PerSector<std::array<double, kFteLevels>> fte_distribution{{
      {0.15, 0.30, 0.35, 0.20},
      {0.10, 0.20, 0.35, 0.35},
      {0.10, 0.20, 0.35, 0.35},
  }};
  PerSector<std::array<double, kAgeBands>> age_distribution{{
      {.05, .11, .11, .10, .10, .10, .11, .13, .14, .05},
      {.03, .09, .10, .10, .11, .11, .12, .14, .15, .05},
      {.02, .05, .08, .10, .11, .12, .14, .16, .16, .06},
  }};
};

struct SchoolTable {
  std::vector<std::string> label;  // imported id, or the 1-based number
  std::vector<std::int16_t> region;
  std::vector<std::uint8_t> sector;
  std::vector<double> demand;  // start demand (FTE)
  std::vector<double> u;       // fixed rounding draw for placement capacity
  std::vector<std::uint8_t> member;
  std::vector<std::int32_t> partnership;
  std::size_t size() const { return region.size(); }
};

struct World {
  int regions = 0;
  std::vector<std::string> region_names;
  std::vector<PerSector<double>> weight;  // per-sector region weights, 0 where a region has no school of it
  std::vector<std::uint8_t> urban;
  std::vector<std::int16_t> partnership_region;           // partnership -> region
  SchoolTable schools;                                    // the start world's table of schools (fixed)
  std::vector<std::vector<std::int32_t>> market_schools;  // [region * 3 + sector] -> schools
  std::vector<std::int32_t> slot;  // position of each school in its region and sector's list (placement)
  // Subjects in vo (section 12): a vo school has one cell per subject, a po or mbo school one cell. A market
  // is a (region, sector, subject): po and mbo one per region, vo one per subject.
  Subjects subjects;
  std::vector<std::int32_t> cell_begin;    // per school: its first cell
  std::vector<std::int32_t> cell_school;   // per cell
  std::vector<std::uint8_t> cell_subject;  // per cell: the subject (0 in po and mbo)
  std::vector<double> cell_start_demand;   // per cell: D_jx = D_j x demand_share_x (vo), D_j otherwise
  std::vector<std::vector<std::int32_t>> market_cells;  // [subject_market(r, s, x)] -> cells
  std::vector<std::int32_t> cell_slot;  // position of each cell in its market's list (weighted-choice trees)
  Teachers teachers;
  Students students;
  Reserve reserve;
  std::vector<double> start_stopgap;  // per cell: unqualified stopgap FTE in the start year
  int market_index(int region, int sector) const { return region * kSectors + sector; }
  int subjects_of(int sector) const { return sector == vo ? subjects.count() : 1; }
  int markets_per_region() const { return 2 + subjects.count(); }
  int subject_market(int region, int sector, int subject) const {
    return region * markets_per_region() + (sector == po   ? 0
                                            : sector == vo ? 1 + subject
                                                           : 1 + subjects.count());
  }
  std::size_t cells() const { return cell_school.size(); }
  // The cell of school j that a person of `subject` works in: its own subject's in vo, the one cell
  // otherwise.
  std::int32_t cell_of(std::int32_t j, int subject) const {
    return cell_begin[static_cast<std::size_t>(j)] +
           (schools.sector[static_cast<std::size_t>(j)] == vo ? subject : 0);
  }
  // A teacher's cell: its subject is 0 outside vo (12.3), so no look-up of the school's sector is needed.
  std::int32_t teacher_cell(std::int32_t j, int subject) const {
    return cell_begin[static_cast<std::size_t>(j)] + subject;
  }
  int cells_of(std::int32_t j) const { return subjects_of(schools.sector[static_cast<std::size_t>(j)]); }
};

void world_keys(std::vector<schema::Key>& keys);  // world.*

// Throws ScenarioErrors for problems in imported data that only show when the world is built.
World build_world(const Params& p);

// The subject of a new student of `programme` (12.3): of_programme for alo and kunstvak, drawn by the
// programme's intake_share for tweedegraads and eerstegraads, kNoSubject for pabo; one 32-bit word.
int draw_study_subject(const Subjects& subjects, int programme, std::uint32_t word);
// A vo subject drawn by demand_share (start reserve, imported teachers without one, subjectless graduates).
int draw_vo_subject(const Subjects& subjects, std::uint32_t word);

// A teacher's fte from the sector's `world.fte_distribution` (docs/model.md 4.1), with one 32-bit word.
double draw_fte(const Params& p, int sector, std::uint32_t word);

// A region drawn by the sector's weights from a 53-bit uniform; `exclude` >= 0 leaves that region out
// (its weight renormalised away) unless it is the only one with weight.
int pick_region(const World& w, int sector, double u, int exclude = -1);

}  // namespace tlm::models
