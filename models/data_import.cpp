// Data import (docs/model.md section 10). Errors are `file:line:column: message`, the column being the
// 1-based character column where the offending field starts, so an editor can jump to it; every bad row is
// reported.
#include "models/data_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "models/params.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace tlm::models {
namespace {

struct CsvField {
  std::string text;
  int column = 1;
};
struct CsvLine {
  int line = 0;
  std::vector<CsvField> fields;
};

struct CsvFile {
  std::string path;
  std::vector<InputError> errors;
  std::vector<CsvLine> lines;  // non-blank lines; the first is the header

  void error(int line, int column, std::string message) {
    errors.push_back(InputError{path, line, column, std::move(message)});
  }
};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// Splits into lines (LF or CRLF) and fields (commas, "double quotes" with "" for a quote inside).
CsvFile read_csv(const std::string& path) {
  CsvFile csv{path, {}, {}};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    csv.error(0, 0, fmt::format("cannot open file: {}", std::strerror(errno)));
    return csv;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a UTF-8 byte order mark, as spreadsheets write
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    const int line =
        1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n'));
    const auto line_start = text.rfind('\n', nul);
    const int column = static_cast<int>(nul - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
    csv.error(line, column, "not a text file (contains a NUL byte)");
    return csv;
  }
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    pos = end + 1;
    if (trim(line).empty()) continue;
    CsvLine row{line_no, {}};
    std::size_t i = 0;
    bool bad = false;
    while (true) {
      CsvField f;
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      f.column = static_cast<int>(i) + 1;
      if (i < line.size() && line[i] == '"') {
        ++i;
        bool closed = false;
        while (i < line.size()) {
          if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') {
              f.text += '"';
              i += 2;
              continue;
            }
            closed = true;
            ++i;
            break;
          }
          f.text += line[i++];
        }
        if (!closed) {
          csv.error(line_no, f.column, "unterminated quoted field");
          bad = true;
          break;
        }
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i < line.size() && line[i] != ',') {
          csv.error(line_no, static_cast<int>(i) + 1, "unexpected text after a quoted field");
          bad = true;
          break;
        }
      } else {
        const std::size_t comma = std::min(line.find(',', i), line.size());
        f.text = trim(line.substr(i, comma - i));
        i = comma;
      }
      row.fields.push_back(std::move(f));
      if (i >= line.size()) break;
      ++i;  // the comma
    }
    if (!bad) csv.lines.push_back(std::move(row));
  }
  return csv;
}

// Maps the header to column indices; reports unknown, duplicate and missing columns.
std::map<std::string, int> read_header(CsvFile& csv, const std::vector<std::string>& required,
                                       const std::vector<std::string>& optional, std::string_view what) {
  std::map<std::string, int> index;
  std::vector<std::string> all = required;
  all.insert(all.end(), optional.begin(), optional.end());
  if (csv.lines.empty()) {
    if (csv.errors.empty())
      csv.error(1, 1, fmt::format("empty file: expected a header line `{}`", fmt::join(required, ",")));
    return index;
  }
  const CsvLine& header = csv.lines.front();
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const CsvField& f = header.fields[c];
    if (std::find(all.begin(), all.end(), f.text) == all.end()) {
      std::string msg = fmt::format("unknown column `{}` in the {} header (expected {})", f.text, what,
                                    fmt::join(all, ", "));
      if (auto near = schema::suggest_among(f.text, all); !near.empty())
        msg += fmt::format("; did you mean `{}`?", near);
      csv.error(header.line, f.column, msg);
    } else if (index.contains(f.text)) {
      csv.error(header.line, f.column, fmt::format("column `{}` appears twice", f.text));
    } else {
      index[f.text] = static_cast<int>(c);
    }
  }
  for (const auto& r : required)
    if (!index.contains(r)) csv.error(header.line, 1, fmt::format("missing column `{}` in the header", r));
  return index;
}

