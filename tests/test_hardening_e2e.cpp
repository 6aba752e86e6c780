// Hardening of the `tlm` binary against large texts, signals during `tlm compare`'s analysis and a full disk:
// the exact exit code and message, no stray file, a pre-existing output unchanged when a run fails.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "process.hpp"

using tlm::test::read_file;
using tlm::test::run;
using tlm::test::spawn_tlm;
using tlm::test::TempDir;
using tlm::test::tlm_binary;
namespace fs = std::filesystem;

namespace {

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// Every file under `dir` with its bytes.
std::map<std::string, std::string> contents_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path().string());
  return files;
}

// A text of `bytes` characters that TOML keeps as it is: words and spaces, no quotes or backslashes.
std::string long_text(std::size_t bytes) {
  std::string s;
  for (int i = 0; s.size() < bytes; ++i) s += fmt::format("word{} ", i);
  s.resize(bytes);
  return s;
}

const std::string kPython = "/usr/bin/python3";

}  // namespace

TEST_CASE("a scenario whose resolved TOML exceeds 64 KiB is written, reported and read back whole",
          "[e2e][hardening][large]") {
  TempDir tmp;
  const std::string toml = tmp / "big.toml", out = tmp / "big.h5";
  std::ofstream(toml) << "name = \"big\"\nextends = \"tiny\"\nreplications = 2\ndescription = \""
                      << long_text(100 * 1024) << "\"\n";
  const auto shown = run(tlm_binary() + " show " + toml);
  REQUIRE(shown.exit_code == 0);
  REQUIRE(shown.out.size() > 100 * 1024);
  const auto r = run(tlm_binary() + " run " + toml + " -q -o " + out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.err.empty());
  CHECK(names_in(tmp.path()) == std::set<std::string>{"big.toml", "big.h5"});
  // The group attribute `scenario` is the resolved TOML, byte for byte, read with h5py as any user would.
  const std::string attr = tmp / "attr.toml";
  const auto py = run(kPython + " -c \"import h5py; open('" + attr + "', 'w', newline='').write(h5py.File('" +
                      out + "')['big'].attrs['scenario'].decode())\"");
  INFO(py.err);
  REQUIRE(py.exit_code == 0);
  CHECK(read_file(attr) == shown.out);
  // The Python module and `tlm report` read the file.
  const auto mod = run(kPython + " -c \"import sys; sys.path.insert(0, '" + std::string(TLM_SOURCE_DIR) +
                       "/analysis/python'); import tlm_results as tr; print(tr.scenarios('" + out +
                       "')); print(len(tr.metrics('" + out + "', 'big', ['shortage_fte'])) > 0)\"");
  INFO(mod.err);
  REQUIRE(mod.exit_code == 0);
  CHECK(mod.out == "['big']\nTrue\n");
  const auto rep = run(tlm_binary() + " report " + out + " -o " + (tmp / "big.html"));
  INFO(rep.err);
  CHECK(rep.exit_code == 0);
  CHECK(rep.out == "Wrote " + (tmp / "big.html") + "\n");
}

TEST_CASE("a command line over 64 KiB and a 1,000-step joining schedule are recorded whole",
          "[e2e][hardening][large]") {
  TempDir tmp;
  const std::string out = tmp / "cmd.h5", toml = tmp / "steps.toml";
  // 1,000 schedule steps: shares rising slowly from 2025 on, in a scenario of its own.
  {
    std::ofstream f(toml);
    f << "name = \"steps\"\nextends = \"tiny\"\n[policy.joining]\nmode = \"schedule\"\nschedule = [";
    for (int i = 0; i < 1000; ++i)
      f << (i ? ", " : "") << fmt::format("{{ year = 2026, share = {} }}", i / 1000.0);
    f << "]\n";
  }
  const auto shown = run(tlm_binary() + " show " + toml);
  INFO(shown.err);
  REQUIRE(shown.exit_code == 0);
  REQUIRE(shown.out.size() > 64 * 1024);  // the schedule alone
  const std::string text = long_text(70 * 1024);
  const auto r =
      run(tlm_binary() + " run " + toml + " -r 1 -q -o " + out + " --set 'description=" + text + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string cmd = tmp / "cmd.txt", scen = tmp / "scen.txt";
  const auto py = run(kPython + " -c \"import h5py; f = h5py.File('" + out + "'); open('" + cmd +
                      "', 'w').write(f.attrs['command'].decode()); open('" + scen +
                      "', 'w').write(f['steps'].attrs['scenario'].decode())\"");
  INFO(py.err);
  REQUIRE(py.exit_code == 0);
  const std::string command = read_file(cmd);
  CHECK(command.size() > 70 * 1024);
  CHECK(command.find(text) != std::string::npos);
  CHECK(command.rfind(tlm_binary() + " run ", 0) == 0);
  const std::string scenario = read_file(scen);
  CHECK(scenario.find(text) != std::string::npos);
  CHECK(scenario.find("share = 0.999") != std::string::npos);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"cmd.h5", "steps.toml", "cmd.txt", "scen.txt"});
}

