#include "analysis/sweep_results.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>

#include <fmt/format.h>

#include "analysis/h5reader.hpp"

namespace tlm::analysis {
namespace {

using h5::QuietErrors;
using h5::Reader;

using h5::shape_text;

// A design bound as the file keeps it (the TOML text of a number, e.g. "0.01" or "1e-3").
double number_of(const Reader& rd, const std::string& obj, const std::string& attr) {
  const std::string text = rd.string_attr(obj, attr);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    rd.fail(fmt::format("attribute {} of {} is '{}', not a number", attr, obj, text));
  return v;
}

// Every dataset of `group` must have the shape `expected`; `axes` says what it means, for the message.
void check_shapes(const Reader& rd, const std::string& group, const std::vector<std::size_t>& expected,
                  const char* axes) {
  if (!rd.exists(group)) rd.fail(fmt::format("{} is missing", group));
  for (const auto& name : rd.links(group)) {
    const std::string ds = group + "/" + name;
    const auto shape = rd.shape_of(ds);
    if (shape != expected)
      rd.fail(fmt::format("{} has shape {}, expected {} ({})", ds, shape_text(shape), shape_text(expected),
                          axes));
  }
}

}  // namespace

std::size_t SweepResults::done_count() const {
  return static_cast<std::size_t>(std::count(done.begin(), done.end(), 1));
}

std::size_t SweepResults::failed_count() const {
  return static_cast<std::size_t>(std::count(failed.begin(), failed.end(), 1));
}

bool is_sweep_file(const std::string& path) {
  QuietErrors quiet;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0) return false;
  try {
    const Reader rd(path);
    return rd.string_attr("/", "kind") == "sweep";
  } catch (const InputError&) {
    return false;  // unreadable: not recognisably a sweep; the results reader reports the problem
  }
}

SweepResults load_sweep(const std::string& path, const std::vector<std::string>& metric_names,
                        const std::vector<std::string>& optional_metrics, bool cohorts,
                        const std::vector<std::string>& subject_metrics) {
  QuietErrors quiet;
  Reader rd(path);
  rd.kind = "sweep file";
  rd.check_format();
  if (rd.string_attr("/", "kind") != "sweep")
    rd.fail("the root attribute kind is not \"sweep\" (a results file of tlm run or tlm compare?)");
  SweepResults s;
  s.path = path;
  s.tlm_version = rd.string_attr("/", "tlm_version");
  s.created = rd.string_attr("/", "created");
  s.command = rd.string_attr("/", "command");
  s.design = rd.string_attr("/", "design");
  s.design_file = rd.string_attr("/", "design_file");
  s.design_kind = rd.string_attr("/", "design_kind");
  // given: points chosen by a sensitivity study's method (tlm sensitivity), over ranges like lhs and sobol.
  if (s.design_kind != "grid" && s.design_kind != "lhs" && s.design_kind != "sobol" &&
      s.design_kind != "given")
    rd.fail(fmt::format("design_kind is '{}', not grid, lhs, sobol or given", s.design_kind));
  s.seed = rd.number_attr<std::uint64_t>("/", "seed", H5T_NATIVE_UINT64);
  s.complete = rd.number_attr<std::int64_t>("/", "complete", H5T_NATIVE_INT64) == 1;
  const auto points = rd.number_attr<std::int64_t>("/", "points", H5T_NATIVE_INT64);
  const auto reps = rd.number_attr<std::int64_t>("/", "replications", H5T_NATIVE_INT64);
  if (points < 1 || reps < 1)
    rd.fail(fmt::format("the attributes points ({}) and replications ({}) must be at least 1", points, reps));
  s.points = static_cast<std::size_t>(points);
  s.replications = static_cast<std::size_t>(reps);
  const std::size_t P = s.points, R = s.replications;

  s.years = rd.years("/years");
  s.regions = rd.axis("/regions");
  s.sectors = rd.axis("/sectors");
  s.routes = rd.axis("/routes");
  s.programmes = rd.axis("/programmes");
  s.subjects = rd.axis("/subjects");
  s.variants = rd.axis("/variants");
  const std::vector<std::string> keys =
      rd.exists("/parameters") ? rd.read_strings("/parameters") : std::vector<std::string>{};
  for (const auto& key : keys) {
    SweepParameter par;
    par.key = key;
    const std::string ds = "/points/" + key;
    if (!rd.exists(ds)) rd.fail(fmt::format("{} is missing", ds));
    if (const auto shape = rd.shape_of(ds); shape != std::vector<std::size_t>{P})
      rd.fail(fmt::format("{} has shape {}, expected [{}] (points)", ds, shape_text(shape), P));
    par.numeric = !rd.is_string_dataset(ds);
    if (par.numeric) {
      par.numbers = rd.read_array(ds, 1).data;
      for (double v : par.numbers) par.texts.push_back(fmt::format("{}", v));
    } else {
      par.texts = rd.read_strings(ds);
      par.numbers.assign(P, std::numeric_limits<double>::quiet_NaN());
    }
    if (rd.has_attr(ds, "low")) {
      par.low = number_of(rd, ds, "low");
      par.high = number_of(rd, ds, "high");
      par.log = rd.string_attr(ds, "scale") == "log";
    }
    s.parameters.push_back(std::move(par));
  }
  auto marks = [&](const std::string& ds) {
    if (!rd.exists(ds)) rd.fail(fmt::format("{} is missing", ds));
    if (const auto shape = rd.shape_of(ds); shape != std::vector<std::size_t>{P, R})
      rd.fail(fmt::format("{} has shape {}, expected [{}, {}] (points × replications)", ds, shape_text(shape),
                          P, R));
    std::vector<std::uint8_t> out;
    for (double v : rd.read_array(ds, 2).data) out.push_back(v == 1.0 ? 1 : 0);
    return out;
  };
  s.done = marks("/done");
  s.failed = marks("/failed");

  const std::size_t Y = s.years.size();
  for (const auto& v : s.variants) {
    const std::string g = "/" + v;
    check_shapes(rd, g + "/national", {P, R, Y, s.sectors.size()}, "points × replications × years × sectors");
    check_shapes(rd, g + "/subject_national", {P, R, Y, s.subjects.size()},
                 "points × replications × years × subjects");
    s.scenarios[v] = rd.string_attr(g, "scenario");
  }
  // A [point, replication, ...] dataset: only done tasks hold values (docs/output.md); the rest may be NaN,
  // or a task written but not yet marked when the sweep stopped.
  auto read_done = [&](const std::string& ds, std::size_t rank = 4) {
    Array a = rd.read_array(ds, rank);
    const std::size_t block = a.size() / (P * R);
    for (std::size_t t = 0; t < P * R; ++t)
      if (s.done[t] != 1)
        std::fill_n(a.data.begin() + static_cast<std::ptrdiff_t>(t * block), block,
                    std::numeric_limits<double>::quiet_NaN());
    return a;
  };
  std::vector<std::string> names = metric_names;
  for (const auto& m : optional_metrics)
    if (std::all_of(s.variants.begin(), s.variants.end(),
                    [&](const std::string& v) { return rd.exists("/" + v + "/national/" + m); }) &&
        std::find(names.begin(), names.end(), m) == names.end())
      names.push_back(m);
  for (const auto& v : s.variants)
    for (const auto& m : names) {
      const std::string ds = "/" + v + "/national/" + m;
      if (!rd.exists(ds))
        throw InputError(fmt::format("{}: variant {} of the sweep has no metric {}", path, v, m));
      s.units[m] = rd.string_attr(ds, "unit");
      s.national[v].emplace(m, read_done(ds));
    }
  for (const auto& v : s.variants)
    for (const auto& m : subject_metrics) {
      const std::string ds = "/" + v + "/subject_national/" + m;
      if (!rd.exists(ds))
        throw InputError(fmt::format("{}: variant {} of the sweep has no subject metric {}", path, v, m));
      s.subject_national[v].emplace(m, read_done(ds));
    }
  if (cohorts)
    for (const auto& v : s.variants) {
      const std::size_t S = s.sectors.size(), NR = s.routes.size();
      auto table = [&](const std::string& name, std::vector<std::size_t> shape) {
        const std::string ds = "/" + v + "/cohorts/" + name;
        if (!rd.exists(ds)) rd.fail(fmt::format("{} is missing", ds));
        if (const auto got = rd.shape_of(ds); got != shape)
          rd.fail(fmt::format("{} has shape {}, expected {}", ds, shape_text(got), shape_text(shape)));
        return read_done(ds, shape.size());
      };
      s.entrants[v] = table("entrants", {P, R, Y, S, NR});
      const std::string ret = "/" + v + "/cohorts/retained";
      const auto k = rd.exists(ret) ? rd.shape_of(ret) : std::vector<std::size_t>{};
      s.retained[v] = table("retained", {P, R, Y, S, NR, k.size() == 6 ? k[5] : 0});
    }
  return s;
}

