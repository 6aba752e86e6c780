// The subjects.* keys of a scenario (docs/model.md 12.1): reading, the checks after every file and --set
// (through resolve_subjects, at the key that was given), and the resolved TOML.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/schema.hpp"
#include "models/subjects.hpp"
#include "scenario_text.hpp"

namespace fs = std::filesystem;
using namespace tlm::models;
using tlm::test::errors_of;
using tlm::test::load_text;

namespace {

Subjects subjects_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return resolve_subjects(load_text(text, overrides).subjects);
}

// A custom set of two subjects with every table it needs.
const std::string kTwo = R"([subjects]
vo = ["a", "b"]
demand_share = { a = 0.25, b = 0.75 }
start_shortage = { a = 0.1, b = 0.02 }
zij_share = { b = 0.4, a = 0.6 }
attrition_effect = { a = 1.5, b = 0.5 }
of_programme = { alo = "a", kunstvak = "b" }
[subjects.intake_share]
tweedegraads = { a = 0.3, b = 0.7 }
eerstegraads = 0.5
)";

const std::string kMustBeGiven =
    " must be given for subjects.vo = [`a`, `b`] (only the default subjects and [\"all\"] have defaults)\n";

}  // namespace

TEST_CASE("subjects: the defaults resolve to the table of docs/model.md 12.1", "[scenario][subjects]") {
  const Subjects s = subjects_of("");
  CHECK(s.names == default_subject_names());
  REQUIRE(s.count() == 13);
  CHECK(s.demand_share[3] == 0.109);  // wiskunde
  CHECK(s.start_shortage[12] == 0.030);
  CHECK(s.intake_share[tweedegraads][7] == 0.0);  // lo
  CHECK(s.intake_share[eerstegraads][6] == 0.30);
  CHECK(s.zij_share[4] == 0.12);
  CHECK(s.attrition_effect == std::vector<double>(13, 1.0));
  CHECK(s.of_programme[alo] == 7);
  CHECK(s.of_programme[kunstvak] == 8);
}

TEST_CASE("subjects: a file with every key resolves to its values", "[scenario][subjects]") {
  const Params p = load_text(kTwo);
  CHECK(p.subjects.vo == std::vector<std::string>{"a", "b"});
  CHECK(p.subjects.intake_share_eerstegraads.all == 0.5);
  const Subjects s = resolve_subjects(p.subjects);
  CHECK(s.names == std::vector<std::string>{"a", "b"});
  CHECK(s.demand_share == std::vector<double>{0.25, 0.75});
  CHECK(s.start_shortage == std::vector<double>{0.1, 0.02});
  CHECK(s.zij_share == std::vector<double>{0.6, 0.4});  // by name, whatever the order in the table
  CHECK(s.attrition_effect == std::vector<double>{1.5, 0.5});
  CHECK(s.intake_share[tweedegraads] == std::vector<double>{0.3, 0.7});
  CHECK(s.intake_share[eerstegraads] == std::vector<double>{0.5, 0.5});  // one number for every subject
  CHECK(s.of_programme[alo] == 0);
  CHECK(s.of_programme[kunstvak] == 1);
  CHECK(s.intake_share[pabo].empty());
  CHECK(s.of_programme[pabo] == -1);
}

TEST_CASE("subjects: the default names in another order keep their defaults by name",
          "[scenario][subjects]") {
  std::vector<std::string> names = default_subject_names();
  std::reverse(names.begin(), names.end());
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "\"" : ", \"") + n + "\"";
  const Subjects s = subjects_of("[subjects]\nvo = [" + list + "]\n");
  const Subjects d = resolve_subjects(SubjectParams{});
  REQUIRE(s.names == names);
  for (int x = 0; x < 13; ++x) {
    const int y = 12 - x;  // the same subject in the default order
    CHECK(s.demand_share[x] == d.demand_share[y]);
    CHECK(s.start_shortage[x] == d.start_shortage[y]);
    CHECK(s.zij_share[x] == d.zij_share[y]);
    CHECK(s.intake_share[tweedegraads][x] == d.intake_share[tweedegraads][y]);
    CHECK(s.intake_share[eerstegraads][x] == d.intake_share[eerstegraads][y]);
  }
  CHECK(s.names[static_cast<std::size_t>(s.of_programme[alo])] == "lo");
  CHECK(s.names[static_cast<std::size_t>(s.of_programme[kunstvak])] == "kunst");
}

