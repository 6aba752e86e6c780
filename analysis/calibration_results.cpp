#include "analysis/calibration_results.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "analysis/h5reader.hpp"
#include "analysis/stats.hpp"

namespace tlm::analysis {
namespace {

using h5::Handle;
using h5::QuietErrors;
using h5::Reader;

using h5::shape_text;

// A number attribute as tlm writes it for a generation: the TOML text of the number ("0.35", "inf"), or a
// plain number from another writer. Absent: `fail`.
double number_attr(const Reader& rd, const std::string& obj, const std::string& attr) {
  if (!rd.has_attr(obj, attr)) rd.fail(fmt::format("{} lacks the attribute {}", obj, attr));
  Handle a(H5Aopen_by_name(rd.file.get(), obj.c_str(), attr.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  Handle type(H5Aget_type(a.get()), H5Tclose);
  if (H5Tget_class(type.get()) != H5T_STRING) return rd.number_attr<double>(obj, attr, H5T_NATIVE_DOUBLE);
  const std::string text = rd.string_attr(obj, attr);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || std::isnan(v))
    rd.fail(fmt::format("attribute {} of {} is '{}', not a number", attr, obj, text));
  return v;
}

// A dataset of exactly `expected` shape, read; `axes` names its dimensions for the message.
std::vector<double> read_shaped(const Reader& rd, const std::string& ds,
                                const std::vector<std::size_t>& expected, const char* axes) {
  if (!rd.exists(ds)) rd.fail(fmt::format("{} is missing", ds));
  if (const auto shape = rd.shape_of(ds); shape != expected)
    rd.fail(
        fmt::format("{} has shape {}, expected {} ({})", ds, shape_text(shape), shape_text(expected), axes));
  return rd.read_array(ds, expected.size()).data;
}

// The priors of the parameters from the calibration text: each key's [[parameter]] table.
void read_priors(const Reader& rd, const std::string& text, CalibrationResults& c) {
  toml::table t;
  try {
    t = toml::parse(text);
  } catch (const toml::parse_error& e) {
    rd.fail(fmt::format("its calibration text (the root attribute calibration) is not TOML: {}",
                        e.description()));
  }
  if (const auto* s = t["scenario"].as_string()) c.scenario = s->get();
  if (const auto* r = t["replications"].as_integer()) c.replications = static_cast<int>(r->get());
  const toml::array* params = t["parameter"].as_array();
  for (auto& p : c.parameters) {
    const toml::table* found = nullptr;
    if (params)
      for (const auto& node : *params)
        if (const auto* tab = node.as_table(); tab && (*tab)["key"].value<std::string>() == p.key)
          found = tab;
    const auto low = found ? (*found)["low"].value<double>() : std::nullopt;
    const auto high = found ? (*found)["high"].value<double>() : std::nullopt;
    if (!low || !high || !(*low < *high))
      rd.fail(fmt::format(
          "its calibration text has no [[parameter]] with key \"{}\", low and high (its prior)", p.key));
    p.low = *low;
    p.high = *high;
    p.log = (*found)["scale"].value<std::string>() == "log";
  }
}

}  // namespace

std::vector<double> CalibrationResults::parameter_values(const CalibrationGeneration& g,
                                                         std::size_t j) const {
  std::vector<double> v(g.particles);
  for (std::size_t i = 0; i < g.particles; ++i) v[i] = g.values[i * k() + j];
  return v;
}

std::vector<double> CalibrationResults::simulated_values(const CalibrationGeneration& g,
                                                         std::size_t t) const {
  std::vector<double> v(g.particles);
  for (std::size_t i = 0; i < g.particles; ++i) v[i] = g.simulated[i * m() + t];
  return v;
}

bool is_calibration_file(const std::string& path) {
  QuietErrors quiet;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0) return false;
  try {
    const Reader rd(path);
    return rd.string_attr("/", "kind") == "calibration";
  } catch (const InputError&) {
    return false;  // unreadable: not recognisably a calibration; the results reader reports the problem
  }
}

CalibrationResults load_calibration_results(const std::string& path) {
  QuietErrors quiet;
  Reader rd(path);
  rd.kind = "calibration file";
  if (rd.string_attr("/", "kind") != "calibration")
    rd.fail("the root attribute kind is not \"calibration\" (a file of tlm run, compare or sweep?)");
  CalibrationResults c;
  c.path = path;
  c.tlm_version = rd.string_attr("/", "tlm_version");
  c.created = rd.string_attr("/", "created");
  c.command = rd.string_attr("/", "command");
  c.calibration = rd.string_attr("/", "calibration");

  for (auto& key : rd.axis("/parameters")) c.parameters.push_back({std::move(key), 0, 0, false});
  const auto labels = rd.read_strings("/targets");
  if (labels.empty()) rd.fail("/targets is empty");
  const std::size_t k = c.parameters.size(), m = labels.size();
  const auto measured = read_shaped(rd, "/measured", {m}, "targets");
  const auto sd = read_shaped(rd, "/measured_sd", {m}, "targets");
  for (std::size_t t = 0; t < m; ++t) {
    if (!std::isfinite(measured[t]) || !(sd[t] > 0.0) || !std::isfinite(sd[t]))
      rd.fail(
          fmt::format("target {} ({}) has measured value {} and sd {}; the value must be a number and the "
                      "sd above 0",
                      t, labels[t], measured[t], sd[t]));
    c.targets.push_back({labels[t], measured[t], sd[t]});
  }
  read_priors(rd, c.calibration, c);

  if (!rd.exists("/generations")) rd.fail("/generations is missing");
  const std::size_t G = rd.links("/generations").size();
  if (G == 0) rd.fail("/generations holds no generation");
  for (std::size_t g = 0; g < G; ++g) {
    const std::string grp = fmt::format("/generations/{}", g);
    if (!rd.exists(grp))
      rd.fail(fmt::format("{} is missing (the generations are numbered 0 to {})", grp, G - 1));
    CalibrationGeneration gen;
    if (!rd.exists(grp + "/values")) rd.fail(fmt::format("{}/values is missing", grp));
    const auto shape = rd.shape_of(grp + "/values");
    if (shape.size() != 2 || shape[0] == 0 || shape[1] != k)
      rd.fail(fmt::format("{}/values has shape {}, expected [particles, {}] (particles × parameters)", grp,
                          shape_text(shape), k));
    const std::size_t n = shape[0];
    gen.particles = n;
    gen.values = read_shaped(rd, grp + "/values", {n, k}, "particles × parameters");
    gen.weight = read_shaped(rd, grp + "/weight", {n}, "particles");
    gen.distance = read_shaped(rd, grp + "/distance", {n}, "particles");
    gen.parts = read_shaped(rd, grp + "/parts", {n, m}, "particles × targets");
    gen.simulated = read_shaped(rd, grp + "/simulated", {n, m}, "particles × targets");
    double total = 0.0;
    for (const double w : gen.weight) {
      if (!std::isfinite(w) || w < 0.0) rd.fail(fmt::format("{}/weight holds {}, not a weight", grp, w));
      total += w;
    }
    if (!(total > 0.0)) rd.fail(fmt::format("{}/weight sums to 0", grp));
    gen.tolerance = number_attr(rd, grp, "tolerance");
    // The file's own figure; from the weights (the same definition) when a writer left it out.
    gen.ess = rd.has_attr(grp, "ess") ? number_attr(rd, grp, "ess") : effective_sample_size(gen.weight);
    if (!rd.has_attr(grp, "proposals")) rd.fail(fmt::format("{} lacks the attribute proposals", grp));
    gen.proposals = rd.number_attr<long long>(grp, "proposals", H5T_NATIVE_LLONG);
    if (gen.proposals < static_cast<long long>(n))
      rd.fail(fmt::format("{} has {} proposals but {} accepted particles", grp, gen.proposals, n));
    c.generations.push_back(std::move(gen));
  }
  return c;
}

}  // namespace tlm::analysis
