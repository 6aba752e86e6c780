// Scenario files: reading (with `extends` and --set), validation of every key and of their combinations,
// and the resolved TOML. The keys themselves are described in schema.cpp.
#include "models/scenario.hpp"

#include <fcntl.h>
#include <unistd.h>
#include "models/keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "embedded.hpp"
#include "models/data_import.hpp"
#include "models/schema.hpp"
#include "sim/input_file.hpp"

namespace tlm::models {

namespace fs = std::filesystem;

std::string InputError::str() const {
  if (line <= 0) return fmt::format("{}: {}", file, message);
  if (column <= 0) return fmt::format("{}:{}: {}", file, line, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

namespace {

std::string join_errors(const std::vector<InputError>& errors) {
  // One problem a line, each ending in a newline: main() prints what() as it is.
  std::string out;
  for (const auto& e : errors) out += e.str() + '\n';
  return out;
}

// Control characters as \uXXXX, so a message is one clean line.
std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    out += c < 0x20 || c == 0x7f ? fmt::format("\\u{:04X}", c) : std::string(1, static_cast<char>(c));
  return out;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += n;
  }
  return true;
}

const scenarios::EmbeddedFile* find_embedded(std::string_view name) {
  for (const auto& f : scenarios::embedded_files())
    if (f.name == name) return &f;
  return nullptr;
}

// A scenario text to read: a file, standard input or an embedded scenario.
struct Source {
  std::string display;   // for messages: the path as the user gave it, "<stdin>" or "embedded:<name>"
  std::string identity;  // for finding cycles: canonical path or "embedded:<name>"
  std::string stem;      // the default name
  std::string text;
  bool is_file = false;
};

// A path, or a name of an embedded scenario: a name with '/' or ending in .toml is a path; otherwise an
// embedded name wins over a file of the same name in the working directory.
bool looks_like_path(std::string_view s) {
  return s.find('/') != std::string_view::npos || s.ends_with(".toml");
}

Source file_source(const std::string& display) {
  Source s;
  s.display = display;
  std::error_code ec;
  s.identity = fs::weakly_canonical(fs::path(display), ec).string();
  if (ec) s.identity = fs::absolute(display).lexically_normal().string();
  s.stem = fs::path(display).stem().string();
  s.is_file = true;
  return s;
}

Source embedded_source(const scenarios::EmbeddedFile& f) {
  return Source{"embedded:" + std::string(f.name), "embedded:" + std::string(f.name), std::string(f.name),
                std::string(f.text), false};
}

class Loader {
 public:
  explicit Loader(bool follow_files) : follow_files_(follow_files) {}

  Scenario load(Source top, const std::vector<std::string>& overrides) {
    Scenario result;
    result.source = top.is_file ? top.display : top.identity;
    top_display_ = top.display;
    std::vector<std::string> chain;
    if (apply_source(top, result.params, chain)) {
      apply_overrides(overrides, result.params);
      check_combinations(result.params);
      if (follow_files_) check_csv(result.params);
    }
    finish();
    for (const auto& [key, at] : where_)
      if (key != "name" && key != "description") result.set_keys.push_back(key);
    return result;
  }

  [[noreturn]] static void fail_source(const std::string& display, std::string message) {
    throw ScenarioErrors({InputError{display, 0, 0, std::move(message)}});
  }

 private:
  bool follow_files_;
  std::vector<InputError> errors_;
  std::map<std::string, InputError, std::less<>> where_;  // position of each key where it was last set
  std::vector<std::string> file_order_;                   // files in the order they were read, for sorting
  std::string top_display_;
  std::set<std::string> failed_;  // keys whose value was rejected

  void order(const std::string& file) {
    if (std::find(file_order_.begin(), file_order_.end(), file) == file_order_.end())
      file_order_.push_back(file);
  }

  // Errors sorted by file (in reading order), then line and column: toml++ iterates tables in key order.
  void finish() {
    auto rank = [&](const std::string& f) {
      return std::find(file_order_.begin(), file_order_.end(), f) - file_order_.begin();
    };
    std::stable_sort(errors_.begin(), errors_.end(), [&](const InputError& a, const InputError& b) {
      return std::tuple(rank(a.file), a.line, a.column) < std::tuple(rank(b.file), b.line, b.column);
    });
    errors_.erase(std::unique(errors_.begin(), errors_.end(),
                              [](const InputError& a, const InputError& b) { return a.str() == b.str(); }),
                  errors_.end());
    if (!errors_.empty()) throw ScenarioErrors(std::move(errors_));
  }

  schema::Sink sink_for(const std::string& file) { return schema::Sink{&errors_, file, 0, 0, 1, &where_}; }

  // Reads one file and, first, the chain of files it extends. False after a TOML syntax error (stop there).
  bool apply_source(const Source& src, Params& params, std::vector<std::string>& chain) {
    order(src.display);
    toml::table root;
    try {
      if (const auto [line, column] = overlong_dotted_key(src.text); line > 0) {
        errors_.push_back(
            InputError{src.display, line, column,
                       fmt::format("TOML syntax error: a dotted key of more than {} parts", kMaxKeyParts)});
        return false;
      }
      root = toml::parse(std::string_view(src.text), std::string_view(src.display));
    } catch (const toml::parse_error& e) {
      const auto& pos = e.source().begin;
      errors_.push_back(InputError{src.display, static_cast<int>(pos.line), static_cast<int>(pos.column),
                                   fmt::format("TOML syntax error: {}", e.description())});
      return false;
    }
    chain.push_back(src.display);
    chain_identities_.push_back(src.identity);
    const schema::Sink sink = sink_for(src.display);
    if (const toml::node* ext = root.get("extends")) {
      if (!apply_extends(src, *ext, params, chain, sink)) return false;
    }
    // name and description belong to the file that states them: a scenario extending another is a new one.
    params.name = src.stem;
    params.description.clear();
    walk(root, "", params, sink);
    chain.pop_back();
    chain_identities_.pop_back();
    return true;
  }

  bool apply_extends(const Source& src, const toml::node& ext, Params& params,
                     std::vector<std::string>& chain, const schema::Sink& sink) {
    auto s = ext.as_string();
    if (!s) {
      sink.error(ext, fmt::format("extends: expected a string (a file or an embedded scenario), got {}",
                                  schema::type_name(ext)));
      return true;
    }
    const std::string target = s->get();
    Source base;
    const fs::path dir = src.is_file ? fs::path(src.display).parent_path() : fs::path();
    const fs::path relative = (dir / target).lexically_normal();
    const scenarios::EmbeddedFile* embedded = looks_like_path(target) ? nullptr : find_embedded(target);
    if (embedded) {
      base = embedded_source(*embedded);
    } else {
      if (!follow_files_) return true;
      std::error_code ec;
      if (!looks_like_path(target) && !fs::exists(relative, ec)) {
        std::vector<std::string> names;
        for (const auto& f : scenarios::embedded_files()) names.emplace_back(f.name);
        std::string msg =
            fmt::format("extends: no embedded scenario `{}` and no file `{}`", target, relative.string());
        if (auto near = schema::suggest_among(target, names); !near.empty())
          msg += fmt::format("; did you mean `{}`?", near);
        sink.error(ext, msg);
        return true;
      }
      base = file_source(fs::path(target).is_absolute() ? target : relative.string());
      std::string why;
      auto text = sim::read_input_file(base.display, why);
      if (!text) {
        sink.error(ext, fmt::format("extends: cannot read `{}`: {}", base.display, why));
        return true;
      }
      base.text = std::move(*text);
    }
    for (const auto& seen : chain_identities_) {
      if (seen == base.identity) {
        sink.error(ext, fmt::format("extends: cycle {} -> {}", fmt::join(chain, " -> "), base.display));
        return true;
      }
    }
    if (chain.size() >= kMaxExtendsDepth) {
      sink.error(ext, fmt::format("extends: a chain of more than {} files ({} -> ... -> {} -> {})",
                                  kMaxExtendsDepth, chain.front(), chain.back(), base.display));
      return true;
    }
    return apply_source(base, params, chain);
  }

  std::vector<std::string> chain_identities_;  // the files being read, outermost first
  // A deeper chain is surely a mistake, and each level costs a stack frame.
  static constexpr std::size_t kMaxExtendsDepth = 64;

  void walk(const toml::table& table, const std::string& prefix, Params& params, const schema::Sink& sink) {
    for (const auto& [k, node] : table) {
      const std::string full = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      if (full == "extends") continue;
      if (const schema::Key* key = schema::find_key(full)) {
        if (!schema::read_value(*key, node, params, sink)) failed_.insert(full);
      } else if (schema::is_group(full)) {
        if (const toml::table* sub = node.as_table())
          walk(*sub, full, params, sink);
        else
          sink.error(node, fmt::format("{}: expected a table of keys ([{}]), got {}", full, full,
                                       schema::type_name(node)));
      } else {
        InputError e = sink.set_line > 0 ? sink.at(node)
                                         : InputError{sink.file, static_cast<int>(k.source().begin.line),
                                                      static_cast<int>(k.source().begin.column), ""};
        if (e.line == 0) e = sink.at(node);
        e.message = unknown_key_message(full);
        errors_.push_back(std::move(e));
      }
    }
  }

  static std::string unknown_key_message(const std::string& full) {
    std::string msg = fmt::format("unknown key `{}`", full);
    if (auto near = schema::suggest(full); !near.empty()) msg += fmt::format("; did you mean `{}`?", near);
    return msg;
  }

  // --set key.path=value: the N-th override's errors are reported as `--set:N:COLUMN`, COLUMN counting
  // characters of "key.path=value".
  void apply_overrides(const std::vector<std::string>& overrides, Params& params) {
    if (!overrides.empty()) order("--set");
    for (std::size_t i = 0; i < overrides.size(); ++i) {
      const std::string& text = overrides[i];
      const int line = static_cast<int>(i) + 1;
      auto fail = [&](int column, std::string message) {
        errors_.push_back(InputError{"--set", line, column, std::move(message)});
      };
      const auto eq = text.find('=');
      if (eq == std::string::npos) {
        fail(1, fmt::format("expected key=value, got `{}`", text));
        continue;
      }
      std::string path = text.substr(0, eq);
      path.erase(path.find_last_not_of(" \t") + 1);
      path.erase(0, std::min(path.size(), path.find_first_not_of(" \t")));
      const std::string value = text.substr(eq + 1);
      // The longest key that the path starts with; the rest selects a part of a table value
      // (world.schools.po).
      const schema::Key* key = schema::find_key(path);
      std::string rest;
      if (!key) {
        for (auto dot = path.rfind('.'); dot != std::string::npos && !key; dot = path.rfind('.', dot - 1)) {
          key = schema::find_key(path.substr(0, dot));
          if (key) rest = path.substr(dot + 1);
          if (dot == 0) break;
        }
      }
      // A table of subjects (or of the programmes' subjects) takes any one name: whether it is a listed
      // subject is checked with the rest. One not given (required by a custom set) starts empty.
      const bool by_name = key && rest.find('.') == std::string::npos &&
                           (std::holds_alternative<SubjectTable*>(key->field(params)) ||
                            std::holds_alternative<SubjectOfProgramme*>(key->field(params)));
      std::string current = key ? schema::value_toml(*key, params) : std::string();
      if (by_name && current.empty()) current = "{}";
      // An entry of an unset policy table (policy.induction.base_quality.po) starts from the table the policy
      // replaces, the key of the same name without `policy.` (induction.base_quality): the other entries
      // keep the values they have without the policy.
      if (key && current.empty() && !rest.empty() && key->name.starts_with("policy."))
        if (const schema::Key* replaced = schema::find_key(key->name.substr(7)))
          if (replaced->field(params).index() == key->field(params).index() ||
              schema::value_toml(*replaced, params).starts_with("{"))
            current = schema::value_toml(*replaced, params);
      if (!key || (!rest.empty() && !current.starts_with("{"))) {
        fail(1, unknown_key_message(path));
        continue;
      }
      const int value_column = static_cast<int>(eq) + 2;
      schema::Sink sink{&errors_, "--set", line, value_column - 5, value_column, &where_};
      // A value is TOML; a bare word that is not (ban, mbo) is a string, as is any value of a string key.
      toml::table parsed;
      bool is_toml = false;
      try {
        if (overlong_dotted_key(value).first == 0) {  // else a string (toml++ would overflow the stack)
          parsed = toml::parse(std::string_view("v = " + value), std::string_view("--set"));
          is_toml = parsed.size() == 1 && parsed.contains("v");
        }
      } catch (const toml::parse_error&) {
      }
      const bool string_key = std::holds_alternative<std::string*>(key->field(params));
      // A whole number TOML cannot hold is a number too large, not a string (as in a file).
      const auto digits = value.find_first_not_of(" \t+-");
      if (!is_toml && !string_key && digits != std::string::npos &&
          value.find_first_not_of("0123456789_ \t", digits) == std::string::npos) {
        fail(value_column, fmt::format("{}: `{}` is not representable in 64 bits", path, value));
        continue;
      }
      if (!is_toml || (string_key && !parsed.get("v")->is_string())) {
        // A raw string must be text a TOML file can hold, or the resolved scenario would not read back.
        if (!valid_utf8(value)) {
          fail(value_column, "the value is not valid UTF-8 text");
          continue;
        }
        parsed = toml::table{};
        parsed.insert("v", value);
      }
      if (rest.empty()) {
        if (!schema::read_value(*key, *parsed.get("v"), params, sink)) failed_.insert(std::string(key->name));
        continue;
      }
      toml::table whole = toml::parse(std::string_view("v = " + current));
      toml::table* t = whole.get("v")->as_table();
      std::string seg;
      std::istringstream parts(rest);
      std::vector<std::string> segs;
      while (std::getline(parts, seg, '.')) segs.push_back(seg);
      // Where the path leaves the value, say how: a part that is a number, not a table (a constant where a
      // year table was meant), or a table without that entry (naming the entries it has).
      std::string prefix(key->name), why;
      for (std::size_t s = 0; s < segs.size() && why.empty(); ++s) {
        toml::node* next = t->get(segs[s]);
        const bool last = s + 1 == segs.size();
        if (!next && !(last && by_name)) {
          std::vector<std::string> names;
          for (const auto& [k, v] : *t) names.emplace_back(k.str());
          why = fmt::format(
              "`{}` has no `{}` in this scenario (it has {})", prefix, segs[s],
              names.empty() ? std::string("nothing") : fmt::format("`{}`", fmt::join(names, "`, `")));
        } else if (!last && !next->is_table()) {
          std::string shown = next->is_array() ? "a list" : "a value";
          if (const auto number = next->value<double>()) shown = schema::number_toml(*number);
          if (const auto text = next->value<std::string>()) shown = fmt::format("\"{}\"", *text);
          why = fmt::format("`{}.{}` is {} in this scenario, not a table: set it whole", prefix, segs[s],
                            shown);
        }
        if (why.empty() && !last) t = next->as_table();
        prefix += "." + segs[s];
      }
      if (!why.empty()) {
        fail(1, fmt::format("unknown key `{}`: {}", path, why));
        continue;
      }
      parsed.get("v")->visit([&](const auto& n) { t->insert_or_assign(segs.back(), n); });
      if (!schema::read_value(*key, *whole.get("v"), params, sink)) failed_.insert(std::string(key->name));
    }
  }

  // The position to report a combination at: the first of `keys` that a file or --set gave, else the top
  // file.
  InputError at(std::initializer_list<std::string> keys) const { return at(std::vector<std::string>(keys)); }
  InputError at(const std::vector<std::string>& keys) const {
    for (const auto& k : keys)
      if (auto it = where_.find(k); it != where_.end()) return it->second;
    return InputError{top_display_, 0, 0, ""};
  }
  // A combination involving a key whose value was rejected is not checked: the rejected value is not in
  // Params, and the error already reported says what to fix.
  void problem(std::initializer_list<std::string> keys, std::string message) {
    problem(std::vector<std::string>(keys), std::move(message));
  }
  void problem(const std::vector<std::string>& keys, std::string message) {
    for (const auto& k : keys)
      for (const auto& f : failed_)
        if (k == f || (k.starts_with(f) && (k[f.size()] == '.' || k[f.size()] == '['))) return;
    InputError e = at(keys);
    e.message = std::move(message);
    errors_.push_back(std::move(e));
  }

  void check_combinations(const Params& p) {
    // A name becomes an HDF5 group and a file name: not empty, no '/', no control character, not "." or
    // "..", no '#' (compare names a repeated scenario X#2), at most 100 bytes.
    if (p.name.empty() || p.name.find('/') != std::string::npos || p.name == "." || p.name == ".." ||
        std::any_of(p.name.begin(), p.name.end(), [](unsigned char c) { return c < 0x20; }))
      problem({"name"},
              fmt::format("name: `{}` cannot name results (empty, '/', '.', '..' or a control character)",
                          printable(p.name)));
    else if (p.name.find('#') != std::string::npos)
      problem({"name"}, fmt::format("name: `{}` contains '#', which tlm compare uses for a repeated scenario",
                                    printable(p.name)));
    else if (p.name.size() > 100)
      problem({"name"}, fmt::format("name: {} bytes long; at most 100", p.name.size()));
    if (p.years.end <= p.years.start)
      problem({"years.end", "years.start"},
              fmt::format("years.end ({}) must be after years.start ({})", p.years.end, p.years.start));
    if (p.world.schools_csv.empty() && p.world.urban_regions > p.world.regions)
      problem({"world.urban_regions", "world.regions"},
              fmt::format("world.urban_regions ({}) is more than world.regions ({})", p.world.urban_regions,
                          p.world.regions));
    if (p.zij.age_range[1] >= p.teachers.retirement_age)
      problem({"zij.age_range", "teachers.retirement_age"},
              fmt::format("zij.age_range: highest age {} must be below teachers.retirement_age ({})",
                          p.zij.age_range[1], p.teachers.retirement_age));
    for (int k = 0; k < kProgrammes; ++k) {
      const std::string prog = kProgrammeNames[k];
      if (p.study.dropout[k].size() != static_cast<std::size_t>(p.study.years[k]))
        problem({"study.dropout." + prog, "study.dropout", "study.years." + prog, "study.years"},
                fmt::format("study.dropout.{} has {} values but study.years.{} is {}", prog,
                            p.study.dropout[k].size(), prog, p.study.years[k]));
      if (p.study.intake_age[k] + p.study.years[k] >= p.teachers.retirement_age)
        problem({"study.intake_age." + prog, "study.intake_age", "study.years." + prog, "study.years",
                 "teachers.retirement_age"},
                fmt::format(
                    "study.intake_age.{} + study.years.{} ({} + {}) must be below teachers.retirement_age "
                    "({}): students would graduate at retirement",
                    prog, prog, p.study.intake_age[k], p.study.years[k], p.teachers.retirement_age));
      if (p.groenpluk.min_study_year[k] > p.study.years[k])
        problem({"groenpluk.min_study_year." + prog, "groenpluk.min_study_year", "study.years." + prog,
                 "study.years"},
                fmt::format("groenpluk.min_study_year.{} ({}) is beyond study.years.{} ({})", prog,
                            p.groenpluk.min_study_year[k], prog, p.study.years[k]));
    }
    const auto& j = p.policy.joining;
    if (j.mode == JoiningMode::target && j.target_year < p.years.start)
      problem({"policy.joining.target_year", "policy.joining.mode", "years.start"},
              fmt::format("policy.joining.target_year ({}) is before years.start ({})", j.target_year,
                          p.years.start));
    if (j.mode == JoiningMode::schedule && j.schedule.empty())
      problem({"policy.joining.schedule", "policy.joining.mode"},
              "policy.joining.mode is \"schedule\" but policy.joining.schedule has no steps");
    const int regions = p.world.schools_csv.empty() ? p.world.regions : csv_regions_;
    for (std::size_t i = 0; i < j.schedule.size(); ++i) {
      const auto& step = j.schedule[i];
      const std::string sp = fmt::format("policy.joining.schedule[{}]", i + 1);
      if (step.year < p.years.start || step.year > p.years.end)
        problem({sp + ".year", sp, "policy.joining.schedule", "years.start", "years.end"},
                fmt::format("{}.year ({}) is outside the simulated years {}..{}", sp, step.year,
                            p.years.start, p.years.end));
      if (regions > 0 && step.region >= regions)
        problem({sp + ".region", sp, "policy.joining.schedule", "world.regions"},
                fmt::format("{}.region ({}) is beyond the {} regions{}", sp, step.region + 1, regions,
                            p.world.schools_csv.empty() ? " of world.regions" : " of world.schools_csv"));
    }
    const auto& ind = p.policy.induction;
    if (ind.from_year && (*ind.from_year < p.years.start || *ind.from_year > p.years.end))
      problem({"policy.induction.from_year", "years.start", "years.end"},
              fmt::format("policy.induction.from_year ({}) is outside the simulated years {}..{}",
                          *ind.from_year, p.years.start, p.years.end));
    if (ind.from_year && !ind.base_quality)
      problem({"policy.induction.from_year", "policy.induction.base_quality"},
              "policy.induction.from_year is set but policy.induction.base_quality is not");
    const auto& inst = p.policy.institutes;
    if (inst.target_share.has_value() != inst.target_year.has_value())
      problem({"policy.institutes.target_share", "policy.institutes.target_year"},
              "policy.institutes.target_share and policy.institutes.target_year go together: set both or "
              "neither");
    if (inst.target_year && *inst.target_year < p.years.start)
      problem({"policy.institutes.target_year", "years.start"},
              fmt::format("policy.institutes.target_year ({}) is before years.start ({})", *inst.target_year,
                          p.years.start));
    check_subjects(p.subjects);
  }

  // The subjects.* keys together (docs/model.md 12.1), now that every file and --set is read: subjects.vo
  // may come after the tables or from another file. A problem is reported at the most specific key given
  // (subjects.demand_share.wiskunde, else subjects.demand_share), else at subjects.vo; none when one of
  // these was rejected (a rejected subjects.vo leaves the default names, which the tables may not fit).
  void check_subjects(const SubjectParams& subjects) {
    std::vector<SubjectProblem> problems;
    resolve_subjects(subjects, &problems);
    for (auto& pr : problems) {
      std::vector<std::string> keys{pr.key};
      // The enclosing keys: subjects.vo[2] -> subjects.vo; subjects.demand_share.x -> subjects.demand_share.
      for (std::string k = pr.key;;) {
        const auto cut = k.find_last_of(".[");
        if (cut == std::string::npos || cut <= std::string_view("subjects").size()) break;
        k.resize(cut);
        keys.push_back(k);
      }
      keys.emplace_back("subjects.vo");
      problem(keys, std::move(pr.message));
    }
  }

  int csv_regions_ = 0;

  // The CSV path as written is relative to the file that named it; Params keeps it absolute.
  std::string resolve_csv(const std::string& key, std::string& value) {
    const InputError pos = at({key});
    fs::path dir;
    if (pos.file != "--set" && pos.file != "<stdin>" && !pos.file.starts_with("embedded:"))
      dir = fs::path(pos.file).parent_path();
    const fs::path display =
        fs::path(value).is_absolute() ? fs::path(value) : (dir / value).lexically_normal();
    value = fs::absolute(display).lexically_normal().string();
    return display.string();
  }

  void check_csv(Params& p) {
    std::optional<std::vector<SchoolRow>> schools;
    auto readable = [&](const std::string& key, const std::string& display) {
      if (const std::string why = sim::not_an_input_file(display); !why.empty()) {
        problem({key}, fmt::format("{}: cannot read `{}`: {}", key, display, why));
        return false;
      }
      std::ifstream in(display);
      if (!in) {
        problem({key}, fmt::format("{}: cannot read `{}`: {}", key, display, std::strerror(errno)));
        return false;
      }
      return true;
    };
    auto collect = [&](const ScenarioErrors& e) {
      for (const auto& err : e.errors()) {
        order(err.file);
        errors_.push_back(err);
      }
    };
    bool schools_failed = false;
    if (!p.world.schools_csv.empty()) {
      const std::string display = resolve_csv("world.schools_csv", p.world.schools_csv);
      if (readable("world.schools_csv", display)) {
        order(display);
        try {
          schools = read_schools_csv(display);
          std::set<std::string> regions;
          for (const auto& s : *schools) regions.insert(s.region);
          csv_regions_ = static_cast<int>(regions.size());
          // As world.regions: people's ids and the 16-bit region columns hold at most this many.
          if (csv_regions_ > kMaxRegions)
            problem({"world.schools_csv"}, fmt::format("world.schools_csv: {} regions in `{}`; at most {}",
                                                       csv_regions_, display, kMaxRegions));
        } catch (const ScenarioErrors& e) {
          collect(e);
          schools_failed = true;
        }
      } else {
        schools_failed = true;
      }
    }
    if (!p.world.teachers_csv.empty()) {
      const std::string display = resolve_csv("world.teachers_csv", p.world.teachers_csv);
      if (readable("world.teachers_csv", display)) {
        order(display);
        try {
          // Without readable schools the ids cannot be checked against them; every other check still runs.
          const auto rows = schools_failed ? read_teachers_csv(display)
                                           : read_teachers_csv(display, schools ? &*schools : nullptr);
          // Subjects (12.7): the names now, when subjects.* resolve; the school's sector when the schools are
          // imported (synthetic schools' sectors are known only when the world is built, which checks again).
          std::vector<SubjectProblem> subject_problems;
          const auto subjects = resolve_subjects(p.subjects, &subject_problems);
          if (subject_problems.empty()) {
            std::map<std::string, int> sector_of;
            if (schools)
              for (const auto& sr : *schools) sector_of[sr.id] = sr.sector;
            for (const auto& row : rows) {
              const auto it = sector_of.find(row.school_id);
              const auto ts = teacher_subject(row, subjects.names, it == sector_of.end() ? -1 : it->second);
              if (!ts.error.empty()) errors_.push_back({display, row.line, row.subject_column, ts.error});
            }
          }
        } catch (const ScenarioErrors& e) {
          collect(e);
        }
      }
    }
    // Schedule regions against the imported regions, now that they are known.
    if (schools && csv_regions_ > 0) {
      for (std::size_t i = 0; i < p.policy.joining.schedule.size(); ++i) {
        const auto& step = p.policy.joining.schedule[i];
        const std::string sp = fmt::format("policy.joining.schedule[{}]", i + 1);
        if (step.region >= csv_regions_)
          problem({sp + ".region", sp, "policy.joining.schedule"},
                  fmt::format("{}.region ({}) is beyond the {} regions of world.schools_csv", sp,
                              step.region + 1, csv_regions_));
      }
    }
  }
};

Source resolve_top(const std::string& name_or_path) {
  if (name_or_path == "-") {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    return Source{"<stdin>", "<stdin>", "stdin", ss.str(), false};
  }
  if (!looks_like_path(name_or_path)) {
    if (const auto* e = find_embedded(name_or_path)) return embedded_source(*e);
    std::error_code ec;
    if (!fs::exists(name_or_path, ec)) {
      std::vector<std::string> names;
      for (const auto& f : scenarios::embedded_files()) names.emplace_back(f.name);
      std::string msg = "no such file, and no embedded scenario of that name (`tlm scenarios` lists them)";
      if (auto near = schema::suggest_among(name_or_path, names); !near.empty())
        msg += fmt::format("; did you mean `{}`?", near);
      Loader::fail_source(name_or_path, msg);
    }
  }
  Source s = file_source(name_or_path);
  std::string why;
  auto text = sim::read_input_file(name_or_path, why);
  if (!text) Loader::fail_source(name_or_path, fmt::format("cannot read file: {}", why));
  s.text = std::move(*text);
  return s;
}

}  // namespace

ScenarioErrors::ScenarioErrors(std::vector<InputError> errors)
    : std::runtime_error(join_errors(errors)), errors_(std::move(errors)) {}

std::pair<int, int> overlong_dotted_key(std::string_view text) {
  auto bare = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  int line = 1, column = 1;
  // The chain being read: its parts so far and where it starts; `after` is what the last token was.
  enum class Last { Other, Part, Dot } after = Last::Other;
  int parts = 0;
  std::pair<int, int> start{0, 0};
  auto advance = [&](std::size_t& i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  };
  auto part = [&](int l, int c) {
    if (after != Last::Dot) {
      parts = 0;
      start = {l, c};
    }
    ++parts;
    after = Last::Part;
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '#') {  // a comment, to the end of the line
      while (i < text.size() && text[i] != '\n') advance(i);
      after = Last::Other;
    } else if (c == '"' || c == '\'') {  // a string, or a quoted part of a key
      const int l = line, col = column;
      const bool triple = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "\'\'\'");
      const std::string_view close = triple ? text.substr(i, 3) : text.substr(i, 1);
      for (std::size_t k = 0; k < close.size(); ++k) advance(i);
      while (i < text.size() && text.substr(i, close.size()) != close) {
        if (c == '"' && text[i] == '\\' && i + 1 < text.size()) advance(i);
        if (!triple && text[i] == '\n') break;  // unterminated: the parser says so
        advance(i);
      }
      for (std::size_t k = 0; k < close.size() && i < text.size(); ++k) advance(i);
      part(l, col);
    } else if (bare(c)) {
      const int l = line, col = column;
      while (i < text.size() && bare(text[i])) advance(i);
      part(l, col);
    } else if (c == '.') {
      after = after == Last::Part ? Last::Dot : Last::Other;
      advance(i);
    } else {
      if (c != ' ' && c != '\t') after = Last::Other;
      advance(i);
    }
    if (parts > kMaxKeyParts) return start;
  }
  return {0, 0};
}

