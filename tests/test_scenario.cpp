// Scenario files: defaults, each kind of value, extends, --set, the resolved TOML round trip, CSV import.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "models/data_import.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"
#include "scenario_text.hpp"

namespace fs = std::filesystem;
using namespace tlm::models;
using tlm::test::errors_of;
using tlm::test::load_text;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / fs::path("tlm-scenario-test-" + std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};

}  // namespace

TEST_CASE("an empty scenario is all defaults, named after its file", "[scenario]") {
  const Params p = load_text("");
  Params expected;
  expected.name = "test";
  CHECK(to_toml(p) == to_toml(expected));
  CHECK(p.name == "test");
  CHECK(p.description.empty());
}

TEST_CASE("nl-baseline is Params{}", "[scenario]") {
  Params p = load_scenario("nl-baseline").params;
  p.description.clear();
  CHECK(to_toml(p) == to_toml(Params{}));
}

TEST_CASE("numbers, integers, booleans, strings, enums", "[scenario]") {
  const Params p = load_text(R"(
name = "x"
description = "d"
seed = 4294967295
replications = 7
[years]
start = 2026
end = 2030
[teachers]
mobility = 0.1
workload_effect = 3     # an integer is a number
retirement_age = 66
[market]
enabled = false
[policy]
rotation = true
[policy.groenpluk]
rule = "final_year"
[policy.joining]
mode = "adoption"
target_year = 2029
)");
  CHECK(p.name == "x");
  CHECK(p.description == "d");
  CHECK(p.seed == 4294967295u);
  CHECK(p.replications == 7);
  CHECK(p.years.start == 2026);
  CHECK(p.years.end == 2030);
  CHECK(p.teachers.mobility == 0.1);
  CHECK(p.teachers.workload_effect == 3.0);
  CHECK(p.teachers.retirement_age == 66);
  CHECK_FALSE(p.market.enabled);
  CHECK(p.policy.rotation);
  CHECK(p.policy.groenpluk.rule == GroenplukRule::final_year);
  CHECK(p.policy.joining.mode == JoiningMode::adoption);
}

TEST_CASE("per-sector, per-programme and per-route values", "[scenario]") {
  const Params p = load_text(R"(
[world]
schools = 7                                   # one number for all sectors
demand_fte = { po = 1.0, vo = 2.0, mbo = 3.0 }
[study]
intake = { pabo = 1, tweedegraads = 2, eerstegraads = 3, alo = 4, kunstvak = 5 }
intake_age = 21
[teachers]
route_effect = { zij = 1.5 }                  # missing routes are 1
)");
  CHECK(p.world.schools == PerSector<int>{7, 7, 7});
  CHECK(p.world.demand_fte == PerSector<double>{1, 2, 3});
  CHECK(p.study.intake == PerProgramme<double>{1, 2, 3, 4, 5});
  CHECK(p.study.intake_age == PerProgramme<int>{21, 21, 21, 21, 21});
  CHECK(p.teachers.route_effect == PerRoute<double>{1, 1, 1, 1.5, 1, 1});
}

TEST_CASE("year tables", "[scenario]") {
  SECTION("a constant for all sectors") {
    const Params p = load_text("[demand]\ngrowth = 0.01\n");
    for (const auto& t : p.demand.growth) CHECK(t.at(2030) == 0.01);
  }
  SECTION("a table of years for all sectors") {
    const Params p = load_text("[demand]\ngrowth = { \"2030\" = 0.01, \"2035\" = -0.02 }\n");
    for (const auto& t : p.demand.growth) {
      CHECK(t.at(2029) == 0.0);  // before the first year: 0
      CHECK(t.at(2030) == 0.01);
      CHECK(t.at(2034) == 0.01);  // the latest earlier year
      CHECK(t.at(2040) == -0.02);
    }
  }
  SECTION("per sector, mixed") {
    const Params p = load_text("[demand.growth]\npo = 0.003\nvo = { \"2027\" = 0.02 }\nmbo = 0\n");
    CHECK(p.demand.growth[po].at(2026) == 0.003);
    CHECK(p.demand.growth[vo].at(2026) == 0.0);
    CHECK(p.demand.growth[vo].at(2028) == 0.02);
    CHECK(p.demand.growth[mbo].at(2030) == 0.0);
  }
}

