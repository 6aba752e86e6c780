// `tlm compare` and `tlm report` (of a results or a sweep file): thin wiring of the run machinery
// (commands_run.cpp) and analysis/.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/analysis.hpp"
#include "app/commands.hpp"
#include "app/commands_posterior.hpp"
#include "models/scenario.hpp"
#include "sim/h5writer.hpp"
#include "sim/output_path.hpp"

namespace tlm::app {
namespace {

struct CompareOptions {
  RunOptions run;
  std::vector<std::string> scenarios;  // BASE ALT...
  std::string out_dir;
  std::vector<int> years;
  std::string lang = "en";  // --lang: of report.html
  std::string posterior;    // --posterior calib.h5: on draws of a calibration's posterior
  int draws = 20;
  bool draws_given = false;
};

struct EffectsOptions {
  std::string results;
  std::string out_dir;
  std::vector<int> years;
  std::string lang = "en";  // --lang: of the terminal table
};

struct ReportOptions {
  std::string results;
  std::string output;
  std::vector<int> years;
  std::string lang = "en";
};

// A scenario argument may be a path ("scenarios/x.toml") or an embedded name: its stem names it.
std::string stem_of(const std::string& scenario) {
  return std::filesystem::path(scenario).stem().string();
}

// compare-<base>-vs-<alt>[-<alt>...], or plain "compare" when that would be unwieldy.
std::string default_compare_dir(const std::vector<std::string>& scenarios) {
  std::string d = "compare-" + stem_of(scenarios.front()) + "-vs";
  for (std::size_t i = 1; i < scenarios.size(); ++i) d += "-" + stem_of(scenarios[i]);
  return d.size() <= 80 ? d : "compare";
}

namespace fs = std::filesystem;

// The files `tlm compare` writes into its output folder.
const std::vector<std::string> kCompareFiles{"results.h5", "effects.csv", "effects.json", "report.html"};

// `tlm compare`'s output folder, written whole or not at all. Everything goes into a staging folder,
// <out>.tmp<pid> beside a new output folder (renamed into place at the end) or .tlm-compare.tmp<pid> inside
// an existing one (its files renamed over the old ones at the end). Unless committed, the staging folder and
// the folders made for it are removed: a failure or Ctrl-C leaves no trace and an existing folder as it was.
class StagedFolder {
 public:
  explicit StagedFolder(const std::string& out_dir) : shown_(out_dir) {
    out_ = fs::path(out_dir);
    if (!out_.has_filename() && out_.has_parent_path() && out_ != out_.root_path()) out_ = out_.parent_path();
    std::error_code ec;
    const auto status = fs::status(out_, ec);
    existed_ = fs::exists(status);
    if (existed_ && !fs::is_directory(status))
      throw BadInput(
          fmt::format("{}: cannot create the output folder: it exists and is not a folder", out_dir));
    fs::path base;
    if (existed_) {
      // Only regular files (or nothing) are replaced: never a folder, a link or a FIFO under those names.
      for (const auto& name : kCompareFiles) {
        const auto st = fs::symlink_status(out_ / name, ec);
        if (!ec && fs::exists(st) && !fs::is_regular_file(st))
          throw BadInput(
              fmt::format("cannot write {}: it exists and is not a regular file", (out_ / name).string()));
      }
      base = out_ / ".tlm-compare";
    } else {
      const fs::path parent = out_.has_parent_path() ? out_.parent_path() : fs::path(".");
      for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        created_.push_back(p);
        if (p == p.parent_path()) break;
      }
      fs::create_directories(parent, ec);
      if (ec) {
        remove_created();
        throw BadInput(fmt::format("{}: cannot create the output folder: {}", out_dir, ec.message()));
      }
      base = out_;
    }
    for (const auto& t : remove_dead(base))
      std::cerr << "tlm: removed " << t << ", the temporary folder of a compare that died\n";
    for (int attempt = 0; attempt < 100; ++attempt) {
      staging_ = attempt == 0
                     ? fmt::format("{}.tmp{}", base.string(), static_cast<long>(::getpid()))
                     : fmt::format("{}.tmp{}.{}", base.string(), static_cast<long>(::getpid()), attempt);
      if (::mkdir(staging_.c_str(), 0755) == 0) return;
      if (errno == EEXIST) continue;
      const std::string reason = std::strerror(errno);
      remove_created();
      throw BadInput(fmt::format("{}: cannot create the output folder: {}", out_dir, reason));
    }
    remove_created();
    throw BadInput(fmt::format("{}: cannot create the output folder: no free temporary name", out_dir));
  }
  ~StagedFolder() {
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);
    remove_created();
  }
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  const std::string& path() const { return staging_; }
  // Moves the staged files into place: the point after which the command has finished (the caller ignores
  // stop signals from here, InterruptGuard::finished()).
  void commit() {
    std::error_code ec;
    if (!existed_ && !fs::exists(out_, ec)) {
      fs::rename(staging_, out_, ec);
      if (!ec) {
        committed_ = true;
        return;
      }
      if (!fs::is_directory(out_))
        throw std::runtime_error(fmt::format("cannot write {}: {}", shown_, ec.message()));
    }
    // An existing folder: file by file, each replaced atomically.
    for (const auto& name : kCompareFiles) {
      fs::rename(fs::path(staging_) / name, out_ / name, ec);
      if (ec)
        throw std::runtime_error(fmt::format("cannot write {}: {}", (out_ / name).string(), ec.message()));
    }
    committed_ = true;
    fs::remove_all(staging_, ec);
  }