Scenario load_scenario(const std::string& name_or_path, const std::vector<std::string>& overrides) {
  Source top = resolve_top(name_or_path);
  Loader loader(true);
  return loader.load(std::move(top), overrides);
}

namespace schema {
Scenario load_scenario_text(const std::string& text, const std::string& display,
                            const std::vector<std::string>& overrides, bool follow_files) {
  Loader loader(follow_files);
  Source s = file_source(display);
  s.text = text;
  return loader.load(std::move(s), overrides);
}
}  // namespace schema

std::string to_toml(const Params& params) {
  std::string out = "# The resolved scenario: every key, defaults filled in. Keys: docs/scenarios.md.\n";
  std::string group;
  for (const schema::Key& key : schema::keys()) {
    const auto dot = key.name.rfind('.');
    const std::string key_group = dot == std::string_view::npos ? "" : std::string(key.name.substr(0, dot));
    const std::string_view last = dot == std::string_view::npos ? key.name : key.name.substr(dot + 1);
    if (key_group != group) {
      out += fmt::format("\n[{}]\n", key_group);
      group = key_group;
    }
    const std::string value = schema::value_toml(key, params);
    std::string note(key.meaning);
    if (!key.unit.empty() && key.unit != "path") note += fmt::format(" [{}]", key.unit);
    if (key.name != "name" && key.name != "description") out += fmt::format("# {}\n", note);
    if (value.empty())
      out += fmt::format("# {}: unset\n", last);
    else
      out += fmt::format("{} = {}\n", last, value);
  }
  return out;
}

