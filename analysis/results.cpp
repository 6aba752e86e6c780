#include "analysis/results.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "analysis/h5reader.hpp"
#include "analysis/report_text.hpp"
#include "sim/h5writer.hpp"
#include "sim/output_path.hpp"

namespace tlm::analysis {

std::string write_text_temporary(const std::string& path, const std::string& text, const std::string& what) {
  // Only a regular file (or nothing) is replaced: renaming over a link, a FIFO or a device (/dev/null) would
  // destroy something that is not ours.
  std::error_code st_ec;
  if (const auto st = std::filesystem::symlink_status(path, st_ec);
      std::filesystem::exists(st) && !std::filesystem::is_regular_file(st))
    throw InputError(sim::output_problem(path));
  // The temporaries <path>.tmp<pid> that a killed writer of this file left (its pid no longer alive) go
  // first.
  sim::remove_dead_temporaries(path);
  const std::string temp = fmt::format("{}.tmp{}", path, static_cast<long>(::getpid()));
  std::FILE* f = std::fopen(temp.c_str(), "wbx");  // exclusive: never through a link planted under the name
  if (f == nullptr)
    throw InputError(
        fmt::format("{}: cannot write{}{}: {}", path, what.empty() ? "" : " ", what, std::strerror(errno)));
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
  const int err = errno;
  const bool closed = std::fclose(f) == 0;
  const int close_err = errno;
  std::error_code ec;
  if (!written || !closed) {
    std::filesystem::remove(temp, ec);
    throw std::runtime_error(
        fmt::format("cannot write {}: {}", path, std::strerror(!written ? err : close_err)));
  }
  return temp;
}

void write_text_file(const std::string& path, const std::string& text, const std::string& what) {
  const std::string temp = write_text_temporary(path, text, what);
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", path, ec.message()));
  }
}

std::string file_problem(const std::string& path, const std::string& kind) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(st)) return fmt::format("{}: no such file", path);
  if (std::filesystem::is_directory(st)) return fmt::format("{}: not a tlm {} (a directory)", path, kind);
  if (!std::filesystem::is_regular_file(st))
    return fmt::format("{}: not a tlm {} (not a regular file: a FIFO, socket or device)", path, kind);
  return "";
}

namespace {

using h5::Handle;
using h5::QuietErrors;
using h5::Reader;

using h5::shape_text;

// The metrics whose vo column is the sum of the subject metric of the same name (docs/output.md).
const std::vector<std::string>& summed_subject_metrics() {
  static const std::vector<std::string> m{"demand_fte", "staff_fte",    "open_fte",
                                          "hidden_fte", "shortage_fte", "teachers"};
  return m;
}

std::size_t index_of(const std::vector<std::string>& v, const std::string& x, const char* what,
                     const std::string& scenario) {
  auto it = std::find(v.begin(), v.end(), x);
  if (it == v.end()) throw InputError(fmt::format("scenario {} has no {} '{}'", scenario, what, x));
  return static_cast<std::size_t>(it - v.begin());
}

}  // namespace

Array sum_over_axis(const Array& a, std::size_t axis) {
  Array out;
  if (a.data.empty()) return out;
  out.shape = a.shape;
  out.shape.erase(out.shape.begin() + static_cast<std::ptrdiff_t>(axis));
  std::size_t outer = 1, inner = 1;
  for (std::size_t i = 0; i < axis; ++i) outer *= a.shape[i];
  for (std::size_t i = axis + 1; i < a.shape.size(); ++i) inner *= a.shape[i];
  const std::size_t n = a.shape[axis];
  out.data.assign(outer * inner, 0.0);
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t i = 0; i < inner; ++i) out.data[o * inner + i] += a.data[(o * n + k) * inner + i];
  return out;
}

