// The report and the terminal in Dutch (issue 14: "Dutch is the language of its readers"): with --lang nl no
// text of the English words table is left in what a reader sees, the tables and charts speak Dutch with
// Dutch numbers, and the terminal table of tlm compare and tlm effects does too; so does the sweep report.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/format.hpp"
#include "analysis/report_text.hpp"
#include "analysis/results.hpp"
#include "tests/calibration_file.hpp"
#include "tests/html_checks.hpp"
#include "tests/process.hpp"

namespace fs = std::filesystem;
using tlm::analysis::Lang;
using tlm::analysis::words;
using tlm::test::read_file;
using tlm::test::run;
using tlm::test::TempDir;
using tlm::test::tlm_binary;
using tlm::test::write_file;

using tlm::test::contains;
using tlm::test::section;

namespace {

// What a reader sees of a page: no style sheet, no <code> (keys, TOML values, commands, paths), no tags, the
// entities read, and without the scenarios' own descriptions (the scenario's text, not the report's).
std::string visible_text(std::string html) {
  html = std::regex_replace(html, std::regex("<style>[\\s\\S]*?</style>"), " ");
  html = std::regex_replace(html, std::regex("<code>[\\s\\S]*?</code>"), " ");
  html = std::regex_replace(html, std::regex("<h3>[^<]*</h3>\n<p>[^<]*</p>"), " ");
  html = std::regex_replace(html, std::regex("<[^>]*>"), " ");
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}})
    html = std::regex_replace(html, std::regex(entity), c);
  return fmt::format(" {} ", std::regex_replace(html, std::regex("\\s+"), " "));
}

bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80);  // UTF-8 letters (ë, é) count as letters
}

// Whether `needle` occurs in `text` as whole words (not inside a longer word: "median" in "mediane").
bool has_words(const std::string& text, const std::string& needle) {
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) {
    const bool before = p == 0 || !is_letter(text[p - 1]) || !is_letter(needle.front());
    const bool after =
        p + needle.size() >= text.size() || !is_letter(text[p + needle.size()]) || !is_letter(needle.back());
    if (before && after) return true;
  }
  return false;
}

// The fragments of a words text a reader would see: split at the {} of the format and at HTML tags, trimmed
// of spaces and punctuation at their ends; only those with a letter in them.
std::vector<std::string> fragments(const std::string& text) {
  std::vector<std::string> out;
  const std::string cut = std::regex_replace(text, std::regex("\\{[^}]*\\}|<[^>]*>"), "\x1f");
  std::stringstream in(cut);
  for (std::string part; std::getline(in, part, '\x1f');) {
    const auto keep = [](char c) { return is_letter(c) || std::isdigit(static_cast<unsigned char>(c)); };
    std::size_t a = 0, b = part.size();
    while (a < b && !keep(part[a])) ++a;
    while (b > a && !keep(part[b - 1])) --b;
    if (b > a) out.push_back(part.substr(a, b - a));
  }
  return out;
}

// tiny against tiny with high-quality induction, and tiny again (every effect exactly zero).
std::string compare_dutch(const TempDir& dir, const std::string& options = "") {
  write_file(dir / "induction.toml",
             "extends = \"tiny\"\nname = \"induction\"\n[policy.induction]\nbase_quality = 0.95\n");
  const auto r =
      run(fmt::format("cd '{}' && '{}' compare tiny induction.toml tiny -r 4 -j 2 -q --lang nl {} -o cmp",
                      dir.path().string(), tlm_binary(), options));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return read_file(dir / "cmp/report.html");
}

// The English texts a Dutch page must not show: the fragments of the English table that the Dutch one does
// not have as well (names such as Samen Opleiden, units such as FTE, Welch).
// Every table: the report's words, the sweep report's, the posterior comparison's and the calibration
// report's.
std::vector<std::string> english_only() {
  std::vector<const char*> en, nl;
  const auto add = [](std::vector<const char*>& to, const auto& texts) {
    to.insert(to.end(), texts.begin(), texts.end());
  };
  for (const Lang lang : {Lang::en, Lang::nl}) {
    auto& to = lang == Lang::en ? en : nl;
    add(to, tlm::analysis::all_texts(words(lang)));
    add(to, tlm::analysis::all_texts(tlm::analysis::sweep_words(lang)));
    add(to, tlm::analysis::all_texts(tlm::analysis::posterior_words(lang)));
    add(to, tlm::analysis::all_texts(tlm::analysis::calibration_words(lang)));
  }
  std::string dutch;
  for (const char* t : nl) dutch += fmt::format("{}\n", t);
  std::set<std::string> out;
  for (std::size_t i = 0; i < en.size(); ++i) {
    if (std::string(en[i]) == nl[i]) continue;
    for (const auto& f : fragments(en[i]))
      if (f.size() >= 3 && !has_words(dutch, f)) out.insert(f);
  }
  return {out.begin(), out.end()};
}

}  // namespace