TEST_CASE("subjects: [\"all\"] is the model without subjects", "[scenario][subjects]") {
  const Subjects s = subjects_of("[subjects]\nvo = [\"all\"]\n");
  CHECK(s.names == std::vector<std::string>{"all"});
  CHECK(s.demand_share == std::vector<double>{1.0});
  CHECK(s.start_shortage == std::vector<double>{1.0});
  CHECK(s.zij_share == std::vector<double>{1.0});
  CHECK(s.attrition_effect == std::vector<double>{1.0});
  CHECK(s.intake_share[tweedegraads] == std::vector<double>{1.0});
  CHECK(s.intake_share[eerstegraads] == std::vector<double>{1.0});
  CHECK(s.of_programme[alo] == 0);
  CHECK(s.of_programme[kunstvak] == 0);
}

TEST_CASE("subjects: one number for every subject", "[scenario][subjects]") {
  const Subjects s = subjects_of("[subjects]\nstart_shortage = 0.05\nattrition_effect = 2\n");
  CHECK(s.start_shortage == std::vector<double>(13, 0.05));
  CHECK(s.attrition_effect == std::vector<double>(13, 2.0));
  CHECK(s.demand_share[0] == 0.107);  // the others keep their defaults
}

TEST_CASE("subjects: --set one subject of a table, or the names and the tables", "[scenario][subjects]") {
  SECTION("one subject of a resolved default table") {
    const Subjects s = subjects_of("", {"subjects.attrition_effect.wiskunde=1.2"});
    std::vector<double> expected(13, 1.0);
    expected[3] = 1.2;
    CHECK(s.attrition_effect == expected);
  }
  SECTION("custom names and their tables") {
    const Subjects s = subjects_of(
        "", {"subjects.vo=[\"a\",\"b\"]", "subjects.demand_share={a=0.4,b=0.6}",
             "subjects.start_shortage=0.05", "subjects.zij_share={a=0.5,b=0.5}",
             "subjects.intake_share.tweedegraads={a=1,b=0}", "subjects.intake_share.eerstegraads=0.5",
             "subjects.of_programme={alo=\"a\",kunstvak=\"b\"}", "subjects.attrition_effect.b=3"});
    CHECK(s.names == std::vector<std::string>{"a", "b"});
    CHECK(s.demand_share == std::vector<double>{0.4, 0.6});
    CHECK(s.start_shortage == std::vector<double>{0.05, 0.05});
    CHECK(s.intake_share[tweedegraads] == std::vector<double>{1.0, 0.0});
    CHECK(s.attrition_effect == std::vector<double>{1.0, 3.0});  // the default 1 for a, then b set alone
    CHECK(s.of_programme[kunstvak] == 1);
  }
  SECTION("a subject added to a table of the file") {
    const Subjects s =
        subjects_of(kTwo, {"subjects.vo=[\"a\",\"b\",\"c\"]", "subjects.demand_share.c=0",
                           "subjects.start_shortage.c=0.3", "subjects.zij_share.c=0",
                           "subjects.intake_share.tweedegraads.c=0", "subjects.attrition_effect.c=2",
                           "subjects.intake_share.eerstegraads={a=0.5,b=0.5,c=0}"});
    CHECK(s.demand_share == std::vector<double>{0.25, 0.75, 0.0});
    CHECK(s.start_shortage == std::vector<double>{0.1, 0.02, 0.3});
    CHECK(s.attrition_effect == std::vector<double>{1.5, 0.5, 2.0});
    // One number, 0.5 for each of three subjects, would not sum to 1; it has no part to set.
    CHECK(errors_of(kTwo, {"subjects.vo=[\"a\",\"b\",\"c\"]", "subjects.intake_share.eerstegraads.c=0"})
              .find("--set:2:1: unknown key `subjects.intake_share.eerstegraads.c`") != std::string::npos);
  }
  SECTION("custom names and their tables, one subject at a time") {
    // A table that custom names need starts empty.
    const Subjects s = subjects_of(
        "", {"subjects.vo=[\"a\",\"b\"]", "subjects.demand_share.a=0.4", "subjects.demand_share.b=0.6",
             "subjects.start_shortage.a=0.1", "subjects.start_shortage.b=0.2", "subjects.zij_share.a=1",
             "subjects.zij_share.b=0", "subjects.intake_share.tweedegraads.a=0.5",
             "subjects.intake_share.tweedegraads.b=0.5", "subjects.intake_share.eerstegraads.b=1",
             "subjects.intake_share.eerstegraads.a=0", "subjects.of_programme.alo=a",
             "subjects.of_programme.kunstvak=b"});
    CHECK(s.demand_share == std::vector<double>{0.4, 0.6});
    CHECK(s.start_shortage == std::vector<double>{0.1, 0.2});
    CHECK(s.zij_share == std::vector<double>{1.0, 0.0});
    CHECK(s.intake_share[eerstegraads] == std::vector<double>{0.0, 1.0});
    CHECK(s.of_programme[alo] == 0);
    CHECK(s.of_programme[kunstvak] == 1);
    // Only a part of a table that has a problem: the problem is where the table was last set.
    CHECK(errors_of("", {"subjects.vo=[\"a\",\"b\"]", "subjects.demand_share.a=0.4",
                         "subjects.start_shortage=0", "subjects.zij_share=0.5",
                         "subjects.intake_share.tweedegraads=0.5", "subjects.intake_share.eerstegraads=0.5",
                         "subjects.of_programme={alo=\"a\",kunstvak=\"b\"}"}) ==
          "--set:2:25: subjects.demand_share: missing `b` (a table by subject must be complete)\n");
  }
  SECTION("the names after the file's tables") {
    const Subjects s = subjects_of(kTwo, {"subjects.vo=[\"b\",\"a\"]", "subjects.of_programme.alo=b"});
    CHECK(s.names == std::vector<std::string>{"b", "a"});
    CHECK(s.demand_share == std::vector<double>{0.75, 0.25});
    CHECK(s.of_programme[alo] == 0);
  }
  SECTION("a problem of the tables lands at the --set that gave it") {
    CHECK(errors_of("", {"subjects.attrition_effect.wiskunde=-1"}) ==
          "--set:1:36: subjects.attrition_effect.wiskunde: must be >= 0, got -1\n");
    CHECK(errors_of("", {"subjects.demand_share.wiskunde=0.2"}) ==
          "--set:1:32: subjects.demand_share: shares must sum to 1, they sum to 1.091\n");
    CHECK(
        errors_of("", {"subjects.demand_share.latijn=0.2"})
            .starts_with(
                "--set:1:30: subjects.demand_share.latijn: `latijn` is not in subjects.vo (`nederlands`, "));
    CHECK(errors_of("", {"subjects.demand_share.wiskunde.x=0.2"}) ==
          "--set:1:1: unknown key `subjects.demand_share.wiskunde.x`: `subjects.demand_share.wiskunde` is "
          "0.109 "
          "in this scenario, not a table: set it whole\n");
    // of_programme has only alo and kunstvak.
    CHECK(errors_of("", {"subjects.of_programme.pabo=lo"}) ==
          "--set:1:28: subjects.of_programme: unknown programme `pabo` (expected alo, kunstvak)\n");
  }
}