TEST_CASE("lists, sector mixes, schedules, sectors, adoption, optional values, age range", "[scenario]") {
  const Params p = load_text(R"(
[world]
fte_distribution = [0.25, 0.25, 0.25, 0.25]
seed = 12
[teachers.attrition]
po = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05]
vo = [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05]
mbo = [0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05]
[study]
years = { pabo = 3, tweedegraads = 4, eerstegraads = 2, alo = 4, kunstvak = 4 }
dropout = { pabo = [0.1, 0.2, 0.3], tweedegraads = [0.1, 0.1, 0.1, 0.1], eerstegraads = [0.1, 0.1], alo = [0.1, 0.1, 0.1, 0.1], kunstvak = [0.1, 0.1, 0.1, 0.1] }
[study.sector_mix]
pabo = { po = 1 }
tweedegraads = { vo = 0.5, mbo = 0.5 }
eerstegraads = { vo = 1 }
alo = { po = 0.2, vo = 0.4, mbo = 0.4 }
kunstvak = { vo = 0.9, mbo = 0.1 }
[zij]
age_range = [30, 45]
[policy.joining]
mode = "schedule"
sectors = ["mbo", "po"]
adoption = { a0 = -0.1, a1 = 0.2, a2 = 0.3 }
schedule = [{ sector = "mbo", region = 2, share = 0.9, year = 2027 }, { share = 1.0, year = 2030 }]
[policy.induction]
base_quality = 0.8
from_year = 2027
[policy.institutes]
target_share = 1.0
target_year = 2030
)");
  CHECK(p.world.fte_distribution[mbo] == std::array<double, 4>{0.25, 0.25, 0.25, 0.25});
  CHECK(p.world.seed == 12u);
  CHECK(p.world_seed() == 12u);
  CHECK(p.teachers.attrition[mbo][0] == 0.3);
  CHECK(p.study.dropout[pabo] == std::vector<double>{0.1, 0.2, 0.3});
  CHECK(p.study.sector_mix[alo] == PerSector<double>{0.2, 0.4, 0.4});
  CHECK(p.study.sector_mix[pabo] == PerSector<double>{1, 0, 0});
  CHECK(p.zij.age_range == std::array<int, 2>{30, 45});
  CHECK(p.policy.joining.sectors == std::array<bool, 3>{true, false, true});
  CHECK(p.policy.joining.adoption == std::array<double, 3>{-0.1, 0.2, 0.3});
  REQUIRE(p.policy.joining.schedule.size() == 2);
  CHECK(p.policy.joining.schedule[0] == JoiningStep{mbo, 1, 0.9, 2027});
  CHECK(p.policy.joining.schedule[1] == JoiningStep{-1, -1, 1.0, 2030});
  CHECK(p.policy.induction.base_quality == PerSector<double>{0.8, 0.8, 0.8});
  CHECK(p.policy.induction.from_year == 2027);
  CHECK(p.policy.institutes.target_share == 1.0);
  CHECK(p.policy.institutes.target_year == 2030);
}

TEST_CASE("every problem is reported at once, at its line and column", "[scenario]") {
  const std::string e = errors_of("[teachers]\nmobility = 2\nretirement_age = \"x\"\n[wrld]\nregions = 3\n");
  CHECK(e ==
        "test.toml:2:12: teachers.mobility: must be in [0, 1], got 2\n"
        "test.toml:3:18: teachers.retirement_age: expected an integer, got a string\n"
        "test.toml:4:2: unknown key `wrld`; did you mean `world`?\n");
}

TEST_CASE("a TOML syntax error stops at the first", "[scenario]") {
  CHECK(errors_of("seed = 1\nseed = = 2\n[x\n") ==
        "test.toml:2:8: TOML syntax error: Error while parsing key-value pair: cannot redefine existing "
        "integer "
        "'seed'\n");
}

TEST_CASE("binary input is a clean error", "[scenario]") {
  std::string garbage;
  for (int i = 0; i < 256; ++i) garbage += static_cast<char>(i);
  CHECK_THROWS_AS(load_text(garbage), ScenarioErrors);
  CHECK_THROWS_AS(load_text(std::string("\0\0\0", 3)), ScenarioErrors);
}

TEST_CASE("command-line --set overrides after the file, with the same checks", "[scenario]") {
  const std::string file = "[teachers]\nmobility = 0.1\n";
  SECTION("values") {
    const Params p =
        load_text(file, {"teachers.mobility=0.2", "policy.groenpluk.rule=ban", "world.schools.vo=9",
                         "policy.joining.sectors=[\"mbo\"]", "name=2030", "years.end = 2035"});
    CHECK(p.teachers.mobility == 0.2);
    CHECK(p.policy.groenpluk.rule == GroenplukRule::ban);   // a bare word is a string
    CHECK(p.world.schools == PerSector<int>{6300, 9, 59});  // one part of a per-sector table
    CHECK(p.policy.joining.sectors == std::array<bool, 3>{false, false, true});
    CHECK(p.name == "2030");  // a string key takes the text as it is
    CHECK(p.years.end == 2035);
  }
  SECTION("errors name the --set and the column") {
    CHECK(errors_of(file, {"teachers.mobility=0.2", "teachers.mobility=x"}) ==
          "--set:2:19: teachers.mobility: expected a number, got a string\n");
    CHECK(errors_of(file, {"teachers.mobilty=1"}) ==
          "--set:1:1: unknown key `teachers.mobilty`; did you mean `teachers.mobility`?\n");
    CHECK(errors_of(file, {"seed"}) == "--set:1:1: expected key=value, got `seed`\n");
  }
}

