#include "analysis/effects.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/format.hpp"
#include "analysis/report.hpp"
#include "analysis/stats.hpp"

namespace tlm::analysis {
namespace {

// CSV fields: numbers with full precision (round-trip), empty for NaN / not applicable.
std::string csv_number(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : "";
}

nlohmann::json json_number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// How the interval of an effect was made (the `interval` column).
const char* interval_name(const Effect& e) {
  return e.paired ? "paired t" : "Welch t";
}

std::string value_text(const Effect& e, double v, bool diff, Lang lang) {
  // Euros in millions: whole euros of a full-size world do not fit the terminal table's columns.
  if (e.unit == "EUR") return localize(euros_short(v, diff), lang);
  if (e.unit == "share") return localize(diff ? points(v) : percent(v), lang);
  return localize(diff ? signed_thousands(v) : thousands(v), lang);
}

}  // namespace

std::string effect_label(const Effect& e, Lang lang) {
  return indicator_label({e.metric, e.sector, e.route, e.programme, e.subject, e.year, e.unit, e.better, {}},
                         lang);
}

std::vector<Effect> compute_effects(const std::string& base_name, const std::vector<Indicator>& base,
                                    const std::string& alt_name, const std::vector<Indicator>& alt,
                                    const Pairing& pairing) {
  std::map<std::string, const Indicator*> by_key;
  for (const auto& i : alt) by_key[i.key()] = &i;
  std::optional<int> subject_year;  // the last year of the per-subject indicators
  for (const auto& b : base)
    if (!b.subject.empty() && b.year && (!subject_year || *b.year > *subject_year)) subject_year = b.year;
  std::vector<Effect> out;
  for (const auto& b : base) {
    if (!b.subject.empty() && b.year != subject_year) continue;
    auto it = by_key.find(b.key());
    if (it == by_key.end()) continue;
    const Indicator& a = *it->second;
    const PairedDifference d =
        pairing.paired ? paired_difference(b.values, a.values) : unpaired_difference(b.values, a.values);
    Effect e;
    e.base = base_name;
    e.scenario = alt_name;
    e.metric = b.metric;
    e.sector = b.sector;
    e.route = b.route;
    e.programme = b.programme;
    e.subject = b.subject;
    e.year = b.year;
    e.unit = b.unit;
    e.better = b.better;
    e.paired = pairing.paired;
    e.why_unpaired = pairing.why_not;
    e.why_unpaired_nl = pairing.why_not_nl;
    e.n = d.n;
    auto finite_count = [](const std::vector<double>& v) {
      return static_cast<std::size_t>(
          std::count_if(v.begin(), v.end(), [](double x) { return !std::isnan(x); }));
    };
    e.n_base = finite_count(b.values);
    e.n_alt = finite_count(a.values);
    e.mean = d.mean;
    e.lo = d.paired.lo;
    e.hi = d.paired.hi;
    e.p_better = b.better == Better::Higher ? d.share_higher : d.share_lower;
    e.base_mean = d.base_mean;
    e.alt_mean = d.alt_mean;
    e.lo_unpaired = d.unpaired.lo;
    e.hi_unpaired = d.unpaired.hi;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Effect> file_effects(const std::string& h5path, std::vector<int> years) {
  const FileInfo info = read_file_info(h5path);
  if (info.scenarios.size() < 2)
    throw InputError(
        fmt::format("{}: holds {} scenario; a comparison needs a base and at least one alternative", h5path,
                    info.scenarios.size()));
  // One scenario in memory at a time besides the base's indicators: national files are large.
  std::vector<Indicator> base;
  StartFacts base_facts;
  {
    const ScenarioResults b = load_scenario(h5path, info.scenarios.front(), headline_metrics(),
                                            optional_headline_metrics(), headline_subject_metrics());
    if (years.empty()) years = default_years(b);
    base = indicators(b, years);
    base_facts = start_facts(b);
  }
  std::vector<Effect> out;
  for (std::size_t s = 1; s < info.scenarios.size(); ++s) {
    const ScenarioResults a = load_scenario(h5path, info.scenarios[s], headline_metrics(),
                                            optional_headline_metrics(), headline_subject_metrics());
    auto e = compute_effects(info.scenarios.front(), base, a.name, indicators(a, years),
                             pairing_of(base_facts, start_facts(a)));
    out.insert(out.end(), e.begin(), e.end());
  }
  return out;
}

void write_effects_csv(const std::string& path, const std::vector<Effect>& effects,
                       const std::vector<CostEffect>& costs) {
  std::string f;
  f += "base,scenario,metric,sector,route,programme,subject,year,unit,n,mean,lo,hi,p_better,base_mean,"
       "alt_mean,lo_unpaired,hi_unpaired,interval,case,reading,unreliable,n_base,n_alt,unpaired_because\n";
  // Scenario names come from file names and may hold commas: quote the text fields.
  auto q = [](const std::string& s) {
    std::string o = "\"";
    for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
  };
  for (const auto& e : effects)
    f += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},,,,{},{},{}\n", q(e.base),
                     q(e.scenario), e.metric, e.sector, e.route, e.programme,
                     e.subject.empty() ? std::string() : q(e.subject), e.year ? std::to_string(*e.year) : "",
                     e.unit, e.n, csv_number(e.mean), csv_number(e.lo), csv_number(e.hi),
                     csv_number(e.p_better), csv_number(e.base_mean), csv_number(e.alt_mean),
                     csv_number(e.lo_unpaired), csv_number(e.hi_unpaired), interval_name(e), e.n_base,
                     e.n_alt, e.paired ? std::string() : q(e.why_unpaired));
  for (const auto& c : costs)
    f += fmt::format("{},{},{},{},,,,,{},{},{},{},{},,,,,,bootstrap percentile,{},{},{},,,{}\n", q(c.base),
                     q(c.scenario), kCostRowMetric, c.sector, kCostRowUnit, c.stats.n,
                     csv_number(c.stats.ratio), csv_number(c.stats.ratio_ci.lo),
                     csv_number(c.stats.ratio_ci.hi), cost_case_id(c.stats.kind), q(cost_text(c.stats)),
                     c.stats.unreliable ? "true" : "false",
                     c.why_unpaired.empty() ? std::string() : q(c.why_unpaired));
  write_text_file(path, f);
}

EffectsMetadata effects_metadata(const std::string& h5path, const std::vector<Effect>& effects) {
  const FileInfo info = read_file_info(h5path);
  EffectsMetadata m;
  m.tlm_version = info.tlm_version;
  m.created = info.created;
  m.base = info.scenarios.empty() ? "" : info.scenarios.front();
  for (const auto& name : info.scenarios) {
    // One small metric: the group attributes are what is wanted.
    const ScenarioResults r = load_scenario(h5path, name, {"demand_fte"}, {}, std::vector<std::string>{});
    m.scenarios.push_back({name, r.seed, r.replications});
  }
  for (const auto& e : effects)
    if (e.year && e.subject.empty() && std::find(m.years.begin(), m.years.end(), *e.year) == m.years.end())
      m.years.push_back(*e.year);
  std::sort(m.years.begin(), m.years.end());
  return m;
}

void write_effects_json(const std::string& path, const std::vector<Effect>& effects,
                        const std::vector<CostEffect>& costs, const EffectsMetadata& metadata) {
  nlohmann::json rows = nlohmann::json::array();
  auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  for (const auto& e : effects) {
    rows.push_back({{"base", e.base},
                    {"scenario", e.scenario},
                    {"metric", e.metric},
                    {"sector", opt(e.sector)},
                    {"route", opt(e.route)},
                    {"programme", opt(e.programme)},
                    {"subject", opt(e.subject)},
                    {"year", e.year ? nlohmann::json(*e.year) : nlohmann::json(nullptr)},
                    {"unit", e.unit},
                    {"better", e.better == Better::Lower    ? "lower"
                               : e.better == Better::Higher ? "higher"
                                                            : "neutral"},
                    {"n", e.n},
                    {"mean", json_number(e.mean)},
                    {"lo", json_number(e.lo)},
                    {"hi", json_number(e.hi)},
                    {"p_better", json_number(e.p_better)},
                    {"base_mean", json_number(e.base_mean)},
                    {"alt_mean", json_number(e.alt_mean)},
                    {"lo_unpaired", json_number(e.lo_unpaired)},
                    {"hi_unpaired", json_number(e.hi_unpaired)},
                    {"interval", interval_name(e)},
                    {"paired", e.paired},
                    {"unpaired_because", e.paired ? nlohmann::json(nullptr) : nlohmann::json(e.why_unpaired)},
                    {"n_base", e.n_base},
                    {"n_alt", e.n_alt},
                    {"case", nullptr},
                    {"reading", nullptr},
                    {"unreliable", nullptr}});
  }
  for (const auto& c : costs)
    rows.push_back({{"base", c.base},
                    {"scenario", c.scenario},
                    {"metric", kCostRowMetric},
                    {"sector", c.sector},
                    {"route", nullptr},
                    {"programme", nullptr},
                    {"subject", nullptr},
                    {"year", nullptr},
                    {"unit", kCostRowUnit},
                    {"better", nullptr},
                    {"n", c.stats.n},
                    {"mean", json_number(c.stats.ratio)},
                    {"lo", json_number(c.stats.ratio_ci.lo)},
                    {"hi", json_number(c.stats.ratio_ci.hi)},
                    {"p_better", nullptr},
                    {"base_mean", nullptr},
                    {"alt_mean", nullptr},
                    {"lo_unpaired", nullptr},
                    {"hi_unpaired", nullptr},
                    {"interval", "bootstrap percentile"},
                    {"paired", c.stats.paired},
                    {"unpaired_because",
                     c.why_unpaired.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.why_unpaired)},
                    {"case", cost_case_id(c.stats.kind)},
                    {"reading", cost_text(c.stats)},
                    {"unreliable", c.stats.unreliable},
                    {"resamples", c.stats.resamples},
                    {"seed", c.stats.seed}});
  nlohmann::json scenarios = nlohmann::json::array();
  for (const auto& s : metadata.scenarios)
    scenarios.push_back({{"name", s.name}, {"seed", s.seed}, {"replications", s.replications}});
  const auto* base = metadata.scenarios.empty() ? nullptr : &metadata.scenarios.front();
  nlohmann::json doc = {
      {"tlm_version", metadata.tlm_version},
      {"created", metadata.created},
      {"base", metadata.base},
      {"seed", base ? nlohmann::json(base->seed) : nlohmann::json(nullptr)},
      {"replications", base ? nlohmann::json(base->replications) : nlohmann::json(nullptr)},
      {"years", metadata.years},
      {"scenarios", scenarios},
      {"effects", rows},
  };
  write_text_file(path, doc.dump(1) + '\n');
}

