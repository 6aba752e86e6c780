// Subjects in vo (docs/model.md 12.1): the default table, and the resolution of the subjects.* keys.
#include "models/subjects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "models/keys.hpp"

namespace tlm::models {
namespace {

// The default subjects with their values (docs/model.md 12.1): the demand shares and start rates of the
// October 2023 measurement; the intake and zij shares are estimates.
struct DefaultSubject {
  const char* name;
  double demand_share, start_shortage, intake_tweedegraads, intake_eerstegraads, zij_share;
};
constexpr std::array<DefaultSubject, 13> kDefaultSubjects{{
    {"nederlands", 0.107, 0.096, 0.10, 0.10, 0.08},
    {"engels", 0.093, 0.042, 0.12, 0.09, 0.07},
    {"mvt", 0.078, 0.061, 0.05, 0.06, 0.06},
    {"wiskunde", 0.109, 0.067, 0.07, 0.08, 0.12},
    {"exact", 0.085, 0.059, 0.04, 0.07, 0.12},
    {"biologie", 0.045, 0.035, 0.06, 0.08, 0.05},
    {"mens_maatschappij", 0.145, 0.040, 0.25, 0.30, 0.15},
    {"lo", 0.078, 0.033, 0.00, 0.02, 0.03},
    {"kunst", 0.050, 0.035, 0.03, 0.02, 0.04},
    {"beroepsgericht", 0.056, 0.091, 0.08, 0.00, 0.12},
    {"techniek_informatica", 0.020, 0.102, 0.02, 0.02, 0.08},
    {"klassiek", 0.015, 0.040, 0.00, 0.04, 0.01},
    {"overig", 0.119, 0.030, 0.18, 0.12, 0.07},
}};

const DefaultSubject* default_of(const std::string& name) {
  for (const auto& d : kDefaultSubjects)
    if (name == d.name) return &d;
  return nullptr;
}

bool valid_name(const std::string& n) {
  return !n.empty() && n.size() <= 40 && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> q;
  for (const auto& n : names) q.push_back("`" + n + "`");
  return fmt::format("{}", fmt::join(q, ", "));
}

}  // namespace

const std::vector<std::string>& default_subject_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& d : kDefaultSubjects) out.emplace_back(d.name);
    return out;
  }();
  return names;
}