  // A message about the staging folder, told about the output folder.
  std::string shown_message(std::string text) const {
    for (auto pos = text.find(staging_); pos != std::string::npos; pos = text.find(staging_, pos))
      text.replace(pos, staging_.size(), out_.string());
    return text;
  }

 private:
  void remove_created() noexcept {
    std::error_code ec;
    for (const auto& p : created_) fs::remove(p, ec);  // deepest first; only while empty
    created_.clear();
  }

  // Whether `dir` holds nothing but what a compare writes (its files and their temporaries, regular files): a
  // folder of the user's that happens to be named like a staging folder is never removed.
  static bool only_compare_files(const fs::path& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      std::error_code st_ec;
      if (!fs::is_regular_file(fs::symlink_status(it->path(), st_ec))) return false;
      const bool ours = std::any_of(kCompareFiles.begin(), kCompareFiles.end(), [&](const std::string& f) {
        return name == f || name.rfind(f + ".tmp", 0) == 0;
      });
      if (!ours) return false;
    }
    return !ec;
  }

  // Staging folders <base>.tmp<pid>[.<n>] of compares that died (pid not alive): real folders, never links.
  static std::vector<std::string> remove_dead(const fs::path& base) {
    std::vector<std::string> removed;
    for (const auto& path : sim::dead_temporaries(base.string())) {
      std::error_code ec;
      if (!fs::is_directory(fs::symlink_status(path, ec)) || !only_compare_files(path)) continue;
      if (fs::remove_all(path, ec) > 0 && !ec) removed.push_back(path);
    }
    return removed;
  }

  std::string shown_;
  fs::path out_;
  std::string staging_;
  bool existed_ = false;
  bool committed_ = false;
  std::vector<fs::path> created_;  // folders made for the staging folder, deepest first
};

// analysis/ reports bad input as InputError; to the command that is exit code 2 like any bad input.
template <class F>
void as_bad_input(F&& f) {
  try {
    f();
  } catch (const analysis::InputError& e) {
    throw BadInput(e.what());
  }
}

// What a comparison cannot use, refused before anything runs (issue 14): scenarios of other years (their
// effects and FTE-years would not be comparable) and --years outside the years they record.
void check_compare_plan(const std::vector<RunOptions::Planned>& planned, const std::vector<int>& years) {
  const auto& base = planned.front();
  for (const auto& p : planned)
    if (p.start != base.start || p.end != base.end)
      throw BadInput(fmt::format(
          "compare: {} runs {}–{} but the base {} runs {}–{}; a comparison needs the same years (set "
          "years.start and years.end alike)",
          p.group, p.start, p.end, base.group, base.start, base.end));
  for (int y : years)
    if (y < base.start || y > base.end)
      throw BadInput(fmt::format("--years {}: the scenarios record {}–{} only", y, base.start, base.end));
}

