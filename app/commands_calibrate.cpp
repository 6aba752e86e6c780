// `tlm calibrate`: fit parameters to measured targets by ABC-SMC (inference/abc.hpp); every batch of
// proposals runs as a sweep (app/sweep_job.hpp) whose file is kept beside the result (docs/calibration.md).

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

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
#include "sim/output_path.hpp"
#include "sim/progress.hpp"
#include "tlm_version.hpp"  // TLM_VERSION, generated at build time (cmake/version.cmake)

namespace tlm::app {
namespace {

namespace fs = std::filesystem;

struct CalibrateOptions {
  std::string calibration;
  std::string output;          // calib.h5
  std::string write_scenario;  // the posterior-median scenario
  std::optional<int> replications;
  int threads = 0;
  bool resume = false;
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

// The scenario --write-scenario writes: it extends the calibration's base and sets each fitted key to its
// posterior median. A fitted entry of a table (demand.growth.po.2024) is written as its whole key
// (demand.growth), since a key a file sets replaces the base's value whole (docs/scenarios.md, "extends").
std::string fitted_scenario(const experiment::CalibrationStudy& study,
                            const std::vector<std::string>& overrides, const std::string& out_path,
                            const std::string& description) {
  const std::string src = experiment::scenario_source(study.design.scenario, study.design.path);
  auto params = models::load_scenario(src, overrides).params;
  params.name = fs::path(out_path).stem().string();
  params.description = description;
  auto value = [&](const std::string& key) {
    return models::schema::value_toml(*models::schema::find_key(key), params);
  };
  std::string base = src;
  if (src.find('/') != std::string::npos || src.ends_with(".toml")) {
    // A file: named relative to the written scenario, as `extends` reads it.
    const auto dir = fs::absolute(fs::path(out_path)).parent_path();
    base = fs::relative(fs::absolute(src), dir).generic_string();
  }
  std::string quoted = "\"";
  for (const char c : base) quoted += c == '"' || c == '\\' ? fmt::format("\\{}", c) : std::string(1, c);
  quoted += '"';
  std::string text = fmt::format("name = {}\ndescription = {}\nextends = {}\n\n", value("name"),
                                 value("description"), quoted);
  std::vector<std::string> written;
  for (const auto& par : study.design.parameters) {
    // The scenario key the fitted key belongs to: itself, or the longest key its path starts with.
    std::string key = par.key;
    while (!models::schema::find_key(key) && key.find('.') != std::string::npos) key.resize(key.rfind('.'));
    if (std::find(written.begin(), written.end(), key) != written.end()) continue;
    written.push_back(key);
    if (!models::schema::find_key(key))
      throw std::logic_error(fmt::format("calibrate: `{}` is no scenario key", par.key));
    text += fmt::format("{} = {}\n", key, value(key));
  }
  return text;
}

// Removes the temporaries <file>.tmp<pid>[.<n>] of dead processes beside the calibration's `outputs` and of
// the batch files in `runs` (batch-N.h5.part.tmp<pid> when a batch's file was being created); returns them.
std::vector<std::string> dead_calibration_temporaries(const std::vector<std::string>& outputs,
                                                      const std::string& runs) {
  std::vector<std::string> removed;
  for (const auto& out : outputs)
    for (const auto& t : sim::remove_dead_temporaries(out))
      removed.push_back(fs::path(t).lexically_normal().string());  // c.h5.tmp1, not ./c.h5.tmp1
  std::set<std::string> batches;
  std::error_code ec;
  for (fs::directory_iterator it(runs, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto tmp = name.find(".tmp");
    if (name.starts_with("batch-") && tmp != std::string::npos)
      batches.insert((fs::path(runs) / name.substr(0, tmp)).string());
  }
  for (const auto& b : batches)
    for (auto& t : sim::remove_dead_temporaries(b)) removed.push_back(std::move(t));
  return removed;
}

// Text outputs written and closed under temporary names beside them, renamed into place by publish(): with
// the calibration file, the outputs appear together or not at all. Those not published are removed.
class StagedTexts {
 public:
  StagedTexts() = default;
  StagedTexts(const StagedTexts&) = delete;
  StagedTexts& operator=(const StagedTexts&) = delete;
  ~StagedTexts() {
    std::error_code ec;
    for (const auto& staged : staged_) fs::remove(staged.first, ec);
  }
  void write(const std::string& path, const std::string& text, const std::string& what = "") {
    staged_.emplace_back(analysis::write_text_temporary(path, text, what), path);
  }
  void publish() {
    while (!staged_.empty()) {
      const auto [temp, path] = staged_.front();
      std::error_code ec;
      fs::rename(temp, path, ec);
      if (ec) throw std::runtime_error(fmt::format("cannot write {}: {}", path, ec.message()));
      staged_.erase(staged_.begin());
    }
  }

 private:
  std::vector<std::pair<std::string, std::string>> staged_;  // temporary, final path
};

// What a calibration refused after its batches had run (a target no run gives a value, a later batch
// refused) made goes with the refusal: the runs folder when it made it, else the files it added to it.
// An earlier calibration's files stay; an interrupted or failed one (exit 130, 1) keeps its batches for
// --resume.
class RunsOnRefusal {
 public:
  explicit RunsOnRefusal(std::string runs) : runs_(std::move(runs)) {
    std::error_code ec;
    existed_ = fs::exists(fs::symlink_status(runs_, ec));
    if (existed_)
      for (fs::directory_iterator it(runs_, ec), end; !ec && it != end; it.increment(ec))
        before_.insert(it->path().filename().string());
  }
  void remove_made() noexcept {
    std::error_code ec;
    if (!existed_) {
      fs::remove_all(runs_, ec);
      return;
    }
    std::vector<fs::path> added;
    for (fs::directory_iterator it(runs_, ec), end; !ec && it != end; it.increment(ec))
      if (!before_.count(it->path().filename().string())) added.push_back(it->path());
    for (const auto& p : added) fs::remove_all(p, ec);
  }

 private:
  std::string runs_;
  bool existed_ = false;
  std::set<std::string> before_;
};

void calibrate(const CalibrateOptions& opts, std::optional<RunsOnRefusal>& made);

void run_calibrate_command(const CalibrateOptions& opts) {
  std::optional<RunsOnRefusal> made;
  try {
    calibrate(opts, made);
  } catch (const BadInput&) {
    if (made) made->remove_made();
    throw;
  }
}

// `made` is set once the runs folder is about to be made (on the leader rank).
void calibrate(const CalibrateOptions& opts, std::optional<RunsOnRefusal>& made) {
  const auto start = std::chrono::steady_clock::now();
  // On MPI ranks every rank runs the same ABC-SMC (its draws are counter-based) and every batch runs as one
  // sweep over all ranks; rank 0 reads each batch's file and hands the results to the others, and writes.
  experiment::mpi::Session session;
  const bool leader = session.rank() == 0;
  const InterruptGuard guard;
  const auto study = experiment::load_calibration(opts.calibration);
  std::string output = opts.output;
  if (output.empty()) {
    const std::string stem = fs::path(opts.calibration).stem().string();
    output = (stem.empty() ? std::string("calibration") : stem) + ".h5";
  }
  // Every file it will write, checked before anything runs: its folder exists, it is absent or a regular
  // file, it is not an input, and no two are the same.
  const std::string out_stem = output.ends_with(".h5") ? output.substr(0, output.size() - 3) : output;
  std::vector<std::string> outputs{output, out_stem + ".posterior.csv", out_stem + ".generations.csv",
                                   out_stem + ".report.html"};
  if (!opts.write_scenario.empty()) outputs.push_back(opts.write_scenario);
  std::vector<std::string> inputs{opts.calibration};
  if (const auto src = experiment::scenario_source(study.design.scenario, study.design.path); fs::exists(src))
    inputs.push_back(src);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (auto why = sim::output_problem(outputs[i], inputs); !why.empty()) throw BadInput(why);
    for (std::size_t j = 0; j < i; ++j)
      if (fs::weakly_canonical(outputs[i]) == fs::weakly_canonical(outputs[j]))
        throw BadInput(fmt::format("cannot write {}: it is also where the calibration writes {}", outputs[i],
                                   outputs[j]));
  }
  const std::string runs = output + ".runs";
  std::error_code ec;
  // Made for this calibration and still empty when it ends (refused before its first batch): removed.
  sim::MadeFolder made_runs;
  if (leader) {
    if (fs::exists(fs::symlink_status(runs, ec)) && !fs::is_directory(fs::symlink_status(runs, ec)))
      throw BadInput(fmt::format("cannot write {}: it exists and is not a folder", runs));
    made.emplace(runs);
    if (auto why = made_runs.make(runs); !why.empty())
      throw BadInput(fmt::format("cannot write {}: {}", runs, why));
    // What a calibration killed while it wrote left: the temporaries of its files and of its batches' files
    // whose process is dead.
    for (const auto& t : dead_calibration_temporaries(outputs, runs))
      std::cerr << "tlm: removed " << t << ", the temporary of a calibration that died\n";
    // An interrupted calibration's unfinished batch is never thrown away unasked (as with sweeps).
    if (!opts.resume)
      for (const auto& entry : fs::directory_iterator(runs, ec))
        if (entry.path().string().ends_with(".h5.part"))
          throw BadInput(
              fmt::format("{} holds an unfinished calibration; run with --resume to finish it, or remove {} "
                          "to start again",
                          runs, runs));
  }
  std::string resume_command = fmt::format("tlm calibrate {} --resume", opts.calibration);
  if (!opts.output.empty()) resume_command += " -o " + opts.output;

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
    job.what = "calibration";
    job.plan = [&] {
      experiment::SweepRequest request;
      request.replications = opts.replications;
      return experiment::plan_sweep(d, request);
    };
    job.output = (fs::path(runs) / fmt::format("batch-{:04}.h5", batch_number++)).string();
    // Resuming replays ABC-SMC, whose draws are counter-based: the batches come again in the same order with
    // the same points. A finished batch is reopened as unfinished, so that the sweep's own identity check
    // (design points, seed, scenario) confirms it is the same batch, and nothing of it runs again.
    std::uint64_t resume_batch = 0;
    const std::string part = experiment::SweepFile::part_path(job.output);
    bool reopened = false;
    if (leader) {
      if (opts.resume && fs::exists(job.output) && !fs::exists(part)) {
        fs::rename(job.output, part, ec);
        reopened = !ec;
      }
      if (!opts.resume) {
        fs::remove(job.output, ec);  // a batch file of an earlier calibration into the same place
      }
      resume_batch = fs::exists(part) ? 1 : 0;
    }
    job.resume = session.broadcast(resume_batch) == 1;
    job.resume_command = resume_command;
    job.threads = opts.threads;
    job.analysed = true;
    job.lower = "lower -r or the calibration's population, or give -o a file system with room";
    job.quiet = true;
    // A finished batch that the check refuses (another calibration file, -r, seed or scenario) is put back
    // as it was, and the message names it as the user has it.
    auto result = [&] {
      try {
        return run_sweep_job(session, job);
      } catch (const BadInput& e) {
        if (!reopened) throw;
        std::error_code restore;
        fs::rename(part, job.output, restore);
        std::string msg = e.what();
        for (auto pos = msg.find(part); pos != std::string::npos; pos = msg.find(part, pos))
          msg.replace(pos, part.size(), job.output);
        throw BadInput(msg);
      }
    }();
    scenario_name = result.plan->groups[0];
    const std::size_t T = study.targets.size();
    // Rank 0 reads the batch: per proposal each target's part, then each target's mean.
    std::vector<double> flat;
    if (leader) {
      const auto r = analysis::load_sweep(result.path, needed_metrics(quantities), {}, cohorts,
                                          needed_subject_metrics(quantities));
      const std::size_t R = r.replications;
      for (std::size_t p = 0; p < batch.size(); ++p) {
        for (std::size_t j = 0; j < T; ++j) {
          const auto& t = study.targets[j];
          double m = 0.0, ss = 0.0;
          std::vector<double> v;
          for (std::size_t i = 0; i < R; ++i) v.push_back(output_value(r, scenario_name, t.quantity, p, i));
          for (const double x : v) m += x;
          m /= static_cast<double>(R);
          for (const double x : v) ss += (x - m) * (x - m);
          const double noise = R > 1 ? ss / static_cast<double>(R - 1) / static_cast<double>(R) : 0.0;
          flat.push_back(std::isnan(m) ? std::numeric_limits<double>::infinity()
                                       : (m - t.value) * (m - t.value) / (t.sd * t.sd + noise));
          flat.push_back(m);
        }
      }
    }
    session.broadcast(flat);
    if (flat.size() != batch.size() * T * 2)
      throw std::logic_error("calibrate: a batch's results do not match its proposals");
    std::vector<std::vector<double>> parts;
    for (std::size_t p = 0; p < batch.size(); ++p) {
      std::vector<double> part, means;
      for (std::size_t j = 0; j < T; ++j) {
        part.push_back(flat[(p * T + j) * 2]);
        means.push_back(flat[(p * T + j) * 2 + 1]);
      }
      simulated.push_back({batch[p], means});
      parts.push_back(std::move(part));
    }
    return parts;
  };
  // Progress: per batch, the generation, its tolerance, acceptance so far and the time its rest will take.
  const bool live = sim::stderr_is_terminal();
  auto generation_start = std::chrono::steady_clock::now();
  int current_generation = -1;
  auto progress = [&](const inference::AbcProgress& p) {
    if (!leader || opts.quiet) return;
    const auto now = std::chrono::steady_clock::now();
    if (p.generation != current_generation) {
      if (live && current_generation >= 0) std::cerr << "\n";
      current_generation = p.generation;
      generation_start = now;  // the batch just told of is counted in the rate below from here on
    }
    const double spent = std::chrono::duration<double>(now - generation_start).count();
    const double total = std::chrono::duration<double>(now - start).count();
    std::string line = fmt::format(
        "tlm calibrate: generation {}/{}, tolerance {}, {}/{} accepted of {} proposals ({:.0f}%), {:.0f} s",
        p.generation, study.abc.max_generations,
        std::isinf(p.tolerance) ? std::string("none (the prior)") : fmt::format("{:.3g}", p.tolerance),
        p.accepted, study.abc.population, p.proposals,
        p.proposals > 0 ? 100.0 * p.accepted / static_cast<double>(p.proposals) : 0.0, total);
    if (p.accepted > 0 && p.accepted < study.abc.population && spent > 0)
      line += fmt::format(", the generation's rest about {:.0f} s",
                          spent * (study.abc.population - p.accepted) / p.accepted);
    std::cerr << (live ? "\r\033[K" : "") << line << (live ? "" : "\n") << std::flush;
  };
  auto settings = study.abc;
  const auto gens = inference::abc_smc(k, settings, model, progress);
  // A target that no particle of the prior could produce (NaN: e.g. no entrants of that route and sector in
  // this world) cannot be fitted.
  for (std::size_t j = 0; j < study.targets.size(); ++j) {
    bool any = false;
    for (const auto& p : gens.front().particles)
      for (const auto& sim_ : simulated)
        if (sim_.u == p.u && !std::isnan(sim_.means[j])) any = true;
    if (!any)
      throw BadInput(
          fmt::format("{}:{}:{}: the target `{}` has no value in any run of the prior (e.g. no "
                      "entrants of that route and sector in this world): it cannot be fitted",
                      study.targets[j].quantity.where.file, study.targets[j].quantity.where.line,
                      study.targets[j].quantity.where.column, study.targets[j].quantity.label));
  }
  if (leader && live && !opts.quiet && current_generation >= 0) std::cerr << "\n";
  InterruptGuard::check();
  if (!leader) return;
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
  // The final outputs appear together or not at all: each is written and closed under a temporary name, and
  // all are renamed into place once every one is written. A failure on the way (a full disk) exits 1 with
  // the temporaries removed and every earlier file of those names as it was; the runs stay for --resume.
  sim::H5Writer f(output);
  StagedTexts texts;
  {
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
    f.close();
  }
  const std::string stem = output.ends_with(".h5") ? output.substr(0, output.size() - 3) : output;
  // The report, named like the CSVs beside it; `tlm report` writes the same page from the file alone.
  const std::string report = stem + ".report.html";
  try {
    texts.write(stem + ".posterior.csv", posterior);
    texts.write(stem + ".generations.csv", generations);
    texts.write(report, analysis::calibration_report_html(f.temp_path(), analysis::Lang::en, output),
                "the report");
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
    std::vector<std::string> labels;
    for (const auto& t : study.targets) labels.push_back(t.quantity.label);
    const std::string description = fmt::format(
        "{} with the posterior medians of `tlm calibrate {}` (ABC-SMC, {} generations of {} particles, final "
        "tolerance {:.3g}; targets: {})",
        scenario_name, opts.calibration, gens.size(), last.particles.size(), last.tolerance,
        fmt::join(labels, ", "));
    try {
      texts.write(opts.write_scenario, fitted_scenario(study, overrides, opts.write_scenario, description));
    } catch (const analysis::InputError& e) {
      throw BadInput(e.what());
    }
  }
  f.publish();
  texts.publish();
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
  cmd->add_flag("--resume", opts->resume,
                "Finish an interrupted calibration: the batches already run are reused, not run again");
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress and no summary");
  cmd->footer(
      "Every particle runs the same replications' random numbers. Its files appear together or not at all:\n"
      "a write that fails (a full disk) exits 1 with none of them replaced and the runs kept for --resume.\n"
      "Refused after its batches have run (exit 2), it removes the runs folder it made. See\n"
      "docs/calibration.md.");
  cmd->callback([opts] { run_calibrate_command(*opts); });
}

}  // namespace tlm::app
