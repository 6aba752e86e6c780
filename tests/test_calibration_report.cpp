// The calibration report (docs/calibration.md, "The report"): the weighted statistics it rests on, checked on
// known answers; the page of a small calibration file written here in the layout of `tlm calibrate`, with
// numbers worked out by hand; `tlm report` on it; and damaged files refused with exit code 2.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/calibration_results.hpp"
#include "analysis/report.hpp"
#include "analysis/stats.hpp"
#include "sim/array.hpp"
#include "sim/h5writer.hpp"
#include "sim/random.hpp"
#include "tests/calibration_file.hpp"
#include "tests/html_checks.hpp"
#include "tests/process.hpp"

namespace fs = std::filesystem;
using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;
using tlm::test::tlm_binary;

namespace {

using tlm::test::count;
using tlm::test::Damage;
using tlm::test::write_calibration;

}  // namespace

TEST_CASE("weighted statistics on known answers", "[calibration][stats]") {
  using namespace tlm::analysis;
  const std::vector<double> x{4, 1, 3, 2}, w{0.4, 0.1, 0.3, 0.2};
  // Cumulative weight in the order of x: 0.1, 0.3, 0.6, 1.0.
  CHECK(weighted_quantile(x, w, 0.05) == 1);
  CHECK(weighted_quantile(x, w, 0.3) == 2);
  CHECK(weighted_quantile(x, w, 0.5) == 3);
  CHECK(weighted_quantile(x, w, 0.95) == 4);
  CHECK(weighted_quantile({4, 3, 2, 1}, {1, 1, 1, 1}, 0.5) == 2);  // the lower median of equal weights
  // NaN values, zero weights and NaN weights are left out.
  CHECK(weighted_quantile({1, NAN, 5, 9}, {1, 1, 0, NAN}, 0.99) == 1);
  CHECK(std::isnan(weighted_quantile({}, {}, 0.5)));
  CHECK(weighted_mean({1, 3}, {3, 1}) == Approx(1.5));
  CHECK(std::isnan(weighted_mean({1, 3}, {0, 0})));
  // A weight of 2 counts a sample twice: the same as the unweighted correlation of {1,1,2,3} and {1,1,3,2},
  // 1.75 / 2.75.
  CHECK(weighted_correlation({1, 2, 3}, {1, 3, 2}, {2, 1, 1}) == Approx(1.75 / 2.75));
  CHECK(weighted_correlation({1, 2, 3}, {3, 5, 7}, {0.2, 0.5, 0.3}) == Approx(1.0));
  CHECK(weighted_correlation({1, 2, 3}, {3, 2, 1}, {0.2, 0.5, 0.3}) == Approx(-1.0));
  CHECK(std::isnan(weighted_correlation({1, 1, 1}, {1, 2, 3}, {1, 1, 1})));
  CHECK(effective_sample_size({1, 1, 1, 1}) == Approx(4));
  CHECK(effective_sample_size({1, 0, 0, 0}) == Approx(1));
  CHECK(effective_sample_size({0.5, 0.25, 0.25}) == Approx(1 / 0.375));
}

// d[k][r] = a_k + b_r + e_kr with known sds, from the counter-based streams (seed 7).
std::vector<std::vector<double>> two_way(std::size_t K, std::size_t R, double sa, double sb, double se) {
  const tlm::sim::Stream stream(7, 0);
  std::vector<double> b(R);
  for (std::size_t r = 0; r < R; ++r) b[r] = sb * tlm::sim::normal(stream.draw(r, 0, 1));
  std::vector<std::vector<double>> d(K, std::vector<double>(R));
  for (std::size_t k = 0; k < K; ++k) {
    const double a = sa * tlm::sim::normal(stream.draw(k, 0, 2));
    for (std::size_t r = 0; r < R; ++r)
      d[k][r] = 5.0 + a + b[r] + se * tlm::sim::normal(stream.draw(k, r, 3));
  }
  return d;
}

TEST_CASE("an effect over posterior draws: the parameters' spread without the draws' own noise",
          "[calibration][stats]") {
  using tlm::analysis::posterior_spread;
  // 400 draws × 50 replications; sd of the parameters' part 2, of the shared noise 1, of the rest 3.
  const auto with = posterior_spread(two_way(400, 50, 2.0, 1.0, 3.0), 0.90);
  // The estimate of sd 2 from 400 draws has a relative sd of about 4%: 15% is beyond 3.5 of them.
  CHECK(with.parameter_sd == Approx(2.0).epsilon(0.15));
  // The noise: t(0.95, 49) × sd(b_r + ē_r) / √50, sd ≈ √(1 + 9/400); its estimate from 50 replications has a
  // relative sd of about 10%: 30%.
  const double expected = tlm::analysis::t_quantile(0.95, 49) * std::sqrt(1.0 + 9.0 / 400) / std::sqrt(50.0);
  CHECK(with.noise_halfwidth == Approx(expected).epsilon(0.30));
  CHECK(with.mean == Approx(5.0).margin(1.0));
  // No parameters' part: the draws' means still spread by 3 / √50 = 0.42 from their own noise, which the
  // estimate takes out (its own sd about 0.06 at this size: 0.25 is 4 of them above 0).
  const auto without = posterior_spread(two_way(400, 50, 0.0, 1.0, 3.0), 0.90);
  CHECK(without.parameter_sd < 0.25);
  // Too few draws or replications, or a NaN: no answer.
  CHECK(std::isnan(posterior_spread(two_way(1, 5, 1, 1, 1)).mean));
  CHECK(std::isnan(posterior_spread(two_way(5, 1, 1, 1, 1)).parameter_sd));
  auto holed = two_way(5, 5, 1, 1, 1);
  holed[2][3] = std::nan("");
  CHECK(std::isnan(posterior_spread(holed).noise_halfwidth));
}