Subjects resolve_subjects(const SubjectParams& p, std::vector<SubjectProblem>* problems) {
  std::vector<SubjectProblem> local;
  auto& out_problems = problems ? *problems : local;
  auto problem = [&](std::string key, std::string message) {
    out_problems.push_back({std::move(key), std::move(message)});
  };

  Subjects s;
  // The names: unique, usable as HDF5 and TOML keys, "all" only alone.
  bool names_ok = true;
  if (p.vo.empty()) {
    problem("subjects.vo", "subjects.vo: expected at least one subject, got an empty list");
    names_ok = false;
  } else if (p.vo.size() > static_cast<std::size_t>(kMaxSubjects)) {
    problem("subjects.vo", fmt::format("subjects.vo: {} subjects; at most {}", p.vo.size(), kMaxSubjects));
    names_ok = false;
  }
  for (std::size_t i = 0; i < p.vo.size() && names_ok; ++i) {
    const auto& n = p.vo[i];
    const std::string at = fmt::format("subjects.vo[{}]", i + 1);
    if (!valid_name(n)) {
      problem(at, fmt::format("{}: `{}` is not a subject name (1 to 40 letters, digits, '_' or '-')", at, n));
      names_ok = false;
    } else if (std::find(p.vo.begin(), p.vo.begin() + static_cast<std::ptrdiff_t>(i), n) !=
               p.vo.begin() + static_cast<std::ptrdiff_t>(i)) {
      problem(at, fmt::format("{}: `{}` is listed twice", at, n));
      names_ok = false;
    } else if (n == "all" && p.vo.size() > 1) {
      problem(at, fmt::format("{}: \"all\" (the subject-free model) must be the only subject", at));
      names_ok = false;
    }
  }
  if (!names_ok) {
    // The tables cannot be checked against names that are not usable: every one of them would be a problem
    // of its own ("not in subjects.vo") caused by the one already reported. The defaults, collapsed.
    SubjectParams collapsed;
    collapsed.vo = {"all"};
    return resolve_subjects(collapsed, nullptr);
  }
  s.names = p.vo;
  const int n = s.count();
  const bool all = s.names == std::vector<std::string>{"all"};
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const bool default_set = sorted(s.names) == sorted(default_subject_names());

  // One table: given, or the default of the subject set (`column` of the default table, `fallback` when even
  // a custom set has a default).
  auto table = [&](const char* key, const SubjectTable& t, double DefaultSubject::*column,
                   std::optional<double> fallback, bool shares) {
    const std::string path = std::string("subjects.") + key;
    std::vector<double> v(static_cast<std::size_t>(n), 1.0);
    bool complete = true;  // false when the table names a subject not listed or misses one: no sum then
    if (t.all) {
      std::fill(v.begin(), v.end(), *t.all);
    } else if (!t.by_name.empty()) {
      std::vector<char> seen(static_cast<std::size_t>(n), 0);
      for (const auto& [name, value] : t.by_name) {
        const auto it = std::find(s.names.begin(), s.names.end(), name);
        if (it == s.names.end()) {
          problem(path + "." + name, fmt::format("{}.{}: `{}` is not in subjects.vo ({})", path, name, name,
                                                 quoted_list(s.names)));
          complete = false;
          continue;
        }
        const auto x = static_cast<std::size_t>(it - s.names.begin());
        v[x] = value;
        seen[x] = 1;
      }
      std::vector<std::string> missing;
      for (int x = 0; x < n; ++x)
        if (!seen[static_cast<std::size_t>(x)]) missing.push_back(s.names[static_cast<std::size_t>(x)]);
      if (!missing.empty()) {
        complete = false;
        problem(path, fmt::format("{}: missing {} (a table by subject must be complete)", path,
                                  quoted_list(missing)));
      }
    } else if (all) {
      // The subject-free model: shares, start rates and effects collapse to 1.
    } else if (default_set && column) {
      for (int x = 0; x < n; ++x) v[static_cast<std::size_t>(x)] = default_of(s.names[x])->*column;
    } else if (fallback) {
      std::fill(v.begin(), v.end(), *fallback);
    } else {
      problem(path, fmt::format("{}: must be given for subjects.vo = [{}] (only the default subjects and "
                                "[\"all\"] have defaults)",
                                path, quoted_list(s.names)));
    }
    if (shares) {
      const double sum = std::accumulate(v.begin(), v.end(), 0.0);
      if (std::abs(sum - 1.0) > 1e-6 && complete && (t.given() || default_set || all))
        problem(path, fmt::format("{}: shares must sum to 1, they sum to {:.6g}", path, sum));
    }
    return v;
  };
  s.demand_share = table("demand_share", p.demand_share, &DefaultSubject::demand_share, std::nullopt, true);
  s.start_shortage =
      table("start_shortage", p.start_shortage, &DefaultSubject::start_shortage, std::nullopt, false);
  s.intake_share[tweedegraads] = table("intake_share.tweedegraads", p.intake_share_tweedegraads,
                                       &DefaultSubject::intake_tweedegraads, std::nullopt, true);
  s.intake_share[eerstegraads] = table("intake_share.eerstegraads", p.intake_share_eerstegraads,
                                       &DefaultSubject::intake_eerstegraads, std::nullopt, true);
  s.zij_share = table("zij_share", p.zij_share, &DefaultSubject::zij_share, std::nullopt, true);
  s.attrition_effect = table("attrition_effect", p.attrition_effect, nullptr, 1.0, false);

  // The subject of alo and kunstvak students.
  auto of_programme = [&](const char* programme, const std::optional<std::string>& given, const char* usual) {
    const std::string path = std::string("subjects.of_programme.") + programme;
    const std::string name = given ? *given : (all ? std::string("all") : std::string(usual));
    const auto it = std::find(s.names.begin(), s.names.end(), name);
    if (it != s.names.end()) return static_cast<int>(it - s.names.begin());
    if (given)
      problem(path, fmt::format("{}: `{}` is not in subjects.vo ({})", path, name, quoted_list(s.names)));
    else
      problem(path, fmt::format("{}: subjects.vo has no `{}`; name the subject {} students teach", path,
                                usual, programme));
    return 0;
  };
  s.of_programme[alo] = of_programme("alo", p.of_programme.alo, "lo");
  s.of_programme[kunstvak] = of_programme("kunstvak", p.of_programme.kunstvak, "kunst");
  return s;
}

void subject_keys(std::vector<schema::Key>& keys) {
  // The keys of [subjects] first, then those of [subjects.intake_share]: every TOML table's keys together.
  keys.insert(
      keys.end(),
      {
          {"subjects.vo", schema::kAny, "",
           "the vo subjects, by name (the 13 defaults in any order, [\"all\"] for no subjects, or your own)",
           "12.1", TLM_FIELD(subjects.vo)},
          {"subjects.demand_share", schema::kProb, "shares",
           "share of a vo school's demand in each subject (sum 1)", "12.1", TLM_FIELD(subjects.demand_share),
           true},
          {"subjects.start_shortage", schema::kProb, "share of demand",
           "shortage rate of each subject in the start world, relative: scaled so that their demand-weighted "
           "mean is the school's rate",
           "12.1", TLM_FIELD(subjects.start_shortage)},
          {"subjects.zij_share", schema::kProb, "shares",
           "share of the vo zij candidates in each subject (sum 1)", "12.1", TLM_FIELD(subjects.zij_share),
           true},
          {"subjects.attrition_effect", schema::kNonNeg, schema::kMultiplier,
           "attrition of a vo teacher of each subject (m_subject)", "12.1",
           TLM_FIELD(subjects.attrition_effect)},
          {"subjects.of_programme", schema::kAny, "",
           "the subject of alo and kunstvak students (unset: lo and kunst; under [\"all\"]: all)", "12.1",
           TLM_FIELD(subjects.of_programme)},
          {"subjects.intake_share.tweedegraads", schema::kProb, "shares",
           "share of the tweedegraads intake in each subject (sum 1)", "12.1",
           TLM_FIELD(subjects.intake_share_tweedegraads), true},
          {"subjects.intake_share.eerstegraads", schema::kProb, "shares",
           "share of the eerstegraads intake in each subject (sum 1)", "12.1",
           TLM_FIELD(subjects.intake_share_eerstegraads), true},
      });
}

Subjects resolve_subjects(const SubjectParams& p) {
  std::vector<SubjectProblem> problems;
  auto s = resolve_subjects(p, &problems);
  if (!problems.empty()) throw std::invalid_argument(problems.front().message);
  return s;
}

}  // namespace tlm::models
