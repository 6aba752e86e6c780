// A small calibration file in the layout `tlm calibrate` writes, made without running a calibration: for the
// calibration report's tests and for `tlm compare --posterior` on a tiny world.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/array.hpp"
#include "sim/h5writer.hpp"

namespace tlm::test {

inline const char* kCalibration = R"(scenario = "small.toml"
replications = 4
population = 10
generations = 3
[[parameter]]
key = "reserve.return"
low = 0.005
high = 0.1
scale = "log"
[[parameter]]
key = "policy.induction.base_quality.po"
low = 0.2
high = 1
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2030
value = 0.08
sd = 0.005
label = "po shortage rate 2030"
[[target]]
metric = "shortage_fte"
sector = "vo"
year = 2030
value = 1250
sd = 40
label = "vo shortage 2030"
)";

// What to break in the file.
enum class Damage { None, ShortWeight, PartsShape, NoPrior, NotCalibration };

// A calibration file in the layout `tlm calibrate` writes (app/commands_calibrate.cpp): 3 generations of 10
// particles. The last: reserve.return = 0.02 × 1.1^i (linear in its log), base_quality = 0.9 − 0.05 i (so the
// two correlate at exactly −1 on their priors' scales), weights (i + 1) / 55.
inline void write_calibration(const std::string& path, Damage damage = Damage::None) {
  tlm::sim::H5Writer f(path);
  f.set_attr("/", "kind", std::string(damage == Damage::NotCalibration ? "sweep-ish" : "calibration"));
  f.set_attr("/", "tlm_version", std::string("test"));
  f.set_attr("/", "created", std::string("2026-01-01T00:00:00Z"));
  f.set_attr("/", "command", std::string("tlm calibrate c.toml"));
  std::string text = kCalibration;
  if (damage == Damage::NoPrior) text.replace(text.find("high = 1\n"), 9, "");
  f.set_attr("/", "calibration", text);
  f.write_strings("/parameters", {"reserve.return", "policy.induction.base_quality.po"});
  f.write_strings("/targets", {"po shortage rate 2030", "vo shortage 2030"});
  f.write_doubles("/measured", {0.08, 1250});
  f.write_doubles("/measured_sd", {0.005, 40});
  const std::size_t n = 10, k = 2, m = 2;
  for (int g = 0; g < 3; ++g) {
    const std::string grp = fmt::format("/generations/{}", g);
    f.create_group(grp);
    f.set_attr(grp, "tolerance", std::string(g == 0 ? "inf" : g == 1 ? "12.5" : "3.25"));
    f.set_attr(grp, "proposals", static_cast<std::int64_t>(g == 0 ? 10 : g == 1 ? 25 : 80));
    // The last generation without its ESS: the reader works it out from the weights, 1 / Σ((i + 1) / 55)² =
    // 3025 / 385 = 7.857.
    if (g < 2) f.set_attr(grp, "ess", std::string("10.0"));
    const bool bad_parts = damage == Damage::PartsShape && g == 1;
    f.create_replicated(grp + "/values", n, {k}, "", "");
    f.create_replicated(grp + "/parts", n, {bad_parts ? m + 1 : m}, "", "");
    f.create_replicated(grp + "/simulated", n, {m}, "", "");
    std::vector<double> w, dist;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = static_cast<double>(i);
      tlm::sim::NdArray values({k}), parts({bad_parts ? m + 1 : m}), sims({m});
      if (g < 2) {  // spread over the priors
        values(0) = 0.005 * std::pow(20.0, d / 9.0);
        values(1) = 0.2 + 0.8 * d / 9.0;
        sims(0) = 0.03 + 0.01 * d;
        sims(1) = 800 + 100 * d;
        w.push_back(0.1);
      } else {
        values(0) = 0.02 * std::pow(1.1, d);
        values(1) = 0.9 - 0.05 * d;
        sims(0) = 0.08 + 0.001 * (d - 5);
        sims(1) = 1250 + 10 * (d - 5);
        w.push_back((d + 1) / 55.0);
      }
      parts(0) = std::pow((sims(0) - 0.08) / 0.005, 2);
      parts(1) = std::pow((sims(1) - 1250) / 40, 2);
      dist.push_back(parts(0) + parts(1));
      f.write_replication(grp + "/values", i, values);
      f.write_replication(grp + "/parts", i, parts);
      f.write_replication(grp + "/simulated", i, sims);
    }
    if (damage == Damage::ShortWeight && g == 1) w.pop_back();
    f.write_doubles(grp + "/weight", w);
    f.write_doubles(grp + "/distance", dist);
  }
  f.commit();
}

}  // namespace tlm::test
