// The vocabulary of the model (docs/model.md sections 2 and 4): sectors, programmes, routes, tables keyed by
// them, and values by year. Every mechanism's parameters are written in these terms.
#pragma once

#include <array>
#include <iterator>
#include <map>

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

// Which sectors a programme's graduates and placements serve (docs/model.md 6.5), and its main sector (6.4).
inline constexpr PerProgramme<std::array<bool, kSectors>> kServes{{
    {true, false, false},  // pabo: po
    {false, true, true},   // tweedegraads: vo, mbo
    {false, true, false},  // eerstegraads: vo
    {true, true, true},    // alo: po, vo, mbo
    {false, true, true},   // kunstvak: vo, mbo
}};
inline constexpr PerProgramme<int> kMainSector{po, vo, vo, vo, vo};

// A value by year: a constant, or a table whose missing years take the latest earlier entry (0 before the
// first). docs/model.md 6.1.
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

}  // namespace tlm::models
