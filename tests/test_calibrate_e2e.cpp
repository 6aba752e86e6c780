// End-to-end runs of `tlm calibrate` on a small world (docs/calibration.md): ABC-SMC recovers a parameter
// from a target that a run at a known value produced; the posterior files and the fitted scenario are
// written; bad calibration files get exact messages.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <fmt/format.h>

#include "process.hpp"

using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;

using tlm::test::write_file;

namespace {

namespace fs = std::filesystem;

std::string tlm_bin() {
  return tlm::test::tlm_binary();
}

// As in test_sweep_e2e.cpp: more ranks than cores, CI runs as root, and OpenMPI's own leaks at exit.
std::string mpirun() {
  return "ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:detect_leaks=0\" mpirun --oversubscribe --allow-run-as-root ";
}

// A quick calibration of a small world: three generations of 10 particles, two targets.
void quick_calibration(const TempDir& dir, int generations = 3) {
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2029\n[world]\nscale = 0.1\n");
  write_file(dir / "q.toml", fmt::format(R"(scenario = "small.toml"
replications = 2
seed = 3
population = 10
generations = {}
min_acceptance = 0.0
[[parameter]]
key = "reserve.return"
low = 0.005
high = 0.1
scale = "log"
[[parameter]]
key = "teachers.attrition_scale.po"
low = 0.5
high = 2.0
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2028
value = 0.08
sd = 0.005
[[target]]
retention = "starters"
sector = "po"
k = 1
value = 0.93
sd = 0.02
)",
                                         generations));
}

// A 90% interval from the terminal summary of `tlm calibrate`: median, low, high.
std::array<double, 3> posterior_of(const std::string& out, const std::string& key) {
  std::smatch m;
  const std::regex re(std::regex_replace(key, std::regex(R"(\.)"), R"(\.)") +
                      R"(\s+([0-9.e-]+) \[([0-9.e-]+), ([0-9.e-]+)\])");
  if (!std::regex_search(out, m, re)) return {NAN, NAN, NAN};
  return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3])};
}

}  // namespace

