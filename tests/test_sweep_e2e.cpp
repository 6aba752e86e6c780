// End-to-end runs of `tlm sweep` (docs/sweeps.md): the same bits on any number of threads and MPI ranks, a
// point equal to `tlm run --set`, resume after --tasks, Ctrl-C and SIGKILL, refusals, failed tasks.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "process.hpp"

using tlm::test::run;
using tlm::test::TempDir;
namespace fs = std::filesystem;

using tlm::test::write_file;

namespace {

const std::string kSame = "/usr/bin/python3 " + std::string(TLM_SOURCE_DIR) + "/scripts/same-results ";
const std::string kChecks = "/usr/bin/python3 " + std::string(TLM_TEST_DIR) + "/sweep_checks.py ";

// A small world (a tenth of the Netherlands, to 2031) and its groenpluk-ban alternative, and a 6-point grid.
void small_sweep(const TempDir& dir, int replications = 2) {
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2031\n[world]\nscale = 0.1\n");
  write_file(
      dir / "ban.toml",
      "extends = \"groenpluk-ban\"\nname = \"small-ban\"\n[years]\nend = 2031\n[world]\nscale = 0.1\n");
  write_file(dir / "d.toml",
             "scenario = \"small.toml\"\nalternatives = [\"ban.toml\"]\nreplications = " +
                 std::to_string(replications) +
                 "\nseed = 7\n"
                 "[[parameter]]\nkey = \"policy.induction.base_quality.po\"\nvalues = [0.45, 0.65, 0.85]\n"
                 "[[parameter]]\nkey = \"reserve.return\"\nvalues = [0.02, 0.04]\n");
}

std::string tlm_bin() {
  return tlm::test::tlm_binary();
}

std::string mpirun() {
  // --oversubscribe: more ranks than cores; --allow-run-as-root: CI runs as root. Under the sanitizer job,
  // OpenMPI's own libraries and plugins leak at exit (thousands of blocks in libopen-pal, libmpi, hwloc and
  // plugins already unloaded, which no suppression can name): LeakSanitizer is off for the MPI runs only; the
  // runs without mpirun check tlm's own code for leaks, the same code but for experiment/mpi.cpp.
  return "ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:detect_leaks=0\" mpirun --oversubscribe --allow-run-as-root ";
}

}  // namespace

TEST_CASE("a sweep gives the same bits with 1 and 2 threads and with 1, 2 and 3 MPI ranks",
          "[e2e][sweep][mpi]") {
  TempDir dir;
  small_sweep(dir);
  const auto base = run(tlm_bin() + " sweep " + (dir / "d.toml") + " -j 1 -q -o " + (dir / "j1.h5"));
  REQUIRE(base.exit_code == 0);
  CHECK_FALSE(fs::exists(dir / "j1.h5.part"));
  CHECK(run(tlm_bin() + " sweep " + (dir / "d.toml") + " -j 2 -q -o " + (dir / "j2.h5")).exit_code == 0);
  CHECK(run(kSame + (dir / "j1.h5") + " " + (dir / "j2.h5")).exit_code == 0);
  REQUIRE(run("command -v mpirun").exit_code == 0);  // scripts/setup installs openmpi-bin
  for (const int ranks : {1, 2, 3}) {
    INFO(ranks << " ranks");
    const auto out = dir / fmt::format("m{}.h5", ranks);
    const auto r = run(mpirun() + "-n " + std::to_string(ranks) + " " + tlm_bin() + " sweep " +
                       (dir / "d.toml") + " -j 1 -q -o " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(run(kSame + (dir / "j1.h5") + " " + out).exit_code == 0);
  }
}

TEST_CASE("sweep --list prints the validated points and writes nothing", "[e2e][sweep]") {
  TempDir dir;
  small_sweep(dir);
  const auto r = run(tlm_bin() + " sweep " + (dir / "d.toml") + " --list");
  CHECK(r.exit_code == 0);
  CHECK(
      r.out ==
      "point,policy.induction.base_quality.po,reserve.return\n0,0.45,0.02\n1,0.45,0.04\n2,0.65,0.02\n3,0.65,"
      "0.04\n4,0.85,0.02\n5,0.85,0.04\n");
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);
}

TEST_CASE("a point of a sweep equals tlm run BASE --set key=value with the same seed", "[e2e][sweep]") {
  TempDir dir;
  small_sweep(dir);
  REQUIRE(run(tlm_bin() + " sweep " + (dir / "d.toml") + " -q -o " + (dir / "s.h5")).exit_code == 0);
  // Point 3 (0-based) of the grid: base_quality.po = 0.65 (the second value), reserve.return = 0.04.
  REQUIRE(run(tlm_bin() + " run " + (dir / "small.toml") + " " + (dir / "ban.toml") +
              " --set policy.induction.base_quality.po=0.65 --set reserve.return=0.04 --seed 7 -r 2 -q -o " +
              (dir / "run.h5"))
              .exit_code == 0);
  const auto same = run(kChecks + "point-equals-run " + (dir / "s.h5") + " 3 " + (dir / "run.h5"));
  INFO(same.out);
  CHECK(same.exit_code == 0);
  // The check can fail: another point differs.
  CHECK(run(kChecks + "point-equals-run " + (dir / "s.h5") + " 2 " + (dir / "run.h5")).exit_code == 1);
}