TEST_CASE("report words: the tables fill every text, and the Dutch ones differ from the English",
          "[analysis][report][lang]") {
  const auto en = tlm::analysis::all_texts(words(Lang::en));
  const auto nl = tlm::analysis::all_texts(words(Lang::nl));
  std::size_t same = 0;
  for (std::size_t i = 0; i < en.size(); ++i) {
    INFO(i);
    REQUIRE(en[i] != nullptr);
    REQUIRE(nl[i] != nullptr);
    same += std::string(en[i]) == nl[i] ? 1 : 0;
  }
  // A few are the same in both (FTE, scenario, "Sector {}", "{}: …"); most are not.
  CHECK(same * 10 < en.size());
  for (const Lang lang : {Lang::en, Lang::nl}) {
    for (const char* t : tlm::analysis::all_texts(tlm::analysis::posterior_words(lang))) CHECK(t != nullptr);
    for (const char* t : tlm::analysis::all_texts(tlm::analysis::calibration_words(lang)))
      CHECK(t != nullptr);
  }
  const auto sweep_en = tlm::analysis::all_texts(tlm::analysis::sweep_words(Lang::en));
  const auto sweep_nl = tlm::analysis::all_texts(tlm::analysis::sweep_words(Lang::nl));
  for (std::size_t i = 0; i < sweep_en.size(); ++i) {
    INFO(i);
    CHECK(sweep_en[i] != nullptr);
    CHECK(sweep_nl[i] != nullptr);
  }
  CHECK(english_only().size() > 150);
}

TEST_CASE("report words: the reasons why runs do not pair, in both languages", "[analysis][report][lang]") {
  tlm::analysis::StartFacts a, b;
  a.seed = 1, b.seed = 7, a.replications = 4, b.replications = 6, a.start = b.start = 2025,
  a.end = b.end = 2040;
  const auto p = tlm::analysis::pairing_of(a, b);
  CHECK(!p.paired);
  CHECK(p.why_not == "the seeds differ (1 and 7); the replications differ (4 and 6)");
  CHECK(p.why_not_nl == "de seeds verschillen (1 en 7); het aantal replicaties verschilt (4 en 6)");
}

TEST_CASE("report --lang nl: no text of the English table is left in what a reader sees of a comparison",
          "[e2e][analysis][report][lang]") {
  TempDir dir;
  const std::string html = compare_dutch(dir);
  const std::string text = visible_text(html);
  const auto english = english_only();
  for (const auto& f : english) {
    INFO(f);
    CHECK(!has_words(text, f));
  }
  // Nor English outside the table: the small words of an English sentence.
  for (const char* word : {" the ", " and ", " than ", " with ", " between ", " compared ", " from "}) {
    INFO(word);
    CHECK(!contains(text, word));
  }

  // Spot checks: the tables, the charts, the provenance, the definitions, in Dutch with Dutch numbers.
  for (const char* dutch : {"<th>uitkomst</th>",
                            "<td>Totaal tekort alle sectoren 2040</td>",
                            "<th class=\"num\">verschil</th>",
                            "<th class=\"num\">beter in</th>",
                            "Alle scenario's: totaal tekort, alle sectoren",
                            "Verschil met tiny: totaal tekort, alle sectoren",
                            ">totaal tekort (FTE)</text>",
                            ">middelste 50% van de runs</text>",
                            ">90% van de runs</text>",
                            ">schooljaar (begin)</text>",
                            "tiny: behoud per instroomroute",
                            "Totaal tekort: verschil",
                            "← beter · verschil (FTE) · slechter →",
                            "<p class=\"meta\">Bestand <code>",
                            "<br>Opdracht: <code>",
                            "<h2>Begrippen</h2>",
                            "<strong>Totaal tekort</strong>: gevraagde FTE",
                            "<th>instelling</th>",
                            "replicaties, seed ",
                            "<th>sectoren</th>",
                            "per vermeden FTE-jaar tekort"})
    CHECK(contains(html, dutch));
  // Numbers: a share with a decimal comma in the headline table, a chart tick with one.
  CHECK(std::regex_search(section(html, "headlines"), std::regex("<td class=\"num\">[0-9]+,[0-9]%<br>")));
  CHECK(std::regex_search(html, std::regex("class=\"tick\"[^>]*>[0-9]+,[0-9]+%?</text>")));
  CHECK(!std::regex_search(section(html, "headlines"), std::regex("[0-9]\\.[0-9]%")));
  // A table's range reads "tot", not "to".
  CHECK(contains(section(html, "effects"), " tot "));
}