void print_effects(std::ostream& out, const std::vector<Effect>& effects,
                   const std::vector<CostEffect>& costs, Lang lang) {
  const Words& w = words(lang);
  auto f = [](const char* pattern, auto&&... args) {
    return fmt::format(fmt::runtime(pattern), std::forward<decltype(args)>(args)...);
  };
  // Columns that fit in kTerminalColumns; a label longer than its column gets a line of its own.
  constexpr std::size_t label_width = 34;
  const std::string row = "  {:<{}}{:>10}{:>10}{:>11}{:>25}{:>7}\n";
  std::string current;
  for (const auto& e : effects) {
    if (e.scenario != current) {
      print_cost_effects(out, costs, current, lang);
      current = e.scenario;
      if (e.paired)
        out << "\n" << wrap_text(f(w.t_paired_head, e.scenario, e.base), kTerminalColumns);
      else
        out << "\n"
            << wrap_text(f(w.t_unpaired_head, e.scenario, e.base), kTerminalColumns)
            << wrap_text(f(w.t_not_paired, lang == Lang::nl ? e.why_unpaired_nl : e.why_unpaired),
                         kTerminalColumns, "  ");
      out << fmt::format(fmt::runtime(row), "", label_width, w.t_base, w.t_alt, w.t_difference, w.t_interval,
                         w.t_better);
    }
    const std::string label = effect_label(e, lang);
    const bool own_line = text_columns(label) >= label_width;
    if (own_line) out << "  " << label << "\n";
    const int dec =
        difference_decimals(e.unit == "share" ? 100 * e.lo : e.lo, e.unit == "share" ? 100 * e.hi : e.hi,
                            e.unit == "share" ? 100 * e.mean : e.mean, e.unit == "share" ? 1 : 0);
    auto diff = [&](double v) {
      if (e.unit == "EUR") return value_text(e, v, true, lang);
      return localize(e.unit == "share" ? points(v, dec) : signed_thousands(v, dec), lang);
    };
    // Dutch separates the bounds with a semicolon: its comma is the decimal one.
    out << fmt::format(fmt::runtime(row), own_line ? "" : label, label_width,
                       value_text(e, e.base_mean, false, lang), value_text(e, e.alt_mean, false, lang),
                       diff(e.mean),
                       fmt::format("[{}{} {}]", diff(e.lo), lang == Lang::nl ? ";" : ",", diff(e.hi)),
                       localize(percent(e.p_better, 0), lang) + (e.better == Better::Neutral ? "*" : " "));
  }
  print_cost_effects(out, costs, current, lang);
  if (!effects.empty()) out << w.t_groenpluk << "\n";
}

