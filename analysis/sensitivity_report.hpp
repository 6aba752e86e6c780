// The output of `tlm sensitivity` (docs/sensitivity.md): indices.csv, indices.json and report.html, from the
// indices the command computed (inference/sensitivity.hpp) and what they are of. Plain data in, files out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tlm::analysis {

struct SensitivityParameter {
  std::string key;  // a scenario key, e.g. teachers.so_trained_effect
  double low = 0, high = 0;
  bool log = false;  // sampled on a log scale
};

// One output explained: its indices per parameter (in the order of SensitivityReport::parameters), for the
// method of the report.
struct SensitivityOutputResult {
  std::string name;         // "shortage_fte po 2035", "groenpluk-ban − nl-baseline: shortage_fte po 2035"
  std::string description;  // in words: "Total shortage in po in 2035", "Effect of groenpluk-ban on …"
  std::string unit;         // FTE, FTE-years, share, EUR
  bool effect = false;      // a paired effect ALT − BASE (common random numbers)
  std::string alternative;  // for an effect
  double mean = 0;          // mean over the points of the output (each point: the mean of its replications)
  double variance = 0;      // variance over the points
  // replication noise of one point's mean: mean within-point variance / replications
  double noise_variance = 0;
  // sobol: first-order and total indices with their bootstrap intervals
  std::vector<double> s1, s1_lo, s1_hi, st, st_lo, st_hi;
  // morris: elementary effects per parameter's whole range (in the output's unit)
  std::vector<double> mu_star, mu, sigma;
  // oat: the output with the parameter at its low and at its high end, minus the output at the base values
  double oat_base = 0;
  std::vector<double> oat_low, oat_high;
};

struct SensitivityReport {
  std::string method;                  // sobol | morris | oat
  std::string study_file, study_text;  // the sensitivity file and its text
  std::string scenario;                // the base scenario's name
  std::vector<std::string> alternatives;
  std::string tlm_version, created, command;
  int samples = 0;       // sobol: base samples N; morris: trajectories r; oat: 1
  int levels = 0;        // morris: grid levels
  int replications = 0;  // per point
  int points = 0;        // model points run (sobol N(k+2), morris r(k+1), oat 2k+1)
  std::uint64_t seed = 0, design_seed = 0;
  double seconds = 0;  // how long the runs took
  std::vector<SensitivityParameter> parameters;
  std::vector<SensitivityOutputResult> outputs;
};

// Each file is written whole or not at all (write_text_file: an unwritable path is an InputError naming it).
// A report whose method is not one of the three, or whose index vectors do not have one value per parameter,
// is the caller's error: std::invalid_argument.
// indices.csv: sobol `output,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi`; morris
// `output,parameter,mu_star,mu,sigma`; oat `output,parameter,low,high,swing`. Then a column noise_share (the
// output's replication noise as a share of its variance over the points).
void write_sensitivity_csv(const SensitivityReport& r, const std::string& path);
// indices.json: the whole report (method, study, parameters, outputs with every index). Each output also has
// its noise_share, noise_threshold (what replication noise alone gives, in the unit of the ranking index),
// ranking (the sentence) and, per parameter, within_noise; an oat output its base.
void write_sensitivity_json(const SensitivityReport& r, const std::string& path);
// report.html: per output a tornado chart (oat), the Morris mu*–sigma plot (morris) or the Sobol indices
// with their intervals (sobol), and a plain-language ranking; how to read it and what it cannot say.
void write_sensitivity_html(const SensitivityReport& r, const std::string& path);
// "The 2035 po shortage depends most on X, then Y and Z; A and B move it less than the replication noise."
// Plain text (not HTML-escaped). Ranked by ST (sobol), mu* (morris) or the swing |high − low| (oat); says
// first when the replication noise is over a quarter of the output's variance over the points.
std::string ranking_sentence(const SensitivityReport& r, const SensitivityOutputResult& o);

}  // namespace tlm::analysis