std::optional<double> parse_double(const std::string& s) {
  double v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_int(const std::string& s) {
  long long v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

// Field access for one row that records errors at the field's own column.
struct Row {
  CsvFile& csv;
  const CsvLine& line;
  const std::map<std::string, int>& index;
  bool ok = true;

  const CsvField* field(const std::string& name) const {
    auto it = index.find(name);
    return it == index.end() ? nullptr : &line.fields[static_cast<std::size_t>(it->second)];
  }
  void fail(const CsvField& f, std::string message) {
    csv.error(line.line, f.column, std::move(message));
    ok = false;
  }
  std::string text(const std::string& name) {
    const CsvField* f = field(name);
    if (f && f->text.empty()) fail(*f, fmt::format("{}: empty value", name));
    return f ? f->text : std::string{};
  }
  double number(const std::string& name, const schema::Range& range) {
    const CsvField* f = field(name);
    if (!f) return 0;
    auto v = parse_double(f->text);
    if (!v || !range.contains(*v)) {
      fail(*f, fmt::format("{}: must be a number {}, got `{}`", name, schema::range_text(range), f->text));
      return 0;
    }
    return *v;
  }
  long long integer(const std::string& name, const schema::Range& range) {
    const CsvField* f = field(name);
    if (!f) return 0;
    auto v = parse_int(f->text);
    if (!v || !range.contains(static_cast<double>(*v))) {
      fail(*f, fmt::format("{}: must be an integer {}, got `{}`", name, schema::range_text(range), f->text));
      return 0;
    }
    return *v;
  }
  bool flag(const std::string& name) {
    const CsvField* f = field(name);
    if (!f) return false;
    if (f->text == "0") return false;
    if (f->text == "1") return true;
    fail(*f, fmt::format("{}: must be 0 or 1, got `{}`", name, f->text));
    return false;
  }
};

// Rows with the header's number of fields; reports the others.
template <class F>
void for_rows(CsvFile& csv, const std::map<std::string, int>& index, F&& f) {
  const std::size_t columns = csv.lines.front().fields.size();
  for (std::size_t i = 1; i < csv.lines.size(); ++i) {
    const CsvLine& line = csv.lines[i];
    if (line.fields.size() != columns) {
      csv.error(line.line, 1,
                fmt::format("expected {} fields as in the header, got {}", columns, line.fields.size()));
      continue;
    }
    Row row{csv, line, index};
    f(row);
  }
}

void throw_if_errors(CsvFile& csv) {
  if (!csv.errors.empty()) throw ScenarioErrors(std::move(csv.errors));
}

std::vector<TeacherRow> read_teachers(const std::string& path, const std::vector<SchoolRow>* schools,
                                      bool check_ids) {
  CsvFile csv = read_csv(path);
  const auto index = read_header(csv, {"school_id", "age", "exp", "fte", "qualified", "count"},
                                 {"route", "so_trained", "q", "subject"}, "teachers");
  if (!csv.errors.empty()) throw_if_errors(csv);
  std::set<std::string> ids;
  if (schools)
    for (const auto& s : *schools) ids.insert(s.id);
  std::vector<TeacherRow> out;
  for_rows(csv, index, [&](Row& row) {
    TeacherRow t;
    t.line = row.line.line;
    t.school_id = row.text("school_id");
    if (check_ids && !t.school_id.empty()) {
      const CsvField& f = *row.field("school_id");
      if (schools && !ids.contains(t.school_id)) {
        row.fail(f, fmt::format("school_id: unknown school `{}` (not in the schools CSV)", t.school_id));
      } else if (!schools) {
        auto n = parse_int(t.school_id);
        if (!n || *n < 1)
          row.fail(
              f, fmt::format("school_id: must be a school number >= 1 (the schools are synthetic), got `{}`",
                             t.school_id));
      }
    }
    t.age = static_cast<int>(row.integer("age", schema::Range{15, 100}));
    t.exp = static_cast<int>(row.integer("exp", schema::Range{0, 85}));
    if (row.ok && t.exp > t.age - 15)
      row.fail(*row.field("exp"),
               fmt::format("exp: {} years of experience at age {} (at most age - 15)", t.exp, t.age));
    t.fte = row.number("fte", schema::Range{0.0, 1.0, true, false});
    t.qualified = row.flag("qualified");
    t.count = static_cast<int>(row.integer("count", schema::Range{1, 1000000}));
    if (const CsvField* f = row.field("route"); f && !f->text.empty()) {
      auto it = std::find(kRouteNames.begin(), kRouteNames.end(), f->text);
      if (it == kRouteNames.end()) {
        std::vector<std::string> names(kRouteNames.begin(), kRouteNames.end());
        std::string msg =
            fmt::format("route: unknown route `{}` (expected {})", f->text, fmt::join(names, ", "));
        if (auto near = schema::suggest_among(f->text, names); !near.empty())
          msg += fmt::format("; did you mean `{}`?", near);
        row.fail(*f, msg);
      } else {
        t.route = static_cast<int>(it - kRouteNames.begin());
      }
    }
    if (const CsvField* f = row.field("so_trained"); f && !f->text.empty())
      t.so_trained = row.flag("so_trained");
    if (const CsvField* f = row.field("q"); f && !f->text.empty())
      t.q = row.number("q", schema::Range{0.0, 1.0});
    if (const CsvField* f = row.field("subject"); f && !f->text.empty()) {
      t.subject = f->text;  // checked against subjects.vo when the world is built
      t.subject_column = f->column;
    }
    if (row.ok) out.push_back(std::move(t));
  });
  if (csv.errors.empty() && out.empty())
    csv.error(csv.lines.front().line, 1, "no teachers: the file has a header but no rows");
  throw_if_errors(csv);
  return out;
}

}  // namespace

std::vector<SchoolRow> read_schools_csv(const std::string& path) {
  CsvFile csv = read_csv(path);
  const auto index = read_header(csv, {"id", "region", "sector", "demand_fte", "member"}, {}, "schools");
  if (!csv.errors.empty()) throw_if_errors(csv);
  std::vector<SchoolRow> out;
  std::map<std::string, int> first_line;
  for_rows(csv, index, [&](Row& row) {
    SchoolRow s;
    s.line = row.line.line;
    s.id = row.text("id");
    if (!s.id.empty()) {
      auto [it, fresh] = first_line.emplace(s.id, s.line);
      if (!fresh)
        row.fail(*row.field("id"),
                 fmt::format("id: duplicate school id `{}` (first on line {})", s.id, it->second));
    }
    s.region = row.text("region");
    const CsvField& sector = *row.field("sector");
    auto it = std::find(kSectorNames.begin(), kSectorNames.end(), sector.text);
    if (it == kSectorNames.end())
      row.fail(sector, fmt::format("sector: must be po, vo or mbo, got `{}`", sector.text));
    else
      s.sector = static_cast<int>(it - kSectorNames.begin());
    s.demand_fte = row.number("demand_fte", schema::Range{0.0, 1e7, true, false});
    s.member = row.flag("member");
    if (row.ok) out.push_back(std::move(s));
  });
  if (csv.errors.empty() && out.empty())
    csv.error(csv.lines.front().line, 1, "no schools: the file has a header but no rows");
  throw_if_errors(csv);
  return out;
}

std::vector<TeacherRow> read_teachers_csv(const std::string& path) {
  return read_teachers(path, nullptr, false);
}

std::vector<TeacherRow> read_teachers_csv(const std::string& path, const std::vector<SchoolRow>* schools) {
  return read_teachers(path, schools, true);
}

TeacherSubject teacher_subject(const TeacherRow& row, const std::vector<std::string>& names, int sector) {
  TeacherSubject out;
  if (row.subject.empty()) return out;
  if (sector >= 0 && sector != vo) {
    out.error =
        fmt::format("subject: `{}` given for a teacher of a {} school; only vo teachers have a subject",
                    row.subject, kSectorNames[sector]);
    return out;
  }
  const auto it = std::find(names.begin(), names.end(), row.subject);
  if (it == names.end()) {
    out.error = fmt::format("subject: unknown subject `{}` (expected one of subjects.vo: {})", row.subject,
                            fmt::join(names, ", "));
    if (auto near = schema::suggest_among(row.subject, names); !near.empty())
      out.error += fmt::format("; did you mean `{}`?", near);
    return out;
  }
  out.index = static_cast<int>(it - names.begin());
  return out;
}

}  // namespace tlm::models
