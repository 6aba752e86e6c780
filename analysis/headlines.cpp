#include "analysis/headlines.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "analysis/format.hpp"
#include "analysis/stats.hpp"

namespace tlm::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Σ numerator[rep, year, c] / Σ denominator[rep, year, c] over years in `w` and the columns `cols`
// (cohort tables are [replication, year, column]).
std::vector<double> pooled_share(const ScenarioResults& r, const Array& num, const Array& den, Window w,
                                 const std::vector<std::size_t>& cols) {
  std::vector<double> out;
  if (num.shape.size() != 3 || den.shape.size() != 3) return out;
  const std::size_t R = den.dim(0), Y = den.dim(1), C = den.dim(2);
  for (std::size_t i = 0; i < R; ++i) {
    double n = 0.0, d = 0.0;
    for (std::size_t y = 0; y < Y; ++y) {
      if (r.years[y] < w.first || r.years[y] > w.last) continue;
      for (std::size_t c : cols) {
        n += num.data[(i * Y + y) * C + c];
        d += den.data[(i * Y + y) * C + c];
      }
    }
    out.push_back(d > 0.0 && !w.empty() ? n / d : kNaN);
  }
  return out;
}

std::vector<double> column_sum(const std::vector<std::vector<double>>& m) {
  std::vector<double> out;
  for (const auto& row : m) {
    double s = 0.0;
    for (double v : row) s += v;
    out.push_back(s);
  }
  return out;
}

std::vector<double> at_year(const std::vector<std::vector<double>>& m, std::size_t y) {
  std::vector<double> out;
  for (const auto& row : m) out.push_back(row[y]);
  return out;
}

std::string band(const Summary& s, int decimals = 0) {
  return fmt::format("{} [{}–{}]", thousands(s.mean, decimals), thousands(s.p05, decimals),
                     thousands(s.p95, decimals));
}
std::string pband(const Summary& s) {
  return fmt::format("{} [{}–{}]", percent(s.mean), percent(s.p05), percent(s.p95));
}

std::string metric_label(const std::string& m, Lang lang) {
  const Words& w = words(lang);
  static const std::map<std::string, const char * Words::*> labels{
      {"shortage_fte", &Words::m_shortage_fte},
      {"open_fte", &Words::m_open_fte},
      {"shortage_fte_years", &Words::m_shortage_fte_years},
      {"retention_5y", &Words::m_retention_5y},
      {"so_share", &Words::m_so_share},
      {"graduation_share", &Words::m_graduation_share},
      {"groenpluk_hires", &Words::m_groenpluk_hires},
      {"zij_completion_share", &Words::m_zij_completion_share},
      {"cost_total", &Words::m_cost_total},
      {"shortage_rate", &Words::m_shortage_rate},
  };
  auto it = labels.find(m);
  return it == labels.end() ? m : w.*(it->second);
}

}  // namespace

std::string indicator_label(const Indicator& i, Lang lang) {
  std::string s = metric_label(i.metric, lang);
  if (!i.sector.empty()) s += " " + (i.sector == "all" ? std::string(words(lang).all_sectors) : i.sector);
  if (!i.route.empty()) s += " " + i.route;
  if (!i.programme.empty())
    s += " " + (i.programme == "all" ? std::string(words(lang).all_programmes) : i.programme);
  if (!i.subject.empty()) s += " " + i.subject;
  if (i.year) s += " " + std::to_string(*i.year);
  return s;
}

std::string Indicator::key() const {
  return fmt::format("{}|{}|{}|{}|{}|{}", metric, sector, route, programme, year ? std::to_string(*year) : "",
                     subject);
}

const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> m{"shortage_fte", "open_fte",    "demand_fte",
                                          "students",     "students_so", "groenpluk_hires"};
  return m;
}

const std::vector<std::string>& optional_headline_metrics() {
  // teachers and schools: with demand_fte, the start state that decides whether two scenarios' runs pair
  // (pairing_state_metrics).
  static const std::vector<std::string> m{"cost_total", "teachers", "schools"};
  return m;
}

const std::vector<std::string>& headline_subject_metrics() {
  static const std::vector<std::string> m{"shortage_fte", "demand_fte"};
  return m;
}

double world_scale(const ScenarioResults& r) {
  try {
    return toml::parse(r.scenario_toml)["world"]["scale"].value_or(1.0);
  } catch (const toml::parse_error&) {
    return 1.0;  // no readable scenario text
  }
}

