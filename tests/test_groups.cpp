// sim::Groups (sim/groups.hpp): items sorted into numbered groups, stored flat. The market relies on each
// group holding exactly its items in the order they were added (a draw order ties by id, not by position, but
// the movers' and graduates' lists feed it, and the same lists must come out on any run).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/groups.hpp"

TEST_CASE("Groups hold each group's items in the order they were added, empty groups included", "[groups]") {
  // 7 groups, of which 0, 3 and 6 stay empty; items added interleaved across groups.
  tlm::sim::Groups<std::string> groups(7);
  std::vector<std::vector<std::string>> expected(7);
  const std::vector<std::size_t> to{1, 2, 1, 5, 4, 1, 2, 5, 5, 4, 1};
  for (std::size_t k = 0; k < to.size(); ++k) {
    const std::string item = "item" + std::to_string(k);
    groups.add(to[k], item);
    expected[to[k]].push_back(item);
  }
  groups.finish();
  REQUIRE(groups.groups() == 7);
  for (std::size_t g = 0; g < 7; ++g) {
    const auto got = groups[g];
    REQUIRE(std::vector<std::string>(got.begin(), got.end()) == expected[g]);
  }
}

TEST_CASE("Groups with no items, or with every item in one group", "[groups]") {
  tlm::sim::Groups<std::int32_t> none(3);
  none.finish();
  for (std::size_t g = 0; g < 3; ++g) REQUIRE(none[g].empty());

  tlm::sim::Groups<std::int32_t> one(4);
  for (std::int32_t k = 0; k < 1000; ++k) one.add(2, k);
  one.finish();
  REQUIRE(one[0].empty());
  REQUIRE(one[1].empty());
  REQUIRE(one[3].empty());
  REQUIRE(one[2].size() == 1000);
  for (std::int32_t k = 0; k < 1000; ++k) REQUIRE(one[2][static_cast<std::size_t>(k)] == k);
}
