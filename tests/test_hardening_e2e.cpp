// Hardening of the `tlm` binary against large texts, signals during `tlm compare`'s analysis and a full disk:
// the exact exit code and message, no stray file, a pre-existing output unchanged when a run fails.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
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
