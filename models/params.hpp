// The typed parameters of MODEL.md, one field per scenario key (MODEL.md section 9).
// Every default here is the value of the embedded scenario `nl-baseline`.
// The scenario reader (scenario.cpp) fills this struct from TOML and validates it; the model reads it.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tlm::models {

inline constexpr int kSectors = 3;     // po, vo, mbo
inline constexpr int kProgrammes = 5;  // pabo, tweedegraads, eerstegraads, alo, kunstvak
inline constexpr int kRoutes = 6;      // initial, grad_so, grad_regular, zij, groenpluk, returner
inline constexpr int kFteLevels = 4;   // 0.4, 0.6, 0.8, 1.0
inline constexpr int kAgeBands = 10;   // 20-24, 25-29, ..., 60-64, 65-66
inline constexpr int kExpLevels = 11;  // exp 0..10+

enum Sector : int { po = 0, vo = 1, mbo = 2 };
enum Programme : int { pabo = 0, tweedegraads = 1, eerstegraads = 2, alo = 3, kunstvak = 4 };
enum Route : int { initial = 0, grad_so = 1, grad_regular = 2, zij = 3, groenpluk = 4, returner = 5 };

inline constexpr std::array<const char*, kSectors> kSectorNames{"po", "vo", "mbo"};
inline constexpr std::array<const char*, kProgrammes> kProgrammeNames{"pabo", "tweedegraads", "eerstegraads",
                                                                      "alo", "kunstvak"};
inline constexpr std::array<const char*, kRoutes> kRouteNames{"initial", "grad_so",   "grad_regular",
                                                              "zij",     "groenpluk", "returner"};
inline constexpr std::array<double, kFteLevels> kFteValues{0.4, 0.6, 0.8, 1.0};

template <class T>
using PerSector = std::array<T, kSectors>;
template <class T>
using PerProgramme = std::array<T, kProgrammes>;
template <class T>
using PerRoute = std::array<T, kRoutes>;

// Which sectors a programme's graduates and placements serve (MODEL.md 6.5), and its main sector (6.4).
inline constexpr PerProgramme<std::array<bool, kSectors>> kServes{{
    {true, false, false},  // pabo: po
    {false, true, true},   // tweedegraads: vo, mbo
    {false, true, false},  // eerstegraads: vo
    {true, true, true},    // alo: po, vo, mbo
    {false, true, true},   // kunstvak: vo, mbo
}};
inline constexpr PerProgramme<int> kMainSector{po, vo, vo, vo, vo};

// A value by year: a constant, or a table whose missing years take the latest earlier entry (0 before the
// first). MODEL.md 6.1.
struct YearTable {
  double constant = 0.0;
  std::map<int, double> by_year;  // empty: the constant applies
  double at(int year) const {
    if (by_year.empty()) return constant;
    auto it = by_year.upper_bound(year);
    if (it == by_year.begin()) return 0.0;
    return std::prev(it)->second;
  }
  bool operator==(const YearTable&) const = default;
};

enum class JoiningMode { none, schedule, target, adoption };
enum class GroenplukRule { none, final_year, ban };

struct JoiningStep {
  int sector = -1;  // -1: all
  int region = -1;  // 0-based; -1: all
  double share = 0.0;
  int year = 0;
  bool operator==(const JoiningStep&) const = default;
};

struct Params {
  std::string name = "nl-baseline";
  std::string description;
  std::uint64_t seed = 20251001;
  int replications = 100;

  struct Years {
    int start = 2025;
    int end = 2040;
  } years;

  struct World {
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
    PerSector<double> start_shortage{0.075, 0.058, 0.06};
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
  } world;

  struct Partnerships {
    PerSector<double> start_member_share{0.65, 0.80, 0.80};
    int per_region = 2;
  } partnerships;

  struct Demand {
    PerSector<YearTable> growth{YearTable{0.003, {}}, YearTable{-0.006, {}}, YearTable{0.0, {}}};
  } demand;

  struct Induction {
    PerSector<double> base_quality{0.55, 0.45, 0.35};
    double so_boost = 0.25;
    double full_effect = 0.6;
    int years = 3;
  } induction;