bool has_subject_headlines(const ScenarioResults& r) {
  return r.subjects.size() > 1 && r.subject_metrics.count("shortage_fte") &&
         r.subject_metrics.count("demand_fte");
}

const std::vector<std::string>& headline_routes() {
  static const std::vector<std::string> r{"grad_so", "grad_regular", "groenpluk", "zij"};
  return r;
}

std::vector<int> default_years(const ScenarioResults& r) {
  std::vector<int> out;
  for (int y : {r.start() + 5, r.start() + 10, r.end()})
    if (y >= r.start() && y <= r.end() && std::find(out.begin(), out.end(), y) == out.end()) out.push_back(y);
  return out;
}

// Cohorts followed to the end: entered after the start year and observed for their whole span (docs/model.md
// 7.4). The spans are the scenario's own, read from the file.
Window retention_window(const ScenarioResults& r) {
  return {r.start() + 1, r.end() - r.retention_years};
}
Window graduation_window(const ScenarioResults& r, const std::string& programme) {
  return {r.start() + 1, r.end() - (r.study_years.at(r.programme_index(programme)) + r.max_extra_years)};
}
Window zij_window(const ScenarioResults& r) {
  return {r.start() + 1, r.end() - r.zij_years};
}

std::vector<std::vector<double>> retention_curve(const ScenarioResults& r, const std::string& route) {
  std::vector<std::vector<double>> out;
  if (r.retained.shape.size() != 4 || r.entrants.shape.size() != 3) return out;
  const std::size_t ri = r.route_index(route);
  const std::size_t R = r.retained.dim(0), Y = r.retained.dim(1), NR = r.retained.dim(2),
                    K = r.retained.dim(3);
  const Window w = retention_window(r);
  for (std::size_t i = 0; i < R; ++i) {
    std::vector<double> curve{1.0};
    for (std::size_t k = 1; k <= K; ++k) {
      // A horizon too short for the k = 5 window falls back to every cohort observed at k.
      const Window wk = w.empty() ? Window{r.start() + 1, r.end() - static_cast<int>(k)} : w;
      double n = 0.0, d = 0.0;
      for (std::size_t y = 0; y < Y; ++y) {
        if (r.years[y] < wk.first || r.years[y] > wk.last) continue;
        const double v = r.retained.data[((i * Y + y) * NR + ri) * K + (k - 1)];
        if (std::isnan(v)) continue;
        n += v;
        d += r.entrants.data[(i * Y + y) * NR + ri];
      }
      curve.push_back(d > 0.0 ? n / d : kNaN);
    }
    out.push_back(std::move(curve));
  }
  return out;
}