TEST_CASE("the calibration report: targets, posteriors, correlations and generations",
          "[calibration][report]") {
  TempDir dir;
  const std::string path = dir / "calib.h5";
  write_calibration(path);
  REQUIRE(tlm::analysis::is_calibration_file(path));
  const auto c = tlm::analysis::load_calibration_results(path);
  CHECK(c.scenario == "small.toml");
  CHECK(c.parameters[0].log);
  CHECK(c.parameters[1].high == 1.0);
  CHECK(std::isinf(c.generations[0].tolerance));
  CHECK(c.generations[2].acceptance_rate() == Approx(10.0 / 80.0));

  const std::string html = tlm::analysis::calibration_report_html(path);
  // The page's layout and colours (docs/report.md, "Layout"): every table in its scrolling box, the bar
  // charts' labels above their rows, the shared palette only.
  CHECK(tlm::test::unboxed_tables(html) == 0);
  CHECK(html.find("data-labels=\"above\">") != std::string::npos);
  CHECK(tlm::test::off_palette_colours(html).empty());
  // Each target: its label, measured value and sd in the table.
  CHECK(html.find("<td>po shortage rate 2030</td><td class=\"num\">0.08</td><td class=\"num\">0.005</td>") !=
        std::string::npos);
  CHECK(html.find("<td>vo shortage 2030</td><td class=\"num\">1250</td><td class=\"num\">40</td>") !=
        std::string::npos);
  CHECK(html.find("id=\"target-0\"") != std::string::npos);
  CHECK(html.find("id=\"target-1\"") != std::string::npos);
  // The posterior of reserve.return, by hand: cumulative weights (1 + … + (i + 1)) / 55 reach 0.05 at i = 1,
  // 0.5 at i = 6 and 0.95 at i = 9; the value is 0.02 × 1.1^i.
  CHECK(html.find("posterior median 0.03543, 90% interval 0.022 to 0.04716 (prior log-uniform on [0.005, "
                  "0.1])") != std::string::npos);
  CHECK(html.find("id=\"parameter-0\"") != std::string::npos);
  CHECK(html.find("id=\"parameter-1\"") != std::string::npos);
  // log(reserve.return) and base_quality are exactly opposed.
  CHECK(count(html, "−1.00</td>") == 2);
  // The generations: one row each, generation 0 at an infinite tolerance.
  const auto table = html.substr(html.find("id=\"generations-table\""));
  CHECK(count(table.substr(0, table.find("</table>")), "<tr><td") == 3);
  CHECK(table.find("<tr><td class=\"num\">0</td><td class=\"num\">∞</td><td class=\"num\">10</td>") !=
        std::string::npos);
  CHECK(table.find("<tr><td class=\"num\">2</td><td class=\"num\">3.25</td><td class=\"num\">80</td><td "
                   "class=\"num\">10</td><td class=\"num\">12.5%</td><td class=\"num\">7.9</td>") !=
        std::string::npos);
  // What it does not say.
  CHECK(html.find("It does not validate the model's structure") != std::string::npos);

  // Through the binary: the default name is the one tlm calibrate gives the report.
  const auto r = run(fmt::format("'{}' report '{}'", tlm_binary(), path));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(read_file(dir / "calib.report.html") == html);
  CHECK(run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), path, dir / "other.html")).exit_code == 0);
  CHECK(fs::exists(dir / "other.html"));
}

TEST_CASE("a damaged calibration file is refused with exit code 2", "[calibration][report]") {
  TempDir dir;
  auto refused = [&](Damage damage, const std::string& message) {
    const std::string path = dir / "bad.h5";
    write_calibration(path, damage);
    const auto r = run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), path, dir / "bad.html"));
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "bad.html"));
  };
  refused(Damage::ShortWeight,
          "bad.h5: not a valid tlm calibration file: /generations/1/weight has shape [9], "
          "expected [10] (particles)");
  refused(Damage::PartsShape,
          "/generations/1/parts has shape [10, 3], expected [10, 2] (particles × targets)");
  refused(Damage::NoPrior, "no [[parameter]] with key \"policy.induction.base_quality.po\", low and high");
  // A file of another kind is read as a results file, which it is not either.
  refused(Damage::NotCalibration, "bad.h5");
}