namespace {

// Waits for `pid`; its exit code, or -signal when a signal killed it.
int wait_exit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1000;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace

TEST_CASE("a signal during tlm compare's runs or analysis leaves no partial folder: exit 130 or a whole one",
          "[e2e][hardening][interrupt]") {
  // Where to signal: when the staging folder appears (the runs), when results.h5 is in it (the analysis
  // starts), when effects.csv or effects.json is (the analysis goes on), or a few milliseconds after
  // results.h5.
  struct Point {
    std::string file;  // in the staging folder; empty: the folder itself
    int delay_ms;
  };
  const std::vector<Point> points{
      {"", 0},           {"results.h5", 0}, {"effects.csv", 0}, {"effects.json", 0},
      {"results.h5", 5}, {"results.h5", 30}};
  const bool existing = GENERATE(false, true);
  TempDir tmp;
  const fs::path out = tmp.path() / "cmp";
  std::map<std::string, std::string> before;
  if (existing) {
    // A complete earlier comparison, which an interrupted one must leave byte for byte.
    const auto r = run(tlm_binary() + " compare tiny tiny -r 2 -q --seed 7 -o " + out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    before = contents_of(out);
    REQUIRE(before.size() == 4);
  }
  int interrupted = 0, finished = 0;
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
    for (const auto& point : points) {
      INFO("signal " << signal << " at " << (point.file.empty() ? "the folder" : point.file) << " + "
                     << point.delay_ms << " ms, existing folder " << existing);
      const pid_t pid =
          spawn_tlm({"compare", "tiny", "tiny", "-r", "3", "-j", "2", "-q", "-o", out.string()});
      REQUIRE(pid > 0);
      const fs::path staging = existing ? out / fmt::format(".tlm-compare.tmp{}", pid)
                                        : fs::path(out.string() + fmt::format(".tmp{}", pid));
      const fs::path trigger = point.file.empty() ? staging : staging / point.file;
      // Poll until the trigger appears or the process ends (it may finish before the trigger is seen).
      int status = 0;
      bool ended = false;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (!fs::exists(trigger) && std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid, &status, WNOHANG) == pid) {
          ended = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
      int code = 0;
      if (ended) {
        code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(point.delay_ms));
        REQUIRE(kill(pid, signal) == 0);
        code = wait_exit(pid);
      }
      REQUIRE((code == 130 || code == 0));
      if (code == 130) {
        ++interrupted;
        // Nothing new: no folder (or the earlier one, unchanged), no staging folder, no temporary.
        CHECK(names_in(tmp.path()) == (existing ? std::set<std::string>{"cmp"} : std::set<std::string>{}));
        if (existing) CHECK(contents_of(out) == before);
      } else {
        ++finished;
        CHECK(names_in(tmp.path()) == std::set<std::string>{"cmp"});
        CHECK(names_in(out) ==
              std::set<std::string>{"results.h5", "effects.csv", "effects.json", "report.html"});
        // A finished run replaces the earlier folder: start the next case from the same state.
        fs::remove_all(out);
        if (existing) {
          fs::create_directory(out);
          for (const auto& [name, bytes] : before) std::ofstream(out / name, std::ios::binary) << bytes;
        }
      }
    }
  }
  // The runs of tiny take long enough for the first points to be caught.
  CHECK(interrupted > 0);
  WARN("interrupted " << interrupted << ", finished first " << finished);
}

TEST_CASE("tlm compare on a bad -o: exit 2 and nothing created", "[e2e][hardening]") {
  TempDir tmp;
  std::ofstream(tmp / "file") << "x";
  auto r = run(tlm_binary() + " compare tiny tiny -r 1 -q -o " + (tmp / "file"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: " + (tmp / "file") + ": cannot create the output folder: it exists and is not a folder\n");
  r = run(tlm_binary() + " compare tiny nope -r 1 -q -o " + (tmp / "a/b/cmp"));
  CHECK(r.exit_code == 2);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"file"});
  CHECK(read_file(tmp / "file") == "x");
}

TEST_CASE("tlm compare removes the staging folders of compares that died, and no folder of the user's",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string cmp = tmp / "cmp";
  // A pid beyond any pid_max is dead. One staging folder as a killed compare leaves it; one of the same name
  // pattern holding a file of the user's.
  fs::create_directory(cmp + ".tmp999999999");
  std::ofstream(cmp + ".tmp999999999/results.h5.tmp999999999") << "partial";
  fs::create_directory(cmp + ".tmp999999998");
  std::ofstream(cmp + ".tmp999999998/notes.txt") << "mine";
  const auto r = run(tlm_binary() + " compare tiny tiny -r 1 -q -o " + cmp);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err == "tlm: removed " + cmp + ".tmp999999999, the temporary folder of a compare that died\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"cmp", "cmp.tmp999999998"});
  CHECK(read_file(cmp + ".tmp999999998/notes.txt") == "mine");
  CHECK(names_in(cmp) == std::set<std::string>{"results.h5", "effects.csv", "effects.json", "report.html"});
}

namespace {

// `tlm ARGS` under a file-size limit of `kib` KiB with SIGXFSZ ignored: a write past it fails with EFBIG
// ("File too large"), as on a full disk.
tlm::test::ProcessResult run_limited(int kib, const std::string& args) {
  return run(fmt::format("bash -c \"ulimit -f {}; trap '' XFSZ; exec '{}' {}\"", kib, tlm_binary(), args));
}

}  // namespace

TEST_CASE(
    "a full disk while writing the results file: exit 1, one line, no temporary, the old file unchanged",
    "[e2e][hardening][disk]") {
  TempDir tmp;
  const std::string out = tmp / "x.h5";
  REQUIRE(run(tlm_binary() + " run tiny -r 1 -q --seed 3 -o " + out).exit_code == 0);
  const std::string before = read_file(out);
  const auto full = fs::file_size(out);
  REQUIRE(full > 40 * 1024);
  // Limits from almost nothing to almost the whole file: creating it, writing a replication, closing it.
  for (int kib : {1, 4, 16, static_cast<int>(full / 1024 / 2), static_cast<int>(full / 1024) - 2}) {
    INFO("limit " << kib << " KiB");
    const auto r = run_limited(kib, "run tiny -r 3 -q -o " + out);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "tlm: error: cannot write " + out + ": File too large\n");
    CHECK(r.out.empty());
    CHECK(read_file(out) == before);
    CHECK(names_in(tmp.path()) == std::set<std::string>{"x.h5"});
  }
}