TEST_CASE("report --lang nl: the reason the runs do not pair, in Dutch", "[e2e][analysis][report][lang]") {
  TempDir dir;
  compare_dutch(dir);
  // Another seed for the alternative in the file: its runs no longer pair with the base's.
  const std::string h5 = dir / "cmp/results.h5";
  REQUIRE(run(fmt::format("/usr/bin/python3 -c \"import h5py, numpy; f = h5py.File('{}', 'a'); "
                          "f['induction'].attrs['seed'] = numpy.uint64(7)\"",
                          h5))
              .exit_code == 0);
  const auto r = run(fmt::format("'{}' report '{}' --lang nl -o '{}'", tlm_binary(), h5, dir / "nl.html"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "nl.html");
  CHECK(contains(html, "<strong>Niet gepaard.</strong>"));
  CHECK(contains(html, "<li><strong>induction</strong>: de seeds verschillen ("));
  CHECK(contains(html, "Niet gepaard, dus de gekleurde lijn is ook het ongepaarde interval:"));
  CHECK(!contains(html, "the seeds differ"));
  // The terminal of tlm effects says it in Dutch too.
  const auto e = run(fmt::format("'{}' effects '{}' --lang nl -o '{}'", tlm_binary(), h5, dir / "eff"));
  REQUIRE(e.exit_code == 0);
  CHECK(contains(e.out, "NIET GEPAARD: de seeds verschillen ("));
  CHECK(!contains(e.out, "NOT PAIRED"));
}

TEST_CASE("compare --lang nl and effects --lang nl: the terminal table in Dutch, within 100 columns",
          "[e2e][analysis][lang]") {
  TempDir dir;
  write_file(dir / "induction.toml",
             "extends = \"tiny\"\nname = \"induction\"\n[policy.induction]\nbase_quality = 0.95\n");
  const auto nl = run(fmt::format("cd '{}' && '{}' compare tiny induction.toml -r 4 -j 2 --lang nl -o cmp",
                                  dir.path().string(), tlm_binary()));
  INFO(nl.err);
  REQUIRE(nl.exit_code == 0);
  for (const char* dutch :
       {"induction t.o.v. tiny (verschil ALT − BASIS, gepaard 95%-interval; beter = aandeel runs)", "basis",
        "verschil", "95%-interval", "beter", "  Totaal tekort alle sectoren 2040 ", "Behoud na 5 jaar",
        "Kosten 2025–2040", "  alle sectoren kosten +€", "FTE-jaren [",
        "groenpluk-aanstellingen zijn beter noch",
        "Geschreven: cmp/effects.csv, cmp/effects.json en cmp/report.html"})
    CHECK(contains(nl.out, dutch));
  for (const char* english : {" vs ", "difference", "better", "Total shortage", "all sectors", "Wrote "})
    CHECK(!contains(nl.out, english));
  // Dutch numbers: a decimal comma in a share, bounds separated by a semicolon.
  CHECK(std::regex_search(nl.out, std::regex("[0-9]+,[0-9]%")));
  CHECK(std::regex_search(nl.out, std::regex("\\[[^\\]]+; [^\\]]+\\]")));
  std::istringstream lines(nl.out);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(tlm::analysis::text_columns(line) <= 100);
  }

  // tlm effects prints the same table; English stays the default of both.
  const auto eff = run(
      fmt::format("'{}' effects '{}' --lang nl -o '{}'", tlm_binary(), dir / "cmp/results.h5", dir / "eff"));
  REQUIRE(eff.exit_code == 0);
  CHECK(contains(eff.out, "induction t.o.v. tiny (verschil ALT − BASIS"));
  CHECK(contains(eff.out, "Geschreven: "));
  const auto en =
      run(fmt::format("'{}' effects '{}' -o '{}'", tlm_binary(), dir / "cmp/results.h5", dir / "eff"));
  REQUIRE(en.exit_code == 0);
  CHECK(contains(en.out, "induction vs tiny (difference ALT − BASE"));
  CHECK(contains(en.out, "Total shortage all sectors 2040"));
  const auto xx = run(
      fmt::format("'{}' effects '{}' --lang xx -o '{}'", tlm_binary(), dir / "cmp/results.h5", dir / "eff"));
  CHECK(xx.exit_code == 2);
  CHECK(contains(xx.err, "--lang xx: unknown language"));
}