TEST_CASE("every dataset of a sweep file has a dimension scale on each dimension", "[e2e][sweep][h5]") {
  TempDir dir;
  small_sweep(dir);
  REQUIRE(run(tlm_bin() + " sweep " + (dir / "d.toml") + " -q --regions -o " + (dir / "s.h5")).exit_code ==
          0);
  const auto scales =
      run("/usr/bin/python3 " + std::string(TLM_TEST_DIR) + "/h5_checks.py scales " + (dir / "s.h5"));
  INFO(scales.out << scales.err);
  CHECK(scales.exit_code == 0);
}

TEST_CASE("a sweep run in slices (--tasks) and resumed equals the uninterrupted sweep",
          "[e2e][sweep][resume]") {
  TempDir dir;
  small_sweep(dir);
  REQUIRE(run(tlm_bin() + " sweep " + (dir / "d.toml") + " -q -o " + (dir / "whole.h5")).exit_code == 0);
  const auto slice = run(tlm_bin() + " sweep " + (dir / "d.toml") + " --tasks 5 -o " + (dir / "r.h5"));
  REQUIRE(slice.exit_code == 0);
  CHECK(slice.err.find("ran 5 tasks; 7 remain in " + (dir / "r.h5.part")) != std::string::npos);
  CHECK(run(kChecks + "marks " + (dir / "r.h5.part")).out == "5 0\n");
  CHECK_FALSE(fs::exists(dir / "r.h5"));
  // Without --resume an unfinished sweep is never overwritten.
  const auto refused = run(tlm_bin() + " sweep " + (dir / "d.toml") + " -o " + (dir / "r.h5"));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err ==
        "tlm: " + (dir / "r.h5.part") +
            " holds an unfinished sweep; run with --resume to finish it, or remove it to start "
            "again\n");
  REQUIRE(run(tlm_bin() + " sweep " + (dir / "d.toml") + " --resume --tasks 4 -q -o " + (dir / "r.h5"))
              .exit_code == 0);
  const auto last = run(tlm_bin() + " sweep " + (dir / "d.toml") + " --resume -o " + (dir / "r.h5"));
  REQUIRE(last.exit_code == 0);
  CHECK(last.err.find("= 12 tasks, 9 done before; running 3") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "r.h5.part"));
  CHECK(run(kSame + (dir / "whole.h5") + " " + (dir / "r.h5")).exit_code == 0);
  const auto nothing = run(tlm_bin() + " sweep " + (dir / "d.toml") + " --resume -o " + (dir / "r.h5"));
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err == "tlm: nothing to resume: " + (dir / "r.h5.part") + " does not exist (" +
                           (dir / "r.h5") + " is complete)\n");
}