TEST_CASE("a full disk while writing the report or compare's folder: exit 1, one line, nothing left",
          "[e2e][hardening][disk]") {
  TempDir tmp;
  const std::string h5 = tmp / "x.h5", html = tmp / "x.html";
  REQUIRE(run(tlm_binary() + " run tiny -r 2 -q -o " + h5).exit_code == 0);
  std::ofstream(html) << "old report";
  auto r = run_limited(8, "report " + h5 + " -o " + html);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "tlm: error: cannot write " + html + ": File too large\n");
  CHECK(read_file(html) == "old report");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"x.h5", "x.html"});

  // compare: its results file does not fit; the folder it was making goes with it.
  const std::string cmp = tmp / "cmp";
  r = run_limited(20, "compare tiny tiny -r 2 -q -o " + cmp);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "tlm: error: cannot write " + cmp + "/results.h5: File too large\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"x.h5", "x.html"});
}

TEST_CASE("tlm report removes the temporary of a report whose writer died", "[e2e][hardening]") {
  // A Ctrl-C or a kill while the report is written leaves x.html.tmp<pid>; the next report to x.html removes
  // it (the pid is dead), and never a live writer's or another file's. A pid beyond any pid_max is dead.
  TempDir tmp;
  const std::string h5 = tmp / "x.h5", html = tmp / "x.html";
  REQUIRE(run(tlm_binary() + " run tiny -r 2 -q -o " + h5).exit_code == 0);
  std::ofstream(html + ".tmp999999999") << "half a report";
  std::ofstream(html + ".tmpnotapid") << "a file of the user's";
  const auto r = run(tlm_binary() + " report " + h5 + " -o " + html);
  CHECK(r.exit_code == 0);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"x.h5", "x.html", "x.html.tmpnotapid"});
}

namespace {

// A sweep of tiny at two points: about 50 KB a task.
void two_point_design(const TempDir& tmp) {
  tlm::test::write_file(tmp / "d.toml",
                        "scenario = \"tiny\"\nreplications = 2\n[[parameter]]\nkey = \"teachers.mobility\"\n"
                        "values = [0.01, 0.02]\n");
}

}  // namespace

TEST_CASE(
    "a sweep file that would not fit is refused before it is allocated: exit 2, the estimate, nothing left",
    "[e2e][hardening][disk]") {
  TempDir tmp;
  two_point_design(tmp);
  const std::string out = tmp / "out.h5";
  // --max-disk in place of the free space.
  auto r = run(tlm_binary() + " sweep " + (tmp / "d.toml") + " -r 1000 -q --max-disk 10M -o " + out);
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: cannot write " + out +
            ".part: it needs about 95 MiB (2 points × 1000 replications × 49 KiB a task), more than "
            "--max-disk (10 MiB): lower -r or the design's points, or give -o a file system with room\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"d.toml"});
  r = run(tlm_binary() + " sweep " + (tmp / "d.toml") + " -q --max-disk lots -o " + out);
  CHECK(r.exit_code == 2);
  CHECK(r.err == "tlm: --max-disk: `lots` is not a size (e.g. 40G, 512M)\n");
  // The process's file size limit (ulimit -f).
  r = run_limited(10000, "sweep " + (tmp / "d.toml") + " -r 1000 -q -o " + out);
  CHECK(r.exit_code == 2);
  CHECK(r.err == "tlm: cannot write " + out +
                     ".part: it needs about 95 MiB (2 points × 1000 replications × 49 KiB a task), more than "
                     "the file size limit of this process (ulimit -f, 10 MiB): lower -r or the design's "
                     "points, or give -o a file system with room\n");
  // The free space of the file system: a thousand points of a million replications, 45 TiB.
  tlm::test::write_file(tmp / "big.toml",
                        "scenario = \"tiny\"\ndesign = \"lhs\"\npoints = 1000\n[[parameter]]\nkey = "
                        "\"teachers.mobility\"\nlow = 0.01\nhigh = 0.02\n");
  r = run(tlm_binary() + " sweep " + (tmp / "big.toml") + " -r 1000000 -q -o " + out);
  CHECK(r.exit_code == 2);
  CHECK(
      r.err.rfind("tlm: cannot write " + out +
                      ".part: it needs about 45.1 TiB (1000 points × 1000000 replications × 49 KiB a task), "
                      "more than the free space of its file system (",
                  0) == 0);
  CHECK(r.err.ends_with("): lower -r or the design's points, or give -o a file system with room\n"));
  CHECK(names_in(tmp.path()) == std::set<std::string>{"d.toml", "big.toml"});
}

TEST_CASE("the disk estimate of a sweep is within 15% of the file it allocates, a resumed file not counted",
          "[e2e][hardening][disk]") {
  TempDir tmp;
  two_point_design(tmp);
  const std::string whole = tmp / "whole.h5", out = tmp / "out.h5";
  REQUIRE(run(tlm_binary() + " sweep " + (tmp / "d.toml") + " -r 20 -q -o " + whole).exit_code == 0);
  const auto bytes = static_cast<double>(fs::file_size(whole));
  const auto below = run(fmt::format("{} sweep {} -r 20 -q --max-disk {:.0f} -o {}", tlm_binary(),
                                     tmp / "d.toml", bytes * 0.85, out));
  INFO(below.err);
  CHECK(below.exit_code == 2);
  CHECK(below.err.find("more than --max-disk") != std::string::npos);
  CHECK_FALSE(fs::exists(out + ".part"));
  const auto above = run(fmt::format("{} sweep {} -r 20 -q --max-disk {:.0f} -o {} --tasks 1", tlm_binary(),
                                     tmp / "d.toml", bytes * 1.15, out));
  INFO(above.err);
  REQUIRE(above.exit_code == 0);
  CHECK(fs::file_size(out + ".part") <= static_cast<std::uintmax_t>(bytes * 1.15));
  // The resumed file has its space already: no new room is needed.
  const auto resumed =
      run(tlm_binary() + " sweep " + (tmp / "d.toml") + " -r 20 -q --resume --max-disk 1k -o " + out);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"d.toml", "whole.h5", "out.h5"});
}