  struct Placement {
    double per_fte = 0.19;
    double so_extra = 0.5;
  } placement;

  struct Teachers {
    int retirement_age = 67;
    double early_retirement = 0.05;
    PerSector<std::array<double, kExpLevels>> attrition{{
        {.08, .06, .05, .04, .035, .03, .03, .025, .025, .02, .02},
        {.20, .08, .06, .045, .04, .035, .03, .03, .025, .025, .02},
        {.12, .07, .05, .045, .04, .035, .03, .03, .025, .025, .02},
    }};
    double so_trained_effect = 0.82;
    PerRoute<double> route_effect{1.0, 1.0, 1.0, 1.1, 1.3, 1.2};
    double rotation_effect = 0.95;
    double workload_effect = 2.0;
    double mobility = 0.04;
  } teachers;

  struct Reserve {
    double share_of_leavers = 0.6;
    PerSector<double> start_size{31000, 20000, 12000};
    double return_rate = 0.025;  // key `reserve.return` (a C++ keyword)
    double shortage_pull = 3.0;
    int max_years = 15;
  } reserve;

  struct Zij {
    double dropout = 0.05;
    double so_effect = 0.7;
    int years = 2;
    PerSector<double> inflow{1100, 450, 650};
    double shortage_elasticity = 2.0;
    std::array<int, 2> age_range{28, 50};
  } zij;

  struct Study {
    PerProgramme<std::vector<double>> dropout{{
        {.20, .08, .05, .03},
        {.25, .10, .06, .04},
        {.15, .08},
        {.15, .06, .04, .03},
        {.15, .06, .04, .03},
    }};
    double so_effect = 0.85;
    double groenpluk_dropout_effect = 1.3;
    double delay = 0.15;
    double groenpluk_delay_effect = 2.0;
    int max_extra_years = 3;
    PerProgramme<int> years{4, 4, 2, 4, 4};
    int so_min_years = 1;
    PerProgramme<PerSector<double>> sector_mix{{
        {1.0, 0.0, 0.0},
        {0.0, 0.7, 0.3},
        {0.0, 1.0, 0.0},
        {0.3, 0.5, 0.2},
        {0.0, 0.6, 0.4},
    }};
    PerProgramme<double> intake{5800, 4750, 1380, 1200, 900};
    double intake_growth = 0.0;
    PerProgramme<int> intake_age{19, 20, 23, 19, 20};
    PerProgramme<double> institute_in_partnership{0.95, 0.90, 0.90, 0.50, 0.40};
  } study;

  struct Graduates {
    PerProgramme<double> enter{0.85, 0.60, 0.70, 0.60, 0.55};
    double so_enter_effect = 1.10;
    double mobility = 0.15;
  } graduates;

  struct Market {
    bool enabled = true;
    double binding_so = 0.5;
    double binding_regular = 0.25;
    double so_member_preference = 2.0;
    PerSector<double> stopgap_share{0.45, 0.55, 0.5};
  } market;

  struct Groenpluk {
    double propensity = 0.3;
    PerProgramme<int> min_study_year{3, 3, 2, 3, 3};
    double fte = 0.4;
  } groenpluk;

  struct Policy {
    bool rotation = false;
    struct Joining {
      JoiningMode mode = JoiningMode::none;
      std::vector<JoiningStep> schedule;
      std::array<bool, kSectors> sectors{true, true, true};
      double target_share = 1.0;
      int target_year = 2029;
      std::array<double, 3> adoption{0.02, 0.10, 0.50};  // a0, a1, a2
      double openness = 1.0;
      int pilot_years = 1;
    } joining;
    struct Induction {
      std::optional<PerSector<double>> base_quality;  // unset: induction.base_quality throughout
      std::optional<int> from_year;                   // unset: years.start + 1
    } induction;
    struct Groenpluk {
      GroenplukRule rule = GroenplukRule::none;
      double compliance = 0.9;
    } groenpluk;
    struct Institutes {
      std::optional<double> target_share;
      std::optional<int> target_year;
    } institutes;
  } policy;

  std::uint64_t world_seed() const { return world.seed.value_or(seed); }
};

}  // namespace tlm::models