std::vector<Indicator> indicators(const ScenarioResults& r, const std::vector<int>& years) {
  std::vector<Indicator> out;
  std::vector<std::string> sectors = r.sectors;
  sectors.push_back("all");
  for (int y : years) r.year_index(y);  // an absent year is bad input, before any work

  for (const char* m : {"shortage_fte", "open_fte"}) {
    for (const auto& s : sectors) {
      auto nat = national_sum(r, m, s);
      for (int y : years)
        out.push_back({m, s, "", "", "", y, "FTE", Better::Lower, at_year(nat, r.year_index(y))});
    }
  }
  for (const auto& s : sectors)
    out.push_back({"shortage_fte_years", s, "", "", "", std::nullopt, "FTE-years", Better::Lower,
                   column_sum(national_sum(r, "shortage_fte", s))});

  if (!r.entrants.data.empty() && !r.retained.data.empty()) {
    for (const auto& route : headline_routes()) {
      if (std::find(r.routes.begin(), r.routes.end(), route) == r.routes.end()) continue;
      std::vector<double> v;
      for (const auto& c : retention_curve(r, route))
        v.push_back(retention_window(r).empty() ? kNaN : c.back());
      out.push_back({"retention_5y", "", route, "", "", std::nullopt, "share", Better::Higher, v});
    }
  }

  auto so = national_ratio(r, "students_so", "students");
  for (int y : years)
    out.push_back({"so_share", "all", "", "", "", y, "share", Better::Higher, at_year(so, r.year_index(y))});

  if (!r.intake.data.empty() && !r.graduated.data.empty()) {
    // "all" pools every programme over its own window: a sum of cohorts that could each finish.
    std::vector<double> num(r.intake.dim(0), 0.0), den(r.intake.dim(0), 0.0);
    for (const auto& p : r.programmes) {
      const std::size_t pi = r.programme_index(p);
      const Window w = graduation_window(r, p);
      out.push_back({"graduation_share", "", "", p, "", std::nullopt, "share", Better::Higher,
                     pooled_share(r, r.graduated, r.intake, w, {pi})});
      const std::size_t Y = r.intake.dim(1), P = r.intake.dim(2);
      for (std::size_t i = 0; i < num.size(); ++i)
        for (std::size_t y = 0; y < Y; ++y)
          if (r.years[y] >= w.first && r.years[y] <= w.last) {
            num[i] += r.graduated.data[(i * Y + y) * P + pi];
            den[i] += r.intake.data[(i * Y + y) * P + pi];
          }
    }
    std::vector<double> all;
    for (std::size_t i = 0; i < num.size(); ++i) all.push_back(den[i] > 0 ? num[i] / den[i] : kNaN);
    out.push_back({"graduation_share", "", "", "all", "", std::nullopt, "share", Better::Higher, all});
  }

  for (const auto& s : sectors)
    out.push_back({"groenpluk_hires", s, "", "", "", std::nullopt, "persons", Better::Neutral,
                   column_sum(national_sum(r, "groenpluk_hires", s))});

  if (!r.zij.data.empty() && !r.zij_completed.data.empty()) {
    for (const auto& s : sectors) {
      std::vector<std::size_t> cols;
      if (s == "all")
        for (std::size_t c = 0; c < r.sectors.size(); ++c) cols.push_back(c);
      else
        cols.push_back(r.sector_index(s));
      out.push_back({"zij_completion_share", s, "", "", "", std::nullopt, "share", Better::Higher,
                     pooled_share(r, r.zij_completed, r.zij, zij_window(r), cols)});
    }
  }

  // Policy costs (docs/model.md 13.3): Σ cost_total over every recorded year, where the file has them.
  if (r.metrics.count("cost_total"))
    for (const auto& s : sectors)
      out.push_back({"cost_total", s, "", "", "", std::nullopt, "EUR", Better::Lower,
                     column_sum(national_sum(r, "cost_total", s))});

  // The vo shortage per subject (docs/model.md 12.5), subjects in file order: FTE, and the rate as the ratio
  // of the national sums.
  if (has_subject_headlines(r)) {
    const auto fte = national_by_subject(r, "shortage_fte");
    const auto rate = national_subject_ratio(r, "shortage_fte", "demand_fte");
    auto cell = [](const std::vector<std::vector<std::vector<double>>>& t, std::size_t y, std::size_t x) {
      std::vector<double> v;
      for (const auto& rep : t) v.push_back(rep[y][x]);
      return v;
    };
    for (std::size_t x = 0; x < r.subjects.size(); ++x)
      for (int y : years) {
        const std::size_t yi = r.year_index(y);
        out.push_back(
            {"shortage_fte", "vo", "", "", r.subjects[x], y, "FTE", Better::Lower, cell(fte, yi, x)});
        out.push_back(
            {"shortage_rate", "vo", "", "", r.subjects[x], y, "share", Better::Lower, cell(rate, yi, x)});
      }
  }
  return out;
}