TEST_CASE("a sweep removes the temporaries of sweeps killed while creating their file, and no other file",
          "[e2e][hardening]") {
  TempDir tmp;
  two_point_design(tmp);
  const std::string out = tmp / "out.h5";
  // A pid beyond any pid_max is dead.
  std::ofstream(out + ".part.tmp999999999") << "half a file";
  std::ofstream(out + ".part.tmpnotapid") << "a file of the user's";
  const auto r = run(tlm_binary() + " sweep " + (tmp / "d.toml") + " -q -o " + out);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "tlm: removed " + out + ".part.tmp999999999, the temporary of a sweep that died\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"d.toml", "out.h5", "out.h5.part.tmpnotapid"});
}

namespace {

// A calibration of tiny that runs in a second: one generation of four particles.
void tiny_calibration(const TempDir& tmp) {
  tlm::test::write_file(tmp / "c.toml", R"(scenario = "tiny"
replications = 1
population = 4
generations = 1
[[parameter]]
key = "reserve.return"
low = 0.01
high = 0.05
[[target]]
metric = "shortage_rate"
sector = "po"
year = 2028
value = 0.05
sd = 0.01
)");
}

// A one-at-a-time study of tiny: three points.
void oat_study(const TempDir& tmp) {
  tlm::test::write_file(tmp / "s.toml", R"(scenario = "tiny"
method = "oat"
replications = 2
[[parameter]]
key = "reserve.return"
low = 0.0125
high = 0.05
[[output]]
metric = "shortage_fte"
sector = "po"
year = 2030
)");
}

}  // namespace

TEST_CASE(
    "tlm calibrate removes what a killed calibration left: its temporaries and its batches' temporaries",
    "[e2e][hardening]") {
  TempDir tmp;
  tiny_calibration(tmp);
  const fs::path runs = tmp.path() / "c.h5.runs";
  fs::create_directory(runs);
  // A calibration killed while it created a batch's file, and while it wrote its posterior; pids beyond any
  // pid_max are dead. A file of the user's with a name of the same shape stays.
  std::ofstream(runs / "batch-0000.h5.part.tmp999999999") << "half a batch";
  std::ofstream(runs / "batch-0003.h5.part.tmp999999998.1") << "half a batch";
  std::ofstream(runs / "batch-0000.h5.part.tmpnotapid") << "mine";
  std::ofstream(tmp / "c.h5.tmp999999999") << "half a posterior";
  const auto r = run(fmt::format("cd '{}' && '{}' calibrate c.toml -q", tmp.path().string(), tlm_binary()));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err ==
        "tlm: removed c.h5.tmp999999999, the temporary of a calibration that died\n"
        "tlm: removed c.h5.runs/batch-0000.h5.part.tmp999999999, the temporary of a calibration that "
        "died\n"
        "tlm: removed c.h5.runs/batch-0003.h5.part.tmp999999998.1, the temporary of a calibration "
        "that died\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"c.toml", "c.h5", "c.posterior.csv",
                                                      "c.generations.csv", "c.report.html", "c.h5.runs"});
  CHECK(names_in(runs) == std::set<std::string>{"batch-0000.h5", "batch-0000.h5.part.tmpnotapid"});
  // --resume does the same.
  std::ofstream(runs / "batch-0000.h5.part.tmp999999997") << "half a batch";
  const auto resumed =
      run(fmt::format("cd '{}' && '{}' calibrate c.toml -q --resume", tmp.path().string(), tlm_binary()));
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.err ==
        "tlm: removed c.h5.runs/batch-0000.h5.part.tmp999999997, the temporary of a calibration that died\n");
  CHECK(names_in(runs) == std::set<std::string>{"batch-0000.h5", "batch-0000.h5.part.tmpnotapid"});
}

