// End-to-end runs of the `tlm` binary: reproducibility across thread counts and replication counts,
// the results file's layout, interruption, help texts.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>
#include <thread>

#include "process.hpp"
#include "sim/h5writer.hpp"

using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;
namespace fs = std::filesystem;

namespace {
const std::string kPython = "/usr/bin/python3 " + std::string(TLM_TEST_DIR) + "/h5_checks.py";
}

TEST_CASE("nl-baseline -r 8 gives bit-identical results with 1 and 2 threads", "[e2e][determinism]") {
  TempDir tmp;
  const auto a = tmp / "a.h5", b = tmp / "b.h5";
  auto r1 = run(tlm::test::tlm_binary() + " run nl-baseline -q -r 8 -j 1 -o " + a);
  REQUIRE(r1.exit_code == 0);
  auto r2 = run(tlm::test::tlm_binary() + " run nl-baseline -q -r 8 -j 2 -o " + b);
  REQUIRE(r2.exit_code == 0);
  // h5diff on the scenario group: root attributes such as `created` differ by design.
  auto diff = run("h5diff -r " + a + " " + b + " /nl-baseline /nl-baseline");
  INFO(diff.out << diff.err);
  REQUIRE(diff.exit_code == 0);
}

TEST_CASE("the AVX2 and the plain x86-64 code give bit-identical results (TLM_NO_AVX2)",
          "[e2e][determinism]") {
  // The Philox words (Stream::draw_many) have an AVX2 copy chosen at run time; TLM_NO_AVX2 takes the plain
  // one. On a CPU without AVX2 both runs take the plain path and the test is trivially true; CI's machines
  // have AVX2. `combined` exercises every mechanism (joining, groenpluk rule,
  // induction) and every subject market.
  TempDir tmp;
  const auto a = tmp / "a.h5", b = tmp / "b.h5";
  REQUIRE(run(tlm::test::tlm_binary() + " run combined -q -r 4 -j 2 -o " + a).exit_code == 0);
  REQUIRE(run("TLM_NO_AVX2=1 " + tlm::test::tlm_binary() + " run combined -q -r 4 -j 2 -o " + b).exit_code ==
          0);
  auto diff = run("h5diff -r " + a + " " + b + " /combined /combined");
  INFO(diff.out << diff.err);
  REQUIRE(diff.exit_code == 0);
}

TEST_CASE("replication i does not depend on N: -r 8 equals the first 8 replications of -r 20",
          "[e2e][determinism]") {
  TempDir tmp;
  const auto a = tmp / "a.h5", b = tmp / "b.h5";
  REQUIRE(run(tlm::test::tlm_binary() + " run nl-baseline -q -r 8 -o " + a).exit_code == 0);
  REQUIRE(run(tlm::test::tlm_binary() + " run nl-baseline -q -r 20 -o " + b).exit_code == 0);
  auto check = run(kPython + " prefix " + a + " " + b + " nl-baseline 8");
  INFO(check.out << check.err);
  REQUIRE(check.exit_code == 0);
}

TEST_CASE("a completed run leaves a file h5py opens, holding every dataset of the output format", "[e2e]") {
  TempDir tmp;
  const auto out = tmp / "tiny.h5";
  auto r = run(tlm::test::tlm_binary() + " run tiny -r 3 -o " + out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.find("Total shortage") != std::string::npos);  // the headline table
  auto check = run(kPython + " layout " + out + " tiny");
  INFO(check.out << check.err);
  REQUIRE(check.exit_code == 0);
  // Each dimension of every dataset has its axis attached as a dimension scale (xarray-style readers).
  auto scales = run(kPython + " scales " + out);
  INFO(scales.out << scales.err);
  REQUIRE(scales.exit_code == 0);
  // Nothing but the results file is left behind.
  REQUIRE(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator{}) == 1);
}

TEST_CASE("SIGINT or SIGHUP after the first replications: exit 130, no output file, no temporary",
          "[e2e][interrupt]") {
  const int signal = GENERATE(SIGINT, SIGHUP);
  INFO("signal " << signal);
  TempDir tmp;
  const auto out = tmp / "big.h5";
  // tlm itself starts with the stop signals at their default disposition (a child of a non-interactive shell
  // ignores SIGINT).
  const pid_t pid = tlm::test::spawn_tlm({"run", "nl-baseline", "-q", "-r", "400", "-j", "2", "-o", out});
  REQUIRE(pid > 0);
  const std::string temp = out + ".tmp" + std::to_string(pid);
  // Wait for the temporary, then for the first replications to be written to it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(temp) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(fs::exists(temp));
  std::this_thread::sleep_for(std::chrono::seconds(3));
  REQUIRE(kill(pid, signal) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 130);
  REQUIRE_FALSE(fs::exists(out));
  REQUIRE_FALSE(fs::exists(temp));
}