namespace {

// Subject metrics (format 3): every dataset of subject_metrics/ is checked against replications × years ×
// regions × subjects; those asked for are read.
void load_subject_metrics(const Reader& rd, ScenarioResults& r, const std::string& g,
                          const std::optional<std::vector<std::string>>& wanted) {
  const std::string group = g + "/subject_metrics";
  const std::vector<std::string> present = rd.links(group);
  // The replications of the metrics where any are loaded, else the group's attribute.
  const std::size_t reps = !r.metrics.empty() ? r.metrics.begin()->second.shape[0]
                                              : static_cast<std::size_t>(std::max(r.replications, 0));
  const std::vector<std::size_t> expected{reps, r.years.size(), r.regions.size(), r.subjects.size()};
  for (const auto& m : present) {
    const std::string ds = group + "/" + m;
    const auto shape = rd.shape_of(ds);
    if (shape != expected)
      rd.fail(fmt::format("{} has shape {}, expected {} (replications × years × regions × subjects)", ds,
                          shape_text(shape), shape_text(expected)));
  }
  const std::vector<std::string> names = wanted ? *wanted : present;
  for (const auto& m : names) {
    const std::string ds = group + "/" + m;
    if (std::find(present.begin(), present.end(), m) == present.end())
      throw InputError(fmt::format("{}: scenario {} has no subject metric {}", rd.path, r.name, m));
    Array a = rd.read_array(ds, 4);
    r.subject_units[m] = rd.string_attr(ds, "unit");
    if (rd.has_attr(ds, "denominator"))
      r.subject_ratios[m] = {rd.string_attr(ds, "numerator"), rd.string_attr(ds, "denominator")};
    r.subject_metrics.emplace(m, std::move(a));
  }
  // Summed over subjects, the subject metrics are the metrics' vo column (docs/output.md).
  const auto vo = std::find(r.sectors.begin(), r.sectors.end(), "vo");
  if (vo == r.sectors.end()) return;
  const std::size_t v = static_cast<std::size_t>(vo - r.sectors.begin());
  const std::size_t Y = r.years.size(), G = r.regions.size(), S = r.sectors.size(), X = r.subjects.size();
  for (const auto& m : summed_subject_metrics()) {
    auto sm = r.subject_metrics.find(m);
    auto mm = r.metrics.find(m);
    if (sm == r.subject_metrics.end() || mm == r.metrics.end()) continue;
    for (std::size_t i = 0; i < reps; ++i)
      for (std::size_t y = 0; y < Y; ++y)
        for (std::size_t k = 0; k < G; ++k) {
          double sum = 0.0;
          for (std::size_t x = 0; x < X; ++x) sum += sm->second.data[((i * Y + y) * G + k) * X + x];
          const double total = mm->second.data[((i * Y + y) * G + k) * S + v];
          if (std::isnan(sum) && std::isnan(total)) continue;
          if (!(std::fabs(sum - total) <= 1e-9 * std::max({std::fabs(sum), std::fabs(total), 1.0})))
            rd.fail(fmt::format(
                "{}/subject_metrics/{} summed over subjects is {} but {}/metrics/{} of vo is {} (replication "
                "{}, year {}, region {})",
                g, m, sum, g, m, total, i, r.years[y], r.regions[k]));
        }
  }
}

}  // namespace

double Array::operator()(std::initializer_list<std::size_t> idx) const {
  std::size_t off = 0, i = 0;
  for (std::size_t x : idx) off = off * shape[i++] + x;
  return data[off];
}

std::size_t ScenarioResults::year_index(int year) const {
  auto it = std::find(years.begin(), years.end(), year);
  if (it == years.end())
    throw InputError(
        fmt::format("scenario {} has no year {} (it records {}..{})", name, year, start(), end()));
  return static_cast<std::size_t>(it - years.begin());
}
std::size_t ScenarioResults::sector_index(const std::string& s) const {
  return index_of(sectors, s, "sector", name);
}
std::size_t ScenarioResults::route_index(const std::string& r) const {
  return index_of(routes, r, "route", name);
}
std::size_t ScenarioResults::programme_index(const std::string& p) const {
  return index_of(programmes, p, "programme", name);
}
std::size_t ScenarioResults::subject_index(const std::string& s) const {
  return index_of(subjects, s, "subject", name);
}
const Array& ScenarioResults::subject_metric(const std::string& m) const {
  auto it = subject_metrics.find(m);
  if (it == subject_metrics.end())
    throw InputError(fmt::format("scenario {}: subject metric {} not loaded", name, m));
  return it->second;
}
const Array& ScenarioResults::metric(const std::string& m) const {
  auto it = metrics.find(m);
  if (it == metrics.end()) throw InputError(fmt::format("scenario {}: metric {} not loaded", name, m));
  return it->second;
}

