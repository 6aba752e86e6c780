// `tlm calibrate`: fit parameters to measured targets by ABC-SMC (inference/abc.hpp); every batch of
// proposals runs as a sweep (app/sweep_job.hpp) whose file is kept beside the result (docs/calibration.md).

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "analysis/report.hpp"
#include "analysis/results.hpp"
#include "analysis/sweep_results.hpp"
#include "app/commands.hpp"
#include "app/quantities.hpp"
#include "app/sweep_job.hpp"
#include "experiment/calibration_study.hpp"
#include "experiment/sweep_file.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"
#include "sim/h5writer.hpp"

namespace tlm::app {
namespace {

namespace fs = std::filesystem;

struct CalibrateOptions {
  std::string calibration;
  std::string output;          // calib.h5
  std::string write_scenario;  // the posterior-median scenario
  std::optional<int> replications;
  int threads = 0;
  bool quiet = false;
};

// A parameter's value at a point of the unit cube (its prior's scale).
double value_of(const experiment::DesignParameter& p, double u) {
  return p.log ? std::exp(std::log(*p.low) + u * (std::log(*p.high) - std::log(*p.low)))
               : *p.low + u * (*p.high - *p.low);
}

// What a proposal gave: each target's mean over the replications.
struct Simulated {
  std::vector<double> u, means;
};

std::string csv_quote(const std::string& v) {
  std::string out = "\"";
  for (const char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void run_calibrate_command(const CalibrateOptions& opts) {
  const auto start = std::chrono::steady_clock::now();
  experiment::mpi::Session session;
  if (session.active())
    throw BadInput("tlm calibrate runs on one machine (threads, -j); MPI ranks are not supported yet");
  const InterruptGuard guard;
  const auto study = experiment::load_calibration(opts.calibration);
  std::string output = opts.output;
  if (output.empty()) {
    const std::string stem = fs::path(opts.calibration).stem().string();
    output = (stem.empty() ? std::string("calibration") : stem) + ".h5";
  }
  if (fs::exists(output) && !fs::is_regular_file(output))
    throw BadInput(fmt::format("cannot write {}: it exists and is not a regular file", output));
  const std::string runs = output + ".runs";
  std::error_code ec;
  fs::create_directories(runs, ec);
  if (ec) throw BadInput(fmt::format("cannot write {}: {}", runs, ec.message()));

  std::vector<experiment::SensitivityOutput> quantities;
  for (const auto& t : study.targets) quantities.push_back(t.quantity);
  const bool cohorts = std::any_of(quantities.begin(), quantities.end(),
                                   [](const auto& q) { return q.metric == experiment::kRetentionOutput; });
  const int k = static_cast<int>(study.design.parameters.size());
  std::vector<Simulated> simulated;
  int batch_number = 0;
  std::string scenario_name;
  // The model of ABC-SMC: the batch's points run as one sweep; each target's part of the distance is its
  // squared error over the sum of the measurement's variance and the replication noise of the simulated mean.
  auto model = [&](const std::vector<std::vector<double>>& batch) {
    experiment::Design d = study.design;
    d.unit = batch;
    SweepJob job;
    job.name = "tlm calibrate";
    job.what = "batch";
    job.plan = [&] {
      experiment::SweepRequest request;
      request.replications = opts.replications;
      return experiment::plan_sweep(d, request);
    };
    job.output = (fs::path(runs) / fmt::format("batch-{:04}.h5", batch_number++)).string();
    fs::remove(job.output, ec);  // a batch file of an earlier calibration into the same place
    fs::remove(experiment::SweepFile::part_path(job.output), ec);
    job.resume_command = "(a calibration cannot be resumed yet)";
    job.threads = opts.threads;
    job.quiet = true;
    const auto result = run_sweep_job(session, job);
    scenario_name = result.plan->groups[0];
    const auto r = analysis::load_sweep(result.path, needed_metrics(quantities), {}, cohorts);
    const std::size_t R = r.replications;
    std::vector<std::vector<double>> parts;
    for (std::size_t p = 0; p < batch.size(); ++p) {
      std::vector<double> part, means;
      for (const auto& t : study.targets) {
        double m = 0.0, ss = 0.0;
        std::vector<double> v;
        for (std::size_t i = 0; i < R; ++i) v.push_back(output_value(r, scenario_name, t.quantity, p, i));
        for (const double x : v) m += x;
        m /= static_cast<double>(R);
        for (const double x : v) ss += (x - m) * (x - m);
        const double noise = R > 1 ? ss / static_cast<double>(R - 1) / static_cast<double>(R) : 0.0;
        part.push_back(std::isnan(m) ? std::numeric_limits<double>::infinity()
                                     : (m - t.value) * (m - t.value) / (t.sd * t.sd + noise));
        means.push_back(m);
      }
      simulated.push_back({batch[p], means});
      parts.push_back(std::move(part));
    }
    return parts;
  };
  auto settings = study.abc;
  const auto gens = inference::abc_smc(k, settings, model);
  InterruptGuard::check();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // The posterior: every generation's particles in HDF5 and CSV.
  auto means_of = [&](const std::vector<double>& u) -> const std::vector<double>& {
    for (const auto& s : simulated)
      if (s.u == u) return s.means;
    throw std::logic_error("calibrate: a particle without its simulation");
  };
  std::string posterior = "generation,particle,weight,distance";
  for (const auto& p : study.design.parameters) posterior += "," + csv_quote(p.key);
  for (const auto& t : study.targets) posterior += "," + csv_quote("part: " + t.quantity.label);
  for (const auto& t : study.targets) posterior += "," + csv_quote("simulated: " + t.quantity.label);
  posterior += "\n";
  std::string generations = "generation,tolerance,proposals,accepted,acceptance_rate,ess\n";
  {
    sim::H5Writer f(output);
    f.set_attr("/", "kind", std::string("calibration"));
    f.set_attr("/", "tlm_version", std::string(TLM_VERSION));
    f.set_attr("/", "created", now_iso8601());
    f.set_attr("/", "command", command_line());
    f.set_attr("/", "calibration", study.design.text);
    std::vector<std::string> keys, labels;
    std::vector<double> measured, sds;
    for (const auto& p : study.design.parameters) keys.push_back(p.key);
    for (const auto& t : study.targets) {
      labels.push_back(t.quantity.label);
      measured.push_back(t.value);
      sds.push_back(t.sd);
    }
    f.write_strings("/parameters", keys);
    f.write_strings("/targets", labels);
    f.write_doubles("/measured", measured);
    f.write_doubles("/measured_sd", sds);
    for (std::size_t g = 0; g < gens.size(); ++g) {
      const auto& gen = gens[g];
      const std::string grp = fmt::format("/generations/{}", g);
      f.create_group(grp);
      f.set_attr(grp, "tolerance", models::schema::number_toml(gen.tolerance));
      f.set_attr(grp, "proposals", static_cast<std::int64_t>(gen.proposals));
      f.set_attr(grp, "ess", models::schema::number_toml(gen.ess()));
      const std::size_t n = gen.particles.size();
      f.create_replicated(grp + "/values", n, {static_cast<std::size_t>(k)}, "",
                          "parameter values per particle");
      f.create_replicated(grp + "/parts", n, {study.targets.size()}, "",
                          "each target's squared standardised error per particle");
      f.create_replicated(grp + "/simulated", n, {study.targets.size()}, "",
                          "each target's simulated value (mean over the replications) per particle");
      std::vector<double> w, dist;
      for (std::size_t i = 0; i < n; ++i) {
        const auto& p = gen.particles[i];
        sim::NdArray values({static_cast<std::size_t>(k)}), parts({study.targets.size()}),
            sims({study.targets.size()});
        for (int j = 0; j < k; ++j)
          values(j) = value_of(study.design.parameters[static_cast<std::size_t>(j)],
                               p.u[static_cast<std::size_t>(j)]);
        const auto& m = means_of(p.u);
        for (std::size_t j = 0; j < study.targets.size(); ++j) {
          parts(j) = p.parts[j];
          sims(j) = m[j];
        }
        f.write_replication(grp + "/values", i, values);
        f.write_replication(grp + "/parts", i, parts);
        f.write_replication(grp + "/simulated", i, sims);
        w.push_back(p.weight);
        dist.push_back(p.distance);
        posterior += fmt::format("{},{},{},{}", g, i, p.weight, p.distance);
        for (int j = 0; j < k; ++j) posterior += fmt::format(",{}", values(j));
        for (std::size_t j = 0; j < study.targets.size(); ++j) posterior += fmt::format(",{}", p.parts[j]);
        for (std::size_t j = 0; j < study.targets.size(); ++j) posterior += fmt::format(",{}", m[j]);
        posterior += "\n";
      }
      f.write_doubles(grp + "/weight", w);
      f.write_doubles(grp + "/distance", dist);
      generations += fmt::format("{},{},{},{},{},{}\n", g, gen.tolerance, gen.proposals, n,
                                 gen.acceptance_rate(), gen.ess());
    }
    f.commit();
  }
  const std::string stem = output.ends_with(".h5") ? output.substr(0, output.size() - 3) : output;
  analysis::write_text_file(stem + ".posterior.csv", posterior);
  analysis::write_text_file(stem + ".generations.csv", generations);
  // The report, named like the CSVs beside it; `tlm report` writes the same page from the file alone.
  const std::string report = stem + ".report.html";
  try {
    analysis::write_text_file(report, analysis::calibration_report_html(output), "the report");
  } catch (const analysis::InputError& e) {
    throw BadInput(e.what());
  }

  // The posterior medians, and the scenario they make.
  const auto& last = gens.back();
  std::vector<std::string> overrides;
  std::vector<double> medians;
  for (int j = 0; j < k; ++j) {
    const auto& par = study.design.parameters[static_cast<std::size_t>(j)];
    const double v = value_of(par, inference::weighted_quantile(last, j, 0.5));
    medians.push_back(v);
    overrides.push_back(par.key + "=" + models::schema::number_toml(v));
  }
  if (!opts.write_scenario.empty()) {
    const std::string src = experiment::scenario_source(study.design.scenario, study.design.path);
    auto params = models::load_scenario(src, overrides).params;
    params.name = fs::path(opts.write_scenario).stem().string();
    params.description = fmt::format(
        "{} with the posterior medians of `tlm calibrate {}` (ABC-SMC, {} generations of {} particles, final "
        "tolerance {:.3g}; targets: {})",
        scenario_name, opts.calibration, gens.size(), last.particles.size(), last.tolerance,
        fmt::join(std::vector<std::string>([&] {
                    std::vector<std::string> l;
                    for (const auto& t : study.targets) l.push_back(t.quantity.label);
                    return l;
                  }()),
                  ", "));
    analysis::write_text_file(opts.write_scenario, models::to_toml(params));
  }
  if (opts.quiet) return;
  std::cout << "generation  tolerance   proposals  acceptance    ESS\n";
  for (std::size_t g = 0; g < gens.size(); ++g)
    std::cout << fmt::format("{:>10}  {:>9.3g}  {:>10}  {:>9.1f}%  {:>6.0f}\n", g, gens[g].tolerance,
                             gens[g].proposals, 100.0 * gens[g].acceptance_rate(), gens[g].ess());
  std::cout << "\nposterior (last generation): median [5%, 95%]\n";
  for (int j = 0; j < k; ++j) {
    const auto& par = study.design.parameters[static_cast<std::size_t>(j)];
    std::cout << fmt::format("  {:<40} {:.4g} [{:.4g}, {:.4g}]   prior [{}, {}]{}\n", par.key,
                             medians[static_cast<std::size_t>(j)],
                             value_of(par, inference::weighted_quantile(last, j, 0.05)),
                             value_of(par, inference::weighted_quantile(last, j, 0.95)), *par.low, *par.high,
                             par.log ? " log" : "");
  }
  std::cout << "\ntargets: measured ± sd; simulated (weighted mean over the last generation)\n";
  for (std::size_t i = 0; i < study.targets.size(); ++i) {
    double m = 0.0;
    for (const auto& p : last.particles) m += p.weight * means_of(p.u)[i];
    const auto& t = study.targets[i];
    std::cout << fmt::format("  {:<40} {:.4g} ± {:.3g}; {:.4g}\n", t.quantity.label, t.value, t.sd, m);
  }
  std::cout << fmt::format(
      "\nWrote {} ({}.posterior.csv, {}.generations.csv, the report {}; the runs in {}/) in {:.1f} s.\n",
      output, stem, stem, report, runs, seconds);
}

}  // namespace

void register_calibrate_commands(CLI::App& app) {
  auto opts = std::make_shared<CalibrateOptions>();
  auto* cmd = app.add_subcommand("calibrate", "Fit parameters to measured targets by ABC-SMC");
  cmd->add_option("calibration", opts->calibration, "The calibration file (.toml); see docs/calibration.md")
      ->required()
      ->type_name("CALIB.toml");
  cmd->add_option(
         "-o,--output", opts->output,
         "The posterior (default <calibration name>.h5); beside it .posterior.csv, .generations.csv, the "
         ".report.html and the runs in .runs/")
      ->type_name("FILE.h5");
  cmd->add_option("--write-scenario", opts->write_scenario,
                  "Write the scenario with the posterior medians of the fitted parameters")
      ->type_name("FILE.toml");
  cmd->add_option("-r,--replications", opts->replications, "Replications per particle (default: the file's)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("-j,--threads", opts->threads, "Worker threads (default 0: all cores)")
      ->check(CLI::Range(0, 256));
  cmd->add_flag("-q,--quiet", opts->quiet, "No summary");
  cmd->footer("Every particle runs the same replications' random numbers. See docs/calibration.md.");
  cmd->callback([opts] { run_calibrate_command(*opts); });
}

}  // namespace tlm::app