TEST_CASE("a sweep stopped by Ctrl-C or killed keeps its finished tasks, --resume gives the same bits",
          "[e2e][sweep][resume][interrupt]") {
  const int signal = GENERATE(SIGINT, SIGKILL);
  INFO("signal " << signal);
  TempDir dir;
  // Long enough that the kill lands after the first flush (5 s) and before the end: 1,200 tasks, about 16 s
  // on 2 free threads; 360 under the sanitizers, which run them several times slower.
#if defined(__SANITIZE_ADDRESS__)
  const int replications = 60;
#else
  const int replications = 200;
#endif
  small_sweep(dir, replications);
  REQUIRE(run(tlm_bin() + " sweep " + (dir / "d.toml") + " -q -o " + (dir / "whole.h5")).exit_code == 0);
  const auto out = dir / "k.h5";
  const pid_t pid = tlm::test::spawn_tlm({"sweep", dir / "d.toml", "-q", "-j", "2", "-o", out});
  REQUIRE(pid > 0);
  // A SIGKILL lands after the first flush (every 5 seconds); Ctrl-C flushes on its way out.
  std::this_thread::sleep_for(std::chrono::milliseconds(signal == SIGKILL ? 6500 : 1500));
  REQUIRE(kill(pid, signal) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  if (signal == SIGINT) {
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
  }
  REQUIRE(fs::exists(out + ".part"));
  REQUIRE_FALSE(fs::exists(out));
  const auto marks = run(kChecks + "marks " + out + ".part");
  INFO(marks.out);
  CHECK(marks.out != "0 0\n");                                  // some tasks were kept
  CHECK(marks.out != fmt::format("{} 0\n", 6 * replications));  // and some were not yet done
  const auto resumed = run(tlm_bin() + " sweep " + (dir / "d.toml") + " --resume -q -o " + out);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(run(kSame + (dir / "whole.h5") + " " + out).exit_code == 0);
}

TEST_CASE("resuming refuses another design or scenario, saying what differs", "[e2e][sweep][resume]") {
  TempDir dir;
  small_sweep(dir);
  REQUIRE(run(tlm_bin() + " sweep " + (dir / "d.toml") + " --tasks 2 -q -o " + (dir / "r.h5")).exit_code ==
          0);
  std::string design = tlm::test::read_file(dir / "d.toml");
  design.replace(design.find("[0.02, 0.04]"), 12, "[0.02, 0.05]");
  write_file(dir / "d2.toml", design);
  const auto r = run(tlm_bin() + " sweep " + (dir / "d2.toml") + " --resume -q -o " + (dir / "r.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: cannot resume " + (dir / "r.h5.part") +
            ": the design differs from the sweep's (line 10 was `values = [0.02, 0.04]`, is now `values = "
            "[0.02, 0.05]`); finish it with the same design and scenarios, or remove it to start again\n");
  write_file(dir / "small.toml",
             "extends = \"nl-baseline\"\nname = \"small\"\n[years]\nend = 2031\n[world]\nscale = 0.2\n");
  const auto s = run(tlm_bin() + " sweep " + (dir / "d.toml") + " --resume -q -o " + (dir / "r.h5"));
  CHECK(s.exit_code == 2);
  CHECK(s.err.find("the scenario differs from the sweep's (line ") != std::string::npos);
  CHECK(s.err.find("was `scale = 0.1`, is now `scale = 0.2`") != std::string::npos);
  const auto other_r =
      run(tlm_bin() + " sweep " + (dir / "d2.toml") + " -r 3 --resume -q -o " + (dir / "r.h5"));
  CHECK(other_r.exit_code == 2);
}

TEST_CASE("a design is validated at every point before anything runs: errors in the design file",
          "[e2e][sweep]") {
  TempDir dir;
  small_sweep(dir);
  write_file(dir / "bad.toml",
             "scenario = \"small.toml\"\nreplications = 1\n[[parameter]]\nkey = "
             "\"policy.induction.base_quality.po\"\n"
             "values = [0.5, 1.5]\n[[parameter]]\nkey = \"reserve.retrun\"\nvalues = [0.02]\n");
  const auto r = run(tlm_bin() + " sweep " + (dir / "bad.toml") + " -o " + (dir / "bad.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == (dir / "bad.toml") +
                     ":5:16: policy.induction.base_quality.po = 1.5 (point 1): must be in [0, 1], got 1.5\n" +
                     (dir / "bad.toml") +
                     ":7:7: unknown key `reserve.retrun`; did you mean `reserve.return`?\n");
  CHECK_FALSE(fs::exists(dir / "bad.h5"));
  CHECK_FALSE(fs::exists(dir / "bad.h5.part"));
  write_file(dir / "nofile.toml",
             "scenario = \"missing.toml\"\n[[parameter]]\nkey = \"seed\"\nvalues = [1]\n");
  const auto m = run(tlm_bin() + " sweep " + (dir / "nofile.toml"));
  CHECK(m.exit_code == 2);
  CHECK(m.err.find((dir / "nofile.toml") + ":1:12: " + (dir / "missing.toml") + ": cannot read file") == 0);
}

TEST_CASE("a task that fails is reported with its point and replication, the others go on, exit 3",
          "[e2e][sweep]") {
  TempDir dir;
  small_sweep(dir);
  // With the regional detail, a point with fewer regions than the first cannot be stored.
  write_file(
      dir / "f.toml",
      "scenario = \"small.toml\"\nreplications = 2\nregions = true\n[[parameter]]\nkey = \"world.regions\"\n"
      "values = [20, 10]\n");
  const auto r = run(tlm_bin() + " sweep " + (dir / "f.toml") + " -q -o " + (dir / "f.h5"));
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(
            "tlm: task failed: point 1 (world.regions = 10), replication 0: small: 10 regions, where the "
            "sweep file has 20 (from its first point)") != std::string::npos);
  CHECK(r.err.find("tlm: 2 of 4 tasks failed (above); the others are in " + (dir / "f.h5") +
                   ", where /failed marks them\n") != std::string::npos);
  CHECK(run(kChecks + "marks " + (dir / "f.h5")).out == "2 2\n");
}

TEST_CASE(
    "a sweep file is allocated whole when the sweep starts: too little room fails at once, nothing left",
    "[e2e][sweep][hardening]") {
  TempDir dir;
  small_sweep(dir);
  // A file size limit of 200 KiB (the file needs about 620 KiB): refused from the estimate, before the
  // file is created (test_hardening_e2e.cpp checks the estimate against the free space and --max-disk).
  const auto r = run(fmt::format("bash -c \"ulimit -f 200; trap '' XFSZ; exec '{}' sweep '{}' -q -o '{}'\"",
                                 tlm_bin(), dir / "d.toml", dir / "s.h5"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "tlm: cannot write " + (dir / "s.h5.part") +
            ": it needs about 619 KiB (6 points × 2 replications × 43 KiB a task), more than the file "
            "size limit of this process (ulimit -f, 200 KiB): lower -r or the design's points, or give "
            "-o a file system with room\n");
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);  // the inputs only
}
