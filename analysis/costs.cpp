#include "analysis/costs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "analysis/format.hpp"
#include "analysis/headlines.hpp"
#include "analysis/results.hpp"
#include "sim/random.hpp"

namespace tlm::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Quantile of sorted values like quantile() (R type 7), where +∞ sorts last: a quantile that reaches
// into the infinite values is infinite.
double sorted_quantile(const std::vector<double>& x, double p) {
  if (x.empty()) return kNaN;
  const double h = (static_cast<double>(x.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  const double frac = h - static_cast<double>(lo);
  if (frac == 0.0 || x[lo] == x[hi]) return x[lo];
  if (std::isinf(x[hi])) return kInf;
  return x[lo] + frac * (x[hi] - x[lo]);
}

std::vector<double> sums_over_years(const ScenarioResults& r, const std::string& metric,
                                    const std::string& sector) {
  std::vector<double> out;
  for (const auto& row : national_sum(r, metric, sector)) {
    double s = 0.0;
    for (double v : row) s += v;
    out.push_back(s);
  }
  return out;
}

}  // namespace

CostEffectiveness unpaired_cost_effectiveness(const std::vector<double>& base_cost,
                                              const std::vector<double>& alt_cost,
                                              const std::vector<double>& base_shortage,
                                              const std::vector<double>& alt_shortage,
                                              const BootstrapOptions& options);

std::vector<std::size_t> bootstrap_resample(std::size_t n, int b, std::uint32_t seed) {
  const sim::Stream stream(seed, 0);
  std::vector<std::size_t> idx(n);
  sim::Words words{};
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 4 == 0)
      words = stream.draw(static_cast<std::uint64_t>(b), 0, 0, static_cast<std::uint32_t>(i / 4));
    idx[i] = static_cast<std::size_t>(sim::uniform_int(0, static_cast<int>(n) - 1, words[i % 4]));
  }
  return idx;
}

double cost_ratio(double mean_cost_diff, double mean_shortage_diff, int shortage_sign) {
  if (std::isnan(mean_cost_diff) || std::isnan(mean_shortage_diff)) return kNaN;
  if (mean_shortage_diff == 0.0 || (mean_shortage_diff < 0.0) != (shortage_sign < 0)) return kInf;
  return -mean_cost_diff / mean_shortage_diff;
}

Interval bootstrap_ratio_interval(const std::vector<double>& d_cost, const std::vector<double>& d_shortage,
                                  int shortage_sign, const BootstrapOptions& options) {
  const std::size_t n = std::min(d_cost.size(), d_shortage.size());
  if (n == 0 || options.resamples < 1) return {kNaN, kNaN};
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(options.resamples));
  for (int b = 0; b < options.resamples; ++b) {
    double c = 0.0, s = 0.0;
    for (std::size_t i : bootstrap_resample(n, b, options.seed)) {
      c += d_cost[i];
      s += d_shortage[i];
    }
    // The ratio of the resample's mean differences, as the ratio of their sums (the n cancels).
    const double r = cost_ratio(c, s, shortage_sign);
    if (!std::isnan(r)) ratios.push_back(r);
  }
  std::sort(ratios.begin(), ratios.end());
  const double tail = (1.0 - options.level) / 2.0;
  return {sorted_quantile(ratios, tail), sorted_quantile(ratios, 1.0 - tail)};
}

CostCase cost_case(double mean_cost_diff, Interval shortage_diff) {
  const bool lower = shortage_diff.hi < 0.0;   // false for NaN
  const bool higher = shortage_diff.lo > 0.0;  // false for NaN
  if (lower) return mean_cost_diff > 0.0 ? CostCase::per_fte_year_avoided : CostCase::cheaper_and_fewer;
  if (mean_cost_diff > 0.0) return CostCase::costs_more_no_fewer;
  if (mean_cost_diff < 0.0 && higher) return CostCase::saved_per_fte_year_added;
  return CostCase::no_reduction;
}

const char* cost_case_id(CostCase c) {
  switch (c) {
    case CostCase::per_fte_year_avoided:
      return "per_fte_year_avoided";
    case CostCase::cheaper_and_fewer:
      return "cheaper_and_fewer";
    case CostCase::costs_more_no_fewer:
      return "costs_more_no_fewer";
    case CostCase::saved_per_fte_year_added:
      return "saved_per_fte_year_added";
    case CostCase::no_reduction:
      return "no_reduction";
  }
  return "";
}

bool has_ratio(CostCase c) {
  return c == CostCase::per_fte_year_avoided || c == CostCase::saved_per_fte_year_added;
}