void print_headlines(std::ostream& out, const std::string& h5path, Lang lang) {
  const HeadlineWords& w = headline_words(lang);
  auto f = [](const char* text, auto&&... args) { return fmt::format(fmt::runtime(text), args...); };
  // Numbers as the language writes them: "12,345" and "9.8%" in English, "12.345" and "9,8%" in Dutch.
  auto num = [lang](const std::string& text) { return localize(text, lang); };
  const FileInfo info = read_file_info(h5path);
  for (const auto& name : info.scenarios) {
    const ScenarioResults r = load_scenario(h5path, name, headline_metrics(), optional_headline_metrics(),
                                            headline_subject_metrics());
    std::vector<int> years{r.start()};
    for (int y : default_years(r))
      if (y != r.start()) years.push_back(y);
    const auto ind = indicators(r, years);
    auto find = [&](const std::string& metric, const std::string& sector, const std::string& route,
                    const std::string& programme, std::optional<int> year,
                    const std::string& subject = {}) -> const Indicator* {
      for (const auto& i : ind)
        if (i.metric == metric && i.sector == sector && i.route == route && i.programme == programme &&
            i.year == year && i.subject == subject)
          return &i;
      return nullptr;
    };

    out << '\n' << f(w.heading, name, num(thousands(r.replications)), r.seed, r.start(), r.end()) << '\n';
    out << "  " << w.total_shortage << '\n';
    out << fmt::format("  {:<6}", "");
    for (int y : years) out << fmt::format("{:>26}", y);
    out << '\n';
    std::vector<std::string> sectors = r.sectors;
    sectors.push_back("all");
    for (const auto& s : sectors) {
      out << fmt::format("  {:<6}", s == "all" ? w.total : s);
      for (int y : years)
        if (auto* i = find("shortage_fte", s, "", "", y))
          out << fmt::format("{:>26}", num(band(summarize(i->values))));
      out << '\n';
    }
    if (has_subject_headlines(r)) {
      // The vo shortage by subject (docs/model.md 12.5), subjects in file order.
      std::size_t width = 6;
      for (const auto& x : r.subjects) width = std::max(width, x.size() + 2);
      if (world_scale(r) < 0.5)
        out << "  " << f(w.thin_subjects, num(fmt::format("{}", world_scale(r)))) << '\n';
      for (const bool rate : {false, true}) {
        out << "  " << (rate ? w.subject_rate : w.subject_fte) << '\n';
        out << fmt::format("  {:<{}}", "", width);
        for (int y : years) out << fmt::format("{:>26}", y);
        out << '\n';
        for (const auto& x : r.subjects) {
          out << fmt::format("  {:<{}}", x, width);
          for (int y : years)
            if (auto* i = find(rate ? "shortage_rate" : "shortage_fte", "vo", "", "", y, x))
              out << fmt::format("{:>26}",
                                 num(rate ? pband(summarize(i->values)) : band(summarize(i->values))));
          out << '\n';
        }
      }
    }
    out << "  " << f(w.fte_years, r.start(), r.end());
    for (const auto& s : sectors)
      if (auto* i = find("shortage_fte_years", s, "", "", std::nullopt))
        out << fmt::format("  {} {}", s == "all" ? w.total : s, num(band(summarize(i->values))));
    out << '\n';
    const Window rw = retention_window(r);
    out << "  " << f(w.retention, rw.first, rw.last);
    for (const auto& route : headline_routes())
      if (auto* i = find("retention_5y", "", route, "", std::nullopt))
        out << fmt::format("  {} {}", route, num(pband(summarize(i->values))));
    out << '\n';
    auto so = national_ratio(r, "students_so", "students");
    out << "  "
        << f(w.so_share, r.start(), num(pband(summarize(at_year(so, 0)))), r.end(),
             num(pband(summarize(at_year(so, r.years.size() - 1)))))
        << '\n';
    out << "  "
        << f(w.graduation, r.start() + 1, graduation_window(r, "pabo").last,
             graduation_window(r, "eerstegraads").last);
    for (const auto& p : r.programmes)
      if (auto* i = find("graduation_share", "", "", p, std::nullopt))
        out << fmt::format("  {} {}", p, num(percent(summarize(i->values).mean)));
    if (auto* i = find("graduation_share", "", "", "all", std::nullopt))
      out << fmt::format("  {} {}", w.all_programmes, num(pband(summarize(i->values))));
    out << '\n';
    const Window zw = zij_window(r);
    out << "  " << f(w.zij_completion, zw.first, zw.last);
    for (const auto& s : sectors)
      if (auto* i = find("zij_completion_share", s, "", "", std::nullopt))
        out << fmt::format("  {} {}", s == "all" ? w.total : s, num(percent(summarize(i->values).mean)));
    out << '\n';
    if (find("cost_total", "all", "", "", std::nullopt)) {
      out << "  " << f(w.costs, r.start(), r.end());
      for (const auto& s : sectors)
        if (auto* i = find("cost_total", s, "", "", std::nullopt)) {
          const Summary sm = summarize(i->values);
          out << fmt::format("  {} {}", s == "all" ? w.total : s,
                             num(fmt::format("{} [{}–{}]", thousands(sm.mean / 1e6, 1),
                                             thousands(sm.p05 / 1e6, 1), thousands(sm.p95 / 1e6, 1))));
        }
      out << '\n';
    }
  }
}

}  // namespace tlm::analysis
