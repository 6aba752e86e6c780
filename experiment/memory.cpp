#include "experiment/memory.hpp"

#include <fmt/format.h>

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "models/data_import.hpp"
#include "models/outcomes.hpp"
#include "sim/runner.hpp"

namespace tlm::experiment {
namespace {

// Bytes per person: the columns of models/population.hpp, rounded up.
constexpr double kTeacherBytes = 48, kStudentBytes = 80, kReserveBytes = 28;
// A replication's state holds its people with room to grow (models/simulation.cpp), and its phases make
// temporaries of a few columns (draws, keep flags, orders): twice the columns covers them.
constexpr double kStateFactor = 2.5;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// The largest factor by which demand grows over the run in any sector (docs/model.md 6.1).
double demand_growth(const models::Params& p, int sector) {
  double f = 1.0, peak = 1.0;
  for (int t = p.years.start + 1; t <= p.years.end; ++t) {
    f *= 1.0 + p.demand.growth[sector].at(t);
    peak = std::max(peak, f);
  }
  return peak;
}

double mean_fte(const models::Params& p, int sector) {
  double m = 0;
  for (int l = 0; l < models::kFteLevels; ++l)
    m += p.world.fte_distribution[sector][l] * models::kFteValues[l];
  return m > 0 ? m : 1.0;
}

struct People {
  double teachers = 0, students = 0, reserve = 0, years = 1, regions = 1, subjects = 1;
};

People people_of(const models::Params& p) {
  People n;
  const double scale = p.world.scale;
  models::PerSector<double> demand = p.world.demand_fte;
  if (!p.world.schools_csv.empty()) {
    demand = {0, 0, 0};
    std::vector<std::string> regions;
    try {
      for (const auto& row : models::read_schools_csv(p.world.schools_csv)) {
        demand[row.sector] += row.demand_fte;
        regions.push_back(row.region);
      }
    } catch (const std::exception&) {
      // Reported by validation; the estimate keeps the synthetic demand.
      demand = p.world.demand_fte;
    }
    std::sort(regions.begin(), regions.end());
    n.regions = static_cast<double>(std::unique(regions.begin(), regions.end()) - regions.begin());
  } else {
    n.regions = p.world.regions;
  }
  for (int s = 0; s < models::kSectors; ++s)
    n.teachers += demand[s] * scale * demand_growth(p, s) / mean_fte(p, s);
  n.years = p.years.end - p.years.start + 1;
  const double intake_growth = std::max(1.0, std::pow(1.0 + p.study.intake_growth, n.years));
  for (int k = 0; k < models::kProgrammes; ++k)
    n.students += p.study.intake[k] * scale * intake_growth * (p.study.years[k] + p.study.max_extra_years);
  // The reserve gains leavers and unhired graduates; twice its start and a year of intake bounds it.
  for (int s = 0; s < models::kSectors; ++s) n.reserve += 2.0 * p.reserve.start_size[s] * scale;
  n.reserve += n.students;
  n.subjects = static_cast<double>(std::max<std::size_t>(1, p.subjects.vo.size()));
  return n;
}

// What the analysis of tlm compare (analysis/effects.cpp, costs.cpp, report.cpp) holds per replication: the
// arrays of the scenario it has loaded (one at a time: 9 metrics by region and sector, 2 by vo subject, the
// cohort tables), and of every scenario what the report keeps for its charts and effects (national series,
// the shortage rate by region, the indicators), with the vectors' own overhead.
struct AnalysisBytes {
  double loaded = 0, kept = 0;
};

AnalysisBytes analysis_per_replication(const People& n) {
  constexpr double S = models::kSectors, P = models::kProgrammes, Rt = models::kRoutes,
                   K = models::kRetentionYears;
  constexpr double kMetrics = 9, kSubjectMetrics = 2, kVector = 40;  // a std::vector's header and heap block
  const double Y = n.years, G = n.regions, X = n.subjects;
  AnalysisBytes b;
  const double cubes = (kMetrics * S + kSubjectMetrics * X) * Y * G;
  const double cohorts = Y * (S * Rt * (K + 1) + Rt * (K + 1) + 2 * P + 2 * S);
  // With the sums and series made from them, and the allocator's slack: 2.5 times the arrays (about 1.5 times
  // the measured growth of the peak with -r, tests/test_hardening_e2e.cpp).
  b.loaded = 2.5 * 8.0 * (cubes + cohorts);
  const double indicators = 64 + 6 * X;
  b.kept = 8.0 * (Y * G + (S + 4) * Y + 2 * indicators) + kVector * (Y + S + 6 + indicators / 8);
  return b;
}

std::string millions(double n) {
  if (n >= 1e6) return fmt::format("{:.1f} million", n / 1e6);
  if (n >= 1e4) return fmt::format("{:.0f} thousand", n / 1e3);
  return fmt::format("{:.0f}", n);
}

}  // namespace

std::string size_text(double bytes) {
  if (bytes >= 1024.0 * kGiB) return fmt::format("{:.1f} TiB", bytes / (1024.0 * kGiB));
  if (bytes >= 0.1 * kGiB) return fmt::format("{:.1f} GiB", bytes / kGiB);
  if (bytes >= 1024.0 * 1024.0) return fmt::format("{:.0f} MiB", bytes / (1024.0 * 1024.0));
  return fmt::format("{:.0f} KiB", std::ceil(bytes / 1024.0));
}

MemoryEstimate estimate_memory(const std::vector<Variant>& variants, int threads, bool analysed) {
  MemoryEstimate e;
  long total_replications = 0;
  double loaded = 0, kept = 0;
  for (const auto& v : variants) {
    const auto n = people_of(v.params);
    if (analysed) {
      const auto a = analysis_per_replication(n);
      const double reps = v.replications();
      loaded = std::max(loaded, a.loaded * reps);
      kept += a.kept * reps;
      e.analysed_replications = std::max<long>(e.analysed_replications, v.replications());
    }
    const double agents = n.teachers * kTeacherBytes + n.students * kStudentBytes + n.reserve * kReserveBytes;
    // The start world holds the people of the start year (the peak bounds them) once per variant.
    e.world_bytes += agents;
    const double cubes = (static_cast<double>(models::kMetrics * models::kSectors) +
                          static_cast<double>(models::kSubjectMetrics) * n.subjects) *
                         n.years * n.regions * 8.0;
    // Entrant records: about a tenth of the teachers enter each year, 12 bytes each.
    const double records = n.teachers * 0.1 * n.years * 12.0;
    // One replication: its state, and its outcomes three times over (in flight and waiting for the writer).
    const double replication = agents * kStateFactor + records + 3.0 * cubes;
    if (replication > e.replication_bytes) {
      e.replication_bytes = replication;
      e.teachers = n.teachers;
      e.students = n.students;
      e.reserve = n.reserve;
    }
    total_replications += v.replications();
  }
  e.in_flight =
      static_cast<int>(std::max<long>(1, std::min<long>(sim::resolve_threads(threads), total_replications)));
  e.analysis_bytes = loaded + kept;
  return e;
}

std::optional<double> available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name, unit;
    double value = 0;
    if (fields >> name >> value >> unit && name == "MemAvailable:") return value * 1024.0;
  }
  return std::nullopt;
}