TEST_CASE("subjects: a table naming a subject not listed, or missing one", "[scenario][subjects]") {
  CHECK(errors_of(kTwo, {"subjects.demand_share={a=0.25,c=0.75}"}) ==
        "--set:1:23: subjects.demand_share: missing `b` (a table by subject must be complete)\n"
        "--set:1:33: subjects.demand_share.c: `c` is not in subjects.vo (`a`, `b`)\n");
  CHECK(
      errors_of("[subjects.start_shortage]\nwiskunde = 0.1\nlatijn = 0.2\n") ==
      "test.toml:1:1: subjects.start_shortage: missing `nederlands`, `engels`, `mvt`, `exact`, `biologie`, "
      "`mens_maatschappij`, `lo`, `kunst`, `beroepsgericht`, `techniek_informatica`, `klassiek`, `overig` (a "
      "table by subject must be complete)\n"
      "test.toml:3:10: subjects.start_shortage.latijn: `latijn` is not in subjects.vo (`nederlands`, "
      "`engels`, `mvt`, `wiskunde`, `exact`, `biologie`, `mens_maatschappij`, `lo`, `kunst`, "
      "`beroepsgericht`, `techniek_informatica`, `klassiek`, `overig`)\n");
}

TEST_CASE("subjects: share tables must sum to 1", "[scenario][subjects]") {
  CHECK(errors_of(kTwo, {"subjects.zij_share={a=0.5,b=0.6}"}) ==
        "--set:1:20: subjects.zij_share: shares must sum to 1, they sum to 1.1\n");
  // One number for every subject sums to the number times the subjects.
  CHECK(errors_of(kTwo, {"subjects.intake_share.tweedegraads=0.4"}) ==
        "--set:1:36: subjects.intake_share.tweedegraads: shares must sum to 1, they sum to 0.8\n");
  CHECK(errors_of("[subjects]\nvo = [\"all\"]\ndemand_share = 0.9\n") ==
        "test.toml:3:16: subjects.demand_share: shares must sum to 1, they sum to 0.9\n");
  // start_shortage and attrition_effect are not shares.
  CHECK_NOTHROW(load_text(kTwo, {"subjects.start_shortage=0.9", "subjects.attrition_effect=2"}));
}

