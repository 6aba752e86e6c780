// docs/model.md 6.5: every student is placed anew each year at a school of its region and of a sector its
// programme serves: keepers first, then member schools (chance proportional to free places), then the rest.
#include <algorithm>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/phases.hpp"
#include "sim/fenwick.hpp"
#include "sim/order.hpp"

namespace tlm::models {
namespace {

// Free places of one region's schools, by sector and membership, for weighted picks.
struct RegionPlaces {
  // trees[sector][member]: over the market's schools (World::market_schools order)
  std::array<std::array<sim::Fenwick, 2>, kSectors> trees;
  std::array<const std::vector<std::int32_t>*, kSectors> schools{};
};

std::int32_t pick(const RegionPlaces& rp, int programme, int member, double u) {
  // One pick over the served sectors' trees together: an integer target in their summed free places.
  sim::Fenwick::Weight total = 0;
  for (int sec = 0; sec < kSectors; ++sec)
    if (kServes[programme][sec]) total += rp.trees[sec][member].total();
  if (total <= 0) return kNone;
  auto target = sim::scale_unit(u, total);
  for (int sec = 0; sec < kSectors; ++sec) {
    if (!kServes[programme][sec]) continue;
    const auto& tree = rp.trees[sec][member];
    if (target < tree.total()) return (*rp.schools[sec])[tree.find(target)];
    target -= tree.total();
  }
  return kNone;  // not reached: target < total
}

}  // namespace

void placement(Students& st, const World& w, const SchoolYear& schools, bool rotation, const sim::Stream& rng,
               int year) {
  const std::size_t n = st.size();
  const auto& slot = w.slot;
  // Free places per school. Keepers (step 1) take theirs from this plain count, one read and one write at
  // the school; the weighted trees are built after them from what is left, so a keeper costs no walk
  // through a tree.
  std::vector<std::int32_t> left(w.schools.size());
  for (std::size_t j = 0; j < left.size(); ++j) left[j] = std::max(0, schools.cap[j]);
  // The students in draw order, with what the passes below read of them: copied in one sequential pass over
  // the columns (scattered to their rank), so the passes read one array in order instead of every column at
  // random.
  struct InOrder {
    std::uint32_t i;
    std::int32_t last_school;
    double u;  // the pick among schools
    std::int16_t region;
    std::uint8_t programme;
  };
  std::vector<InOrder> queue(n);
  {
    std::vector<sim::Words> words;
    const auto order = sim::draw_order(st.id, rng, year, event::placement, words);
    std::vector<std::uint32_t> rank(n);
    for (std::size_t r = 0; r < n; ++r) rank[order[r]] = static_cast<std::uint32_t>(r);
    for (std::size_t i = 0; i < n; ++i) {
      queue[rank[i]] = InOrder{static_cast<std::uint32_t>(i), st.school[i],
                               sim::uniform53(words[i][1], words[i][2]), st.region[i], st.programme[i]};
      st.last_school[i] = st.school[i];
      st.school[i] = kNone;
    }
  }
  // 1. Keepers first.
  if (!rotation)
    for (const auto& c : queue) {
      const auto j = c.last_school;
      if (j != kNone && left[j] >= 1) {
        --left[j];
        st.school[c.i] = j;
      }
    }
  std::vector<RegionPlaces> places(w.regions);
  for (int r = 0; r < w.regions; ++r)
    for (int sec = 0; sec < kSectors; ++sec) {
      const auto& list = w.market_schools[w.market_index(r, sec)];
      places[r].schools[sec] = &list;
      std::array<std::vector<sim::Fenwick::Weight>, 2> weights{
          std::vector<sim::Fenwick::Weight>(list.size(), 0),
          std::vector<sim::Fenwick::Weight>(list.size(), 0)};
      for (std::size_t i = 0; i < list.size(); ++i)
        weights[schools.member[list[i]] ? 1 : 0][i] = left[list[i]];
      places[r].trees[sec][0].assign(weights[0]);
      places[r].trees[sec][1].assign(weights[1]);
    }
  // Each school's tree, looked up once (a student's school is at a random place in the school columns).
  std::vector<sim::Fenwick*> trees(w.schools.size());
  for (std::size_t j = 0; j < trees.size(); ++j)
    trees[j] = &places[w.schools.region[j]].trees[w.schools.sector[j]][schools.member[j] ? 1 : 0];
  auto tree_of = [&](std::int32_t j) -> sim::Fenwick& { return *trees[j]; };
  // 2. The others.
  for (const auto& c : queue) {
    const auto i = c.i;
    if (st.school[i] != kNone) continue;
    const auto& rp = places[c.region];
    std::int32_t j = kNone;
    if (rotation) {
      // A member school not seen before: hide the seen ones for this pick.
      std::array<sim::Fenwick::Weight, Students::kMaxSeen> hidden{};
      for (int s = 0; s < st.n_seen[i]; ++s) {
        const auto seen = st.seen[i][s];
        if (w.schools.region[seen] != c.region || !schools.member[seen]) continue;
        auto& tree = tree_of(seen);
        hidden[s] = tree.weight(slot[seen]);
        tree.set(slot[seen], 0);
      }
      j = pick(rp, c.programme, 1, c.u);
      for (int s = 0; s < st.n_seen[i]; ++s)
        if (hidden[s] > 0) tree_of(st.seen[i][s]).set(slot[st.seen[i][s]], hidden[s]);
    }
    if (j == kNone) j = pick(rp, c.programme, 1, c.u);
    if (j == kNone) j = pick(rp, c.programme, 0, c.u);
    if (j != kNone) {  // 3. else unplaced this year
      tree_of(j).add(slot[j], -1);
      st.school[i] = j;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto j = st.school[i];
    st.so_year[i] = (j != kNone && schools.member[j] && st.in_partnership[i]) ? 1 : 0;
    st.so_years[i] += st.so_year[i];
    if (j == kNone) continue;
    const auto begin = st.seen[i].begin(), end = begin + st.n_seen[i];
    if (std::find(begin, end, j) == end && st.n_seen[i] < Students::kMaxSeen) st.seen[i][st.n_seen[i]++] = j;
  }
}

void placement_policy_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(),
              {
                  {"policy.rotation", schema::kAny, "", "students change placement school every year", "6.5",
                   TLM_FIELD(policy.rotation)},
              });
}

}  // namespace tlm::models