void run_compare(CompareOptions& o) {
  if (o.scenarios.size() < 2) throw BadInput("compare needs a base scenario and at least one alternative");
  const analysis::Lang lang = lang_option(o.lang);
  o.run.check_plan = [years = o.years](const std::vector<RunOptions::Planned>& planned) {
    check_compare_plan(planned, years);
  };
  if (o.out_dir.empty()) o.out_dir = default_compare_dir(o.scenarios);
  if (o.posterior.empty() && o.draws_given)
    throw BadInput("--draws is for --posterior (the draws of a calibration's posterior)");
  if (!o.posterior.empty()) {
    if (!o.run.overrides.empty() || o.run.seed)
      throw BadInput("--posterior takes no --set or --seed: write a scenario file that extends the base");
    PosteriorCompareOptions p;
    p.scenarios = o.scenarios;
    p.posterior = o.posterior;
    p.draws = o.draws;
    p.replications = o.run.replications;
    p.threads = o.run.threads;
    p.max_memory = o.run.max_memory;
    p.out_dir = o.out_dir;
    p.years = o.years;
    p.quiet = o.run.quiet;
    p.lang = lang;
    run_posterior_compare(p);
    return;
  }
  // Ctrl-C anywhere from here (the runs, the analysis) stops the command with nothing written.
  InterruptGuard guard;
  StagedFolder folder(o.out_dir);
  o.run.scenarios = o.scenarios;
  o.run.analysed = true;
  o.run.output = (fs::path(folder.path()) / "results.h5").string();
  analysis::Comparison comparison;
  try {
    // The same scenario twice (`tlm compare X X`) is allowed: the second group is named X#2.
    const std::string path = run_scenarios(o.run, true);
    as_bad_input([&] {
      // The report names the results file where it will be, not in the staging folder.
      comparison = analysis::write_comparison(
          path, o.years, folder.path(), [] { InterruptGuard::check(); },
          (fs::path(o.out_dir) / "results.h5").string(), lang);
    });
    InterruptGuard::check();
    guard.finished();
    folder.commit();
  } catch (const BadInput& e) {
    throw BadInput(folder.shown_message(e.what()));
  } catch (const Interrupted&) {
    throw;
  } catch (const models::ScenarioErrors&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(folder.shown_message(e.what()));
  }
  analysis::print_comparison(std::cout, comparison, o.out_dir, o.run.quiet, lang);
}

void run_effects(EffectsOptions& o) {
  const analysis::Lang lang = lang_option(o.lang);
  if (!std::filesystem::exists(o.results)) throw BadInput(fmt::format("{}: no such file", o.results));
  if (o.out_dir.empty()) {
    const auto parent = std::filesystem::path(o.results).parent_path();
    o.out_dir = parent.empty() ? "." : parent.string();
  }
  // Its files replace only regular files, and never the results file (checked before any work).
  if (auto why = sim::outputs_problem(o.out_dir, {"effects.csv", "effects.json"}, {o.results}); !why.empty())
    throw BadInput(why);
  // A folder made here goes again when the file is refused (or the writing fails) with nothing in it.
  sim::MadeFolder made;
  if (auto why = made.make(o.out_dir); !why.empty())
    throw BadInput(fmt::format("{}: cannot create the output folder: {}", o.out_dir, why));
  analysis::Comparison c;
  as_bad_input([&] { c = analysis::write_effects_files(o.results, o.years, o.out_dir); });
  analysis::print_effects(std::cout, c.effects, c.costs, lang);
  const auto dir = std::filesystem::path(o.out_dir);
  std::cout << "\n"
            << fmt::format(fmt::runtime(analysis::words(lang).t_wrote_two), (dir / "effects.csv").string(),
                           (dir / "effects.json").string())
            << "\n";
}

void run_report(ReportOptions& o) {
  const analysis::Lang lang = lang_option(o.lang);
  if (!std::filesystem::exists(o.results)) throw BadInput(fmt::format("{}: no such file", o.results));
  if (o.output.empty()) {
    // A calibration's report has the name `tlm calibrate` gives it (calib.h5 -> calib.report.html), so that
    // writing it again replaces that one.
    const bool calibration = analysis::is_calibration_file(o.results);
    o.output =
        std::filesystem::path(o.results).replace_extension(calibration ? ".report.html" : ".html").string();
  }
  std::error_code ec;
  if (std::filesystem::equivalent(o.results, o.output, ec))
    throw BadInput(
        fmt::format("{}: the report would overwrite its own results file; give -o another name", o.output));
  // A link, a FIFO or a device (/dev/null) under that name is never replaced.
  if (auto why = sim::output_problem(o.output); !why.empty()) throw BadInput(why);
  as_bad_input([&] { analysis::write_report(o.results, o.output, o.years, {}, lang); });
  std::cout << "Wrote " << o.output << '\n';
}

}  // namespace