FileInfo read_file_info(const std::string& path) {
  QuietErrors quiet;
  Reader rd(path);
  rd.check_complete();
  FileInfo info;
  info.format_version = rd.format_version();
  info.tlm_version = rd.string_attr("/", "tlm_version");
  info.created = rd.string_attr("/", "created");
  info.command = rd.string_attr("/", "command");
  for (auto& n : rd.links("/"))
    if (rd.is_scenario_group(n)) info.scenarios.push_back(n);
  if (info.scenarios.empty() && rd.string_attr("/", "kind") == "sweep")
    throw InputError(
        fmt::format("{}: a sweep file (tlm sweep), not a results file of tlm run or tlm compare; "
                    "tlm report reads it",
                    path));
  if (info.scenarios.empty()) rd.fail("no scenario group (a group with years and metrics)");
  rd.check_format();
  // A comparison names its base; the base comes first whatever order a reader lists groups in.
  info.base_scenario = rd.string_attr("/", "base_scenario");
  if (!info.base_scenario.empty()) {
    auto it = std::find(info.scenarios.begin(), info.scenarios.end(), info.base_scenario);
    if (it == info.scenarios.end())
      rd.fail(fmt::format("base_scenario '{}' is not a scenario group of the file", info.base_scenario));
    std::rotate(info.scenarios.begin(), it, it + 1);
  }
  return info;
}

std::vector<std::string> list_scenarios(const std::string& path) {
  return read_file_info(path).scenarios;
}