TEST_CASE("a refused sensitivity, calibrate or compare --posterior leaves no folder behind",
          "[e2e][hardening]") {
  TempDir tmp;
  oat_study(tmp);
  tiny_calibration(tmp);
  const std::set<std::string> inputs{"s.toml", "c.toml"};
  // sensitivity: refused for its memory, its disk or its existing unfinished file, in a folder it made.
  auto r =
      run(tlm_binary() + " sensitivity " + (tmp / "s.toml") + " -q --max-memory 1k -o " + (tmp / "a/b/out"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("tlm: this run needs about", 0) == 0);
  CHECK(names_in(tmp.path()) == inputs);
  r = run(tlm_binary() + " sensitivity " + (tmp / "s.toml") + " -q --max-disk 1k -o " + (tmp / "out"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("more than --max-disk (1 KiB): lower -r or the study's samples") != std::string::npos);
  CHECK(names_in(tmp.path()) == inputs);
  // calibrate: its first batch refused (the file size limit); the runs folder it made goes.
  r = run_limited(1, "calibrate " + (tmp / "c.toml") + " -q -o " + (tmp / "c.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("the file size limit of this process (ulimit -f, 1 KiB): lower -r or the calibration's "
                   "population") != std::string::npos);
  CHECK(names_in(tmp.path()) == inputs);
  // compare --posterior: an alternative that does not exist, named as tlm run names it (not as a line of a
  // design file that does not exist).
  fs::create_directory(tmp / "cal");
  REQUIRE(run(tlm_binary() + " calibrate " + (tmp / "c.toml") + " -q -o " + (tmp / "cal/c.h5")).exit_code ==
          0);
  r = run(tlm_binary() + " compare tiny nope --posterior " + (tmp / "cal/c.h5") + " -q -o " + (tmp / "pc/x"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "nope: no such file, and no embedded scenario of that name (`tlm scenarios` lists them)\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"s.toml", "c.toml", "cal"});
}

TEST_CASE("sensitivity and compare --posterior refused for their report's memory before any run, a sweep not",
          "[e2e][hardening][memory]") {
  // Their reports load every task's national values at once: a million replications of tiny run in a few MiB
  // at a time, but not their analysis. --max-disk lets the file's own check pass (compare --posterior has no
  // --max-disk: 3000 replications of 10 draws, a file of about 3 GiB, fit the free space). tlm sweep makes no
  // report,
  // so the same plan passes the check (it is then refused by --max-disk 1k, before anything is written).
  TempDir tmp;
  oat_study(tmp);
  tiny_calibration(tmp);
  auto r = run(tlm_binary() + " sensitivity " + (tmp / "s.toml") +
               " -r 1000000 -q --max-memory 1G --max-disk 1000T -o " + (tmp / "a/out"));
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("tlm: this sweep needs about ", 0) == 0);
  CHECK(r.err.find(" of memory, more than --max-memory (1.0 GiB): its analysis (the report) holds the values "
                   "of ") != std::string::npos);
  CHECK(
      r.err.ends_with(" × 1000000 replications at once (49 KiB a task). Lower -r or the number of points (a "
                      "design's points, --draws, a calibration's population, a study's samples); or give "
                      "--max-memory if the estimate is wrong for this machine\n"));
  CHECK(names_in(tmp.path()) == std::set<std::string>{"s.toml", "c.toml"});
  fs::create_directory(tmp / "cal");
  REQUIRE(run(tlm_binary() + " calibrate " + (tmp / "c.toml") + " -q -o " + (tmp / "cal/c.h5")).exit_code ==
          0);
  r = run(tlm_binary() + " compare tiny tiny --posterior " + (tmp / "cal/c.h5") +
          " --draws 10 -r 3000 -q --max-memory 1G -o " + (tmp / "pc"));
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("tlm: this sweep needs about ", 0) == 0);
  CHECK(r.err.find("its analysis (the report) holds the values of 10 points × 3000 replications at once") !=
        std::string::npos);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"s.toml", "c.toml", "cal"});
  tlm::test::write_file(
      tmp / "d.toml",
      "scenario = \"tiny\"\n[[parameter]]\nkey = \"teachers.mobility\"\nvalues = [0.01, 0.02]\n");
  r = run(tlm_binary() + " sweep " + (tmp / "d.toml") + " -r 1000000 -q --max-memory 1G --max-disk 1k -o " +
          (tmp / "d.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("more than --max-disk (1 KiB)") != std::string::npos);
}

TEST_CASE("a FIFO, a folder or a device given as a results or calibration file: exit 2 at once, never a hang",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string fifo = tmp / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string fifo_says =
      fifo + ": not a tlm results file (not a regular file: a FIFO, socket or device)\n";
  for (const std::string command : {"effects", "report"}) {
    INFO(command);
    auto r = run("timeout 60 " + tlm_binary() + " " + command + " " + fifo);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "tlm: " + fifo_says);
    r = run("timeout 60 " + tlm_binary() + " " + command + " " + tmp.path().string());
    CHECK(r.exit_code == 2);
    CHECK(r.err == "tlm: " + tmp.path().string() + ": not a tlm results file (a directory)\n");
  }
  const auto r =
      run("timeout 60 " + tlm_binary() + " compare tiny tiny --posterior " + fifo + " -q -o " + (tmp / "pc"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: " + fifo + ": not a tlm calibration file (not a regular file: a FIFO, socket or device)\n");
  CHECK(names_in(tmp.path()) == std::set<std::string>{"fifo"});
}

TEST_CASE("code points that toml++ 3.3.0 misreads as whitespace: a clean syntax error or a string",
          "[e2e][hardening]") {
  // Debian's toml++ 3.3.0 reaches TOML_UNREACHABLE for a code point in U+00A1..U+0499, U+2C5E..U+3057 (but
  // U+3000) or U+FB26..U+FEFE where it looks for whitespace (marzer/tomlplusplus#190, fixed upstream by
  // #305): undefined behaviour in the library, which the fuzzer skips (tests/fuzz/fuzz_scenario.cpp). tlm
  // uses the library's compiled parser: check that what it does with one from each range is a syntax error at
  // the code point, or, inside a string, the string.
  TempDir tmp;
  const std::string head = "extends = \"tiny\"\n";
  tlm::test::write_file(tmp / "ok.toml", head + "description = \"\xc3\xa9 \xe2\xbd\xb8 \xef\xac\xa6\"\n");
  auto r = run(tlm_binary() + " validate " + (tmp / "ok.toml"));
  CHECK(r.exit_code == 0);
  CHECK(r.out == (tmp / "ok.toml") + ": ok\n");
  const std::vector<std::pair<std::string, std::string>> bad{
      {"seed = \xc3\xa9\n",
       ":2:8: TOML syntax error: Error while parsing value: could not determine value type"},
      {"[y\xe2\xbd\xb8]\n",
       ":2:3: TOML syntax error: Error while parsing table header: expected ']', saw '\xe2\xbd\xb8'"},
      {"seed = 5 \xef\xac\xa6\n",
       ":2:10: TOML syntax error: Error while parsing key-value pair: expected a comment or whitespace, saw "
       "'\xef\xac\xa6'"},
      {"\xe3\x81\x90 = 1\n",
       ":2:1: TOML syntax error: Error while parsing root table: expected keys, tables, whitespace or "
       "comments, "
       "saw '\xe3\x81\x90'"}};
  for (const auto& [line, message] : bad) {
    INFO(line);
    tlm::test::write_file(tmp / "b.toml", head + line);
    r = run(tlm_binary() + " validate " + (tmp / "b.toml"));
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 2);
    CHECK(r.err == (tmp / "b.toml") + message + "\n");
  }
}

TEST_CASE("a dotted key of 50,000 parts in a scenario, a --set value or a design: exit 2 with its position",
          "[e2e][hardening][large]") {
  TempDir tmp;
  std::string key = "teachers";
  for (int i = 0; i < 50000; ++i) key += ".x";
  tlm::test::write_file(tmp / "s.toml", "name = \"s\"\nextends = \"tiny\"\n" + key + " = 1\n");
  auto r = run(tlm_binary() + " validate " + (tmp / "s.toml"));
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(r.err == (tmp / "s.toml") + ":3:1: TOML syntax error: a dotted key of more than 256 parts\n");
  // As a --set value (an inline table): not TOML, so a string, which a number key does not take.
  tlm::test::write_file(tmp / "value.txt", "{" + key + " = 1}");
  r = run(tlm_binary() + " validate tiny --set \"teachers.mobility=$(cat " + (tmp / "value.txt") + ")\"");
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(r.err == "--set:1:19: teachers.mobility: expected a number, got a string\n");
  // In a sweep design, a sensitivity study and a calibration (one reader).
  tlm::test::write_file(tmp / "d.toml", "scenario = \"tiny\"\n\n" + key + " = 1\n");
  for (const std::string command : {"sweep", "sensitivity", "calibrate"}) {
    INFO(command);
    r = run(tlm_binary() + " " + command + " " + (tmp / "d.toml") + " -q -o " + (tmp / "out"));
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 2);
    CHECK(r.err == (tmp / "d.toml") + ":3:1: a dotted key of more than 256 parts\n");
  }
  CHECK(names_in(tmp.path()) == std::set<std::string>{"s.toml", "value.txt", "d.toml"});
}

// (A device such as /dev/null is refused the same way as the FIFO; the test leaves the real one alone, since
// a failure would replace it for the whole machine.)
TEST_CASE("tlm report and effects never replace a link, a FIFO or a device named as their output",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string h5 = tmp / "x.h5", cmp = tmp / "cmp";
  REQUIRE(run(tlm_binary() + " compare tiny tiny -r 2 -q -o " + cmp).exit_code == 0);
  REQUIRE(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
  fs::create_symlink("nowhere", tmp / "dangling");
  std::ofstream(tmp / "mine.html") << "mine";
  fs::create_symlink("mine.html", tmp / "link.html");
  const std::string results = cmp + "/results.h5";
  for (const auto& [out, what] :
       std::vector<std::pair<std::string, std::string>>{{tmp / "fifo", "a special file"},
                                                        {tmp / "dangling", "a symbolic link"},
                                                        {tmp / "link.html", "a symbolic link"}}) {
    INFO(out);
    const auto r = run(tlm_binary() + " report " + results + " -o " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "tlm: cannot write " + out + ": it exists and is not a regular file (" + what + ")\n");
  }
  CHECK(fs::is_fifo(tmp / "fifo"));
  CHECK(fs::read_symlink(tmp / "dangling") == "nowhere");
  CHECK(read_file(tmp / "link.html") == "mine");
  // effects: its files in the folder.
  fs::create_symlink("../mine.html", cmp + "/effects.csv.new");
  fs::remove(cmp + "/effects.csv");
  fs::rename(cmp + "/effects.csv.new", cmp + "/effects.csv");
  const auto before = contents_of(cmp);
  auto r = run(tlm_binary() + " effects " + results + " -o " + cmp);
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: cannot write " + cmp + "/effects.csv: it exists and is not a regular file (a symbolic link)\n");
  CHECK(fs::is_symlink(cmp + "/effects.csv"));
  CHECK(contents_of(cmp) == before);
  // A refused effects leaves no folder it made: a file of one scenario into a new folder.
  REQUIRE(run(tlm_binary() + " run tiny -r 2 -q -o " + h5).exit_code == 0);
  r = run(tlm_binary() + " effects " + h5 + " -o " + (tmp / "new/effects"));
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(tmp / "new"));
}

TEST_CASE("sensitivity and compare --posterior refuse a link or a FIFO among their files before running",
          "[e2e][hardening]") {
  TempDir tmp;
  oat_study(tmp);
  tiny_calibration(tmp);
  REQUIRE(run(tlm_binary() + " calibrate " + (tmp / "c.toml") + " -q -o " + (tmp / "c.h5")).exit_code == 0);
  const std::string out = tmp / "out";
  fs::create_directory(out);
  fs::create_symlink("../s.toml", out + "/indices.json");
  REQUIRE(::mkfifo((out + "/report.html").c_str(), 0600) == 0);
  auto r = run(tlm_binary() + " sensitivity " + (tmp / "s.toml") + " -q -o " + out);
  CHECK(r.exit_code == 2);
  CHECK(r.err == "tlm: cannot write " + out +
                     "/indices.json: it exists and is not a regular file (a symbolic link)\n");
  r = run(tlm_binary() + " compare tiny tiny --posterior " + (tmp / "c.h5") + " --draws 2 -r 2 -q -o " + out);
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: cannot write " + out + "/report.html: it exists and is not a regular file (a special file)\n");
  // Nothing ran: no runs file in the folder, the link and the FIFO as they were.
  CHECK(names_in(out) == std::set<std::string>{"indices.json", "report.html"});
  CHECK(fs::is_symlink(out + "/indices.json"));
  CHECK(fs::is_fifo(out + "/report.html"));
}

namespace {

// The first size in `text` after "needs about " ("56 MiB", "73.0 GiB"), in bytes.
double size_needed(const std::string& text) {
  const auto at = text.find("needs about ");
  if (at == std::string::npos) return -1;
  std::size_t used = 0;
  const double value = std::stod(text.substr(at + 12), &used);
  const std::string unit = text.substr(at + 12 + used + 1, 3);
  const std::map<std::string, double> units{{"KiB", 1024.0},
                                            {"MiB", 1024.0 * 1024},
                                            {"GiB", 1024.0 * 1024 * 1024},
                                            {"TiB", 1024.0 * 1024 * 1024 * 1024}};
  return units.count(unit) ? value * units.at(unit) : -1;
}

// The largest resident set of the children this process has waited for (std::system's shell waits for tlm).
double children_peak_bytes() {
  struct rusage u {};
  ::getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_maxrss) * 1024.0;
}

}  // namespace