TEST_CASE("extends: chains, key-by-key overrides, embedded bases, cycles", "[scenario]") {
  TempDir dir;
  dir.write("base/c.toml", "seed = 3\n[teachers]\nmobility = 0.3\nearly_retirement = 0.03\n");
  dir.write("base/b.toml",
            "extends = \"c.toml\"\nname = \"bee\"\ndescription = \"b\"\n[teachers]\nmobility = 0.2\n");
  const std::string a =
      dir.write("a.toml", "extends = \"base/b.toml\"\n[teachers]\nearly_retirement = 0.01\n");
  const Params p = load_scenario(a).params;
  CHECK(p.seed == 3u);                         // from c
  CHECK(p.teachers.mobility == 0.2);           // b over c
  CHECK(p.teachers.early_retirement == 0.01);  // a over c
  CHECK(p.name == "a");                        // name and description are not inherited
  CHECK(p.description.empty());

  const std::string e = dir.write("e.toml", "extends = \"combined\"\n");
  const Params pe = load_scenario(e).params;
  CHECK(pe.policy.groenpluk.rule == GroenplukRule::ban);  // from combined
  CHECK(pe.policy.joining.mode == JoiningMode::target);   // from so-100-2029, which combined extends
  CHECK(pe.name == "e");

  dir.write("x.toml", "extends = \"y.toml\"\n");
  const std::string y = dir.write("y.toml", "extends = \"x.toml\"\n");
  try {
    load_scenario(y);
    FAIL("a cycle must be an error");
  } catch (const ScenarioErrors& err) {
    REQUIRE(err.errors().size() == 1);
    CHECK(err.errors()[0].message ==
          "extends: cycle " + y + " -> " + (dir.path / "x.toml").string() + " -> " + y);
  }
}

TEST_CASE("the resolved TOML reads back as the same scenario, for every embedded scenario", "[scenario]") {
  for (const auto& e : embedded_scenarios()) {
    INFO(e.name);
    CHECK_FALSE(e.description.empty());
    const Params p = load_scenario(e.name).params;
    CHECK(p.name == e.name);
    const std::string text = to_toml(p);
    CHECK(to_toml(schema::load_scenario_text(text, "shown.toml", {}, true).params) == text);
  }
}

TEST_CASE("the resolved TOML round-trips unusual values", "[scenario]") {
  const Params p = load_text(R"(
description = "quotes \" and \\ and\ttabs"
[world]
seed = 0
demand_fte = { po = 1e-300, vo = 1234567.891, mbo = 0.1 }
[demand]
growth = { po = { "2026" = 0.1, "2031" = -0.5 }, vo = 1e-9, mbo = 0 }
[policy.joining]
mode = "schedule"
schedule = [{ sector = "vo", region = 3, share = 0.3333333333333333, year = 2030 }]
)");
  const std::string text = to_toml(p);
  CHECK(to_toml(schema::load_scenario_text(text, "test.toml", {}, true).params) == text);
}

TEST_CASE("CSV import: the example world", "[scenario][csv]") {
  const std::string dir = std::string(TLM_SOURCE_DIR) + "/scenarios/data/";
  const auto schools = read_schools_csv(dir + "schools.csv");
  CHECK(schools.size() == 20);
  CHECK(schools[0].id == "S01");
  CHECK(schools[0].region == "Noord");
  CHECK(schools[0].line == 2);
  const auto teachers = read_teachers_csv(dir + "teachers.csv", &schools);
  CHECK(teachers.size() > 100);
  CHECK(teachers[0].school_id == "S01");
  CHECK(teachers[0].route == initial);
  CHECK_FALSE(teachers[0].q.has_value());

  // The scenario keeps absolute paths, so its resolved TOML works from any directory.
  const Params p = load_scenario(dir + "example-import.toml").params;
  CHECK(fs::path(p.world.schools_csv).is_absolute());
  CHECK(fs::equivalent(p.world.schools_csv, dir + "schools.csv"));
  const Params again = schema::load_scenario_text(to_toml(p), "elsewhere/shown.toml", {}, true).params;
  CHECK(again.world.teachers_csv == p.world.teachers_csv);
}

