// `tlm sensitivity`: a study's points run as a sweep (app/sweep_job.hpp), then each output's indices by the
// study's method (inference/sensitivity.hpp), written as indices.csv, indices.json, report.html and into
// sensitivity.h5 (docs/sensitivity.md).
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "analysis/sensitivity_report.hpp"
#include "analysis/sweep_results.hpp"
#include "app/commands.hpp"
#include "app/quantities.hpp"
#include "app/sweep_job.hpp"
#include "experiment/sensitivity_study.hpp"
#include "models/outcomes.hpp"
#include "sim/h5writer.hpp"
#include "sim/output_path.hpp"

namespace tlm::app {
namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct SensitivityOptions {
  std::string study;
  std::string output;  // DIR
  std::optional<int> replications;
  int threads = 0;
  bool resume = false;
  std::string max_memory;
  std::string max_disk;
  bool quiet = false;
};

// The value of an output at one task of one variant: the metric over its sector(s) and year(s), a ratio as
// Σ numerator / Σ denominator and a weighted mean weighted by its denominator (docs/output.md).
analysis::SensitivityReport analyse(const experiment::SensitivityStudy& study,
                                    const experiment::SweepPlan& plan, const std::string& h5,
                                    double seconds) {
  const bool cohorts = std::any_of(study.outputs.begin(), study.outputs.end(),
                                   [](const auto& o) { return o.metric == experiment::kRetentionOutput; });
  const auto r = analysis::load_sweep(h5, needed_metrics(study.outputs), {}, cohorts,
                                      needed_subject_metrics(study.outputs));
  const std::size_t P = r.points, R = r.replications;
  if (r.done_count() != P * R)
    throw std::runtime_error(fmt::format("{}: {} of {} tasks are missing or failed; indices need every point",
                                         h5, P * R - r.done_count(), P * R));
  analysis::SensitivityReport rep;
  rep.method = experiment::method_name(study.method);
  rep.study_file = study.design.path;
  rep.study_text = study.design.text;
  rep.scenario = plan.groups[0];
  for (std::size_t v = 1; v < plan.groups.size(); ++v) rep.alternatives.push_back(plan.groups[v]);
  rep.tlm_version = r.tlm_version;
  rep.created = r.created;
  rep.command = r.command;
  rep.samples = study.method == experiment::SensitivityMethod::Oat ? 1 : study.samples;
  rep.levels = study.method == experiment::SensitivityMethod::Morris ? study.levels : 0;
  rep.replications = static_cast<int>(R);
  rep.points = static_cast<int>(P);
  rep.seed = plan.seed;
  rep.design_seed = study.design_seed;
  rep.seconds = seconds;
  for (const auto& par : study.design.parameters)
    rep.parameters.push_back({par.key, *par.low, *par.high, par.log});
  const int k = static_cast<int>(study.design.parameters.size());

  for (const auto& o : study.outputs) {
    analysis::SensitivityOutputResult out;
    out.name = o.label;
    if (o.metric == experiment::kRetentionOutput) {
      out.unit = "share";
    } else {
      const auto& info = models::kMetricInfo[static_cast<std::size_t>(models::find_metric(o.metric))];
      out.unit = !o.year && std::string(info.unit) == "FTE" ? "FTE-years" : info.unit;
    }
    out.effect = !o.of.empty();
    // The alternative's group: by its place in the file's list.
    std::string variant = plan.groups[0];
    if (out.effect) {
      const auto& alts = study.design.alternatives;
      const auto it = std::find(alts.begin(), alts.end(), o.of);
      variant = plan.groups[static_cast<std::size_t>(it - alts.begin()) + 1];
      out.alternative = variant;
    }
    const std::string where = !o.subject.empty()  ? fmt::format("vo {}", o.subject)
                              : o.sector == "all" ? std::string("all sectors")
                                                  : o.sector;
    const std::string when = o.metric == experiment::kRetentionOutput
                                 ? (o.route == "all" ? std::string("every route") : "route " + o.route)
                             : o.year ? fmt::format("in {}", *o.year)
                                      : std::string("summed over every year");
    const std::string what = o.metric == experiment::kRetentionOutput && o.k != models::kRetentionYears
                                 ? fmt::format("retention after {} years", o.k)
                                 : o.metric;
    out.description = out.effect ? fmt::format("the effect of {} on {} ({}, {})", variant, what, where, when)
                                 : fmt::format("{} ({}, {})", what, where, when);
    // y[p]: the mean over the replications; the within-point variance is the replication noise.
    std::vector<double> y(P);
    double within = 0.0;
    for (std::size_t p = 0; p < P; ++p) {
      std::vector<double> v(R);
      for (std::size_t i = 0; i < R; ++i) {
        v[i] = output_value(r, variant, o, p, i);
        if (out.effect) v[i] -= output_value(r, plan.groups[0], o, p, i);
      }
      double m = 0.0;
      for (const double x : v) m += x;
      m /= static_cast<double>(R);
      y[p] = m;
      if (R > 1) {
        double ss = 0.0;
        for (const double x : v) ss += (x - m) * (x - m);
        within += ss / static_cast<double>(R - 1);
      }
    }
    double mean = 0.0;
    for (const double x : y) mean += x;
    mean /= static_cast<double>(P);
    double var = 0.0;
    for (const double x : y) var += (x - mean) * (x - mean);
    out.mean = mean;
    out.variance = P > 1 ? var / static_cast<double>(P - 1) : 0.0;
    out.noise_variance = R > 1 ? within / static_cast<double>(P) / static_cast<double>(R) : kNaN;
    if (study.saltelli) {
      for (const auto& idx :
           inference::sobol_indices(*study.saltelli, y, study.bootstrap, study.design_seed)) {
        out.s1.push_back(idx.s1);
        out.s1_lo.push_back(idx.s1_lo);
        out.s1_hi.push_back(idx.s1_hi);
        out.st.push_back(idx.st);
        out.st_lo.push_back(idx.st_lo);
        out.st_hi.push_back(idx.st_hi);
      }
    } else if (study.morris) {
      for (const auto& idx : inference::morris_indices(*study.morris, y)) {
        out.mu_star.push_back(idx.mu_star);
        out.mu.push_back(idx.mu);
        out.sigma.push_back(idx.sigma);
      }
    } else {
      out.oat_base = y[0];
      for (const auto& e : inference::oat_effects(k, y)) {
        out.oat_low.push_back(e.low);
        out.oat_high.push_back(e.high);
      }
    }
    rep.outputs.push_back(std::move(out));
  }
  return rep;
}

// The indices beside the runs, in sensitivity.h5: /sensitivity/<n>/<index> per output, in the study's order.
void store_indices(const std::string& h5, const analysis::SensitivityReport& rep) {
  auto f = sim::H5Store::open(h5);
  f->create_group("/sensitivity");
  f->set_attr("/sensitivity", "method", rep.method);
  std::vector<std::string> keys, names;
  for (const auto& p : rep.parameters) keys.push_back(p.key);
  f->write_strings("/sensitivity/parameters", keys);
  for (std::size_t i = 0; i < rep.outputs.size(); ++i) {
    const auto& o = rep.outputs[i];
    names.push_back(o.name);
    const std::string g = fmt::format("/sensitivity/{}", i);
    f->create_group(g);
    f->set_attr(g, "name", o.name);
    f->set_attr(g, "unit", o.unit);
    f->write_doubles(g + "/summary", {o.mean, o.variance, o.noise_variance});
    f->set_attr(g + "/summary", "fields",
                std::string("mean, variance over points, replication noise variance"));
    const std::vector<std::pair<const char*, const std::vector<double>*>> series{
        {"S1", &o.s1},       {"S1_lo", &o.s1_lo}, {"S1_hi", &o.s1_hi},     {"ST", &o.st},
        {"ST_lo", &o.st_lo}, {"ST_hi", &o.st_hi}, {"mu_star", &o.mu_star}, {"mu", &o.mu},
        {"sigma", &o.sigma}, {"low", &o.oat_low}, {"high", &o.oat_high}};
    for (const auto& [name, values] : series)
      if (!values->empty()) f->write_doubles(g + "/" + name, *values);
  }
  f->write_strings("/sensitivity/outputs", names);
  f->close();
}

void run_sensitivity_command(const SensitivityOptions& opts) {
  experiment::mpi::Session session;
  const InterruptGuard guard;
  std::optional<experiment::SensitivityStudy> study;
  std::string dir = opts.output;
  if (dir.empty()) {
    const std::string stem = fs::path(opts.study).stem().string();
    dir = (stem.empty() ? std::string("sensitivity") : stem) + "-sensitivity";
  }
  // The folder, made for this study: removed again when the study is refused before anything is in it.
  sim::MadeFolder made_dir;
  SweepJob job;
  job.name = "tlm sensitivity";
  job.what = "study";
  job.plan = [&] {
    study = experiment::load_sensitivity(opts.study);
    experiment::SweepRequest request;
    request.replications = opts.replications;
    auto plan = experiment::plan_sweep(study->design, request);
    if (session.rank() == 0) {
      // The files written after the runs replace only regular files: checked before the runs.
      if (auto why = sim::outputs_problem(dir, {"indices.csv", "indices.json", "report.html"}, {opts.study});
          !why.empty())
        throw BadInput(why);
      if (auto why = made_dir.make(dir); !why.empty())
        throw BadInput(fmt::format("cannot write {}: {}", dir, why));
    }
    return plan;
  };
  job.output = (fs::path(dir) / "sensitivity.h5").string();
  job.resume_command = fmt::format("tlm sensitivity {} --resume{}", opts.study,
                                   opts.output.empty() ? "" : " -o " + opts.output);
  job.resume = opts.resume;
  job.threads = opts.threads;
  job.max_memory = opts.max_memory;
  job.max_disk = opts.max_disk;
  job.analysed = true;
  job.lower = "lower -r or the study's samples, or give -o a file system with room";
  job.quiet = opts.quiet;
  const auto result = run_sweep_job(session, job);
  if (!result.complete) return;
  InterruptGuard::check();
  analysis::SensitivityReport rep;
  try {
    rep = analyse(*study, *result.plan, result.path, result.seconds);
  } catch (const analysis::InputError& e) {
    throw std::runtime_error(e.what());
  }
  store_indices(result.path, rep);
  analysis::write_sensitivity_csv(rep, (fs::path(dir) / "indices.csv").string());
  analysis::write_sensitivity_json(rep, (fs::path(dir) / "indices.json").string());
  analysis::write_sensitivity_html(rep, (fs::path(dir) / "report.html").string());
  if (!opts.quiet) {
    for (const auto& o : rep.outputs) std::cout << analysis::ranking_sentence(rep, o) << "\n";
    std::cout << fmt::format(
        "\nWrote {}/ (indices.csv, indices.json, report.html, sensitivity.h5) in {:.1f} s.\n", dir,
        result.seconds);
  }
}

}  // namespace

