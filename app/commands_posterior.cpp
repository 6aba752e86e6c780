// `tlm compare BASE ALT ... --posterior calib.h5 [--draws K]`: every scenario on K draws of a calibration's
// posterior × R replications, on common random numbers, as one sweep (app/sweep_job.hpp); each effect with an
// interval that holds the parameters' uncertainty, and apart from it the part that is simulation noise
// (docs/calibration.md, "Effects with parameter uncertainty").
#include "app/commands_posterior.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/calibration_results.hpp"
#include "analysis/effects.hpp"
#include "analysis/format.hpp"
#include "analysis/headlines.hpp"
#include "analysis/page.hpp"
#include "analysis/report_text.hpp"
#include "analysis/stats.hpp"
#include "analysis/sweep_results.hpp"
#include "app/sweep_job.hpp"
#include "experiment/design.hpp"
#include "experiment/sweep_file.hpp"
#include "models/scenario.hpp"
#include "sim/output_path.hpp"
#include "tlm_version.hpp"  // TLM_VERSION, generated at build time (cmake/version.cmake)

namespace tlm::app {
namespace {

namespace fs = std::filesystem;

constexpr int kDefaultReplications = 5;
// Fewer draws than this: the parameter part of an interval is rough (said on the terminal).
constexpr int kFewDraws = 10;

// z of a two-sided 90% normal interval.
constexpr double kZ90 = 1.6448536269514722;

// One effect over the posterior: ALT − BASE per draw and replication.
struct PosteriorEffect {
  analysis::Indicator what;  // the alternative's indicator (its values unused)
  std::string base, scenario;
  double base_mean = 0, alt_mean = 0;
  double mean = 0;          // over every draw and replication
  double lo = 0, hi = 0;    // 90%: with the parameters' uncertainty and the simulation noise
  double noise = 0;         // ± half-width of the 90% interval of simulation noise alone
  double noise_share = 0;   // of the interval's squared half-width, the noise's part (NaN: no width)
  double parameter_sd = 0;  // the sd of the effect over the posterior, the draws' own noise taken out
  std::size_t draws = 0, replications = 0;
};

// The digits that show an interval of this width: two significant ones of the width.
int decimals_for(double width) {
  if (!(width > 0) || !std::isfinite(width)) return 0;
  return std::clamp(1 - static_cast<int>(std::floor(std::log10(width))), 0, 6);
}

// An effect (signed) or the noise's half-width, in the indicator's unit (a share in percentage points), as
// the language writes numbers.
std::string shown(double v, const std::string& unit, double width, bool sign, analysis::Lang lang) {
  if (unit == "share") {
    const int d = decimals_for(width * 100.0);
    return analysis::localize(sign ? analysis::points(v, d) : analysis::thousands(100.0 * v, d) + " pp",
                              lang);
  }
  const int d = decimals_for(width);
  return analysis::localize(sign ? analysis::signed_thousands(v, d) : analysis::thousands(v, d), lang);
}
// The width that sets an effect's digits: its noise, else its interval, else its size (an effect of exactly
// 0 with no spread gets no decimals).
double digits_width(const PosteriorEffect& e) {
  if (e.noise > 0) return e.noise;
  if (e.hi > e.lo) return (e.hi - e.lo) / 2;
  return std::max(std::abs(e.mean), std::abs(e.base_mean)) / 100.0;
}

// A level (a share as a percentage).
std::string level(double v, const std::string& unit, double width, analysis::Lang lang) {
  return unit == "share" ? analysis::localize(analysis::percent(v, decimals_for(width * 100.0)), lang)
                         : shown(v, unit, width, false, lang);
}

// The page of a comparison on the posterior: what the two intervals are, then per alternative the settings
// it changes and every effect with both intervals.
std::string posterior_page(const analysis::SweepResults& s, const std::vector<PosteriorEffect>& effects,
                           const PosteriorCompareOptions& o, const PosteriorDraws& posterior,
                           const std::string& path, std::size_t parameters) {
  using analysis::html_escape;
  const analysis::Lang lang = o.lang;
  const auto& w = analysis::posterior_words(lang);
  const auto f = [](const char* text, const auto&... args) {
    return fmt::format(fmt::runtime(text), args...);
  };
  const std::string& base = s.variants[0];
  std::string html = analysis::page_head(f(w.title, base), analysis::words(lang).code);
  html += fmt::format("<h1>{}</h1>\n", f(w.h1, html_escape(base)));
  html += analysis::page_provenance(path, TLM_VERSION, now_iso8601(), command_line(), lang);
  html += fmt::format("<p>{}</p>\n<p>{}</p>\n",
                      f(w.intro, analysis::localize(analysis::thousands(static_cast<double>(s.points)), lang),
                        html_escape(o.posterior), posterior.generation, parameters,
                        analysis::localize(analysis::thousands(static_cast<double>(s.replications)), lang)),
                      w.intervals);
  for (std::size_t v = 1; v < s.variants.size(); ++v) {
    const std::string& alt = s.variants[v];
    html += fmt::format("<h2>{}</h2>\n", f(w.h_alt, html_escape(alt), html_escape(base)));
    html += analysis::settings_table(base, s.scenarios.at(base), alt, s.scenarios.at(alt), {}, lang);
    html += fmt::format(
        "<table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th></tr></thead><tbody>\n",
        w.outcome, w.base, w.alternative, w.effect, w.with_parameters, w.noise_alone, w.noise_share);
    for (const auto& e : effects) {
      if (e.scenario != alt) continue;
      const double width = digits_width(e);
      const std::string& unit = e.what.unit;
      html += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num\">± {}</td><td class=\"num\">{}</td></tr>\n",
          html_escape(analysis::indicator_label(e.what, lang)),
          html_escape(level(e.base_mean, unit, width, lang)),
          html_escape(level(e.alt_mean, unit, width, lang)),
          html_escape(shown(e.mean, unit, width, true, lang)),
          f(w.range, html_escape(shown(e.lo, unit, width, true, lang)),
            html_escape(shown(e.hi, unit, width, true, lang))),
          html_escape(shown(e.noise, unit, width, false, lang)),
          std::isnan(e.noise_share) ? std::string("–") : fmt::format("{:.0f}%", 100.0 * e.noise_share));
    }
    html += "</tbody></table>\n";
  }
  return analysis::page_end(std::move(html));
}

}  // namespace