TEST_CASE("tlm compare refused for its analysis's memory: exit 2, the estimate, before any run",
          "[e2e][hardening][memory]") {
  TempDir tmp;
  const std::string cmp = tmp / "cmp";
  REQUIRE(run(tlm_binary() + " compare tiny tiny -r 2 -q --seed 7 -o " + cmp).exit_code == 0);
  const auto before = contents_of(cmp);
  // A million replications of tiny run in a few MiB at a time, but the analysis holds them all.
  const auto started = std::chrono::steady_clock::now();
  auto r = run(tlm_binary() + " compare tiny tiny -r 1000000 -j 2 -q --max-memory 4G -o " + cmp);
  CHECK(r.exit_code == 2);
  CHECK(
      r.err ==
      "tlm: this comparison needs about 88.8 GiB of memory, more than --max-memory (4.0 GiB): its analysis "
      "(the effects and the report) holds the 1000000 replications of a scenario at once, and of every "
      "scenario its series (the runs themselves need about 646 KiB). Lower -r, the years or the regions; or "
      "give --max-memory if the estimate is wrong for this machine\n");
  CHECK(r.out.empty());
  // Refused from the plan, before a replication runs (those would take hours).
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
  CHECK(contents_of(cmp) == before);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"cmp"});
  // Into a new folder: none is made.
  r = run(tlm_binary() + " compare tiny tiny -r 1000000 -j 2 -q --max-memory 4G -o " + (tmp / "new/cmp"));
  CHECK(r.exit_code == 2);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"cmp"});
}