TEST_CASE(
    "report: where no region's interval leaves zero out, no region is named as helping most or least, in "
    "either language",
    "[e2e][analysis][report][lang]") {
  TempDir dir;
  // tiny against itself: every region's difference is exactly zero.
  for (const char* lang : {"en", "nl"}) {
    const auto r = run(fmt::format("cd '{}' && '{}' compare tiny tiny -r 3 -q --lang {} -o cmp-{}",
                                   dir.path().string(), tlm_binary(), lang, lang));
    REQUIRE(r.exit_code == 0);
    const std::string regions = section(read_file(dir / fmt::format("cmp-{}/report.html", lang)), "regions");
    REQUIRE(!regions.empty());
    const auto& w = words(lang == std::string("nl") ? Lang::nl : Lang::en);
    CHECK(!contains(regions, fmt::format("<td>{}</td>", w.helps_most)));
    CHECK(!contains(regions, fmt::format("<td>{}</td>", w.helps_least)));
    // The note explains a table that is not there.
    CHECK(!contains(regions, fmt::format(fmt::runtime(w.regions_effect_note), 2040)));
    CHECK(!contains(regions, "class=\"region-effects\""));
    CHECK(contains(regions, "<p class=\"regions-unclear\">"));
  }
  const std::string en = section(read_file(dir / "cmp-en/report.html"), "regions");
  CHECK(contains(en, "In no region can the effect of tiny#2 be told apart from zero"));
  const std::string nl = section(read_file(dir / "cmp-nl/report.html"), "regions");
  CHECK(contains(nl, "In geen enkele regio is het effect van tiny#2 van nul te onderscheiden"));
}

