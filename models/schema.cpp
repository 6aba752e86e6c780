// The scenario key registry and the reading/writing of one key's value. See schema.hpp.
#include "models/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace tlm::models::schema {
namespace {

std::vector<Key> make_keys() {
  // Each mechanism registers its own keys; the order here is the order of `tlm show` and docs/scenarios.md,
  // and keeps every TOML table's keys together.
  std::vector<Key> k;
  scenario_keys(k);
  world_keys(k);
  partnership_keys(k);
  demand_keys(k);
  induction_keys(k);
  teacher_keys(k);
  reserve_keys(k);
  zij_keys(k);
  study_keys(k);
  market_keys(k);
  groenpluk_keys(k);
  placement_policy_keys(k);
  joining_policy_keys(k);
  groenpluk_policy_keys(k);
  institutes_policy_keys(k);
  subject_keys(k);
  cost_keys(k);
  return k;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04X}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

template <class T, std::size_t N, std::size_t M>
std::string per_toml(const std::array<T, N>& values, const std::array<const char*, M>& names, auto&& one) {
  static_assert(N == M);
  std::string out = "{ ";
  for (std::size_t i = 0; i < N; ++i)
    out += fmt::format("{}{} = {}", i ? ", " : "", names[i], one(values[i]));
  return out + " }";
}

template <class C>
std::string list_toml(const C& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + number_toml(values[i]);
  return out + "]";
}

std::string year_table_toml(const YearTable& t) {
  if (t.by_year.empty()) return number_toml(t.constant);
  std::string out = "{ ";
  bool first = true;
  for (const auto& [year, v] : t.by_year) {
    out += fmt::format("{}\"{}\" = {}", first ? "" : ", ", year, number_toml(v));
    first = false;
  }
  return out + " }";
}

// A subject name as a TOML key: bare when it can be (every valid subject name can), else quoted.
std::string subject_key_toml(const std::string& name) {
  const bool bare = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return bare ? name : quote(name);
}

std::string string_list_toml(const std::vector<std::string>& values) {
  std::vector<std::string> q;
  for (const auto& v : values) q.push_back(quote(v));
  return fmt::format("[{}]", fmt::join(q, ", "));
}

// True when a problem of resolve_subjects concerns the subject names or the key `path` (or a part of it).
bool concerns(const std::vector<SubjectProblem>& problems, std::string_view path) {
  return std::any_of(problems.begin(), problems.end(), [&](const SubjectProblem& pr) {
    const std::string_view k = pr.key;
    return k.starts_with("subjects.vo") || k == path || (k.starts_with(path) && k[path.size()] == '.');
  });
}

// A subject table of `p.subjects` as `tlm show` writes it: resolved (complete, in the order of subjects.vo)
// when the resolution has no problem with the names or with this table, else as it was given ("" when it
// was not: unset).
std::string subject_table_toml(const Params& p, const SubjectTable* t) {
  std::vector<SubjectProblem> problems;
  const Subjects s = resolve_subjects(p.subjects, &problems);
  const auto& sp = p.subjects;
  const std::vector<std::pair<const SubjectTable*, std::pair<const char*, const std::vector<double>*>>>
      tables{
          {&sp.demand_share, {"subjects.demand_share", &s.demand_share}},
          {&sp.start_shortage, {"subjects.start_shortage", &s.start_shortage}},
          {&sp.intake_share_tweedegraads,
           {"subjects.intake_share.tweedegraads", &s.intake_share[tweedegraads]}},
          {&sp.intake_share_eerstegraads,
           {"subjects.intake_share.eerstegraads", &s.intake_share[eerstegraads]}},
          {&sp.zij_share, {"subjects.zij_share", &s.zij_share}},
          {&sp.attrition_effect, {"subjects.attrition_effect", &s.attrition_effect}},
      };
  std::vector<std::pair<std::string, double>> entries;
  for (const auto& [member, path_values] : tables) {
    if (member != t) continue;
    if (!concerns(problems, path_values.first)) {
      for (std::size_t x = 0; x < s.names.size(); ++x)
        entries.emplace_back(s.names[x], (*path_values.second)[x]);
    } else if (t->all) {
      return number_toml(*t->all);
    } else if (t->by_name.empty()) {
      return "";
    } else {
      entries = t->by_name;
    }
  }
  std::string out = "{ ";
  for (std::size_t i = 0; i < entries.size(); ++i)
    out += fmt::format("{}{} = {}", i ? ", " : "", subject_key_toml(entries[i].first),
                       number_toml(entries[i].second));
  return out + " }";
}

// subjects.of_programme as `tlm show` writes it: resolved, or as given when the resolution has a problem.
std::string of_programme_toml(const Params& p) {
  std::vector<SubjectProblem> problems;
  const Subjects s = resolve_subjects(p.subjects, &problems);
  const SubjectOfProgramme& o = p.subjects.of_programme;
  std::optional<std::string> alo_name = o.alo, kunstvak_name = o.kunstvak;
  if (!concerns(problems, "subjects.of_programme")) {
    alo_name = s.names[static_cast<std::size_t>(s.of_programme[alo])];
    kunstvak_name = s.names[static_cast<std::size_t>(s.of_programme[kunstvak])];
  }
  std::vector<std::string> parts;
  if (alo_name) parts.push_back("alo = " + quote(*alo_name));
  if (kunstvak_name) parts.push_back("kunstvak = " + quote(*kunstvak_name));
  if (parts.empty()) return "";
  return fmt::format("{{ {} }}", fmt::join(parts, ", "));
}

// ---- reading -------------------------------------------------------------------------------------------

std::string fmt_number(double v) {
  return fmt::format("{}", v);
}

std::string describe(const toml::node& n) {
  if (auto v = n.as_integer()) return fmt::format("{}", v->get());
  if (auto v = n.as_floating_point()) return fmt_number(v->get());
  return std::string(type_name(n));
}

// One number of a key (an integer is a number too): finite and in the key's range.
std::optional<double> read_number(const Key& key, const toml::node& n, const std::string& path,
                                  const Sink& sink, Range range) {
  double v = 0;
  if (auto i = n.as_integer()) {
    v = static_cast<double>(i->get());
  } else if (auto f = n.as_floating_point()) {
    v = f->get();
    if (!std::isfinite(v)) {
      sink.error(n, fmt::format("{}: expected a finite number, got {}", path, fmt_number(v)));
      return std::nullopt;
    }
  } else {
    sink.error(n, fmt::format("{}: expected a number, got {}", path, type_name(n)));
    return std::nullopt;
  }
  (void)key;
  if (!range.contains(v)) {
    sink.error(n, fmt::format("{}: must be {}, got {}", path, range_text(range), describe(n)));
    return std::nullopt;
  }
  sink.remember(path, n);
  return v;
}

std::optional<std::int64_t> read_integer(const toml::node& n, const std::string& path, const Sink& sink,
                                         Range range) {
  auto i = n.as_integer();
  if (!i) {
    sink.error(n, fmt::format("{}: expected an integer, got {}", path,
                              n.is_floating_point() ? "a number " + describe(n) : std::string(type_name(n))));
    return std::nullopt;
  }
  if (!range.contains(static_cast<double>(i->get()))) {
    sink.error(n, fmt::format("{}: must be {}, got {}", path, range_text(range), i->get()));
    return std::nullopt;
  }
  sink.remember(path, n);
  return i->get();
}

// A table keyed by `names` (sectors, programmes, routes), or one value for all when `single_ok`.
// `missing`: value of a name left out; without it, a missing name is an error (tables must be complete).
template <class T, std::size_t N, class ReadOne>
std::optional<std::array<T, N>> read_per(const toml::node& n, const std::array<const char*, N>& names,
                                         std::string_view what, const std::string& path, const Sink& sink,
                                         bool single_ok, std::optional<T> missing, ReadOne&& read_one) {
  std::array<T, N> out{};
  const toml::table* t = n.as_table();
  if (!t) {
    if (!single_ok) {
      sink.error(n, fmt::format("{}: expected a table keyed by {}, got {}", path, what, type_name(n)));
      return std::nullopt;
    }
    auto v = read_one(n, path);
    if (!v) return std::nullopt;
    out.fill(*v);
    return out;
  }
  bool ok = true;
  std::vector<std::string> candidates(names.begin(), names.end());
  for (const auto& [k, sub] : *t) {
    if (std::find(names.begin(), names.end(), k.str()) == names.end()) {
      std::string msg =
          fmt::format("{}: unknown {} `{}` (expected {})", path, what, k.str(), fmt::join(candidates, ", "));
      sink.error(sub, msg);
      ok = false;
    }
  }
  std::vector<std::string> absent;
  for (std::size_t i = 0; i < N; ++i) {
    const toml::node* sub = t->get(names[i]);
    if (!sub) {
      if (missing) {
        out[i] = *missing;
        continue;
      }
      absent.push_back(fmt::format("`{}`", names[i]));
      ok = false;
      continue;
    }
    auto v = read_one(*sub, path + "." + names[i]);
    if (v)
      out[i] = *v;
    else
      ok = false;
  }
  if (!absent.empty())
    sink.error(n, fmt::format("{}: missing {} (a table by {} must be complete)", path,
                              fmt::join(absent, ", "), what));
  if (!ok) return std::nullopt;
  return out;
}

// A list of numbers; `length` 0: any non-empty length.
std::optional<std::vector<double>> read_list(const Key& key, const toml::node& n, const std::string& path,
                                             const Sink& sink, std::size_t length) {
  const toml::array* a = n.as_array();
  if (!a) {
    sink.error(n, fmt::format("{}: expected a list of numbers, got {}", path, type_name(n)));
    return std::nullopt;
  }
  if (length && a->size() != length) {
    sink.error(n, fmt::format("{}: expected {} values, got {}", path, length, a->size()));
    return std::nullopt;
  }
  if (a->empty()) {
    sink.error(n, fmt::format("{}: expected at least one value, got an empty list", path));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto v = read_number(key, *a->get(i), fmt::format("{}[{}]", path, i + 1), sink, key.range);
    if (v)
      out.push_back(*v);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  if (key.sums_to_one) {
    const double sum = std::accumulate(out.begin(), out.end(), 0.0);
    if (std::abs(sum - 1.0) > 1e-6) {
      sink.error(n, fmt::format("{}: shares must sum to 1, they sum to {:.6g}", path, sum));
      return std::nullopt;
    }
  }
  sink.remember(path, n);
  return out;
}

bool is_year_key(std::string_view k) {
  return !k.empty() && k.size() <= 4 &&
         std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<YearTable> read_year_table(const Key& key, const toml::node& n, const std::string& path,
                                         const Sink& sink) {
  YearTable out;
  if (const toml::table* t = n.as_table()) {
    if (t->empty()) {
      sink.error(n, fmt::format("{}: a year table needs at least one year", path));
      return std::nullopt;
    }
    bool ok = true;
    for (const auto& [k, sub] : *t) {
      const std::string sub_path = fmt::format("{}.\"{}\"", path, k.str());
      int year = 0;
      if (is_year_key(k.str())) year = std::stoi(std::string(k.str()));
      if (!is_year_key(k.str()) || !kYear.contains(year)) {
        sink.error(sub, fmt::format("{}: `{}` is not a year in [1900, 3000]", path, k.str()));
        ok = false;
        continue;
      }
      auto v = read_number(key, sub, sub_path, sink, key.range);
      if (v)
        out.by_year[year] = *v;
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }
  auto v = read_number(key, n, path, sink, key.range);
  if (!v) return std::nullopt;
  out.constant = *v;
  return out;
}

std::optional<int> read_sector_name(const toml::node& n, const std::string& path, const Sink& sink,
                                    bool all_ok) {
  auto s = n.as_string();
  if (s) {
    for (int i = 0; i < kSectors; ++i)
      if (s->get() == kSectorNames[i]) return i;
    if (all_ok && s->get() == "all") return -1;
  }
  std::string got = s ? "`" + s->get() + "`" : std::string(type_name(n));
  sink.error(n,
             fmt::format("{}: expected a sector (po, vo, mbo{}), got {}", path, all_ok ? ", all" : "", got));
  return std::nullopt;
}

template <class E, std::size_t N>
std::optional<E> read_enum(const toml::node& n, const std::string& path, const Sink& sink,
                           const std::array<const char*, N>& names) {
  std::vector<std::string> candidates(names.begin(), names.end());
  auto s = n.as_string();
  if (!s) {
    sink.error(
        n, fmt::format("{}: expected one of {}, got {}", path, fmt::join(candidates, ", "), type_name(n)));
    return std::nullopt;
  }
  for (std::size_t i = 0; i < N; ++i)
    if (s->get() == names[i]) return static_cast<E>(i);
  std::string msg =
      fmt::format("{}: unknown value `{}` (expected {})", path, s->get(), fmt::join(candidates, ", "));
  if (auto near = suggest_among(s->get(), candidates); !near.empty())
    msg += fmt::format("; did you mean `{}`?", near);
  sink.error(n, msg);
  return std::nullopt;
}

constexpr std::array<const char*, 3> kAdoptionNames{"a0", "a1", "a2"};

std::optional<std::vector<JoiningStep>> read_schedule(const toml::node& n, const std::string& path,
                                                      const Sink& sink) {
  const toml::array* a = n.as_array();
  if (!a) {
    sink.error(n, fmt::format("{}: expected a list of {{ sector, region, share, year }} tables, got {}", path,
                              type_name(n)));
    return std::nullopt;
  }
  std::vector<JoiningStep> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    const std::string ep = fmt::format("{}[{}]", path, i + 1);
    const toml::table* t = e.as_table();
    if (!t) {
      sink.error(
          e, fmt::format("{}: expected a table {{ sector, region, share, year }}, got {}", ep, type_name(e)));
      ok = false;
      continue;
    }
    sink.remember(ep, e);
    JoiningStep step;
    bool step_ok = true;
    for (const auto& [k, sub] : *t) {
      const std::string kp = ep + "." + std::string(k.str());
      if (k.str() == "sector") {
        auto s = read_sector_name(sub, kp, sink, true);
        if (s)
          step.sector = *s;
        else
          step_ok = false;
      } else if (k.str() == "region") {
        if (auto s = sub.as_string(); s && s->get() == "all") {
          step.region = -1;
        } else if (sub.is_integer()) {
          auto r = read_integer(sub, kp, sink, Range{1, 1000});
          if (r)
            step.region = static_cast<int>(*r) - 1;
          else
            step_ok = false;
        } else {
          sink.error(sub, fmt::format("{}: expected a region number (1-based) or \"all\", got {}", kp,
                                      s ? "`" + s->get() + "`" : std::string(type_name(sub))));
          step_ok = false;
        }
      } else if (k.str() == "share") {
        auto v = read_number(Key{}, sub, kp, sink, kProb);
        if (v)
          step.share = *v;
        else
          step_ok = false;
      } else if (k.str() == "year") {
        auto y = read_integer(sub, kp, sink, kYear);
        if (y)
          step.year = static_cast<int>(*y);
        else
          step_ok = false;
      } else {
        std::string msg =
            fmt::format("{}: unknown field `{}` (expected sector, region, share, year)", ep, k.str());
        if (auto near = suggest_among(k.str(), {"sector", "region", "share", "year"}); !near.empty())
          msg += fmt::format("; did you mean `{}`?", near);
        sink.error(sub, msg);
        step_ok = false;
      }
    }
    for (const char* required : {"share", "year"}) {
      if (!t->contains(required)) {
        sink.error(e, fmt::format("{}: missing `{}` (sector and region default to \"all\")", ep, required));
        step_ok = false;
      }
    }
    if (step_ok)
      out.push_back(step);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::array<bool, kSectors>> read_sectors(const toml::node& n, const std::string& path,
                                                       const Sink& sink) {
  std::array<bool, kSectors> out{};
  if (auto s = n.as_string(); s && s->get() == "all") return std::array<bool, kSectors>{true, true, true};
  const toml::array* a = n.as_array();
  if (!a) {
    sink.error(n, fmt::format("{}: expected \"all\" or a list of sectors, got {}", path,
                              n.is_string() ? "`" + n.as_string()->get() + "`" : std::string(type_name(n))));
    return std::nullopt;
  }
  if (a->empty()) {
    sink.error(n, fmt::format("{}: expected at least one sector, got an empty list", path));
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto s = read_sector_name(*a->get(i), fmt::format("{}[{}]", path, i + 1), sink, false);
    if (s)
      out[*s] = true;
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::array<int, 2>> read_int_pair(const Key& key, const toml::node& n, const std::string& path,
                                                const Sink& sink) {
  const toml::array* a = n.as_array();
  if (!a || a->size() != 2) {
    sink.error(n, fmt::format("{}: expected a list [lowest, highest] of 2 integers, got {}", path,
                              a ? fmt::format("{} values", a->size()) : std::string(type_name(n))));
    return std::nullopt;
  }
  auto lo = read_integer(*a->get(0), path + "[1]", sink, key.range);
  auto hi = read_integer(*a->get(1), path + "[2]", sink, key.range);
  if (!lo || !hi) return std::nullopt;
  if (*lo > *hi) {
    sink.error(n, fmt::format("{}: lowest age {} is above highest age {}", path, *lo, *hi));
    return std::nullopt;
  }
  return std::array<int, 2>{static_cast<int>(*lo), static_cast<int>(*hi)};
}

std::optional<PerSector<double>> read_mix(const Key& key, int programme, const toml::node& n,
                                          const std::string& path, const Sink& sink) {
  const toml::table* t = n.as_table();
  std::vector<std::string> served;
  for (int s = 0; s < kSectors; ++s)
    if (kServes[programme][s]) served.emplace_back(kSectorNames[s]);
  if (!t) {
    sink.error(n, fmt::format("{}: expected a table of shares by sector ({}), got {}", path,
                              fmt::join(served, ", "), type_name(n)));
    return std::nullopt;
  }
  PerSector<double> out{};
  bool ok = true;
  for (const auto& [k, sub] : *t) {
    if (std::find(served.begin(), served.end(), k.str()) == served.end()) {
      sink.error(sub, fmt::format("{}: {} does not serve `{}` (it serves {})", path,
                                  kProgrammeNames[programme], k.str(), fmt::join(served, ", ")));
      ok = false;
    }
  }
  double sum = 0;
  for (int s = 0; s < kSectors; ++s) {
    if (!kServes[programme][s]) continue;
    const toml::node* sub = t->get(kSectorNames[s]);
    if (!sub) {
      sink.error(n,
                 fmt::format("{}: missing `{}` (a table by sector must be complete)", path, kSectorNames[s]));
      ok = false;
      continue;
    }
    auto v = read_number(key, *sub, path + "." + kSectorNames[s], sink, key.range);
    if (v) {
      out[s] = *v;
      sum += *v;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  if (std::abs(sum - 1.0) > 1e-6) {
    sink.error(n, fmt::format("{}: shares must sum to 1, they sum to {:.6g}", path, sum));
    return std::nullopt;
  }
  return out;
}

template <std::size_t N>
std::optional<PerSector<std::array<double, N>>> read_sector_lists(const Key& key, const toml::node& n,
                                                                  const std::string& path, const Sink& sink) {
  return read_per<std::array<double, N>>(
      n, kSectorNames, "sector", path, sink, true, std::nullopt,
      [&](const toml::node& sub, const std::string& p) -> std::optional<std::array<double, N>> {
        auto v = read_list(key, sub, p, sink, N);
        if (!v) return std::nullopt;
        std::array<double, N> out{};
        std::copy(v->begin(), v->end(), out.begin());
        return out;
      });
}

// subjects.vo: a non-empty list of strings. The names themselves are checked by resolve_subjects.
std::optional<std::vector<std::string>> read_names(const toml::node& n, const std::string& path,
                                                   const Sink& sink) {
  const toml::array* a = n.as_array();
  if (!a) {
    sink.error(n, fmt::format("{}: expected a list of subject names, got {}", path, type_name(n)));
    return std::nullopt;
  }
  if (a->empty()) {
    sink.error(n, fmt::format("{}: expected at least one subject, got an empty list", path));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    const std::string ep = fmt::format("{}[{}]", path, i + 1);
    if (auto str = e.as_string()) {
      out.push_back(str->get());
      sink.remember(ep, e);
    } else {
      sink.error(e, fmt::format("{}: expected a subject name (a string), got {}", ep, type_name(e)));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

// A per-subject value: one number for every subject, or a table by subject name. Whether the names are the
// listed subjects is checked after every file is read (resolve_subjects): subjects.vo may come later.
std::optional<SubjectTable> read_subject_table(const Key& key, const toml::node& n, const std::string& path,
                                               const Sink& sink) {
  SubjectTable out;
  const toml::table* t = n.as_table();
  if (!t) {
    if (!n.is_number()) {
      sink.error(n, fmt::format("{}: expected a number or a table by subject, got {}", path, type_name(n)));
      return std::nullopt;
    }
    auto v = read_number(key, n, path, sink, key.range);
    if (!v) return std::nullopt;
    out.all = *v;
    return out;
  }
  if (t->empty()) {
    sink.error(n, fmt::format("{}: a table by subject needs every subject of subjects.vo, got an empty table",
                              path));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& [k, sub] : *t) {
    auto v = read_number(key, sub, path + "." + std::string(k.str()), sink, key.range);
    if (v)
      out.by_name.emplace_back(std::string(k.str()), *v);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

// subjects.of_programme: a table with alo and kunstvak (either may be left out), each a subject name.
std::optional<SubjectOfProgramme> read_of_programme(const toml::node& n, const std::string& path,
                                                    const Sink& sink) {
  const toml::table* t = n.as_table();
  if (!t) {
    sink.error(n, fmt::format("{}: expected a table {{ alo, kunstvak }} of subject names, got {}", path,
                              type_name(n)));
    return std::nullopt;
  }
  SubjectOfProgramme out;
  bool ok = true;
  for (const auto& [k, sub] : *t) {
    const std::string kp = path + "." + std::string(k.str());
    std::optional<std::string>* slot = k.str() == "alo"        ? &out.alo
                                       : k.str() == "kunstvak" ? &out.kunstvak
                                                               : nullptr;
    if (!slot) {
      std::string msg = fmt::format("{}: unknown programme `{}` (expected alo, kunstvak)", path, k.str());
      if (auto near = suggest_among(k.str(), {"alo", "kunstvak"}); !near.empty())
        msg += fmt::format("; did you mean `{}`?", near);
      sink.error(sub, msg);
      ok = false;
    } else if (auto str = sub.as_string()) {
      *slot = str->get();
      sink.remember(kp, sub);
    } else {
      sink.error(sub, fmt::format("{}: expected a subject name (a string), got {}", kp, type_name(sub)));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

// ---- public ------------------------------------------------------------------------------------------

const std::vector<Key>& keys() {
  // A constant table built once; it holds no state.
  static const std::vector<Key> registry = make_keys();
  return registry;
}

const Key* find_key(std::string_view name) {
  for (const Key& k : keys())
    if (k.name == name) return &k;
  return nullptr;
}

bool is_group(std::string_view name) {
  for (const Key& k : keys())
    if (k.name.size() > name.size() && k.name.starts_with(name) && k.name[name.size()] == '.') return true;
  return false;
}

std::string suggest_among(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // Close enough to be a typo: a few edits, fewer for short words.
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
  return best_d <= limit ? best : std::string{};
}

std::string suggest(std::string_view name) {
  std::vector<std::string> candidates;
  std::set<std::string> groups;
  for (const Key& k : keys()) {
    candidates.emplace_back(k.name);
    for (std::size_t dot = k.name.find('.'); dot != std::string_view::npos; dot = k.name.find('.', dot + 1))
      groups.emplace(k.name.substr(0, dot));
  }
  candidates.insert(candidates.end(), groups.begin(), groups.end());
  if (auto near = suggest_among(name, candidates); !near.empty()) return near;
  // A right name in the wrong table: the one key with the same last word.
  const auto last = name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
  std::string found;
  int matches = 0;
  for (const Key& k : keys()) {
    const auto klast = k.name.substr(k.name.rfind('.') == std::string_view::npos ? 0 : k.name.rfind('.') + 1);
    if (klast == last) {
      found = std::string(k.name);
      ++matches;
    }
  }
  return matches == 1 ? found : std::string{};
}

std::string range_text(const Key& key) {
  return range_text(key.range);
}

std::string range_text(const Range& r) {
  const bool lo_inf = std::isinf(r.lo), hi_inf = std::isinf(r.hi);
  if (lo_inf && hi_inf) return "any";
  if (hi_inf) return fmt::format("{} {}", r.lo_open ? ">" : ">=", fmt_number(r.lo));
  if (lo_inf) return fmt::format("{} {}", r.hi_open ? "<" : "<=", fmt_number(r.hi));
  return fmt::format("in {}{}, {}{}", r.lo_open ? "(" : "[", fmt_number(r.lo), fmt_number(r.hi),
                     r.hi_open ? ")" : "]");
}

std::string kind_text(const Key& key) {
  Params p;
  return std::visit(
      Overloaded{
          [](double*) { return std::string("number"); },
          [](int*) { return std::string("integer"); },
          [](bool*) { return std::string("boolean"); },
          [&](std::string*) { return std::string(key.unit == "path" ? "path" : "string"); },
          [](std::uint64_t*) { return std::string("integer"); },
          [](JoiningMode*) { return fmt::format("{}", fmt::join(kJoiningModeNames, " | ")); },
          [](GroenplukRule*) { return fmt::format("{}", fmt::join(kGroenplukRuleNames, " | ")); },
          [](PerSector<double>*) { return std::string("per-sector number"); },
          [](PerSector<int>*) { return std::string("per-sector integer"); },
          [](PerProgramme<double>*) { return std::string("per-programme number"); },
          [](PerProgramme<int>*) { return std::string("per-programme integer"); },
          [](PerRoute<double>*) { return std::string("per-route number"); },
          [](PerSector<YearTable>*) { return std::string("per-sector year table"); },
          [](PerSector<std::array<double, kFteLevels>>*) { return std::string("per-sector list of 4"); },
          [](PerSector<std::array<double, kAgeBands>>*) { return std::string("per-sector list of 10"); },
          [](PerSector<std::array<double, kExpLevels>>*) { return std::string("per-sector list of 11"); },
          [](PerProgramme<std::vector<double>>*) { return std::string("per-programme list"); },
          [](PerProgramme<PerSector<double>>*) { return std::string("per-programme table by sector"); },
          [](std::vector<JoiningStep>*) { return std::string("list of steps"); },
          [](std::array<bool, kSectors>*) { return std::string("\"all\" or list of sectors"); },
          [](AdoptionField) { return std::string("{ a0, a1, a2 }"); },
          [](std::array<int, 2>*) { return std::string("[integer, integer]"); },
          [](std::optional<double>*) { return std::string("optional number"); },
          [](std::optional<int>*) { return std::string("optional integer"); },
          [](std::optional<std::uint64_t>*) { return std::string("optional integer"); },
          [](std::optional<PerSector<double>>*) { return std::string("optional per-sector number"); },
          [](std::vector<std::string>*) { return std::string("list of subject names"); },
          [](SubjectTable*) { return std::string("per-subject number"); },
          [](SubjectOfProgramme*) { return std::string("{ alo, kunstvak } subject names"); },
      },
      key.field(p));
}

std::string number_toml(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eEni") == std::string::npos) s += ".0";
  return s;
}

std::string value_toml(const Key& key, const Params& params) {
  Params p = params;  // the accessors hand out mutable pointers; read a copy
  auto num = [](double v) { return number_toml(v); };
  auto integer = [](auto v) { return fmt::format("{}", v); };
  return std::visit(
      Overloaded{
          [&](double* v) { return num(*v); },
          [&](int* v) { return integer(*v); },
          [](bool* v) { return std::string(*v ? "true" : "false"); },
          [](std::string* v) { return quote(*v); },
          [&](std::uint64_t* v) { return integer(*v); },
          [](JoiningMode* v) { return quote(kJoiningModeNames[static_cast<int>(*v)]); },
          [](GroenplukRule* v) { return quote(kGroenplukRuleNames[static_cast<int>(*v)]); },
          [&](PerSector<double>* v) { return per_toml(*v, kSectorNames, num); },
          [&](PerSector<int>* v) { return per_toml(*v, kSectorNames, integer); },
          [&](PerProgramme<double>* v) { return per_toml(*v, kProgrammeNames, num); },
          [&](PerProgramme<int>* v) { return per_toml(*v, kProgrammeNames, integer); },
          [&](PerRoute<double>* v) { return per_toml(*v, kRouteNames, num); },
          [&](PerSector<YearTable>* v) { return per_toml(*v, kSectorNames, year_table_toml); },
          [&](PerSector<std::array<double, kFteLevels>>* v) {
            return per_toml(*v, kSectorNames, [](const auto& l) { return list_toml(l); });
          },
          [&](PerSector<std::array<double, kAgeBands>>* v) {
            return per_toml(*v, kSectorNames, [](const auto& l) { return list_toml(l); });
          },
          [&](PerSector<std::array<double, kExpLevels>>* v) {
            return per_toml(*v, kSectorNames, [](const auto& l) { return list_toml(l); });
          },
          [&](PerProgramme<std::vector<double>>* v) {
            return per_toml(*v, kProgrammeNames, [](const auto& l) { return list_toml(l); });
          },
          [&](PerProgramme<PerSector<double>>* v) {
            std::string out = "{ ";
            for (int k = 0; k < kProgrammes; ++k) {
              out += fmt::format("{}{} = {{ ", k ? ", " : "", kProgrammeNames[k]);
              bool first = true;
              for (int s = 0; s < kSectors; ++s) {
                if (!kServes[k][s]) continue;
                out += fmt::format("{}{} = {}", first ? "" : ", ", kSectorNames[s], num((*v)[k][s]));
                first = false;
              }
              out += " }";
            }
            return out + " }";
          },
          [&](std::vector<JoiningStep>* v) {
            std::string out = "[";
            for (std::size_t i = 0; i < v->size(); ++i) {
              const JoiningStep& s = (*v)[i];
              out += fmt::format("{}{{ sector = {}, region = {}, share = {}, year = {} }}", i ? ", " : "",
                                 quote(s.sector < 0 ? "all" : kSectorNames[s.sector]),
                                 s.region < 0 ? std::string("\"all\"") : std::to_string(s.region + 1),
                                 num(s.share), s.year);
            }
            return out + "]";
          },
          [](std::array<bool, kSectors>* v) {
            if ((*v)[0] && (*v)[1] && (*v)[2]) return std::string("\"all\"");
            std::vector<std::string> names;
            for (int s = 0; s < kSectors; ++s)
              if ((*v)[s]) names.push_back(quote(kSectorNames[s]));
            return fmt::format("[{}]", fmt::join(names, ", "));
          },
          [&](AdoptionField f) {
            const auto& v = *f.value;
            return fmt::format("{{ a0 = {}, a1 = {}, a2 = {} }}", num(v[0]), num(v[1]), num(v[2]));
          },
          [](std::array<int, 2>* v) { return fmt::format("[{}, {}]", (*v)[0], (*v)[1]); },
          [&](std::optional<double>* v) { return *v ? num(**v) : std::string(); },
          [&](std::optional<int>* v) { return *v ? integer(**v) : std::string(); },
          [&](std::optional<std::uint64_t>* v) { return *v ? integer(**v) : std::string(); },
          [&](std::optional<PerSector<double>>* v) {
            return *v ? per_toml(**v, kSectorNames, num) : std::string();
          },
          [](std::vector<std::string>* v) { return string_list_toml(*v); },
          [&](SubjectTable* v) { return subject_table_toml(p, v); },
          [&](SubjectOfProgramme*) { return of_programme_toml(p); },
      },
      key.field(p));
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

InputError Sink::at(const toml::node& node) const {
  const auto& pos = node.source().begin;
  if (set_line > 0) {
    const int col = pos.line > 0 ? static_cast<int>(pos.column) + set_shift : set_value_column;
    return InputError{"--set", set_line, std::max(1, col), ""};
  }
  return InputError{file, static_cast<int>(pos.line), static_cast<int>(pos.column), ""};
}

void Sink::error(const toml::node& node, std::string message) const {
  InputError e = at(node);
  e.message = std::move(message);
  errors->push_back(std::move(e));
}

void Sink::remember(const std::string& path, const toml::node& node) const {
  if (where) (*where)[path] = at(node);
}

bool read_value(const Key& key, const toml::node& node, Params& params, const Sink& sink) {
  const std::string path(key.name);
  const std::size_t before = sink.errors->size();
  auto num = [&](const toml::node& n, const std::string& p) {
    return read_number(key, n, p, sink, key.range);
  };
  auto integer = [&](const toml::node& n, const std::string& p) -> std::optional<int> {
    auto v = read_integer(n, p, sink, key.range);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  };
  auto assign = [](auto* field, const auto& value) {
    if (value) *field = *value;
  };
  std::visit(
      Overloaded{
          [&](double* f) { assign(f, num(node, path)); },
          [&](int* f) { assign(f, integer(node, path)); },
          [&](bool* f) {
            if (auto b = node.as_boolean())
              *f = b->get();
            else
              sink.error(node, fmt::format("{}: expected true or false, got {}", path, type_name(node)));
          },
          [&](std::string* f) {
            if (auto s = node.as_string())
              *f = s->get();
            else
              sink.error(node, fmt::format("{}: expected a string, got {}", path, type_name(node)));
          },
          [&](std::uint64_t* f) {
            auto v = read_integer(node, path, sink, key.range);
            if (v) *f = static_cast<std::uint64_t>(*v);
          },
          [&](JoiningMode* f) { assign(f, read_enum<JoiningMode>(node, path, sink, kJoiningModeNames)); },
          [&](GroenplukRule* f) {
            assign(f, read_enum<GroenplukRule>(node, path, sink, kGroenplukRuleNames));
          },
          [&](PerSector<double>* f) {
            assign(f, read_per<double>(node, kSectorNames, "sector", path, sink, true, std::nullopt, num));
          },
          [&](PerSector<int>* f) {
            assign(f, read_per<int>(node, kSectorNames, "sector", path, sink, true, std::nullopt, integer));
          },
          [&](PerProgramme<double>* f) {
            assign(f,
                   read_per<double>(node, kProgrammeNames, "programme", path, sink, true, std::nullopt, num));
          },
          [&](PerProgramme<int>* f) {
            assign(f, read_per<int>(node, kProgrammeNames, "programme", path, sink, true, std::nullopt,
                                    integer));
          },
          [&](PerRoute<double>* f) {
            assign(f, read_per<double>(node, kRouteNames, "route", path, sink, true,
                                       std::optional<double>(1.0), num));
          },
          [&](PerSector<YearTable>* f) {
            auto one = [&](const toml::node& n, const std::string& p) {
              return read_year_table(key, n, p, sink);
            };
            // A table of years (rather than of sectors) is one year table for every sector.
            const toml::table* t = node.as_table();
            bool years = t && !t->empty();
            if (t)
              for (const auto& kv : *t) years = years && is_year_key(kv.first.str());
            if (years) {
              auto v = one(node, path);
              if (v) f->fill(*v);
            } else {
              assign(f,
                     read_per<YearTable>(node, kSectorNames, "sector", path, sink, true, std::nullopt, one));
            }
          },
          [&](PerSector<std::array<double, kFteLevels>>* f) {
            assign(f, read_sector_lists<kFteLevels>(key, node, path, sink));
          },
          [&](PerSector<std::array<double, kAgeBands>>* f) {
            assign(f, read_sector_lists<kAgeBands>(key, node, path, sink));
          },
          [&](PerSector<std::array<double, kExpLevels>>* f) {
            assign(f, read_sector_lists<kExpLevels>(key, node, path, sink));
          },
          [&](PerProgramme<std::vector<double>>* f) {
            assign(f, read_per<std::vector<double>>(node, kProgrammeNames, "programme", path, sink, true,
                                                    std::nullopt,
                                                    [&](const toml::node& n, const std::string& p) {
                                                      return read_list(key, n, p, sink, 0);
                                                    }));
          },
          [&](PerProgramme<PerSector<double>>* f) {
            int programme = 0;
            assign(f,
                   read_per<PerSector<double>>(node, kProgrammeNames, "programme", path, sink, false,
                                               std::nullopt, [&](const toml::node& n, const std::string& p) {
                                                 // read_per visits the programmes in order
                                                 const std::string name = p.substr(p.rfind('.') + 1);
                                                 for (int k = 0; k < kProgrammes; ++k)
                                                   if (name == kProgrammeNames[k]) programme = k;
                                                 return read_mix(key, programme, n, p, sink);
                                               }));
          },
          [&](std::vector<JoiningStep>* f) { assign(f, read_schedule(node, path, sink)); },
          [&](std::array<bool, kSectors>* f) { assign(f, read_sectors(node, path, sink)); },
          [&](AdoptionField f) {
            assign(f.value, read_per<double>(node, kAdoptionNames, "term", path, sink, false, std::nullopt,
                                             [&](const toml::node& n, const std::string& p) {
                                               return read_number(key, n, p, sink, kAny);
                                             }));
          },
          [&](std::array<int, 2>* f) { assign(f, read_int_pair(key, node, path, sink)); },
          [&](std::optional<double>* f) {
            if (auto v = num(node, path)) *f = *v;
          },
          [&](std::optional<int>* f) {
            if (auto v = integer(node, path)) *f = *v;
          },
          [&](std::optional<std::uint64_t>* f) {
            if (auto v = read_integer(node, path, sink, key.range)) *f = static_cast<std::uint64_t>(*v);
          },
          [&](std::optional<PerSector<double>>* f) {
            if (auto v = read_per<double>(node, kSectorNames, "sector", path, sink, true, std::nullopt, num))
              *f = *v;
          },
          [&](std::vector<std::string>* f) { assign(f, read_names(node, path, sink)); },
          [&](SubjectTable* f) { assign(f, read_subject_table(key, node, path, sink)); },
          [&](SubjectOfProgramme* f) { assign(f, read_of_programme(node, path, sink)); },
      },
      key.field(params));
  const bool ok = sink.errors->size() == before;
  if (ok) sink.remember(path, node);
  return ok;
}

std::string keys_markdown() {
  std::string out = "| key | kind | default | allowed | unit | meaning | docs/model.md |\n";
  out += "|---|---|---|---|---|---|---|\n";
  const Params defaults;
  for (const Key& k : keys()) {
    std::string def = value_toml(k, defaults);
    if (k.name == "name")
      def = "the file's stem";
    else if (def.empty())
      def = "unset";
    else
      def = "`" + def + "`";
    std::string allowed = range_text(k);
    const std::string kind = kind_text(k);
    // Ranges of strings, booleans and choices say nothing: the kind does.
    if (allowed == "any") allowed = "";
    std::string escaped_def;
    for (char c : def) escaped_def += (c == '|') ? std::string("\\|") : std::string(1, c);
    std::string escaped_kind;
    for (char c : kind) escaped_kind += (c == '|') ? std::string("\\|") : std::string(1, c);
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", k.name, escaped_kind, escaped_def, allowed,
                       k.unit, k.meaning, k.section);
  }
  return out;
}

}  // namespace tlm::models::schema