void print_effects_summary(std::ostream& out, const std::vector<Effect>& effects, Lang lang) {
  const Words& w = words(lang);
  std::optional<int> last;
  for (const auto& e : effects)
    if (e.metric == "shortage_fte" && e.sector == "all" && e.year && (!last || *e.year > *last))
      last = e.year;
  std::string current;
  for (const auto& e : effects) {
    if (e.scenario == current) continue;
    current = e.scenario;
    std::string line = fmt::format(fmt::runtime(w.q_vs), e.scenario, e.base);
    for (const auto& f : effects) {
      if (f.scenario != current || f.sector != "all" || !f.subject.empty()) continue;
      const bool level = f.metric == "shortage_fte" && f.year == last;
      if (!level && f.metric != "shortage_fte_years") continue;
      const int dec = difference_decimals(f.lo, f.hi, f.mean, 0);
      line += fmt::format(fmt::runtime(w.q_effect),
                          level ? fmt::format(fmt::runtime(w.q_total_shortage), *f.year) : w.q_over_years,
                          localize(signed_thousands(f.mean, dec), lang), level ? "FTE" : w.q_fte_years,
                          localize(signed_thousands(f.lo, dec), lang),
                          localize(signed_thousands(f.hi, dec), lang));
    }
    line += e.paired ? w.q_paired
                     : fmt::format(fmt::runtime(w.q_unpaired),
                                   lang == Lang::nl ? e.why_unpaired_nl : e.why_unpaired);
    out << wrap_text(line, kTerminalColumns);
  }
}