CostEffectiveness cost_effectiveness(const std::vector<double>& base_cost,
                                     const std::vector<double>& alt_cost,
                                     const std::vector<double>& base_shortage,
                                     const std::vector<double>& alt_shortage, const BootstrapOptions& options,
                                     bool paired) {
  if (!paired) return unpaired_cost_effectiveness(base_cost, alt_cost, base_shortage, alt_shortage, options);
  // Only pairs defined on all four sides: the two differences of a resample come from the same pairs.
  std::vector<double> bc, ac, bs, as, dc, ds;
  const std::size_t n =
      std::min({base_cost.size(), alt_cost.size(), base_shortage.size(), alt_shortage.size()});
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(base_cost[i]) || std::isnan(alt_cost[i]) || std::isnan(base_shortage[i]) ||
        std::isnan(alt_shortage[i]))
      continue;
    bc.push_back(base_cost[i]);
    ac.push_back(alt_cost[i]);
    bs.push_back(base_shortage[i]);
    as.push_back(alt_shortage[i]);
    dc.push_back(alt_cost[i] - base_cost[i]);
    ds.push_back(alt_shortage[i] - base_shortage[i]);
  }
  CostEffectiveness c;
  c.n = dc.size();
  c.cost = paired_difference(bc, ac);
  c.shortage = paired_difference(bs, as);
  c.kind = cost_case(c.cost.mean, c.shortage.paired);
  c.unreliable = c.n < kReliablePairs;
  c.resamples = options.resamples;
  c.seed = options.seed;
  c.ratio = kNaN;
  c.ratio_ci = {kNaN, kNaN};
  if (has_ratio(c.kind)) {
    const int sign = c.kind == CostCase::per_fte_year_avoided ? -1 : +1;
    c.ratio = cost_ratio(c.cost.mean, c.shortage.mean, sign);
    c.ratio_ci = bootstrap_ratio_interval(dc, ds, sign, options);
  }
  return c;
}

// Runs that do not pair: each side's replications (those with both sums) are a sample of their own.
CostEffectiveness unpaired_cost_effectiveness(const std::vector<double>& base_cost,
                                              const std::vector<double>& alt_cost,
                                              const std::vector<double>& base_shortage,
                                              const std::vector<double>& alt_shortage,
                                              const BootstrapOptions& options) {
  auto complete = [](const std::vector<double>& cost, const std::vector<double>& shortage,
                     std::vector<double>& c, std::vector<double>& s) {
    for (std::size_t i = 0; i < std::min(cost.size(), shortage.size()); ++i)
      if (!std::isnan(cost[i]) && !std::isnan(shortage[i])) c.push_back(cost[i]), s.push_back(shortage[i]);
  };
  std::vector<double> bc, bs, ac, as;
  complete(base_cost, base_shortage, bc, bs);
  complete(alt_cost, alt_shortage, ac, as);
  CostEffectiveness c;
  c.paired = false;
  c.n = std::min(bc.size(), ac.size());
  c.cost = unpaired_difference(bc, ac, options.level);
  c.shortage = unpaired_difference(bs, as, options.level);
  c.kind = cost_case(c.cost.mean, c.shortage.paired);
  c.unreliable = c.n < kReliablePairs;
  c.resamples = options.resamples;
  c.seed = options.seed;
  c.ratio = kNaN;
  c.ratio_ci = {kNaN, kNaN};
  if (!has_ratio(c.kind) || bc.empty() || ac.empty()) return c;
  const int sign = c.kind == CostCase::per_fte_year_avoided ? -1 : +1;
  c.ratio = cost_ratio(c.cost.mean, c.shortage.mean, sign);
  const double nb = static_cast<double>(bc.size()), na = static_cast<double>(ac.size());
  std::vector<double> ratios;
  for (int b = 0; b < options.resamples; ++b) {
    double sbc = 0, sbs = 0, sac = 0, sas = 0;
    for (std::size_t i : bootstrap_resample(bc.size(), b, options.seed)) sbc += bc[i], sbs += bs[i];
    for (std::size_t i : bootstrap_resample(ac.size(), b, options.seed + 1)) sac += ac[i], sas += as[i];
    const double r = cost_ratio(sac / na - sbc / nb, sas / na - sbs / nb, sign);
    if (!std::isnan(r)) ratios.push_back(r);
  }
  std::sort(ratios.begin(), ratios.end());
  const double tail = (1.0 - options.level) / 2.0;
  c.ratio_ci = {sorted_quantile(ratios, tail), sorted_quantile(ratios, 1.0 - tail)};
  return c;
}

std::string euros(double v, bool sign) {
  if (!std::isfinite(v)) return std::isnan(v) ? "–" : (v > 0 ? "∞" : "−∞");
  const std::string t = sign ? signed_thousands(v) : thousands(v);
  // The sign goes before the euro sign: "−€56", "+€7".
  const std::string minus = "−";
  if (t.starts_with(minus)) return minus + "€" + t.substr(minus.size());
  if (t.starts_with('-')) return minus + "€" + t.substr(1);
  if (t.starts_with('+')) return "+€" + t.substr(1);
  return "€" + t;
}