void register_sensitivity_commands(CLI::App& app) {
  auto opts = std::make_shared<SensitivityOptions>();
  auto* cmd = app.add_subcommand(
      "sensitivity", "Which parameters move an output: Sobol indices, Morris screening or one at a time");
  cmd->add_option("study", opts->study, "The sensitivity study (.toml); see docs/sensitivity.md")
      ->required()
      ->type_name("SENS.toml");
  cmd->add_option(
         "-o,--output", opts->output,
         "Output folder (default <study name>-sensitivity/): indices.csv, indices.json, report.html, "
         "sensitivity.h5")
      ->type_name("DIR");
  cmd->add_option("-r,--replications", opts->replications,
                  "Replications per point (default: the study's `replications`, else the scenario's)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("-j,--threads", opts->threads,
                  "Worker threads per rank (default 0: all cores; at most 256). Results do not depend on it.")
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--resume", opts->resume, "Finish the study's runs in DIR/sensitivity.h5.part");
  cmd->add_option("--max-memory", opts->max_memory, "Refuse a study whose largest point needs more than SIZE")
      ->type_name("SIZE");
  cmd->add_option(
         "--max-disk", opts->max_disk,
         "Refuse a study whose runs file would exceed SIZE (default: the free space of its file system)")
      ->type_name("SIZE");
  cmd->add_flag("-q,--quiet", opts->quiet, "No progress and no summary");
  cmd->footer(
      "The study's points run as a sweep (docs/sweeps.md): on threads, or with `mpirun -n K tlm sensitivity "
      "…`\n"
      "on MPI ranks, every point on the same replications' random numbers; Ctrl-C keeps the finished runs "
      "for\n"
      "--resume. Exit codes: 0 done, 2 bad input, 3 some runs failed, 130 interrupted. See "
      "docs/sensitivity.md.");
  cmd->callback([opts] { run_sensitivity_command(*opts); });
}

}  // namespace tlm::app