Comparison write_effects_files(const std::string& h5path, const std::vector<int>& years,
                               const std::string& out_dir) {
  Comparison c{file_effects(h5path, years), file_cost_effects(h5path)};
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create the output folder: {}", out_dir, ec.message()));
  const auto dir = std::filesystem::path(out_dir);
  write_effects_csv((dir / "effects.csv").string(), c.effects, c.costs);
  write_effects_json((dir / "effects.json").string(), c.effects, c.costs,
                     effects_metadata(h5path, c.effects));
  return c;
}

Comparison write_comparison(const std::string& h5path, const std::vector<int>& years,
                            const std::string& out_dir, const std::function<void()>& checkpoint,
                            const std::string& shown_h5path, Lang lang) {
  Comparison c{file_effects(h5path, years), file_cost_effects(h5path)};
  auto step = [&] {
    if (checkpoint) checkpoint();
  };
  step();
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create the output folder: {}", out_dir, ec.message()));
  const auto dir = std::filesystem::path(out_dir);
  write_effects_csv((dir / "effects.csv").string(), c.effects, c.costs);
  step();
  write_effects_json((dir / "effects.json").string(), c.effects, c.costs,
                     effects_metadata(h5path, c.effects));
  step();
  write_report(h5path, (dir / "report.html").string(), years, shown_h5path, lang);
  step();
  return c;
}

void print_comparison(std::ostream& out, const Comparison& c, const std::string& out_dir, bool brief,
                      Lang lang) {
  const auto dir = std::filesystem::path(out_dir);
  if (brief)
    print_effects_summary(out, c.effects, lang);
  else
    print_effects(out, c.effects, c.costs, lang);
  out << "\n"
      << fmt::format(fmt::runtime(words(lang).q_wrote), (dir / "effects.csv").string(),
                     (dir / "effects.json").string(), (dir / "report.html").string())
      << "\n";
}

int compare_results(const std::string& h5path, const std::vector<int>& years, const std::string& out_dir,
                    std::ostream& out) {
  print_comparison(out, write_comparison(h5path, years, out_dir), out_dir);
  return 0;
}

}  // namespace tlm::analysis