TEST_CASE("an output path that cannot be written is bad input: exit 2, nothing written", "[e2e]") {
  TempDir tmp;
  auto r = run(tlm::test::tlm_binary() + " run tiny -r 1 -o " + (tmp / "no/such/dir/x.h5"));
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.err.find("does not exist") != std::string::npos);
  r = run(tlm::test::tlm_binary() + " run tiny tiny -r 1 -o " + (tmp / "x.h5"));
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.err == "tlm: two scenarios named `tiny` in one run; give one a different `name`\n");
  r = run(tlm::test::tlm_binary() + " run tiny -r 1 -j 4096 -o " + (tmp / "x.h5"));
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.err.find("--threads: Value 4096 not in range 0 to 256") != std::string::npos);
  REQUIRE(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator{}) == 0);
}

TEST_CASE("a run too large for the memory is bad input before anything is written", "[e2e][hardening]") {
  // The estimate (experiment/memory.cpp) comes from the resolved scenario before any world is built: a
  // hundred-fold Netherlands of ten million FTE per sector needs about a terabyte. Exit 2, the estimate and
  // what to lower; an existing output stays byte for byte as it was.
  TempDir tmp;
  const std::string out = tmp / "x.h5";
  std::ofstream(out) << "an earlier file";
  auto r = run(tlm::test::tlm_binary() +
               " run nl-baseline --set world.scale=100 --set world.demand_fte=1e7 -r 2 -o " + out);
  REQUIRE(r.exit_code == 2);
  INFO(r.err);
  CHECK(r.err.starts_with("tlm: this run needs about "));
  CHECK(r.err.find("Lower world.scale, world.demand_fte") != std::string::npos);
  // --max-memory replaces the machine's available memory; a size that is not one is bad input.
  r = run(tlm::test::tlm_binary() + " run tiny -r 2 --max-memory 10k -o " + out);
  REQUIRE(r.exit_code == 2);
  CHECK(r.err.find("more than --max-memory (10 KiB)") != std::string::npos);
  r = run(tlm::test::tlm_binary() + " run tiny -r 2 --max-memory lots -o " + out);
  REQUIRE(r.exit_code == 2);
  CHECK(r.err == "tlm: --max-memory: `lots` is not a size (e.g. 4G, 512M, 800k)\n");
  std::ifstream in(out);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "an earlier file");
  CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator{}) == 1);
  // A run that fits goes on.
  r = run(tlm::test::tlm_binary() + " run tiny -r 1 -q --max-memory 4G -o " + (tmp / "ok.h5"));
  CHECK(r.exit_code == 0);
}

TEST_CASE("tlm --help, tlm run --help and tlm help describe every option", "[e2e][help]") {
  auto top = run(tlm::test::tlm_binary() + " --help");
  REQUIRE(top.exit_code == 0);
  for (const char* cmd : {"run", "compare", "report", "validate", "scenarios", "show"})
    REQUIRE(top.out.find(cmd) != std::string::npos);
  auto r = run(tlm::test::tlm_binary() + " run --help");
  REQUIRE(r.exit_code == 0);
  for (const char* opt :
       {"-r,--replications", "-j,--threads", "--seed", "--set", "-o,--output", "-q,--quiet", "SCENARIO"})
    REQUIRE(r.out.find(opt) != std::string::npos);
  auto bad = run(tlm::test::tlm_binary() + " run --no-such-option");
  REQUIRE(bad.exit_code == 2);
  // `tlm help` and `tlm help run` print the same texts.
  auto help = run(tlm::test::tlm_binary() + " help");
  REQUIRE(help.exit_code == 0);
  REQUIRE(help.out == top.out);
  auto help_run = run(tlm::test::tlm_binary() + " help run");
  REQUIRE(help_run.exit_code == 0);
  REQUIRE(help_run.out == r.out);
  auto help_bad = run(tlm::test::tlm_binary() + " help nope");
  REQUIRE(help_bad.exit_code == 2);
  REQUIRE(help_bad.err == "tlm: no command `nope`; `tlm help` lists them\n");
}