TEST_CASE(
    "the memory estimate of tlm compare grows with the replications above its measured peak, within 2.5 "
    "times",
    "[e2e][hardening][memory]") {
  TempDir tmp;
  auto estimate = [&](int replications) {
    const auto r = run(fmt::format("{} compare tiny tiny -r {} -q --max-memory 1k -o {}", tlm_binary(),
                                   replications, tmp / "refused"));
    INFO(r.err);
    REQUIRE(r.exit_code == 2);
    return size_needed(r.err);
  };
  auto peak = [&](int replications) {
    const auto r = run(fmt::format("{} compare tiny tiny -r {} -q -j 2 -o {}", tlm_binary(), replications,
                                   tmp / fmt::format("c{}", replications)));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return children_peak_bytes();
  };
  // The smaller run first: the peak of all children so far is then each run's own.
  const double small = peak(20), large = peak(620);
  const double measured = large - small, estimated = estimate(620) - estimate(20);
  INFO("600 replications more: measured " << measured / 1048576 << " MiB, estimated " << estimated / 1048576
                                          << " MiB");
  REQUIRE(measured > 0);
  CHECK(estimated >= measured);
  CHECK(estimated <= 2.5 * measured);
}

namespace {

// A calibration of tiny whose report (120 targets, 5 parameters: about 370 KiB) is larger than its batch's
// file (2 particles: about 260 KiB), so that a file size limit between them fails the report alone.
void wide_calibration(const TempDir& tmp) {
  std::string text = "scenario = \"tiny\"\nreplications = 1\npopulation = 2\ngenerations = 1\n";
  for (const char* key : {"reserve.return", "teachers.mobility"})
    text += fmt::format("[[parameter]]\nkey = \"{}\"\nlow = 0.01\nhigh = 0.05\n", key);
  for (const char* sector : {"po", "vo", "mbo"})
    text +=
        fmt::format("[[parameter]]\nkey = \"teachers.attrition_scale.{}\"\nlow = 0.9\nhigh = 1.1\n", sector);
  for (const char* metric : {"shortage_rate", "shortage_fte"})
    for (const char* sector : {"po", "vo", "mbo", "all"})
      for (int year = 2026; year <= 2040; ++year)
        text +=
            fmt::format("[[target]]\nmetric = \"{}\"\nsector = \"{}\"\nyear = {}\nvalue = 0.05\nsd = 0.01\n",
                        metric, sector, year);
  tlm::test::write_file(tmp / "w.toml", text);
}

}  // namespace

TEST_CASE("a full disk while tlm calibrate writes its files: exit 1, none of them replaced, the runs kept",
          "[e2e][hardening][disk]") {
  TempDir tmp;
  wide_calibration(tmp);
  const std::string calibrate = fmt::format("cd '{}' && ", tmp.path().string());
  auto limited = [&](const std::string& args) {
    return run(fmt::format("cd '{}' && bash -c \"ulimit -f 320; trap '' XFSZ; exec '{}' {}\"",
                           tmp.path().string(), tlm_binary(), args));
  };
  const std::set<std::string> outputs{"w.h5", "w.posterior.csv", "w.generations.csv", "w.report.html"};
  // The batch, the calibration file and the CSVs fit under 320 KiB; the report does not.
  auto r = limited("calibrate w.toml -q");
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "tlm: error: cannot write w.report.html: File too large\n");
  CHECK(r.out.empty());
  CHECK(names_in(tmp.path()) == std::set<std::string>{"w.toml", "w.h5.runs"});
  CHECK(names_in(tmp.path() / "w.h5.runs") == std::set<std::string>{"batch-0000.h5"});
  // --resume writes them from the batches kept.
  r = run(calibrate + "'" + tlm_binary() + "' calibrate w.toml -q --resume");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const auto& name : outputs) CHECK(fs::exists(tmp.path() / name));
  // Earlier files of those names stay byte for byte when a calibration into the same place fails.
  std::map<std::string, std::string> before;
  for (const auto& name : outputs) before[name] = read_file(tmp / name);
  r = limited("calibrate w.toml -q --write-scenario fitted.toml");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "tlm: error: cannot write w.report.html: File too large\n");
  for (const auto& name : outputs) CHECK(read_file(tmp / name) == before[name]);
  std::set<std::string> expected{"w.toml", "w.h5.runs"};
  expected.insert(outputs.begin(), outputs.end());
  CHECK(names_in(tmp.path()) == expected);
}