std::string euros_short(double v, bool sign) {
  if (!std::isfinite(v) || std::fabs(v) < 1e6) return euros(v, sign);
  // The sign before the euro sign, as euros() writes it: "−€41.7M".
  const std::string t = thousands(std::fabs(v) / 1e6, 1);
  return fmt::format("{}€{}M", v < 0 ? "−" : sign ? "+" : "", t);
}

std::string cost_text(const CostEffectiveness& c, Lang lang) {
  const Words& w = words(lang);
  auto f = [](const char* pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  auto eur = [&](double v) { return localize(euros(v), lang); };
  const std::string interval = f(w.c_interval, eur(c.ratio_ci.lo), eur(c.ratio_ci.hi),
                                 c.unreliable ? f(w.c_unreliable, c.n, kReliablePairs) : "");
  const char* cost = c.cost.mean < 0 ? w.c_costs_less : c.cost.mean > 0 ? w.c_costs_more : w.c_same_cost;
  switch (c.kind) {
    case CostCase::per_fte_year_avoided:
      return f(w.c_per_avoided, eur(c.ratio), interval);
    case CostCase::cheaper_and_fewer:
      return c.cost.mean < 0 ? w.c_cheaper : w.c_same_fewer;
    case CostCase::costs_more_no_fewer:
      return w.c_more_no_fewer;
    case CostCase::saved_per_fte_year_added:
      return f(w.c_saved, eur(c.ratio), interval);
    case CostCase::no_reduction:
      return f(w.c_no_reduction, cost);
  }
  return "";
}

std::vector<CostEffect> file_cost_effects(const std::string& h5path, const BootstrapOptions& options) {
  const FileInfo info = read_file_info(h5path);
  std::vector<CostEffect> out;
  if (info.scenarios.size() < 2) return out;
  // The states of the start year too: they decide whether the runs pair (pairing_of).
  const std::vector<std::string> wanted{"shortage_fte"}, no_subject_metrics{};
  std::vector<std::string> optional = pairing_state_metrics();
  optional.push_back("cost_total");
  const ScenarioResults base =
      load_scenario(h5path, info.scenarios.front(), wanted, optional, no_subject_metrics);
  if (!base.metrics.count("cost_total")) return out;
  const StartFacts base_facts = start_facts(base);
  std::vector<std::string> sectors{"all"};
  sectors.insert(sectors.end(), base.sectors.begin(), base.sectors.end());
  for (std::size_t a = 1; a < info.scenarios.size(); ++a) {
    const ScenarioResults alt =
        load_scenario(h5path, info.scenarios[a], wanted, optional, no_subject_metrics);
    if (!alt.metrics.count("cost_total")) continue;
    const Pairing pairing = pairing_of(base_facts, start_facts(alt));
    for (const auto& s : sectors)
      out.push_back(
          {base.name, alt.name, s, pairing.why_not, base.start(), base.end(),
           cost_effectiveness(sums_over_years(base, "cost_total", s), sums_over_years(alt, "cost_total", s),
                              sums_over_years(base, "shortage_fte", s),
                              sums_over_years(alt, "shortage_fte", s), options, pairing.paired)});
  }
  return out;
}

void print_cost_effects(std::ostream& out, const std::vector<CostEffect>& costs, const std::string& scenario,
                        Lang lang) {
  const CostEffect* first = nullptr;
  for (const auto& c : costs)
    if (c.scenario == scenario) {
      first = &c;
      break;
    }
  if (!first) return;
  const Words& w = words(lang);
  auto f = [](const char* pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  // Millions above a million (a world of full size): the row keeps to 100 columns.
  auto eur = [&](double v) { return localize(euros_short(v, true), lang); };
  auto fte = [&](double v) { return localize(signed_thousands(v), lang); };
  // The lines keep to 100 columns (issue 14), as the effects table does.
  constexpr std::size_t width = 100;
  out << "\n"
      << wrap_text(f(w.t_costs_head, first->first_year, first->last_year,
                     first->stats.paired ? w.t_paired : "Welch"),
                   width, "  ");
  for (const auto& c : costs) {
    if (c.scenario != scenario) continue;
    const auto& s = c.stats;
    out << f(w.t_cost_row, c.sector == "all" ? w.all_sectors : c.sector, eur(s.cost.mean),
             eur(s.cost.paired.lo), eur(s.cost.paired.hi), fte(s.shortage.mean), fte(s.shortage.paired.lo),
             fte(s.shortage.paired.hi))
        << "\n";
    out << wrap_text(cost_text(s, lang), width, std::string(14, ' '));
  }
  if (first->stats.paired)
    out << wrap_text(f(w.t_bootstrap_paired, first->stats.n,
                       localize(thousands(first->stats.resamples), lang), first->stats.seed),
                     width, "  ");
  else
    out << wrap_text(
        f(w.t_bootstrap_unpaired, localize(thousands(first->stats.resamples), lang), first->stats.seed),
        width, "  ");
}

}  // namespace tlm::analysis