TEST_CASE("subjects: custom names need every table but attrition_effect", "[scenario][subjects]") {
  // Without lo and kunst, of_programme too; reported at subjects.vo, the key that asks for them.
  CHECK(
      errors_of("[subjects]\nvo = [\"a\", \"b\"]\n") ==
      "test.toml:2:6: subjects.demand_share:" + kMustBeGiven + "test.toml:2:6: subjects.start_shortage:" +
          kMustBeGiven + "test.toml:2:6: subjects.intake_share.tweedegraads:" + kMustBeGiven +
          "test.toml:2:6: subjects.intake_share.eerstegraads:" + kMustBeGiven +
          "test.toml:2:6: subjects.zij_share:" + kMustBeGiven +
          "test.toml:2:6: subjects.of_programme.alo: subjects.vo has no `lo`; name the subject alo students "
          "teach\n"
          "test.toml:2:6: subjects.of_programme.kunstvak: subjects.vo has no `kunst`; name the subject "
          "kunstvak students teach\n");
  // With lo and kunst listed, of_programme keeps its default; one missing, only that programme is asked.
  const std::string tables =
      "demand_share = 0.5\nstart_shortage = 0.1\nzij_share = 0.5\nintake_share = { tweedegraads = 0.5, "
      "eerstegraads = 0.5 }\n";
  const Subjects s = subjects_of("[subjects]\nvo = [\"kunst\", \"lo\"]\n" + tables);
  CHECK(s.of_programme[alo] == 1);
  CHECK(s.of_programme[kunstvak] == 0);
  CHECK(s.attrition_effect == std::vector<double>{1.0, 1.0});
  CHECK(errors_of("[subjects]\nvo = [\"kunst\", \"x\"]\n" + tables) ==
        "test.toml:2:6: subjects.of_programme.alo: subjects.vo has no `lo`; name the subject alo students "
        "teach\n");
  CHECK(subjects_of("[subjects]\nvo = [\"kunst\", \"x\"]\nof_programme = { alo = \"x\" }\n" + tables)
            .of_programme[alo] == 1);
}

TEST_CASE("subjects: the names are unique, valid, and \"all\" only alone", "[scenario][subjects]") {
  // One problem with the names, and none of the tables that would follow from it.
  CHECK(errors_of(kTwo, {"subjects.vo=[\"a\",\"b\",\"a\"]"}) ==
        "--set:1:22: subjects.vo[3]: `a` is listed twice\n");
  CHECK(errors_of(kTwo, {"subjects.vo=[\"a\",\"all\"]"}) ==
        "--set:1:18: subjects.vo[2]: \"all\" (the subject-free model) must be the only subject\n");
  CHECK(errors_of("[subjects]\nvo = [\"wiskunde\", \"Frans taal\"]\n") ==
        "test.toml:2:19: subjects.vo[2]: `Frans taal` is not a subject name (1 to 40 letters, digits, '_' or "
        "'-')\n");
  CHECK(errors_of("[subjects]\nvo = []\n") ==
        "test.toml:2:6: subjects.vo: expected at least one subject, got an empty list\n");
}