void register_analysis_commands(CLI::App& app) {
  // CLI11 keeps references to the option storage: it must live as long as the app.
  auto cmp = std::make_shared<CompareOptions>();
  CLI::App* c = app.add_subcommand(
      "compare",
      "Run BASE and each ALT and report the effects of ALT vs BASE, paired run by run where they share seed, "
      "replications and start world, else unpaired (effects.csv, effects.json, report.html in the output "
      "folder)");
  c->add_option("scenarios", cmp->scenarios, "BASE then ALT ...: scenario files or embedded names")
      ->required()
      ->expected(2, -1);
  add_run_options(*c, cmp->run);
  c->add_option("-o,--output", cmp->out_dir,
                "Output folder (default compare-<base>-vs-<alt>...; results.h5 goes inside it)");
  c->add_option("--years", cmp->years,
                "Years of the per-year effects, e.g. 2030,2035 (default start+5, start+10, end)")
      ->delimiter(',');
  c->add_option("--lang", cmp->lang,
                "Language of report.html and of the terminal table (with -q its summary): en (English, the "
                "default) or nl (Dutch)");
  c->add_option("--posterior", cmp->posterior,
                "Run on draws of this calibration's posterior (tlm calibrate's file): each effect with an "
                "interval that holds the parameters' uncertainty, and the simulation noise apart")
      ->type_name("CALIB.h5");
  c->add_option("--draws", cmp->draws, "With --posterior: the posterior draws (default 20)")
      ->check(CLI::Range(2, 10000))
      ->each([cmp](const std::string&) { cmp->draws_given = true; });
  c->callback([cmp] { run_compare(*cmp); });

  auto eff = std::make_shared<EffectsOptions>();
  CLI::App* e = app.add_subcommand(
      "effects",
      "Rebuild effects.csv, effects.json and the effects table from a results file of several scenarios "
      "(the first is the base), as tlm compare makes them, without running anything");
  e->add_option("results", eff->results,
                "RESULTS.h5 written by tlm compare or tlm run; an unfinished one (a run still writing it or "
                "killed) is refused")
      ->required();
  e->add_option("-o,--output", eff->out_dir, "Output folder (default: the folder of RESULTS.h5)");
  e->add_option("--years", eff->years,
                "Years of the per-year effects, e.g. 2030,2035 (default start+5, start+10, end)")
      ->delimiter(',');
  e->add_option("--lang", eff->lang,
                "Language of the terminal table: en (English, the default) or nl (Dutch)");
  e->callback([eff] { run_effects(*eff); });

  auto rep = std::make_shared<ReportOptions>();
  CLI::App* r = app.add_subcommand(
      "report",
      "Write the HTML report of a results file; of a sweep file (each headline against each parameter, "
      "under the base and as each alternative's paired effect); or of a calibration file (each target "
      "measured against simulated before and after the fit, the posteriors, the generations)");
  r->add_option(
       "results", rep->results,
       "RESULTS.h5 written by tlm run or tlm compare (an unfinished one, of a run still writing it or "
       "killed, is refused), SWEEP.h5 by tlm sweep (an unfinished SWEEP.h5.part too: its done tasks), "
       "or CALIB.h5 by tlm calibrate")
      ->required();
  r->add_option("-o,--output", rep->output,
                "HTML file (default: RESULTS with .html; a calibration file CALIB.h5: CALIB.report.html)");
  r->add_option("--years", rep->years,
                "Years of the summary and effects, e.g. 2030,2035 (a sweep: of its shortage charts; default "
                "start+5 and the last year; a calibration: not used)")
      ->delimiter(',');
  r->add_option("--lang", rep->lang,
                "Language of the report (of a results, sweep or calibration file): en (English, the default) "
                "or nl (Dutch)");
  r->callback([rep] { run_report(*rep); });
}

}  // namespace tlm::app