ScenarioResults load_scenario(const std::string& path, const std::string& scenario,
                              const std::vector<std::string>& metric_names,
                              const std::vector<std::string>& optional_metrics,
                              const std::optional<std::vector<std::string>>& subject_metric_names) {
  QuietErrors quiet;
  Reader rd(path);
  rd.check_complete();
  if (!rd.exists(scenario) || !rd.is_scenario_group(scenario))
    throw InputError(fmt::format("{}: no scenario group '{}'", path, scenario));
  rd.check_format();
  ScenarioResults r;
  r.name = scenario;
  const std::string g = "/" + scenario;
  r.scenario_toml = rd.string_attr(g, "scenario");
  auto lines = [](const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t nl = std::min(text.find('\n', pos), text.size());
      out.push_back(text.substr(pos, nl - pos));
      pos = nl + 1;
    }
    return out;
  };
  r.set_keys = lines(rd.string_attr(g, "set_keys"));
  r.overrides = lines(rd.string_attr(g, "overrides"));
  r.seed = rd.number_attr<std::uint64_t>(g, "seed", H5T_NATIVE_UINT64);
  r.replications = rd.number_attr<int>(g, "replications", H5T_NATIVE_INT);
  // The axes must be what tlm writes: consecutive years, and non-empty name lists without repeats.
  r.years = rd.years(g + "/years");
  r.regions = rd.axis(g + "/regions");
  if (rd.exists(g + "/region_urban")) {
    r.region_urban = rd.read_ints(g + "/region_urban");
    if (r.region_urban.size() != r.regions.size())
      rd.fail(fmt::format("{}/region_urban has {} values for {} regions", g, r.region_urban.size(),
                          r.regions.size()));
  }
  r.sectors = rd.axis(g + "/sectors");
  r.routes = rd.axis(g + "/routes");
  r.programmes = rd.axis(g + "/programmes");
  r.subjects = rd.axis(g + "/subjects");
  r.study_years = rd.required_ints_attr(g, "study_years");
  if (r.study_years.size() != r.programmes.size())
    rd.fail(fmt::format("{}: study_years has {} values for {} programmes", g, r.study_years.size(),
                        r.programmes.size()));
  r.max_extra_years = rd.required_ints_attr(g, "max_extra_years").front();
  r.zij_years = rd.required_ints_attr(g, "zij_years").front();
  r.retention_years = rd.required_ints_attr(g, "retention_years").front();
  for (int v : r.study_years)
    if (v < 1 || v > 100) rd.fail(fmt::format("{}: study_years holds {}", g, v));
  if (r.max_extra_years < 0 || r.max_extra_years > 100 || r.zij_years < 1 || r.zij_years > 100 ||
      r.retention_years < 1 || r.retention_years > 100)
    rd.fail(fmt::format("{}: max_extra_years {}, zij_years {}, retention_years {} are out of range", g,
                        r.max_extra_years, r.zij_years, r.retention_years));

  std::vector<std::string> names = metric_names;
  if (names.empty()) names = rd.links(g + "/metrics");
  const std::string metrics_group = g + "/metrics/";
  for (const auto& m : optional_metrics)
    if (rd.exists(metrics_group + m) && std::find(names.begin(), names.end(), m) == names.end())
      names.push_back(m);
  for (const auto& m : names) {
    const std::string ds = g + "/metrics/" + m;
    if (!rd.exists(ds)) throw InputError(fmt::format("{}: scenario {} has no metric {}", path, scenario, m));
    Array a = rd.read_array(ds, 4);
    if (a.shape[1] != r.years.size() || a.shape[2] != r.regions.size() || a.shape[3] != r.sectors.size())
      rd.fail(fmt::format("{} does not match years × regions × sectors", ds));
    if (r.replications == 0) r.replications = static_cast<int>(a.shape[0]);
    r.units[m] = rd.string_attr(ds, "unit");
    r.metrics.emplace(m, std::move(a));
  }
  auto cohort = [&](const char* name, std::size_t rank) {
    const std::string ds = g + "/cohorts/" + name;
    return rd.exists(ds) ? rd.read_array(ds, rank) : Array{};
  };
  // Entrants and retention are per sector of entry [rep, year, sector, route(, k)]; the by-route tables the
  // headlines use are their sums over sectors.
  r.entrants_by_sector = cohort("entrants", 4);
  r.retained_by_sector = cohort("retained", 5);
  auto check_sectors = [&](const Array& a, const char* name) {
    if (!a.data.empty() &&
        (a.shape[1] != r.years.size() || a.shape[2] != r.sectors.size() || a.shape[3] != r.routes.size()))
      rd.fail(fmt::format("{}/cohorts/{} does not match years × sectors × routes", g, name));
  };
  check_sectors(r.entrants_by_sector, "entrants");
  check_sectors(r.retained_by_sector, "retained");
  r.entrants = sum_over_axis(r.entrants_by_sector, 2);
  r.retained = sum_over_axis(r.retained_by_sector, 2);
  r.intake = cohort("intake", 3);
  r.graduated = cohort("graduated", 3);
  r.zij = cohort("zij", 3);
  r.zij_completed = cohort("zij_completed", 3);
  // Every cohort table has the file's own replications, years and the axis it is kept by.
  auto check_cohort = [&](const Array& a, const char* name, std::size_t last_axis, const char* what) {
    if (a.data.empty()) return;
    if (a.shape[1] != r.years.size() || a.shape[2] != last_axis)
      rd.fail(fmt::format("{}/cohorts/{} does not match years × {}", g, name, what));
  };
  check_cohort(r.intake, "intake", r.programmes.size(), "programmes");
  check_cohort(r.graduated, "graduated", r.programmes.size(), "programmes");
  check_cohort(r.zij, "zij", r.sectors.size(), "sectors");
  check_cohort(r.zij_completed, "zij_completed", r.sectors.size(), "sectors");
  if (!r.retained_by_sector.data.empty() &&
      r.retained_by_sector.shape[4] != static_cast<std::size_t>(r.retention_years))
    rd.fail(fmt::format("{}/cohorts/retained has {} retention years, the attribute retention_years {}", g,
                        r.retained_by_sector.shape[4], r.retention_years));
  if (!r.metrics.empty()) {
    const std::size_t reps = r.metrics.begin()->second.shape[0];
    for (const auto& [m, a] : r.metrics)
      if (a.shape[0] != reps)
        rd.fail(fmt::format("{}/metrics/{} has {} replications, others {}", g, m, a.shape[0], reps));
    for (const Array* a :
         {&r.entrants_by_sector, &r.retained_by_sector, &r.intake, &r.graduated, &r.zij, &r.zij_completed})
      if (!a->data.empty() && a->shape[0] != reps)
        rd.fail(fmt::format("{}: a cohort table has {} replications, the metrics {}", g, a->shape[0], reps));
  }
  load_subject_metrics(rd, r, g, subject_metric_names);
  return r;
}