TEST_CASE("subjects: of_programme names listed subjects, for alo and kunstvak only", "[scenario][subjects]") {
  CHECK(errors_of(kTwo, {"subjects.of_programme.alo=c"}) ==
        "--set:1:27: subjects.of_programme.alo: `c` is not in subjects.vo (`a`, `b`)\n");
  CHECK(
      errors_of("[subjects]\nof_programme = { alo = \"lo\", pabo = \"x\", kunstvak = 1 }\n") ==
      "test.toml:2:37: subjects.of_programme: unknown programme `pabo` (expected alo, kunstvak)\n"
      "test.toml:2:53: subjects.of_programme.kunstvak: expected a subject name (a string), got an integer\n");
  CHECK(errors_of("[subjects]\nof_programme = \"lo\"\n") ==
        "test.toml:2:16: subjects.of_programme: expected a table { alo, kunstvak } of subject names, got a "
        "string\n");
  // Either may be left out: the other keeps its default.
  CHECK(subjects_of("[subjects]\nof_programme = { kunstvak = \"mvt\" }\n").of_programme[alo] == 7);
}

TEST_CASE("subjects: wrong types, and no second report of a rejected value", "[scenario][subjects]") {
  CHECK(errors_of("[subjects]\ndemand_share = { wiskunde = \"veel\" }\nstart_shortage = \"hoog\"\n"
                  "attrition_effect = { lo = 1.5 }\nzij_share = {}\n") ==
        "test.toml:2:29: subjects.demand_share.wiskunde: expected a number, got a string\n"
        "test.toml:3:18: subjects.start_shortage: expected a number or a table by subject, got a string\n"
        "test.toml:4:20: subjects.attrition_effect: missing `nederlands`, `engels`, `mvt`, `wiskunde`, "
        "`exact`, `biologie`, `mens_maatschappij`, `kunst`, `beroepsgericht`, `techniek_informatica`, "
        "`klassiek`, `overig` (a table by subject must be complete)\n"
        "test.toml:5:13: subjects.zij_share: a table by subject needs every subject of subjects.vo, got an "
        "empty table\n");
  // A rejected subjects.vo keeps the default names, which the tables of kTwo do not fit: only the one error.
  CHECK(errors_of(kTwo, {"subjects.vo=[\"a\", 2]"}) ==
        "--set:1:19: subjects.vo[2]: expected a subject name (a string), got an integer\n");
  CHECK(errors_of("subjects.vo = \"wiskunde\"\n") ==
        "test.toml:1:15: subjects.vo: expected a list of subject names, got a string\n");
  // A rejected table of a custom set is not reported again as missing.
  CHECK(errors_of(kTwo, {"subjects.demand_share=[0.5,0.5]"}) ==
        "--set:1:23: subjects.demand_share: expected a number or a table by subject, got a list\n");
  CHECK(errors_of("[subjects]\nstart_shortage = { wiskunde = 1.5 }\n") ==
        "test.toml:2:31: subjects.start_shortage.wiskunde: must be in [0, 1], got 1.5\n");
}

TEST_CASE("subjects: the names may come from another file than the tables", "[scenario][subjects]") {
  const fs::path dir = fs::temp_directory_path() / ("tlm-subjects-test-" + std::to_string(std::rand()));
  fs::create_directories(dir);
  std::ofstream(dir / "base.toml") << "[subjects]\nvo = [\"a\", \"b\"]\n";
  std::ofstream(dir / "top.toml")
      << "extends = \"base.toml\"\n[subjects]\ndemand_share = { a = 0.25, b = 0.75 }\n"
         "start_shortage = 0.1\nzij_share = { a = 0.5 }\n"
         "intake_share = { tweedegraads = 0.5, eerstegraads = 0.5 }\n"
         "of_programme = { alo = \"a\", kunstvak = \"b\" }\n";
  std::string error;
  try {
    load_scenario((dir / "top.toml").string());
  } catch (const ScenarioErrors& e) {
    error = e.what();
  }
  // The problem is at the table of top.toml that misses b, not at the names of base.toml.
  CHECK(error == (dir / "top.toml").string() +
                     ":5:13: subjects.zij_share: missing `b` (a table by subject must be complete)\n");
  std::ofstream(dir / "top.toml") << "extends = \"base.toml\"\n";
  try {
    load_scenario((dir / "top.toml").string());
  } catch (const ScenarioErrors& e) {
    error = e.what();
  }
  // A table not given at all: at the names, in base.toml.
  CHECK(error.starts_with((dir / "base.toml").string() + ":2:6: subjects.demand_share: must be given"));
  fs::remove_all(dir);
}