TEST_CASE("an unfinished results file: exit 2 from report, effects and the Python module, naming it",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string x = tmp / "x.h5", part = tmp / "x.h5.part";
  REQUIRE(run(tlm_binary() + " compare tiny tiny -r 2 -q -o " + (tmp / "cmp")).exit_code == 0);
  fs::copy_file(tmp / "cmp/results.h5", x);
  // The same file as its run leaves it before the end: complete = 0.
  fs::copy_file(x, part);
  const auto set = run(kPython + " -c \"import h5py; f = h5py.File('" + part +
                       "', 'r+'); assert int(f.attrs['complete']) == 1; f.attrs['complete'] = 0\"");
  INFO(set.err);
  REQUIRE(set.exit_code == 0);
  auto unfinished = [](const std::string& path) {
    return path +
           ": an unfinished run: its results file is still being written, or its run was stopped before the "
           "end; wait for the run to finish, or run it again";
  };
  // Pre-existing outputs of both stay as they were; nothing new is written.
  std::ofstream(tmp / "x.html") << "old report";
  fs::create_directory(tmp / "eff");
  std::ofstream(tmp / "eff/effects.csv") << "old effects";
  auto r = run(tlm_binary() + " report " + part + " -o " + (tmp / "x.html"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "tlm: " + unfinished(part) + "\n");
  r = run(tlm_binary() + " effects " + part + " -o " + (tmp / "eff"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "tlm: " + unfinished(part) + "\n");
  CHECK(read_file(tmp / "x.html") == "old report");
  CHECK(names_in(tmp / "eff") == std::set<std::string>{"effects.csv"});
  CHECK(read_file(tmp / "eff/effects.csv") == "old effects");
  const auto py = run(kPython + " -c \"import sys; sys.path.insert(0, '" + std::string(TLM_SOURCE_DIR) +
                      "/analysis/python'); import tlm_results as tr\ntry:\n  tr.scenarios('" + part +
                      "')\nexcept ValueError as e:\n  print(e)\"");
  INFO(py.err);
  CHECK(py.out == unfinished(part) + "\n");
  // The whole file reads.
  CHECK(run(tlm_binary() + " report " + x + " -o " + (tmp / "whole.html")).exit_code == 0);

  // A run's own temporary, while it is written (HDF5 holds its lock) and after the run was killed.
  const std::string y = tmp / "y.h5";
  const pid_t pid = spawn_tlm({"run", "tiny", "-r", "1000", "-j", "1", "-q", "-o", y});
  REQUIRE(pid > 0);
  const std::string temp = fmt::format("{}.tmp{}", y, static_cast<long>(pid));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(temp) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (const std::string command : {"report", "effects"}) {
    r = run(tlm_binary() + " " + command + " " + temp + " -o " + (tmp / "live"));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "tlm: " + unfinished(temp) + "\n");
  }
  REQUIRE(kill(pid, SIGKILL) == 0);
  CHECK(wait_exit(pid) == -SIGKILL);
  REQUIRE(fs::exists(temp));
  for (const std::string command : {"report", "effects"}) {
    r = run(tlm_binary() + " " + command + " " + temp + " -o " + (tmp / "dead"));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "tlm: " + unfinished(temp) + "\n");
  }
  fs::remove(temp);
  CHECK(names_in(tmp.path()) ==
        std::set<std::string>{"cmp", "x.h5", "x.h5.part", "x.html", "eff", "whole.html"});
}

TEST_CASE("tlm calibrate refused after its batches have run removes the runs folder it made, and only that",
          "[e2e][hardening]") {
  TempDir tmp;
  // No groenpluk hires in this world: the retention of groenpluk starters has no value in any run.
  tlm::test::write_file(tmp / "nog.toml",
                        "name = \"nog\"\nextends = \"tiny\"\n[groenpluk]\npropensity = 0.0\n");
  tlm::test::write_file(tmp / "c.toml", R"(scenario = "nog.toml"
replications = 1
population = 4
generations = 1
[[parameter]]
key = "reserve.return"
low = 0.01
high = 0.05
[[target]]
retention = "groenpluk"
sector = "po"
k = 1
value = 0.5
sd = 0.1
)");
  const std::string says =
      "tlm: c.toml:10:13: the target `retention groenpluk po after 1 year` has no value in any run of the "
      "prior (e.g. no entrants of that route and sector in this world): it cannot be fitted\n";
  const std::string calibrate =
      fmt::format("cd '{}' && '{}' calibrate c.toml -q", tmp.path().string(), tlm_binary());
  auto r = run(calibrate);
  CHECK(r.exit_code == 2);
  CHECK(r.err == says);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"nog.toml", "c.toml"});
  // A runs folder that was there: the batch it added goes, the user's file stays.
  fs::create_directory(tmp.path() / "c.h5.runs");
  std::ofstream(tmp / "c.h5.runs/notes.txt") << "mine";
  r = run(calibrate);
  CHECK(r.exit_code == 2);
  CHECK(r.err == says);
  CHECK(names_in(tmp.path()) == std::set<std::string>{"nog.toml", "c.toml", "c.h5.runs"});
  CHECK(names_in(tmp.path() / "c.h5.runs") == std::set<std::string>{"notes.txt"});
  CHECK(read_file(tmp / "c.h5.runs/notes.txt") == "mine");
}

TEST_CASE("no test name holds a semicolon, where ctest would cut it and run no test", "[hardening]") {
  // catch_discover_tests makes one ctest test per Catch2 test, named as it is; ctest splits a name at ';',
  // and Catch2 then matches nothing, runs nothing and exits 0: the test passes without having run.
  for (const auto& test : Catch::getAllTestCasesSorted(*Catch::getCurrentContext().getConfig())) {
    INFO(test.name);
    CHECK(test.name.find(';') == std::string::npos);
  }
}