std::vector<std::vector<double>> national_sum(const ScenarioResults& r, const std::string& metric,
                                              const std::string& sector) {
  const Array& a = r.metric(metric);
  const std::size_t R = a.dim(0), Y = a.dim(1), G = a.dim(2), S = a.dim(3);
  const bool all = sector.empty() || sector == "all";
  const std::size_t s_only = all ? 0 : r.sector_index(sector);
  std::vector<std::vector<double>> out(R, std::vector<double>(Y, 0.0));
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t y = 0; y < Y; ++y)
      for (std::size_t g = 0; g < G; ++g)
        for (std::size_t s = 0; s < S; ++s)
          if (all || s == s_only) out[i][y] += a.data[((i * Y + y) * G + g) * S + s];
  return out;
}

std::vector<std::vector<double>> national_ratio(const ScenarioResults& r, const std::string& numerator,
                                                const std::string& denominator, const std::string& sector) {
  auto num = national_sum(r, numerator, sector);
  auto den = national_sum(r, denominator, sector);
  for (std::size_t i = 0; i < num.size(); ++i)
    for (std::size_t y = 0; y < num[i].size(); ++y)
      num[i][y] = den[i][y] != 0.0 ? num[i][y] / den[i][y] : std::numeric_limits<double>::quiet_NaN();
  return num;
}

namespace {

using SubjectTable = std::vector<std::vector<std::vector<double>>>;  // [replication][year][subject]

// An [replication, year, region, subject] array summed over regions.
SubjectTable sum_over_regions(const Array& a) {
  const std::size_t R = a.dim(0), Y = a.dim(1), G = a.dim(2), X = a.dim(3);
  SubjectTable out(R, std::vector<std::vector<double>>(Y, std::vector<double>(X, 0.0)));
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t y = 0; y < Y; ++y)
      for (std::size_t g = 0; g < G; ++g)
        for (std::size_t x = 0; x < X; ++x) out[i][y][x] += a.data[((i * Y + y) * G + g) * X + x];
  return out;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::vector<std::vector<std::vector<double>>> national_by_subject(const ScenarioResults& r,
                                                                  const std::string& metric) {
  auto ratio = r.subject_ratios.find(metric);
  if (ratio == r.subject_ratios.end()) return sum_over_regions(r.subject_metric(metric));
  const auto& [num, den] = ratio->second;
  if (!num.empty()) return national_subject_ratio(r, num, den);
  // A mean weighted by the denominator: Σ (metric × denominator) / Σ denominator (a NaN cell adds nothing).
  const Array& a = r.subject_metric(metric);
  const Array& d = r.subject_metric(den);
  SubjectTable w = sum_over_regions(d);
  const std::size_t R = a.dim(0), Y = a.dim(1), G = a.dim(2), X = a.dim(3);
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t y = 0; y < Y; ++y)
      for (std::size_t x = 0; x < X; ++x) {
        double n = 0.0;
        for (std::size_t g = 0; g < G; ++g) {
          const std::size_t c = ((i * Y + y) * G + g) * X + x;
          if (!std::isnan(a.data[c])) n += a.data[c] * d.data[c];
        }
        w[i][y][x] = w[i][y][x] != 0.0 ? n / w[i][y][x] : kNaN;
      }
  return w;
}

