// Structure-of-arrays storage (sim/soa.hpp): every column stays in step through removal, compaction and copy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "sim/soa.hpp"

namespace {

// A small agent kind with columns of different types, as the model's populations have.
struct Agents {
  std::vector<std::uint64_t> id;
  std::vector<double> value;
  std::vector<std::uint8_t> flag;
  template <class Self>
  static auto columns_of(Self& a) {
    return std::tie(a.id, a.value, a.flag);
  }
  auto columns() { return columns_of(*this); }
  auto columns() const { return columns_of(*this); }
};

Agents make(std::size_t n) {
  Agents a;
  for (std::size_t i = 0; i < n; ++i) {
    a.id.push_back(100 + i);
    a.value.push_back(0.5 * static_cast<double>(i));
    a.flag.push_back(static_cast<std::uint8_t>(i % 3));
  }
  return a;
}

// Each surviving row still holds the values of one original agent.
bool rows_in_step(const Agents& a) {
  for (std::size_t r = 0; r < a.id.size(); ++r) {
    const auto i = a.id[r] - 100;
    if (a.value[r] != 0.5 * static_cast<double>(i) || a.flag[r] != i % 3) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("soa_remove drops exactly the agents not kept and keeps rows whole", "[soa]") {
  auto a = make(10);
  std::vector<char> keep{1, 0, 1, 1, 0, 0, 1, 1, 1, 0};
  tlm::sim::soa_remove(a, keep);
  REQUIRE(a.id.size() == 6);
  REQUIRE(a.value.size() == 6);
  REQUIRE(a.flag.size() == 6);
  std::vector<std::uint64_t> ids = a.id;
  std::sort(ids.begin(), ids.end());
  REQUIRE(ids == std::vector<std::uint64_t>{100, 102, 103, 106, 107, 108});
  REQUIRE(rows_in_step(a));
  // Removing everyone, and removing no one.
  auto b = make(4);
  tlm::sim::soa_remove(b, std::vector<char>(4, 0));
  REQUIRE(b.id.empty());
  auto c = make(4);
  tlm::sim::soa_remove(c, std::vector<char>(4, 1));
  REQUIRE(c.id == std::vector<std::uint64_t>{100, 101, 102, 103});
}

TEST_CASE("soa_compact keeps the order of the agents kept", "[soa]") {
  auto a = make(6);
  tlm::sim::soa_compact(a, {0, 1, 1, 0, 1, 0});
  REQUIRE(a.id == std::vector<std::uint64_t>{101, 102, 104});
  REQUIRE(rows_in_step(a));
}

TEST_CASE("soa_copy copies every column and leaves the room asked for", "[soa]") {
  const auto a = make(1000);
  const auto b = tlm::sim::soa_copy(a, 1200);
  REQUIRE(b.id == a.id);
  REQUIRE(b.value == a.value);
  REQUIRE(b.flag == a.flag);
  REQUIRE(b.id.capacity() >= 1200);
  REQUIRE(b.value.capacity() >= 1200);
  REQUIRE(b.flag.capacity() >= 1200);
  // Less room than agents: a full copy all the same.
  const auto c = tlm::sim::soa_copy(a, 10);
  REQUIRE(c.id == a.id);
  REQUIRE(tlm::sim::soa_size(c) == 1000);
}