TEST_CASE("calibrate recovers the reserve's return chance from the shortage it produced",
          "[e2e][calibrate]") {
  TempDir dir;
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2030\n[world]\nscale = 0.1\n");
  // The target: the po shortage rate in 2030 of the small world at reserve.return = 0.03, the mean of its 4
  // replications with seed 5 (tlm sweep; 0.08067). The calibration runs the same replications, so at 0.03 it
  // reproduces the target exactly; the sd (0.003, about the spread of one replication) sets how far around it
  // the posterior reaches.
  write_file(dir / "c.toml", R"(scenario = "small.toml"
replications = 4
seed = 5
population = 40
generations = 5
[[parameter]]
key = "reserve.return"
low = 0.005
high = 0.1
scale = "log"
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2030
value = 0.08067
sd = 0.003
label = "po shortage rate 2030"
)");
  const auto r = run(fmt::format("cd '{}' && '{}' calibrate c.toml -j 2 --write-scenario fitted.toml",
                                 dir.path().string(), tlm::test::tlm_binary()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // The posterior's 90% interval holds the value that made the target (fixed seeds: this is one run, checked
  // once; the prior's 90% interval is [0.0079, 0.086], so the data must have narrowed it to hold 0.03).
  std::smatch m;
  const std::string out = r.out;
  REQUIRE(
      std::regex_search(out, m, std::regex(R"(reserve\.return\s+([0-9.e-]+) \[([0-9.e-]+), ([0-9.e-]+)\])")));
  const double median = std::stod(m[1]), lo = std::stod(m[2]), hi = std::stod(m[3]);
  CHECK(lo <= 0.03);
  CHECK(hi >= 0.03);
  CHECK(hi / lo < 4.0);  // narrower than the prior's 0.086 / 0.0079 ≈ 11
  CHECK(median > 0.01);
  CHECK(median < 0.06);
  for (const char* f : {"c.h5", "c.posterior.csv", "c.generations.csv", "c.report.html", "fitted.toml"})
    CHECK(std::filesystem::exists(dir / f));
  // The report beside them (tests/test_calibration_report.cpp checks its numbers): the target and the median.
  const std::string report = read_file(dir / "c.report.html");
  CHECK(report.find("<td>po shortage rate 2030</td><td class=\"num\">0.08067</td>") != std::string::npos);
  CHECK(report.find(fmt::format("posterior median {:.4g}, 90% interval {:.4g} to {:.4g}", median, lo, hi)) !=
        std::string::npos);
  const std::string gens = read_file(dir / "c.generations.csv");
  CHECK(gens.rfind("generation,tolerance,proposals,accepted,acceptance_rate,ess\n0,inf,40,40,1,", 0) == 0);
  // The fitted scenario is a scenario: it validates and holds the median.
  const std::string fitted = read_file(dir / "fitted.toml");
  CHECK(fitted.find("name = \"fitted\"") != std::string::npos);
  CHECK(run(fmt::format("'{}' validate '{}'", tlm::test::tlm_binary(), dir / "fitted.toml")).exit_code == 0);
}

TEST_CASE("a bad calibration file: every problem with file, line and column", "[e2e][calibrate]") {
  TempDir dir;
  write_file(dir / "bad.toml",
             "scenario = \"nl-baseline\"\npopulation = 1\n[[parameter]]\nkey = \"reserve.return\"\nlow = "
             "0.01\nhigh = "
             "0.05\n[[target]]\nmetric = \"shortage_rate\"\nyear = 2030\nvalue = 0.08\nsd = 0.0\n");
  const auto r = run(fmt::format("'{}' calibrate '{}'", tlm::test::tlm_binary(), dir / "bad.toml"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == (dir / "bad.toml") + ":2:14: `population` must be in [2, 100000], got 1\n" +
                     (dir / "bad.toml") + ":11:6: `sd` must be above 0, got 0\n");
  CHECK_FALSE(std::filesystem::exists(dir / "bad.h5"));
}

TEST_CASE("calibrate recovers three parameters from measurements the model made at known values",
          "[e2e][calibrate]") {
  TempDir dir;
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2031\n[world]\nscale = 0.1\n");
  const std::string parameters = R"(
[[parameter]]
key = "reserve.return"
low = {}
high = {}
scale = "log"
[[parameter]]
key = "teachers.attrition_scale.po"
low = {}
high = {}
scale = "log"
[[parameter]]
key = "zij.dropout"
low = {}
high = {}
)";
  const std::string targets = R"(
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2028
value = {}
sd = 0.004
label = "po 2028"
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2031
value = {}
sd = 0.004
label = "po 2031"
[[target]]
retention = "starters"
sector = "po"
k = 1
value = {}
sd = 0.01
label = "po starters 1y"
[[target]]
retention = "zij"
k = 3
value = {}
sd = 0.02
label = "zij 3y"
)";
  // The "measurements": the simulated targets at the truth (reserve.return 0.03, attrition scale 1.3, zij
  // dropout 0.08), read from a calibration whose prior is the truth within a millionth.
  const double truth[3] = {0.03, 1.3, 0.08};
  auto around = [](double x) { return std::array<double, 2>{x * (1 - 1e-6), x * (1 + 1e-6)}; };
  const std::string head = "scenario = \"small.toml\"\nreplications = 3\nseed = 11\n";
  write_file(
      dir / "truth.toml",
      head + "population = 2\ngenerations = 1\n" +
          fmt::format(fmt::runtime(parameters), around(truth[0])[0], around(truth[0])[1], around(truth[1])[0],
                      around(truth[1])[1], around(truth[2])[0], around(truth[2])[1]) +
          fmt::format(fmt::runtime(targets), 0.1, 0.1, 0.9, 0.8));
  const auto t = run(fmt::format("cd '{}' && '{}' calibrate truth.toml -q", dir.path().string(), tlm_bin()));
  INFO(t.err);
  REQUIRE(t.exit_code == 0);
  // The posterior CSV: ..., simulated: po 2028, po 2031, po starters 1y, zij 3y (the last four columns).
  const std::string csv = read_file(dir / "truth.posterior.csv");
  const std::string row =
      csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1);
  std::vector<double> cols;
  std::stringstream ss(row);
  for (std::string c; std::getline(ss, c, ',');) cols.push_back(std::stod(c));
  REQUIRE(cols.size() >= 4);
  const std::vector<double> measured(cols.end() - 4, cols.end());
  // The calibration proper: wide priors; the same seed and replications as the measurement.
  write_file(dir / "fit.toml",
             head + "population = 60\ngenerations = 5\n" +
                 fmt::format(fmt::runtime(parameters), 0.005, 0.15, 0.6, 2.5, 0.0, 0.3) +
                 fmt::format(fmt::runtime(targets), measured[0], measured[1], measured[2], measured[3]));
  const auto r = run(fmt::format("cd '{}' && '{}' calibrate fit.toml -j 2", dir.path().string(), tlm_bin()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // Each truth inside its 90% posterior interval, each interval narrower than the prior's (fixed seeds: one
  // run, checked once). The prior's 90% intervals: reserve.return [0.0059, 0.127] (log), the scale
  // [0.64, 2.35] (log), zij dropout [0.015, 0.285].
  const char* keys[3] = {"reserve.return", "teachers.attrition_scale.po", "zij.dropout"};
  const double prior_width[3] = {std::log(0.127 / 0.0059), std::log(2.35 / 0.64), 0.27};
  for (int j = 0; j < 3; ++j) {
    INFO(keys[j]);
    const auto p = posterior_of(r.out, keys[j]);
    CHECK(p[1] <= truth[j]);
    CHECK(p[2] >= truth[j]);
    const double width = j < 2 ? std::log(p[2] / p[1]) : p[2] - p[1];
    CHECK(width < 0.75 * prior_width[j]);
  }
}

TEST_CASE("a calibration gives the same bits with 1 and 2 threads and on 2 MPI ranks",
          "[e2e][calibrate][mpi]") {
  TempDir dir;
  quick_calibration(dir);
  REQUIRE(run("command -v mpirun").exit_code == 0);  // scripts/setup installs openmpi-bin
  std::string first;
  for (const std::string how : {"-j 1", "-j 2", "mpi"}) {
    INFO(how);
    const std::string out = dir / (how == "mpi" ? std::string("m.h5") : fmt::format("t{}.h5", how.substr(3)));
    const std::string cmd =
        how == "mpi"
            ? mpirun() + "-n 2 " + tlm_bin() + " calibrate " + (dir / "q.toml") + " -j 1 -q -o " + out
            : tlm_bin() + " calibrate " + (dir / "q.toml") + " " + how + " -q -o " + out;
    const auto r = run(cmd);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(out.substr(0, out.size() - 3) + ".posterior.csv");
    if (first.empty())
      first = csv;
    else
      CHECK(csv == first);
  }
  CHECK(std::count(first.begin(), first.end(), '\n') > 20);  // three generations of 10 and the header
}

TEST_CASE("a calibration stopped by Ctrl-C resumes to the same posterior, unasked it is not overwritten",
          "[e2e][calibrate][resume][interrupt]") {
  TempDir dir;
  quick_calibration(dir, 4);
  REQUIRE(run(tlm_bin() + " calibrate " + (dir / "q.toml") + " -q -o " + (dir / "whole.h5")).exit_code == 0);
  const std::string out = dir / "k.h5";
  const pid_t pid = tlm::test::spawn_tlm({"calibrate", dir / "q.toml", "-q", "-j", "2", "-o", out});
  REQUIRE(pid > 0);
  // Stop it once its first batches are done (generation 0 and a batch of generation 1).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(out + ".runs/batch-0002.h5.part") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(kill(pid, SIGINT) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::exists(out + ".runs/batch-0000.h5"));
  const auto unasked = run(tlm_bin() + " calibrate " + (dir / "q.toml") + " -q -o " + out);
  CHECK(unasked.exit_code == 2);
  CHECK(unasked.err == "tlm: " + out +
                           ".runs holds an unfinished calibration; run with --resume to finish "
                           "it, or remove " +
                           out + ".runs to start again\n");
  const auto resumed = run(tlm_bin() + " calibrate " + (dir / "q.toml") + " --resume -q -o " + out);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(read_file(dir / "k.posterior.csv") == read_file(dir / "whole.posterior.csv"));
  CHECK(read_file(dir / "k.generations.csv") == read_file(dir / "whole.generations.csv"));
}

TEST_CASE("retention targets: k years after entry, of a route or the starters", "[e2e][calibrate]") {
  TempDir dir;
  quick_calibration(dir);
  std::string text = read_file(dir / "q.toml");
  text +=
      "[[target]]\nretention = \"starter\"\nk = 6\nvalue = 0.9\nsd = 0.1\n"
      "[[target]]\nmetric = \"shortage_rate\"\nk = 2\nyear = 2028\nvalue = 0.9\nsd = 0.1\n"
      "[[target]]\nretention = \"zij\"\nroute = \"zij\"\nk = 4\nvalue = 0.9\nsd = 0.1\n";
  write_file(dir / "bad.toml", text);
  const auto r = run(tlm_bin() + " calibrate " + (dir / "bad.toml") + " -q");
  CHECK(r.exit_code == 2);
  const std::string f = dir / "bad.toml";
  CHECK(r.err ==
        f +
            ":29:13: `retention` must be one of grad_so, grad_regular, zij, groenpluk, returner, "
            "starters, all, got \"starter\"\n" +
            f + ":30:5: `k` must be in [1, 5], got 6\n" + f +
            ":35:5: `k` is for `retention = \"<route>\"`\n" + f +
            ":40:13: retention needs at least 5 years after the start; the scenario has 2025–2029\n" + f +
            ":41:9: `retention` names the route; `route` is for metric = \"retention_5y\"\n");
}

TEST_CASE("compare --posterior: an interval with the parameters' uncertainty, and the noise apart",
          "[e2e][calibrate][compare]") {
  TempDir dir;
  quick_calibration(dir);
  REQUIRE(run(tlm_bin() + " calibrate " + (dir / "q.toml") + " -q -o " + (dir / "c.h5")).exit_code == 0);
  write_file(dir / "alt.toml",
             "extends = \"small.toml\"\nname = \"alt\"\n[induction]\nbase_quality = { po = 0.9, vo = 0.9, "
             "mbo = 0.9 }\n");
  const auto r =
      run(fmt::format("cd '{}' && '{}' compare small.toml alt.toml --posterior c.h5 --draws 5 -r 3 -o pc",
                      dir.path().string(), tlm_bin()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("[the 90% interval with the parameters' uncertainty]; ± the 90% interval of") !=
        std::string::npos);
  for (const char* f : {"pc/posterior.h5", "pc/effects.csv", "pc/effects.json", "pc/report.html"})
    CHECK(fs::exists(dir / f));
  // The page says which interval is which, and names what neither holds.
  const std::string page = read_file(dir / "pc/report.html");
  CHECK(page.find("<em>90% interval with parameter uncertainty</em>") != std::string::npos);
  CHECK(page.find("<em>simulation noise alone</em>") != std::string::npos);
  CHECK(page.find("Neither holds what the model leaves out") != std::string::npos);
  CHECK(page.find("<h2>alt against small</h2>") != std::string::npos);
  // Every effect: the interval over the posterior is at least as wide as the noise alone's.
  const std::string csv = read_file(dir / "pc/effects.csv");
  std::stringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  CHECK(line.find(
            "lo90_posterior,hi90_posterior,noise90_halfwidth,noise_share,parameter_sd,draws,replications") !=
        std::string::npos);
  int rows = 0;
  while (std::getline(lines, line)) {
    // The label is quoted; the numbers follow it.
    const std::string tail = line.substr(line.rfind('"') + 2);
    std::vector<std::string> c;
    std::stringstream ss(tail);
    for (std::string x; std::getline(ss, x, ',');) c.push_back(x);
    REQUIRE(c.size() == 17);
    const double lo = std::stod(c[10]), hi = std::stod(c[11]), noise = std::stod(c[12]);
    INFO(line);
    CHECK(hi - lo >= 2 * noise * (1 - 1e-12));  // equal when the parameters' part is 0
    CHECK(std::stod(c[14]) >= 0.0);             // parameter_sd
    CHECK(c[15] == "5");
    CHECK(c[16] == "3");
    ++rows;
  }
  CHECK(rows > 10);
  // One replication per draw measures no noise: refused before anything runs.
  const auto one = run(fmt::format("cd '{}' && '{}' compare small.toml alt.toml --posterior c.h5 -r 1 -o r1",
                                   dir.path().string(), tlm_bin()));
  CHECK(one.exit_code == 2);
  CHECK(one.err ==
        "tlm: --posterior needs at least 2 replications per draw (-r): the simulation noise is "
        "measured over them\n");
  CHECK_FALSE(fs::exists(dir / "r1"));
  // Not a calibration file: exit 2, said plainly.
  const auto bad =
      run(fmt::format("cd '{}' && '{}' compare small.toml alt.toml --posterior pc/posterior.h5 -o x",
                      dir.path().string(), tlm_bin()));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err ==
        "tlm: pc/posterior.h5: not a calibration file of tlm calibrate (its attribute kind is not "
        "\"calibration\")\n");
}

TEST_CASE("a target of a vo subject: its metric summed over the country, as a run of the point gives it",
          "[e2e][calibrate]") {
  TempDir dir;
  quick_calibration(dir);
  write_file(dir / "s.toml", R"(scenario = "small.toml"
replications = 2
seed = 3
population = 2
generations = 1
[[parameter]]
key = "reserve.return"
low = 0.02
high = 0.03
[[target]]
metric = "shortage_rate"
subject = "wiskunde"
year = 2028
value = 0.1
sd = 0.01
[[target]]
metric = "shortage_fte"
subject = "nederlands"
years = "all"
value = 100
sd = 10
)");
  const auto c = run(fmt::format("cd '{}' && '{}' calibrate s.toml -q", dir.path().string(), tlm_bin()));
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
  // The first particle: its reserve.return and its two simulated values (the last two columns).
  const std::string csv = read_file(dir / "s.posterior.csv");
  const std::size_t start = csv.find('\n') + 1;
  std::vector<std::string> cols;
  std::stringstream ss(csv.substr(start, csv.find('\n', start) - start));
  for (std::string x; std::getline(ss, x, ',');) cols.push_back(x);
  REQUIRE(cols.size() == 9);
  CHECK(
      csv.substr(0, start).find("\"simulated: shortage_rate vo wiskunde 2028\",\"simulated: shortage_fte vo "
                                "nederlands all years\"") != std::string::npos);
  // The same point as a run: the same seed and replications, the value exactly as the CSV has it.
  const auto r =
      run(fmt::format("cd '{}' && '{}' run small.toml --set reserve.return={} -r 2 --seed 3 -q -o run.h5",
                      dir.path().string(), tlm_bin(), cols[4]));
  REQUIRE(r.exit_code == 0);
  const auto py =
      run(fmt::format("cd '{}' && /usr/bin/python3 -c \"import sys; sys.path.insert(0, "
                      "'{}/analysis/python'); import tlm_results "
                      "as t; r = t.national_by_subject('run.h5', 'small', 'shortage_rate'); f = "
                      "t.national_by_subject('run.h5', 'small', 'shortage_fte'); "
                      "print(repr(r[(r.year == 2028) & (r.subject == 'wiskunde')].value.mean())); "
                      "print(repr(f[f.subject == 'nederlands'].groupby('replication').value.sum().mean()))\"",
                      dir.path().string(), TLM_SOURCE_DIR));
  INFO(py.err);
  REQUIRE(py.exit_code == 0);
  std::stringstream out(py.out);
  double rate = 0, fte = 0;
  out >> rate >> fte;
  CHECK(std::stod(cols[7]) == Approx(rate).epsilon(1e-12));
  CHECK(std::stod(cols[8]) == Approx(fte).epsilon(1e-12));
  CHECK(rate > 0.0);
  CHECK(fte > 0.0);
  // A subject the scenario does not have, and a metric not kept per subject: exact messages.
  std::string bad = read_file(dir / "s.toml");
  bad.replace(bad.find("\"wiskunde\""), 10, "\"wiskunde2\"");
  bad.replace(bad.find("\"shortage_fte\""), 14, "\"so_share\"");
  write_file(dir / "bad.toml", bad);
  const auto b = run(tlm_bin() + " calibrate " + (dir / "bad.toml") + " -q");
  CHECK(b.exit_code == 2);
  CHECK(b.err.find(":12:11: `subject` must be one of the scenario's vo subjects (nederlands, engels, mvt, "
                   "wiskunde,") != std::string::npos);
  CHECK(b.err.find("got \"wiskunde2\"\n") != std::string::npos);
  CHECK(b.err.find(":18:11: `so_share` is not recorded per subject; the subject metrics are demand_fte,") !=
        std::string::npos);
}