std::vector<std::vector<std::vector<double>>> national_subject_ratio(const ScenarioResults& r,
                                                                     const std::string& numerator,
                                                                     const std::string& denominator) {
  SubjectTable num = sum_over_regions(r.subject_metric(numerator));
  const SubjectTable den = sum_over_regions(r.subject_metric(denominator));
  for (std::size_t i = 0; i < num.size(); ++i)
    for (std::size_t y = 0; y < num[i].size(); ++y)
      for (std::size_t x = 0; x < num[i][y].size(); ++x)
        num[i][y][x] = den[i][y][x] != 0.0 ? num[i][y][x] / den[i][y][x] : kNaN;
  return num;
}

const std::vector<std::string>& pairing_state_metrics() {
  static const std::vector<std::string> m{"demand_fte", "teachers", "schools"};
  return m;
}

StartFacts start_facts(const ScenarioResults& r) {
  StartFacts f;
  f.name = r.name;
  f.seed = r.seed;
  f.replications = r.replications;
  f.start = r.years.empty() ? 0 : r.start();
  f.end = r.years.empty() ? 0 : r.end();
  // States only: a flow is 0 in the start year anyway, and a cost depends on the prices of the scenario, not
  // on its world.
  for (const auto& name : pairing_state_metrics()) {
    auto it = r.metrics.find(name);
    if (it == r.metrics.end()) continue;
    const Array& a = it->second;
    if (a.shape.size() != 4) continue;
    const std::size_t cells = a.shape[2] * a.shape[3], per_rep = a.shape[1] * cells;
    f.start_state.resize(std::max(f.start_state.size(), a.shape[0]));
    for (std::size_t i = 0; i < a.shape[0]; ++i)
      f.start_state[i].insert(f.start_state[i].end(),
                              a.data.begin() + static_cast<std::ptrdiff_t>(i * per_rep),
                              a.data.begin() + static_cast<std::ptrdiff_t>(i * per_rep + cells));
  }
  return f;
}

Pairing pairing_of(const StartFacts& base, const StartFacts& alt) {
  // The reasons in each language the report speaks, from the words tables (report_text.cpp).
  auto reasons = [&](const Words& w) {
    auto f = [](const char* pattern, auto&&... args) {
      return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
    };
    std::vector<std::string> why;
    if (base.seed != alt.seed) why.push_back(f(w.unpaired_seeds, base.seed, alt.seed));
    if (base.replications != alt.replications)
      why.push_back(f(w.unpaired_replications, base.replications, alt.replications));
    if (base.start != alt.start || base.end != alt.end)
      why.push_back(f(w.unpaired_years, base.start, base.end, alt.start, alt.end));
    else if (base.seed == alt.seed) {
      // Same seed, same years: the start worlds must be the same too (a scenario may generate another
      // world, e.g. with world.seed or other schools), judged by what the file recorded of them.
      const std::size_t n = std::min(base.start_state.size(), alt.start_state.size());
      for (std::size_t i = 0; i < n; ++i)
        if (base.start_state[i] != alt.start_state[i]) {
          why.push_back(f(w.unpaired_start, base.start));
          break;
        }
    }
    return why;
  };
  const auto en = reasons(words(Lang::en));
  Pairing p;
  p.paired = en.empty();
  if (!p.paired) {
    p.why_not = fmt::format("{}", fmt::join(en, "; "));
    p.why_not_nl = fmt::format("{}", fmt::join(reasons(words(Lang::nl)), "; "));
  }
  return p;
}

}  // namespace tlm::analysis