TEST_CASE("CSV import: optional columns in any order, quotes, CRLF", "[scenario][csv]") {
  TempDir dir;
  const std::string s =
      dir.write("s.csv", "member,demand_fte,sector,region,id\r\n1,10,po,\"Noord, Oost\",A\r\n");
  const std::string t = dir.write("t.csv",
                                  "q,count,qualified,fte,exp,age,school_id,so_trained,route\n0.7,3,0,0.6,2,"
                                  "30,A,1,zij\n,1,1,1,0,25,A,,\n");
  const auto schools = read_schools_csv(s);
  REQUIRE(schools.size() == 1);
  CHECK(schools[0].region == "Noord, Oost");
  CHECK(schools[0].member);
  const auto teachers = read_teachers_csv(t, &schools);
  REQUIRE(teachers.size() == 2);
  CHECK(teachers[0].q == 0.7);
  CHECK(teachers[0].count == 3);
  CHECK_FALSE(teachers[0].qualified);
  CHECK(teachers[0].so_trained);
  CHECK(teachers[0].route == zij);
  CHECK(teachers[0].line == 2);
  CHECK_FALSE(teachers[1].q.has_value());
  CHECK(teachers[1].route == initial);
}

TEST_CASE("the registry: unique names, each with a meaning and a docs/model.md section", "[scenario]") {
  std::set<std::string> names;
  for (const auto& k : schema::keys()) {
    CHECK(names.insert(std::string(k.name)).second);
    CHECK_FALSE(k.meaning.empty());
    CHECK_FALSE(k.section.empty());
  }
  CHECK(schema::find_key("reserve.return") != nullptr);
  CHECK(schema::find_key("reserve.return_rate") == nullptr);
  CHECK(schema::suggest("teachers.mobilty") == "teachers.mobility");
  CHECK(schema::suggest("zzz") == "");
}

TEST_CASE("a year of a year table has at most four digits", "[scenario]") {
  // A key of a year table is a year in [1900, 3000] written with at most four digits: "02030" is not one,
  // although it would read as 2030 (scripts/mutate found no test of the four-digit limit).
  CHECK(errors_of("[demand.growth]\npo = { \"02030\" = 0.01 }\nvo = 0\nmbo = 0\n")
            .find("demand.growth.po: `02030` is not a year in [1900, 3000]") != std::string::npos);
  CHECK(errors_of("[demand.growth]\npo = { \"12030\" = 0.01 }\nvo = 0\nmbo = 0\n")
            .find("`12030` is not a year") != std::string::npos);
  CHECK(
      load_text("[demand.growth]\npo = { \"2030\" = 0.01 }\nvo = 0\nmbo = 0\n").demand.growth[po].at(2030) ==
      0.01);
}

TEST_CASE("the resolved TOML writes policy.joining.sectors as \"all\" only when it holds every sector",
          "[scenario]") {
  // Every subset of the sectors reads back as itself (scripts/mutate: a mutant that wrote "all" for po + vo
  // survived the round trip of the embedded scenarios, which have only "all" and ["mbo"]).
  for (int mask = 1; mask < 8; ++mask) {
    std::string list;
    for (int s = 0; s < kSectors; ++s)
      if (mask & (1 << s)) list += std::string(list.empty() ? "" : ", ") + "\"" + kSectorNames[s] + "\"";
    INFO("sectors = [" << list << "]");
    const Params p = load_text("[policy.joining]\nmode = \"target\"\nsectors = [" + list + "]\n");
    for (int s = 0; s < kSectors; ++s) CHECK(p.policy.joining.sectors[s] == ((mask & (1 << s)) != 0));
    const std::string text = to_toml(p);
    CHECK((text.find("sectors = \"all\"") != std::string::npos) == (mask == 7));
    CHECK(schema::load_scenario_text(text, "test.toml", {}, true).params.policy.joining.sectors ==
          p.policy.joining.sectors);
  }
}

TEST_CASE("an imported world has at most 1000 regions, as world.regions", "[scenario][csv][hardening]") {
  // More would overflow the 12 bits ids give a region (models/population.hpp); 40,000 once crashed the run.
  TempDir dir;
  {
    std::ofstream schools(dir.path / "schools.csv");
    schools << "id,region,sector,demand_fte,member\n";
    for (int i = 0; i < 1001; ++i) schools << "S" << i << ",R" << i << ",po,10,1\n";
  }
  const std::string toml = "[world]\nschools_csv = \"" + (dir.path / "schools.csv").string() + "\"\n";
  CHECK(errors_of(toml) == "test.toml:2:15: world.schools_csv: 1001 regions in `" +
                               (dir.path / "schools.csv").string() + "`; at most 1000\n");
}