ScenarioResults sweep_point(const SweepResults& s, const std::string& variant, std::size_t point) {
  auto it = s.national.find(variant);
  if (it == s.national.end())
    throw InputError(fmt::format("{}: the sweep has no variant {}", s.path, variant));
  if (point >= s.points) throw InputError(fmt::format("{}: the sweep has no point {}", s.path, point));
  ScenarioResults r;
  r.name = variant;
  r.scenario_toml = s.scenarios.at(variant);
  r.seed = s.seed;
  r.replications = static_cast<int>(s.replications);
  r.years = s.years;
  r.regions = {"national"};
  r.sectors = s.sectors;
  r.routes = s.routes;
  r.programmes = s.programmes;
  r.subjects = s.subjects;
  const std::size_t R = s.replications, Y = s.years.size(), S = s.sectors.size();
  for (const auto& [m, a] : it->second) {
    Array one;
    one.shape = {R, Y, 1, S};
    const auto first = a.data.begin() + static_cast<std::ptrdiff_t>(point * R * Y * S);
    one.data.assign(first, first + static_cast<std::ptrdiff_t>(R * Y * S));
    r.metrics.emplace(m, std::move(one));
    r.units[m] = s.units.at(m);
  }
  // The cohort tables of entry (when loaded): the retention headlines apply to a point as to a run.
  if (auto e = s.entrants.find(variant), k = s.retained.find(variant);
      e != s.entrants.end() && k != s.retained.end()) {
    auto slice = [&](const Array& a) {
      Array one;
      one.shape.assign(a.shape.begin() + 1, a.shape.end());
      const std::size_t n = a.size() / s.points;
      one.data.assign(a.data.begin() + static_cast<std::ptrdiff_t>(point * n),
                      a.data.begin() + static_cast<std::ptrdiff_t>((point + 1) * n));
      return one;
    };
    r.entrants_by_sector = slice(e->second);
    r.retained_by_sector = slice(k->second);
    r.retention_years = static_cast<int>(r.retained_by_sector.shape.back());
    r.entrants = sum_over_axis(r.entrants_by_sector, 2);
    r.retained = sum_over_axis(r.retained_by_sector, 2);
  }
  return r;
}

}  // namespace tlm::analysis