std::vector<EmbeddedScenario> embedded_scenarios() {
  std::vector<EmbeddedScenario> out;
  for (const auto& f : scenarios::embedded_files()) {
    EmbeddedScenario e{std::string(f.name), "", std::string(f.text)};
    try {
      toml::table t = toml::parse(f.text, std::string_view("embedded:" + e.name));
      e.description = t["description"].value_or(std::string{});
    } catch (const toml::parse_error&) {
      // A broken embedded file shows up in load_scenario and in the tests; the list still shows its name.
    }
    out.push_back(std::move(e));
  }
  return out;
}

void scenario_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"name", schema::kAny, "", "name of the scenario in results and reports (default: the file's stem)",
           "9", TLM_FIELD(name)},
          {"description", schema::kAny, "", "one sentence: the policy question the scenario answers", "9",
           TLM_FIELD(description)},
          {"seed", schema::kSeed, "", "random seed of all replications (a 32-bit Philox key word)", "9",
           TLM_FIELD(seed)},
          {"replications", schema::Range{1, 1000000}, "runs",
           "number of replications, differing only in random numbers", "3", TLM_FIELD(replications)},
          {"years.start", schema::kYear, "year", "first year: the generated start world is its state", "3",
           TLM_FIELD(years.start)},
          {"years.end", schema::kYear, "year", "last simulated year (inclusive); after years.start", "3",
           TLM_FIELD(years.end)},
      });
}

}  // namespace tlm::models