TEST_CASE("the example import (scenarios/data) runs: imported schools, teachers and region labels",
          "[e2e][import]") {
  TempDir tmp;
  const auto out = tmp / "import.h5";
  const std::string scenario = std::string(TLM_SOURCE_DIR) + "/scenarios/data/example-import.toml";
  auto r = run(tlm::test::tlm_binary() + " run " + scenario + " -q -r 3 -o " + out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Regions keep their labels, in order of first appearance; the imported demand is the start demand.
  auto check = run("/usr/bin/python3 -c \"import h5py, numpy as np; g = h5py.File('" + out +
                   "')['example-import']; print([s.decode() for s in g['regions'][:]]); "
                   "print(round(float(g['metrics/demand_fte'][0, 0].sum()), 1)); "
                   "print(int(g['cohorts/entrants'][0, 0, :, 0].sum()))\"");
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  // 20 schools' demand and 786 teachers (counts) from the two CSV files.
  double demand = 0.0;
  {
    std::ifstream csv(std::string(TLM_SOURCE_DIR) + "/scenarios/data/schools.csv");
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line))
      demand += std::stod(line.substr(line.rfind(',', line.rfind(',') - 1) + 1));
  }
  std::ostringstream expected;
  expected << "['Noord', 'Midden', 'Zuid']\n" << std::fixed << std::setprecision(1) << demand << "\n786\n";
  REQUIRE(check.out == expected.str());
}

TEST_CASE("output: -o never replaces a symlink, a FIFO or the results file itself, exit 2, all unchanged",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string victim = tmp / "victim.txt";
  std::ofstream(victim) << "precious";
  fs::create_symlink(victim, tmp / "link.h5");
  auto r = run(tlm::test::tlm_binary() + " run tiny -r 1 -q -o " + (tmp / "link.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not a regular file (a symbolic link)") != std::string::npos);
  CHECK(fs::is_symlink(tmp / "link.h5"));
  CHECK(read_file(victim) == "precious");

  REQUIRE(mkfifo((tmp / "fifo.h5").c_str(), 0644) == 0);
  r = run(tlm::test::tlm_binary() + " run tiny -r 1 -q -o " + (tmp / "fifo.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not a regular file (a special file)") != std::string::npos);
  CHECK(fs::is_fifo(tmp / "fifo.h5"));

  const std::string h5 = tmp / "x.h5";
  REQUIRE(run(tlm::test::tlm_binary() + " run tiny -r 1 -q -o " + h5).exit_code == 0);
  const std::string before = read_file(h5);
  r = run(tlm::test::tlm_binary() + " report " + h5 + " -o " + h5);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("would overwrite its own results file") != std::string::npos);
  CHECK(read_file(h5) == before);
  // Only what the test made is there: no temporaries.
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(tmp.path())) names.insert(e.path().filename().string());
  CHECK(names == std::set<std::string>{"victim.txt", "link.h5", "fifo.h5", "x.h5"});
}

TEST_CASE("the temporary is created exclusively: a symlink planted under its name is never followed",
          "[hardening]") {
  TempDir tmp;
  const std::string out = tmp / "out.h5";
  const std::string victim = tmp / "victim.txt";
  std::ofstream(victim) << "precious";
  const std::string planted = out + ".tmp" + std::to_string(::getpid());
  fs::create_symlink(victim, planted);
  {
    tlm::sim::H5Writer w(out);
    CHECK(w.temp_path() != planted);
    w.create_group("/g");
    w.commit();
  }
  CHECK(read_file(victim) == "precious");
  CHECK(fs::is_symlink(planted));
  CHECK(fs::is_regular_file(out));
}

TEST_CASE("a run removes the temporaries that dead runs left beside its output, and nothing else",
          "[e2e][hardening]") {
  TempDir tmp;
  const std::string out = tmp / "r.h5";
  // A pid beyond any pid_max is dead; our own test process is alive; a symlink is never touched.
  const std::string dead = out + ".tmp999999999", dead2 = out + ".tmp999999998.3";
  const std::string alive = out + ".tmp" + std::to_string(::getpid());
  const std::string other = tmp / "s.h5.tmp999999999";
  for (const auto& f : {dead, dead2, alive, other}) std::ofstream(f) << "partial";
  fs::create_symlink(tmp / "victim", out + ".tmp999999997");
  const auto r = run(tlm::test::tlm_binary() + " run tiny -r 1 -q -o " + out);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fs::exists(dead));
  CHECK_FALSE(fs::exists(dead2));
  CHECK(r.err.find("removed " + dead + ", the temporary of a run that died") != std::string::npos);
  CHECK(fs::exists(alive));
  CHECK(fs::exists(other));  // another output's temporary
  CHECK(fs::is_symlink(out + ".tmp999999997"));
  CHECK(fs::is_regular_file(out));
}