PosteriorDraws read_posterior(const std::string& path, int draws) {
  if (auto why = analysis::file_problem(path, "calibration file"); !why.empty()) throw BadInput(why);
  if (!analysis::is_calibration_file(path))
    throw BadInput(fmt::format(
        "{}: not a calibration file of tlm calibrate (its attribute kind is not \"calibration\")", path));
  analysis::CalibrationResults c;
  try {
    c = analysis::load_calibration_results(path);
  } catch (const analysis::InputError& e) {
    throw BadInput(e.what());
  }
  if (c.generations.empty()) throw BadInput(fmt::format("{}: the calibration has no generations", path));
  PosteriorDraws out;
  for (const auto& p : c.parameters) out.keys.push_back(p.key);
  out.generation = c.generations.size() - 1;
  out.calibration = c.calibration;
  const auto& g = c.generations.back();
  const std::size_t n = g.particles, k = c.k();
  // Systematic resampling by weight: draw i is the particle at cumulative weight (i + ½) / K. No random
  // numbers, and the K draws follow the weights as closely as K allows.
  std::vector<double> cumulative;
  double total = 0.0;
  for (const double w : g.weight) cumulative.push_back(total += w);
  if (n == 0 || !(total > 0))
    throw BadInput(fmt::format("{}: the last generation has no particle with weight", path));
  for (int i = 0; i < draws; ++i) {
    const double at = (i + 0.5) / draws * total;
    const auto j = std::min<std::size_t>(
        static_cast<std::size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), at) -
                                 cumulative.begin()),
        n - 1);
    out.particles.push_back(j);
    out.values.emplace_back(g.values.begin() + static_cast<std::ptrdiff_t>(j * k),
                            g.values.begin() + static_cast<std::ptrdiff_t>((j + 1) * k));
  }
  return out;
}