std::optional<double> parse_size(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (!std::isfinite(value) || value <= 0) return std::nullopt;
  std::string unit = text.substr(used);
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.ends_with("IB")) unit.erase(unit.size() - 2);
  if (unit.ends_with("B") && unit.size() > 1) unit.pop_back();
  const std::string units = "KMGT";
  if (unit.empty() || unit == "B") return value;
  if (unit.size() != 1 || units.find(unit[0]) == std::string::npos) return std::nullopt;
  return value * std::pow(1024.0, static_cast<double>(units.find(unit[0]) + 1));
}

void check_memory(const std::vector<Variant>& variants, int threads, std::optional<double> limit,
                  bool analysed) {
  const auto e = estimate_memory(variants, threads, analysed);
  const auto available = limit ? limit : available_memory();
  if (!available || e.total_bytes() <= *available) return;
  if (e.analysis_bytes > e.runs_bytes())
    throw PlanError(fmt::format(
        "this comparison needs about {} of memory, more than {} ({}): its analysis (the effects and the "
        "report) holds the {} replications of a scenario at once, and of every scenario its series (the runs "
        "themselves need about {}). Lower -r, the years or the regions; or give --max-memory if the "
        "estimate is wrong for this machine",
        size_text(e.analysis_bytes), limit ? "--max-memory" : "the memory available", size_text(*available),
        e.analysed_replications, size_text(e.runs_bytes())));
  throw PlanError(fmt::format(
      "this run needs about {} of memory, more than {} ({}): the start world{} {} and {} replication{} at "
      "once "
      "× {} (about {} teachers, {} students and {} in the reserve at the peak). Lower world.scale, "
      "world.demand_fte, demand.growth, study.intake, reserve.start_size, the years or the regions, or -j; "
      "or "
      "give --max-memory if the estimate is wrong for this machine",
      size_text(e.total_bytes()), limit ? "--max-memory" : "the memory available", size_text(*available),
      variants.size() > 1 ? "s" : "", size_text(e.world_bytes), e.in_flight, e.in_flight > 1 ? "s" : "",
      size_text(e.replication_bytes), millions(e.teachers), millions(e.students), millions(e.reserve)));
}

std::optional<double> free_disk(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  std::error_code ec;
  const fs::path dir = fs::is_directory(p, ec) ? p : (p.has_parent_path() ? p.parent_path() : fs::path("."));
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0) return std::nullopt;
  return static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize);
}

std::optional<double> file_size_limit() {
  struct rlimit lim {};
  if (::getrlimit(RLIMIT_FSIZE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return static_cast<double>(lim.rlim_cur);
}

void check_disk(const std::string& path, double bytes, const std::string& parts, const std::string& advice,
                std::optional<double> limit) {
  std::string room;
  double most = 0;
  if (limit) {
    most = *limit;
    room = fmt::format("--max-disk ({})", size_text(most));
  } else if (const auto free = free_disk(path)) {
    most = *free;
    room = fmt::format("the free space of its file system ({})", size_text(most));
  }
  if (const auto fsize = file_size_limit(); fsize && (room.empty() || *fsize < most)) {
    most = *fsize;
    room = fmt::format("the file size limit of this process (ulimit -f, {})", size_text(most));
  }
  if (room.empty() || bytes <= most) return;
  throw PlanError(fmt::format("cannot write {}: it needs about {} ({}), more than {}: {}", path,
                              size_text(bytes), parts, room, advice));
}

}  // namespace tlm::experiment