TEST_CASE("subjects: the resolved TOML reads back as the same subjects", "[scenario][subjects]") {
  SECTION("a custom set") {
    const Params p = load_text(kTwo);
    const std::string text = to_toml(p);
    CHECK(text.find("vo = [\"a\", \"b\"]\n") != std::string::npos);
    CHECK(text.find("zij_share = { a = 0.6, b = 0.4 }\n") != std::string::npos);  // in subjects.vo order
    CHECK(text.find("of_programme = { alo = \"a\", kunstvak = \"b\" }\n") != std::string::npos);
    CHECK(text.find("[subjects.intake_share]\n") != std::string::npos);
    CHECK(text.find("eerstegraads = { a = 0.5, b = 0.5 }\n") != std::string::npos);  // one number, resolved
    const Params again = load_text(text);
    CHECK(to_toml(again) == text);
    const Subjects s = resolve_subjects(p.subjects), t = resolve_subjects(again.subjects);
    CHECK(t.names == s.names);
    CHECK(t.demand_share == s.demand_share);
    CHECK(t.start_shortage == s.start_shortage);
    CHECK(t.zij_share == s.zij_share);
    CHECK(t.attrition_effect == s.attrition_effect);
    CHECK(t.intake_share == s.intake_share);
    CHECK(t.of_programme == s.of_programme);
  }
  SECTION("[\"all\"] and the default names reversed") {
    std::vector<std::string> names = default_subject_names();
    std::reverse(names.begin(), names.end());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "\"" : ", \"") + n + "\"";
    for (const std::string& text :
         {std::string("subjects.vo = [\"all\"]\n"), "subjects.vo = [" + list + "]\n"}) {
      INFO(text);
      const Params p = load_text(text);
      const std::string shown = to_toml(p);
      const Params again = load_text(shown);
      CHECK(to_toml(again) == shown);
      CHECK(resolve_subjects(again.subjects).demand_share == resolve_subjects(p.subjects).demand_share);
    }
    const std::string shown = to_toml(load_text("subjects.vo = [\"all\"]\n"));
    CHECK(shown.find("demand_share = { all = 1.0 }\n") != std::string::npos);
    CHECK(shown.find("of_programme = { alo = \"all\", kunstvak = \"all\" }\n") != std::string::npos);
  }
}

TEST_CASE("subjects: tlm show writes what was given when the subjects do not resolve",
          "[scenario][subjects]") {
  // Bad parameters are never shown by tlm (load_scenario rejects them); value_toml must still not invent a
  // resolved table for a table that has a problem.
  Params p;
  p.subjects.vo = {"a", "b"};
  p.subjects.demand_share.by_name = {{"a", 0.5}, {"c", 0.5}};
  p.subjects.start_shortage.all = 0.1;
  const auto value = [&](const char* name) { return schema::value_toml(*schema::find_key(name), p); };
  CHECK(value("subjects.demand_share") == "{ a = 0.5, c = 0.5 }");
  CHECK(value("subjects.start_shortage") == "{ a = 0.1, b = 0.1 }");  // no problem of its own
  CHECK(value("subjects.zij_share") == "");                           // required, not given: unset
  CHECK(value("subjects.attrition_effect") == "{ a = 1.0, b = 1.0 }");
  CHECK(value("subjects.of_programme") == "");
  p.subjects.vo = {"a", "a"};
  CHECK(value("subjects.start_shortage") == "0.1");
  CHECK(value("subjects.vo") == "[\"a\", \"a\"]");
}

TEST_CASE("subjects: the keys in the registry and the key table", "[scenario][subjects]") {
  const std::string doc = schema::keys_markdown();
  CHECK(doc.find("| `subjects.vo` | list of subject names | `[\"nederlands\", \"engels\", ") !=
        std::string::npos);
  CHECK(
      doc.find("| `subjects.demand_share` | per-subject number | `{ nederlands = 0.107, engels = 0.093, ") !=
      std::string::npos);
  CHECK(doc.find("| `subjects.of_programme` | { alo, kunstvak } subject names | `{ alo = \"lo\", kunstvak = "
                 "\"kunst\" }` |") != std::string::npos);
  CHECK(doc.find("| `subjects.attrition_effect` | per-subject number | `{ nederlands = 1.0, ") !=
        std::string::npos);
}