TEST_CASE("run --lang nl: the headline table in Dutch with no English left, and --lang xx refused",
          "[e2e][analysis][lang]") {
  TempDir dir;
  // The fragments of the English headline texts that the Dutch table does not have as well.
  const auto en = tlm::analysis::all_texts(tlm::analysis::headline_words(Lang::en));
  const auto nl = tlm::analysis::all_texts(tlm::analysis::headline_words(Lang::nl));
  std::string dutch_texts;
  for (const char* t : nl) dutch_texts += fmt::format("{}\n", t);
  std::vector<std::string> english;
  for (std::size_t i = 0; i < en.size(); ++i) {
    INFO(i);
    REQUIRE(en[i] != nullptr);
    REQUIRE(nl[i] != nullptr);
    for (const auto& f : fragments(en[i]))
      if (!has_words(dutch_texts, f)) english.push_back(f);
  }
  CHECK(english.size() >= 12);  // "replications", "Total shortage, FTE", "total", "Wrote", …

  const auto r = run(
      fmt::format("cd '{}' && '{}' run tiny -r 3 -j 2 --lang nl -o t.h5", dir.path().string(), tlm_binary()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* text :
       {"tiny: 3 replicaties, seed ", "  Totaal tekort, FTE (gemiddelde [90% van de replicaties])",
        "  totaal ", "  Tekort in FTE-jaren ", "  Behoud na 5 jaar van startende leraren (instroom ",
        "  Aandeel Samen Opleiden: ", "  Aandeel afgestudeerd (instroom ", "  alle ",
        "  Afronding zij-instromers (aangenomen ", "t.h5 geschreven in "})
    CHECK(contains(r.out, text));
  for (const auto& f : english) {
    INFO(f);
    CHECK(!has_words(r.out, f));
  }
  // Dutch numbers: a decimal comma in a share, and in the seconds.
  CHECK(std::regex_search(r.out, std::regex("[0-9]+,[0-9]%")));
  CHECK(std::regex_search(r.out, std::regex("geschreven in [0-9]+,[0-9] s\\.")));

  // English stays the default.
  const auto e =
      run(fmt::format("cd '{}' && '{}' run tiny -r 3 -j 2 -o e.h5", dir.path().string(), tlm_binary()));
  REQUIRE(e.exit_code == 0);
  CHECK(contains(e.out, "tiny: 3 replications, seed "));
  CHECK(contains(e.out, "  Total shortage, FTE (mean [90% of replications])"));
  CHECK(std::regex_search(e.out, std::regex("Wrote e\\.h5 in [0-9]+\\.[0-9] s\\.")));

  // An unknown language: refused before anything runs, no file.
  const auto xx =
      run(fmt::format("cd '{}' && '{}' run tiny -r 3 --lang xx -o x.h5", dir.path().string(), tlm_binary()));
  CHECK(xx.exit_code == 2);
  CHECK(xx.err == "tlm: --lang xx: unknown language; use en (English) or nl (Dutch)\n");
  CHECK(!fs::exists(dir / "x.h5"));
}

TEST_CASE("report --lang nl of a sweep file: in Dutch, no text of the English tables left",
          "[e2e][analysis][lang]") {
  TempDir dir;
  write_file(dir / "induction.toml",
             "extends = \"tiny\"\nname = \"induction\"\n[policy.induction]\nbase_quality = 0.95\n");
  write_file(
      dir / "sweep.toml",
      "scenario = \"tiny\"\nalternatives = [\"induction.toml\"]\nreplications = 1\n[[parameter]]\nkey = "
      "\"reserve.return\"\nvalues = [0.02, 0.06]\n");
  const auto s =
      run(fmt::format("cd '{}' && '{}' sweep sweep.toml -q -o sweep.h5", dir.path().string(), tlm_binary()));
  INFO(s.err);
  REQUIRE(s.exit_code == 0);
  const auto r = run(
      fmt::format("'{}' report '{}' --lang nl -o '{}'", tlm_binary(), dir / "sweep.h5", dir / "sweep.html"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "sweep.html");
  // The design file is shown as it is (<pre>): TOML, not the page's words.
  const std::string text = visible_text(std::regex_replace(html, std::regex("<pre>[\\s\\S]*?</pre>"), " "));
  for (const auto& f : english_only()) {
    INFO(f);
    CHECK(!has_words(text, f));
  }
  for (const char* word : {" the ", " and ", " than ", " with ", " between ", " compared ", " from "}) {
    INFO(word);
    CHECK(!contains(text, word));
  }
  for (const char* dutch : {"<html lang=\"nl\">", "<h1>De arbeidsmarkt voor leraren: een parametersweep</h1>",
                            "<h2>Het ontwerp</h2>", "<h2>Zo leest u de grafieken</h2>",
                            "<h2>Effect van induction ten opzichte van tiny</h2>",
                            "<h3>Effect op Totaal tekort alle sectoren 2040</h3>",
                            ">mediaan van het effect</text>", ">5–95% van de runs</text>", ">0,02</text>",
                            "<td>0,02; 0,06</td>", "<th>reeks</th>", "<p class=\"meta\">Bestand <code>"})
    CHECK(contains(html, dutch));
  // Every page of the sweep reads its numbers the Dutch way: the table behind the charts too.
  CHECK(std::regex_search(html, std::regex("<td>0,06</td>")));
}

TEST_CASE(
    "compare --posterior --lang nl: the report and the terminal in Dutch, no text of the English tables left",
    "[e2e][analysis][posterior][lang]") {
  TempDir dir;
  tlm::test::write_calibration(dir / "calib.h5");
  write_file(dir / "induction.toml",
             "extends = \"tiny\"\nname = \"induction\"\n[policy.induction]\nbase_quality = 0.95\n");
  const auto r = run(fmt::format(
      "cd '{}' && '{}' compare tiny induction.toml --posterior calib.h5 --draws 2 -r 2 -j 2 --lang nl -o pc",
      dir.path().string(), tlm_binary()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "pc/report.html");
  const std::string text = visible_text(html);
  for (const auto& f : english_only()) {
    INFO(f);
    CHECK(!has_words(text, f));
  }
  for (const char* word : {" the ", " and ", " than ", " with ", " against ", " noise ", " from "}) {
    INFO(word);
    CHECK(!contains(text, word));
  }
  for (const char* dutch :
       {"<html lang=\"nl\">",
        "<h1>Effecten met de onzekerheid over de parameters uit de kalibratie, ten opzichte van tiny</h1>",
        "<h2>induction ten opzichte van tiny</h2>",
        "<em>90%-interval met onzekerheid over de parameters</em>", "<th>uitkomst</th>",
        "<th class=\"num\">90%: alleen ruis</th>", "2 trekkingen uit de posterior",
        "<code>calib.h5</code> (generatie 2, 2 gekalibreerde parameters"})
    CHECK(contains(html, dutch));
  // Dutch numbers: a decimal comma in the effects, the interval's ends joined by "tot".
  CHECK(std::regex_search(html,
                          std::regex("<td class=\"num\">[+−]?[0-9.]*,[0-9]+ tot [+−]?[0-9.]*,?[0-9]*</td>")));
  CHECK(!std::regex_search(html, std::regex("<td class=\"num\">[^<]*[0-9]\\.[0-9]+%")));
  // The terminal too; the files for programs keep their English column names.
  CHECK(contains(r.out, "Effecten over 2 trekkingen uit de posterior van calib.h5 × 2 replicaties"));
  CHECK(contains(r.out, "\ninduction ten opzichte van tiny\n"));
  CHECK(contains(r.out, "pc/posterior.h5, effects.csv, effects.json en report.html geschreven."));
  CHECK(!contains(r.out, "Wrote"));
  // Its warning of few draws as well.
  CHECK(contains(r.err, "tlm compare: maar 2 trekkingen uit de posterior"));
  CHECK(contains(read_file(dir / "pc/effects.csv"), "lo90_posterior,hi90_posterior"));
}

TEST_CASE("report --lang nl of a calibration file: in Dutch, no text of the English tables left",
          "[e2e][analysis][calibration][lang]") {
  TempDir dir;
  tlm::test::write_calibration(dir / "calib.h5");
  const auto r =
      run(fmt::format("'{}' report '{}' --lang nl -o '{}'", tlm_binary(), dir / "calib.h5", dir / "nl.html"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir / "nl.html");
  // The calibration file is shown as it is (<pre>); the parameters' keys and the targets' labels are its
  // names (in <code> in the tables; as the charts' titles and axes they are left out here).
  std::string text = visible_text(std::regex_replace(html, std::regex("<pre>[\\s\\S]*?</pre>"), " "));
  for (const char* label : {"po shortage rate 2030", "vo shortage 2030", "reserve\\.return",
                            "policy\\.induction\\.base_quality\\.po"})
    text = std::regex_replace(text, std::regex(label), " ");
  for (const auto& f : english_only()) {
    INFO(f);
    CHECK(!has_words(text, f));
  }
  for (const char* word : {" the ", " and ", " with ", " before ", " after ", " from ", " each "}) {
    INFO(word);
    CHECK(!contains(text, word));
  }
  for (const char* dutch :
       {"<html lang=\"nl\">", "<h1>Kalibratie van small.toml</h1>", "<h2>Samenvatting</h2>",
        "<h2>De generaties</h2>", "<summary>Het kalibratiebestand</summary>",
        // The numbers of the English report's test, the Dutch way.
        "mediaan van de posterior 0,03543, 90%-interval 0,022 tot 0,04716 (prior log-uniform op [0,005; "
        "0,1])",
        "<td><code>po shortage rate 2030</code></td><td class=\"num\">0,08</td><td class=\"num\">0,005</td>",
        "<tr><td class=\"num\">2</td><td class=\"num\">3,25</td><td class=\"num\">80</td><td "
        "class=\"num\">10</td><td class=\"num\">12,5%</td><td class=\"num\">7,9</td>",
        ">gemeten ± sd</text>", ">aandeel van het gewicht</text>"})
    CHECK(contains(html, dutch));
  CHECK(tlm::test::count(html, "−1,00</td>") == 2);
  // Chart ticks with a decimal comma too.
  CHECK(std::regex_search(html, std::regex("<text class=\"tick\"[^>]*>0,[0-9]+</text>")));
  CHECK(!std::regex_search(html, std::regex("<text class=\"tick\"[^>]*>0\\.[0-9]+</text>")));
  // English stays the default.
  REQUIRE(run(fmt::format("'{}' report '{}' -o '{}'", tlm_binary(), dir / "calib.h5", dir / "en.html"))
              .exit_code == 0);
  CHECK(contains(read_file(dir / "en.html"), "posterior median 0.03543, 90% interval 0.022 to 0.04716"));
}