void run_posterior_compare(const PosteriorCompareOptions& o) {
  const experiment::mpi::Session session;
  const bool leader = session.rank() == 0;
  const InterruptGuard guard;
  if (o.scenarios.size() < 2) throw BadInput("compare needs a base scenario and at least one alternative");
  if (o.replications && *o.replications < 2)
    throw BadInput(
        "--posterior needs at least 2 replications per draw (-r): the simulation noise is measured "
        "over them");
  const auto posterior = read_posterior(o.posterior, o.draws);
  if (o.draws < kFewDraws && !o.quiet && leader)
    std::cerr << fmt::format(fmt::runtime(analysis::posterior_words(o.lang).few_draws), o.draws, kFewDraws);

  // The design: the posterior's draws as points of a given design. Scenario names are as on the command
  // line (a path from the working folder, or an embedded name).
  experiment::Design d;
  d.path = (fs::current_path() / "posterior").string();
  d.text = fmt::format("# {} draws of the last generation ({}) of {}\n{}", o.draws, posterior.generation,
                       o.posterior, posterior.calibration);
  d.scenario = o.scenarios[0];
  d.scenario_where.file = o.posterior;
  d.alternatives.assign(o.scenarios.begin() + 1, o.scenarios.end());
  d.alternative_where.assign(d.alternatives.size(), d.scenario_where);
  // Five replications per draw unless asked: the draws, not the replications, carry the parameters.
  d.replications = o.replications.value_or(kDefaultReplications);
  d.kind = experiment::DesignKind::Given;
  // The latest start of the scenarios (plan_sweep checks them all; here a file that does not load is left to
  // it).
  int latest_start = 0;
  std::string latest;
  std::optional<models::Params> first;
  for (const auto& name : o.scenarios) {
    try {
      const auto p = models::load_scenario(experiment::scenario_source(name, d.path)).params;
      if (!first) first = p;
      if (p.years.start != first->years.start || p.years.end != first->years.end)
        throw BadInput(fmt::format("{} covers {}–{}, the base {} {}–{}: a comparison needs the same years",
                                   p.name, p.years.start, p.years.end, first->name, first->years.start,
                                   first->years.end));
      if (p.years.start > latest_start) {
        latest_start = p.years.start;
        latest = p.name;
      }
    } catch (const models::ScenarioErrors&) {
    }
  }
  std::vector<std::size_t> used;  // the posterior's parameters that apply
  for (std::size_t j = 0; j < posterior.keys.size(); ++j) {
    const std::string& key = posterior.keys[j];
    // An entry of a year table for a year before a scenario starts is history that run does not simulate
    // (nl-history's 2024 demand change): set on a later start it would become the value of every later year.
    const std::string last = key.substr(key.rfind('.') + 1);
    if (!last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        last.size() <= 4 && std::stoi(last) < latest_start) {
      if (leader && !o.quiet)
        std::cerr << fmt::format(fmt::runtime(analysis::posterior_words(o.lang).not_applied), key, last,
                                 latest, latest_start);
      continue;
    }
    used.push_back(j);
    experiment::DesignParameter p;
    p.key = key;
    p.where = d.scenario_where;
    double lo = posterior.values[0][j], hi = lo;
    for (const auto& v : posterior.values) {
      lo = std::min(lo, v[j]);
      hi = std::max(hi, v[j]);
    }
    p.low = lo;
    p.high = hi > lo ? hi : lo + std::max(1e-12, std::abs(lo) * 1e-12);
    d.parameters.push_back(std::move(p));
  }
  if (d.parameters.empty())
    throw BadInput(fmt::format("{}: none of its parameters applies to {}", o.posterior, d.scenario));
  for (const auto& v : posterior.values) {
    std::vector<double> u;
    for (std::size_t i = 0; i < used.size(); ++i) {
      const auto& p = d.parameters[i];
      u.push_back((v[used[i]] - *p.low) / (*p.high - *p.low));
    }
    d.unit.push_back(std::move(u));
  }

  const std::string out_dir = o.out_dir;
  // Made for this comparison: removed again when it is refused before anything is in it.
  sim::MadeFolder made_dir;
  if (leader) {
    // The files written after the runs replace only regular files: checked before the runs.
    if (auto why =
            sim::outputs_problem(out_dir, {"effects.csv", "effects.json", "report.html"}, {o.posterior});
        !why.empty())
      throw BadInput(why);
    if (auto why = made_dir.make(out_dir); !why.empty())
      throw BadInput(fmt::format("{}: cannot create the output folder: {}", out_dir, why));
  }
  SweepJob job;
  job.name = "tlm compare";
  job.what = "posterior comparison";
  job.plan = [&] {
    experiment::SweepRequest request;
    request.replications = d.replications;
    return experiment::plan_sweep(d, request);
  };
  job.output = (fs::path(out_dir) / "posterior.h5").string();
  // A comparison stopped by Ctrl-C keeps OUT/posterior.h5.part; the same command finishes it (the sweep's
  // identity check refuses other draws, replications or scenarios, naming what differs).
  const std::uint64_t unfinished = leader && fs::exists(experiment::SweepFile::part_path(job.output))
                                       ? std::uint64_t{1}
                                       : std::uint64_t{0};
  job.resume = session.broadcast(unfinished) == 1;
  job.resume_command = command_line();
  job.threads = o.threads;
  job.max_memory = o.max_memory;
  job.analysed = true;
  job.lower = "lower -r or --draws, or give -o a file system with room";
  job.quiet = o.quiet;
  const auto result = run_sweep_job(session, job);
  if (!leader) return;

  const std::vector<std::string>& metrics = analysis::headline_metrics();
  analysis::SweepResults s;
  try {
    s = analysis::load_sweep(result.path, metrics, analysis::optional_headline_metrics(), true);
  } catch (const analysis::InputError& e) {
    throw std::runtime_error(e.what());
  }
  const std::size_t K = s.points, R = s.replications;
  // Per variant, draw and indicator key: the replications' values.
  std::vector<std::vector<std::vector<analysis::Indicator>>> ind(s.variants.size());
  std::vector<int> years = o.years;
  for (std::size_t v = 0; v < s.variants.size(); ++v)
    for (std::size_t k = 0; k < K; ++k) {
      const auto r = analysis::sweep_point(s, s.variants[v], k);
      if (years.empty()) years = analysis::default_years(r);
      try {
        ind[v].push_back(analysis::indicators(r, years));
      } catch (const analysis::InputError& e) {
        throw BadInput(e.what());
      }
    }
  std::vector<PosteriorEffect> effects;
  for (std::size_t v = 1; v < s.variants.size(); ++v) {
    for (const auto& a : ind[v][0]) {
      const auto b =
          std::find_if(ind[0][0].begin(), ind[0][0].end(), [&](const auto& x) { return x.key() == a.key(); });
      if (b == ind[0][0].end()) continue;
      const auto bi = static_cast<std::size_t>(b - ind[0][0].begin());
      const auto ai = static_cast<std::size_t>(&a - ind[v][0].data());
      PosteriorEffect e;
      e.what = a;
      e.base = s.variants[0];
      e.scenario = s.variants[v];
      // d[k][r] = ALT − BASE at draw k, replication r, over the draws with every replication defined. Every
      // draw runs the same replications' random numbers: d = μ + a_k (the parameters) + b_r (noise shared by
      // the draws) + e_kr (noise particular to a draw), a two-way layout without repeats.
      std::vector<std::vector<double>> d;
      std::vector<double> bases, alts;
      for (std::size_t k = 0; k < K; ++k) {
        std::vector<double> row;
        for (std::size_t r = 0; r < R; ++r) {
          const double x = ind[v][k][ai].values[r], y = ind[0][k][bi].values[r];
          if (std::isnan(x) || std::isnan(y)) break;
          row.push_back(x - y);
        }
        if (row.size() != R) continue;
        d.push_back(std::move(row));
        for (std::size_t r = 0; r < R; ++r) {
          alts.push_back(ind[v][k][ai].values[r]);
          bases.push_back(ind[0][k][bi].values[r]);
        }
      }
      if (d.size() < 2 || R < 2) continue;
      const auto spread = analysis::posterior_spread(d, 0.90);
      e.draws = d.size();
      e.replications = R;
      e.mean = spread.mean;
      e.base_mean = analysis::mean(bases);
      e.alt_mean = analysis::mean(alts);
      e.parameter_sd = spread.parameter_sd;
      // With the parameters: their spread of the effect (normal approximation) added in quadrature to the
      // noise, so that the interval is never narrower than the noise's alone.
      e.noise = spread.noise_halfwidth;
      const double half = std::sqrt(kZ90 * kZ90 * e.parameter_sd * e.parameter_sd + e.noise * e.noise);
      e.lo = e.mean - half;
      e.hi = e.mean + half;
      e.noise_share = half > 0 ? e.noise * e.noise / (half * half) : std::numeric_limits<double>::quiet_NaN();
      effects.push_back(std::move(e));
    }
  }

  // effects.csv and effects.json
  std::string csv =
      "base,scenario,indicator,metric,sector,route,programme,subject,year,unit,base_mean,alt_mean,effect,"
      "lo90_posterior,hi90_posterior,noise90_halfwidth,noise_share,parameter_sd,draws,replications\n";
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : effects) {
    const auto& i = e.what;
    csv += fmt::format("{},{},\"{}\",{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", e.base,
                       e.scenario, analysis::indicator_label(i), i.metric, i.sector, i.route, i.programme,
                       i.subject, i.year ? std::to_string(*i.year) : std::string(), i.unit, e.base_mean,
                       e.alt_mean, e.mean, e.lo, e.hi, e.noise,
                       std::isnan(e.noise_share) ? std::string() : fmt::format("{}", e.noise_share),
                       e.parameter_sd, e.draws, e.replications);
    rows.push_back(
        {{"base", e.base},
         {"scenario", e.scenario},
         {"indicator", analysis::indicator_label(i)},
         {"metric", i.metric},
         {"sector", i.sector},
         {"route", i.route},
         {"programme", i.programme},
         {"subject", i.subject},
         {"year", i.year ? nlohmann::json(*i.year) : nlohmann::json(nullptr)},
         {"unit", i.unit},
         {"base_mean", e.base_mean},
         {"alt_mean", e.alt_mean},
         {"effect", e.mean},
         {"lo90_posterior", e.lo},
         {"hi90_posterior", e.hi},
         {"noise90_halfwidth", e.noise},
         {"noise_share", std::isnan(e.noise_share) ? nlohmann::json(nullptr) : nlohmann::json(e.noise_share)},
         {"parameter_sd", e.parameter_sd},
         {"draws", e.draws},
         {"replications", e.replications}});
  }
  nlohmann::json doc = {
      {"posterior", o.posterior},
      {"generation", posterior.generation},
      {"draws", o.draws},
      {"replications", R},
      {"seed", s.seed},
      {"parameters",
       [&] {
         std::vector<std::string> keys;
         for (const auto& p : d.parameters) keys.push_back(p.key);
         return keys;
       }()},
      {"intervals",
       "lo90_posterior/hi90_posterior: the 90% interval of the effect with the calibration's parameter "
       "uncertainty: 1.645 parameter_sd (the sd of the draws' mean effects with their own noise taken out by "
       "the residual of the draws x replications layout) added in quadrature to noise90_halfwidth, the 90% "
       "t-interval of the mean effect from simulation noise alone over the replications (each averaged over "
       "the draws), as if the parameters were known; noise_share: the noise's part of the squared "
       "half-width"},
      {"effects", rows}};
  analysis::write_text_file((fs::path(out_dir) / "report.html").string(),
                            posterior_page(s, effects, o, posterior, result.path, d.parameters.size()));
  analysis::write_text_file((fs::path(out_dir) / "effects.csv").string(), csv);
  analysis::write_text_file((fs::path(out_dir) / "effects.json").string(), doc.dump(2) + "\n");
  if (o.quiet) return;

  const auto& w = analysis::posterior_words(o.lang);
  std::cout << fmt::format(fmt::runtime(w.t_intro), K, o.posterior, R, out_dir);
  std::string current;
  for (const auto& e : effects) {
    if (!e.what.subject.empty() || e.what.metric == "graduation_share" ||
        e.what.metric == "zij_completion_share")
      continue;  // the terminal keeps to the headlines; the files have every row
    if (e.scenario != current) {
      current = e.scenario;
      std::cout << fmt::format(fmt::runtime(w.t_vs), e.scenario, e.base);
    }
    const double width = digits_width(e);
    const auto& u = e.what.unit;
    // A Dutch number's decimal comma would read as the interval's separator: a semicolon there.
    std::cout << fmt::format("  {:<40} {:>10} [{}{} {}]  ± {}\n", analysis::indicator_label(e.what, o.lang),
                             shown(e.mean, u, width, true, o.lang), shown(e.lo, u, width, true, o.lang),
                             o.lang == analysis::Lang::nl ? ";" : ",", shown(e.hi, u, width, true, o.lang),
                             shown(e.noise, u, width, false, o.lang));
  }
  std::cout << fmt::format(fmt::runtime(w.t_wrote), out_dir);
}

}  // namespace tlm::app
