// The start world, docs/model.md 4.1: regions, schools, start staffing, membership, students and the reserve.
#include "models/world.hpp"
#include "models/keys.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "models/data_import.hpp"
#include "models/events.hpp"
#include "models/phases.hpp"
#include "models/scenario.hpp"
#include "sim/apportion.hpp"
#include "sim/order.hpp"
#include "sim/random.hpp"

namespace tlm::models {
namespace {

constexpr std::uint32_t kWorldReplication = 0xFFFFFFFFu;

long scaled(double n, double scale) {
  return std::lround(n * scale);
}

void synthetic_regions(const Params& p, const sim::Stream& rng, World& w, std::vector<double>& base_weight) {
  w.regions = p.world.regions;
  base_weight.resize(w.regions);
  for (int r = 0; r < w.regions; ++r) {
    w.region_names.push_back(fmt::format("R{:02d}", r + 1));
    base_weight[r] = std::exp(p.world.region_weight_sigma *
                              sim::normal(rng.draw(ids::market(r, 0), 0, event::world_region_weight)));
  }
  const double sum = std::accumulate(base_weight.begin(), base_weight.end(), 0.0);
  for (auto& x : base_weight) x /= sum;
  w.urban.assign(w.regions, 0);
  std::vector<int> idx(w.regions);
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return base_weight[a] > base_weight[b]; });
  for (int k = 0; k < std::min(p.world.urban_regions, w.regions); ++k) w.urban[idx[k]] = 1;
}

void synthetic_schools(const Params& p, const sim::Stream& rng, World& w,
                       const std::vector<double>& base_weight) {
  for (int s = 0; s < kSectors; ++s) {
    auto count = sim::largest_remainder(scaled(p.world.schools[s], p.world.scale), base_weight);
    if (s != mbo) {  // a region left without a po or vo school takes one from the region with most
      for (int r = 0; r < w.regions; ++r) {
        if (count[r] > 0) continue;
        auto most = std::max_element(count.begin(), count.end()) - count.begin();
        if (count[most] <= 1) break;
        --count[most];
        ++count[r];
      }
    }
    for (int r = 0; r < w.regions; ++r)
      for (long k = 0; k < count[r]; ++k) {
        w.schools.region.push_back(static_cast<std::int16_t>(r));
        w.schools.sector.push_back(static_cast<std::uint8_t>(s));
      }
  }
  const std::size_t n = w.schools.region.size();
  w.schools.label.resize(n);
  for (std::size_t j = 0; j < n; ++j) w.schools.label[j] = std::to_string(j + 1);
  w.schools.member.assign(n, 0);
  (void)rng;
}

// Per-sector weights: 0 where a region has no school of the sector, the others renormalised.
void sector_weights(World& w, const std::vector<double>& base_weight) {
  w.weight.assign(w.regions, PerSector<double>{0, 0, 0});
  w.market_schools.assign(static_cast<std::size_t>(w.regions) * kSectors, {});
  for (std::size_t j = 0; j < w.schools.size(); ++j)
    w.market_schools[w.market_index(w.schools.region[j], w.schools.sector[j])].push_back(
        static_cast<std::int32_t>(j));
  for (int s = 0; s < kSectors; ++s) {
    double sum = 0.0;
    for (int r = 0; r < w.regions; ++r)
      if (!w.market_schools[w.market_index(r, s)].empty()) sum += base_weight[r];
    for (int r = 0; r < w.regions; ++r)
      if (!w.market_schools[w.market_index(r, s)].empty() && sum > 0) w.weight[r][s] = base_weight[r] / sum;
  }
}

void synthetic_demand(const Params& p, const sim::Stream& rng, World& w) {
  w.schools.demand.assign(w.schools.size(), 0.0);
  for (int r = 0; r < w.regions; ++r)
    for (int s = 0; s < kSectors; ++s) {
      const auto& js = w.market_schools[w.market_index(r, s)];
      double sum = 0.0;
      for (auto j : js) {
        w.schools.demand[j] = std::exp(p.world.school_size_sigma *
                                       sim::normal(rng.draw(ids::school(j), 0, event::world_school_size)));
        sum += w.schools.demand[j];
      }
      for (auto j : js)
        w.schools.demand[j] =
            p.world.demand_fte[s] * p.world.scale * w.weight[r][s] * w.schools.demand[j] / sum;
    }
}

void import_schools(const Params& p, World& w, std::vector<double>& base_weight) {
  const auto rows = read_schools_csv(p.world.schools_csv);
  std::map<std::string, int> region_index;
  for (const auto& row : rows) {
    auto [it, added] = region_index.try_emplace(row.region, static_cast<int>(w.region_names.size()));
    if (added) w.region_names.push_back(row.region);
    w.schools.label.push_back(row.id);
    w.schools.region.push_back(static_cast<std::int16_t>(it->second));
    w.schools.sector.push_back(static_cast<std::uint8_t>(row.sector));
    w.schools.demand.push_back(row.demand_fte * p.world.scale);
    w.schools.member.push_back(row.member ? 1 : 0);
  }
  w.regions = static_cast<int>(w.region_names.size());
  // A region's weight for a sector is its share of the sector's demand; the base weight (used for urban) is
  // its share of all demand.
  base_weight.assign(w.regions, 0.0);
  for (std::size_t j = 0; j < w.schools.size(); ++j) base_weight[w.schools.region[j]] += w.schools.demand[j];
  std::vector<int> idx(w.regions);
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return base_weight[a] > base_weight[b]; });
  w.urban.assign(w.regions, 0);
  for (int k = 0; k < std::min(p.world.urban_regions, w.regions); ++k) w.urban[idx[k]] = 1;
  w.weight.assign(w.regions, PerSector<double>{0, 0, 0});
  w.market_schools.assign(static_cast<std::size_t>(w.regions) * kSectors, {});
  PerSector<double> total{0, 0, 0};
  for (std::size_t j = 0; j < w.schools.size(); ++j) {
    w.market_schools[w.market_index(w.schools.region[j], w.schools.sector[j])].push_back(
        static_cast<std::int32_t>(j));
    w.weight[w.schools.region[j]][w.schools.sector[j]] += w.schools.demand[j];
    total[w.schools.sector[j]] += w.schools.demand[j];
  }
  for (int r = 0; r < w.regions; ++r)
    for (int s = 0; s < kSectors; ++s)
      if (total[s] > 0) w.weight[r][s] /= total[s];
}

// Start total-shortage rate per school: urban regions `urban_shortage_factor` × the others, scaled so the
// demand-weighted national rate is the given one.
std::vector<double> start_shortage_rates(const Params& p, const World& w) {
  PerSector<double> weighted{0, 0, 0}, demand{0, 0, 0};
  for (std::size_t j = 0; j < w.schools.size(); ++j) {
    const double f = w.urban[w.schools.region[j]] ? p.world.urban_shortage_factor : 1.0;
    weighted[w.schools.sector[j]] += w.schools.demand[j] * f;
    demand[w.schools.sector[j]] += w.schools.demand[j];
  }
  std::vector<double> rate(w.schools.size());
  for (std::size_t j = 0; j < w.schools.size(); ++j) {
    const int s = w.schools.sector[j];
    const double f = w.urban[w.schools.region[j]] ? p.world.urban_shortage_factor : 1.0;
    rate[j] = weighted[s] > 0 ? std::min(1.0, p.world.start_shortage[s] * f * demand[s] / weighted[s]) : 0.0;
  }
  return rate;
}

// Start staffing (4.1, 12.2): each cell is filled to D_jx x (1 - min(1, s_j x start_shortage_x / S)), S the
// demand-weighted mean of start_shortage (S = 0: every cell takes s_j); a po or mbo school is one cell.
void synthetic_teachers(const Params& p, const sim::Stream& rng, World& w, const std::vector<double>& q) {
  const auto rate = start_shortage_rates(p, w);
  const auto& sub = w.subjects;
  double weighted = 0.0, shares = 0.0;
  for (int x = 0; x < sub.count(); ++x) {
    weighted += sub.demand_share[x] * sub.start_shortage[x];
    shares += sub.demand_share[x];
  }
  const double mean_rate = shares > 0 ? weighted / shares : 0.0;
  for (std::size_t j = 0; j < w.schools.size(); ++j) {
    const int s = w.schools.sector[j];
    std::uint64_t n = 0;
    for (int x = 0; x < w.subjects_of(s); ++x) {
      const auto c = static_cast<std::size_t>(w.cell_begin[j] + x);
      const double cell_rate =
          s != vo || !(mean_rate > 0) ? rate[j] : std::min(1.0, rate[j] * sub.start_shortage[x] / mean_rate);
      const double target = w.cell_start_demand[c] * (1.0 - cell_rate);
      double staff = 0.0;
      for (;; ++n) {
        const std::uint64_t id = ids::start_teacher | (static_cast<std::uint64_t>(j) << 20) | n;
        const auto a = rng.draw(id, 0, event::world_teacher, 0);
        const double fte = draw_fte(p, s, a[0]);
        if (staff + 0.5 * fte > target) break;
        const int band = sim::categorical(p.world.age_distribution[s], sim::uniform32(a[1]));
        const int lo = 20 + 5 * band, hi = band == kAgeBands - 1 ? 66 : lo + 4;
        const int age = sim::uniform_int(lo, hi, a[2]);
        const int exp = std::max(0, age - 23 - sim::uniform_int(0, 5, a[3]));
        append_teacher(w.teachers, id, static_cast<std::int32_t>(j), x, fte, age, exp, true, initial, q[j],
                       false, false, p.years.start, 0, kNone);
        staff += fte;
      }
      ++n;  // the draw that did not fit is not reused by the next cell
    }
  }
}

void import_teachers(const Params& p, const sim::Stream& rng, World& w, const std::vector<double>& q) {
  const auto rows = read_teachers_csv(p.world.teachers_csv);
  std::map<std::string, std::int32_t> school_index;
  for (std::size_t j = 0; j < w.schools.size(); ++j)
    school_index[w.schools.label[j]] = static_cast<std::int32_t>(j);
  const auto& names = w.subjects.names;
  std::vector<InputError> errors;
  std::uint64_t seq = 0;
  for (const auto& row : rows) {
    auto it = school_index.find(row.school_id);
    if (it == school_index.end()) {
      errors.push_back(
          {p.world.teachers_csv, row.line, 1, fmt::format("unknown school_id `{}`", row.school_id)});
      continue;
    }
    const int sector = w.schools.sector[static_cast<std::size_t>(it->second)];
    const auto subject_of_row = teacher_subject(row, names, sector);
    if (!subject_of_row.error.empty())
      errors.push_back({p.world.teachers_csv, row.line, row.subject_column, subject_of_row.error});
    int subject = subject_of_row.index;  // -1: drawn per teacher
    const bool in_vo = sector == vo;
    if (!in_vo) subject = 0;
    for (int c = 0; c < row.count; ++c, ++seq) {
      const std::uint64_t id = ids::start_teacher | seq;
      const int x = subject >= 0
                        ? subject
                        : draw_vo_subject(w.subjects, rng.draw(id, 0, event::world_teacher_subject)[0]);
      append_teacher(w.teachers, id, it->second, x, row.fte, row.age, row.exp, row.qualified, row.route,
                     row.q.value_or(q[it->second]), row.so_trained, false, p.years.start,
                     row.route == zij && !row.qualified ? 1 : 0, kNone);
    }
  }
  if (!errors.empty()) throw ScenarioErrors(std::move(errors));
}

// The cells of section 12 and the markets of (region, sector, subject), in school order.
void build_cells(const Params& p, World& w) {
  w.subjects = resolve_subjects(p.subjects);
  const std::size_t n = w.schools.size();
  w.cell_begin.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    w.cell_begin[j] = static_cast<std::int32_t>(w.cell_school.size());
    const int s = w.schools.sector[j];
    for (int x = 0; x < w.subjects_of(s); ++x) {
      w.cell_school.push_back(static_cast<std::int32_t>(j));
      w.cell_subject.push_back(static_cast<std::uint8_t>(x));
      w.cell_start_demand.push_back(s == vo ? w.schools.demand[j] * w.subjects.demand_share[x]
                                            : w.schools.demand[j]);
    }
  }
  w.market_cells.assign(
      static_cast<std::size_t>(w.regions) * static_cast<std::size_t>(w.markets_per_region()), {});
  w.cell_slot.resize(w.cells());
  for (std::size_t c = 0; c < w.cells(); ++c) {
    const auto j = static_cast<std::size_t>(w.cell_school[c]);
    auto& list = w.market_cells[static_cast<std::size_t>(
        w.subject_market(w.schools.region[j], w.schools.sector[j], w.cell_subject[c]))];
    w.cell_slot[c] = static_cast<std::int32_t>(list.size());
    list.push_back(static_cast<std::int32_t>(c));
  }
}

void start_membership(const Params& p, const sim::Stream& rng, World& w, bool imported) {
  const std::size_t n = w.schools.size();
  if (!imported) {
    for (int s = 0; s < kSectors; ++s) {
      std::vector<std::int32_t> of_sector;
      for (std::size_t j = 0; j < n; ++j)
        if (w.schools.sector[j] == s) of_sector.push_back(static_cast<std::int32_t>(j));
      auto order = sim::draw_order(
          of_sector.size(), [&](std::size_t i) { return ids::school(of_sector[i]); }, rng, 0,
          event::world_membership_order);
      const auto members =
          std::lround(p.partnerships.start_member_share[s] * static_cast<double>(of_sector.size()));
      for (long k = 0; k < members; ++k) w.schools.member[of_sector[order[k]]] = 1;
    }
  }
  // Each region has `per_region` partnerships, dealt the region's members in turn.
  w.schools.partnership.assign(n, kNone);
  for (int r = 0; r < w.regions; ++r)
    for (int k = 0; k < p.partnerships.per_region; ++k)
      w.partnership_region.push_back(static_cast<std::int16_t>(r));
  std::vector<int> dealt(w.regions, 0);
  for (std::size_t j = 0; j < n; ++j) {
    if (!w.schools.member[j]) continue;
    const int r = w.schools.region[j];
    w.schools.partnership[j] = r * p.partnerships.per_region + dealt[r]++ % p.partnerships.per_region;
  }
}

void start_students(const Params& p, const sim::Stream& rng, World& w) {
  std::vector<double> main_weight(w.regions);
  std::uint64_t seq = 0;
  // `expected` students of programme k in study year y and extra year e, split over regions as intake is;
  // ids in order of generation.
  auto add = [&](int k, int y, int e, double expected) {
    for (int r = 0; r < w.regions; ++r) main_weight[r] = w.weight[r][kMainSector[k]];
    const auto per_region = sim::largest_remainder(std::lround(expected), main_weight);
    for (int r = 0; r < w.regions; ++r)
      for (long i = 0; i < per_region[r]; ++i, ++seq) {
        const std::uint64_t id = ids::start_student | seq;
        const auto a = rng.draw(id, 0, event::world_student);
        append_student(w.students, id, k, draw_study_subject(w.subjects, k, a[1]), y, r,
                       sim::bernoulli(p.study.institute_in_partnership[k], a[0]),
                       p.study.intake_age[k] + y + e - 1, p.years.start - y - e + 1);
        w.students.extra_years.back() = static_cast<std::uint8_t>(e);
      }
  };
  for (int k = 0; k < kProgrammes; ++k) {
    double survive = 1.0;
    for (int y = 1; y <= p.study.years[k]; ++y) {
      if (y > 1) survive *= 1.0 - p.study.dropout[k][y - 2];
      add(k, y, 0, p.study.intake[k] * p.world.scale * survive);
    }
  }
  // Version 2 (4.1.6): the students in extra years of a steady state, after all the others so that their
  // ids keep their numbers: round(intake x prod_y (1 - dropout[k][y]) x delay^e) in extra year e, in the
  // final study year's position, ignoring the SO and groenpluk effects on dropout and delay.
  for (int k = 0; k < kProgrammes; ++k) {
    double delayed = 1.0;
    for (int y = 1; y <= p.study.years[k]; ++y) delayed *= 1.0 - p.study.dropout[k][y - 1];
    for (int e = 1; e <= p.study.max_extra_years; ++e) {
      delayed *= p.study.delay;
      add(k, p.study.years[k], e, p.study.intake[k] * p.world.scale * delayed);
    }
  }
}

void start_reserve(const Params& p, const sim::Stream& rng, World& w) {
  std::uint64_t seq = 0;
  std::vector<double> weight(w.regions);
  for (int s = 0; s < kSectors; ++s) {
    for (int r = 0; r < w.regions; ++r) weight[r] = w.weight[r][s];
    const auto per_region = sim::largest_remainder(scaled(p.reserve.start_size[s], p.world.scale), weight);
    for (int r = 0; r < w.regions; ++r)
      for (long i = 0; i < per_region[r]; ++i, ++seq) {
        const std::uint64_t id = ids::start_reserve | seq;
        const auto a = rng.draw(id, 0, event::world_reserve);
        auto& res = w.reserve;
        res.id.push_back(id);
        res.sector.push_back(static_cast<std::uint8_t>(s));
        res.subject.push_back(static_cast<std::uint8_t>(s == vo ? draw_vo_subject(w.subjects, a[3]) : 0));
        res.region.push_back(static_cast<std::int16_t>(r));
        res.age.push_back(static_cast<std::int16_t>(sim::uniform_int(25, 60, a[0])));
        res.exp.push_back(static_cast<std::int16_t>(sim::uniform_int(2, 15, a[1])));
        res.years_out.push_back(static_cast<std::int16_t>(sim::uniform_int(0, 9, a[2])));
        res.since.push_back(static_cast<std::int16_t>(p.years.start - 1));
        res.cohort_rec.push_back(kNone);
      }
  }
}

}  // namespace

int draw_study_subject(const Subjects& subjects, int programme, std::uint32_t word) {
  if (subjects.of_programme[programme] >= 0) return subjects.of_programme[programme];
  if (subjects.intake_share[programme].empty()) return kNoSubject;
  return sim::categorical(subjects.intake_share[programme], sim::uniform32(word));
}

int draw_vo_subject(const Subjects& subjects, std::uint32_t word) {
  return sim::categorical(subjects.demand_share, sim::uniform32(word));
}

double draw_fte(const Params& p, int sector, std::uint32_t word) {
  return kFteValues[sim::categorical(p.world.fte_distribution[sector], sim::uniform32(word))];
}

int pick_region(const World& w, int sector, double u, int exclude) {
  double total = 0.0;
  for (int r = 0; r < w.regions; ++r)
    if (r != exclude) total += w.weight[r][sector];
  if (!(total > 0.0)) exclude = -1, total = 1.0;
  double target = u * total, acc = 0.0;
  int last = -1;
  for (int r = 0; r < w.regions; ++r) {
    if (r == exclude || w.weight[r][sector] <= 0.0) continue;
    acc += w.weight[r][sector];
    last = r;
    if (target < acc) return r;
  }
  return last;
}

World build_world(const Params& p) {
  const sim::Stream rng(static_cast<std::uint32_t>(p.world_seed()), kWorldReplication);
  World w;
  std::vector<double> base_weight;
  const bool imported = !p.world.schools_csv.empty();
  if (imported) {
    import_schools(p, w, base_weight);
  } else {
    synthetic_regions(p, rng, w, base_weight);
    synthetic_schools(p, rng, w, base_weight);
    sector_weights(w, base_weight);
    synthetic_demand(p, rng, w);
  }
  const std::size_t n = w.schools.size();
  w.slot.assign(n, 0);
  for (const auto& list : w.market_schools)
    for (std::size_t i = 0; i < list.size(); ++i) w.slot[list[i]] = static_cast<std::int32_t>(i);
  build_cells(p, w);
  w.schools.u.resize(n);
  for (std::size_t j = 0; j < n; ++j)
    w.schools.u[j] = sim::uniform32(rng.draw(ids::school(j), 0, event::world_school_u)[0]);
  start_membership(p, rng, w, imported);

  // Start members are fully ramped: q_j = min(1, base + member × so_boost).
  std::vector<double> q(n);
  for (std::size_t j = 0; j < n; ++j)
    q[j] = std::min(
        1.0, p.induction.base_quality[w.schools.sector[j]] + w.schools.member[j] * p.induction.so_boost);
  if (p.world.teachers_csv.empty())
    synthetic_teachers(p, rng, w, q);
  else
    import_teachers(p, rng, w, q);

  // The start gap of each cell is split into stopgaps and open posts as in 6.6 step 5.
  std::vector<double> staff(w.cells(), 0.0);
  for (std::size_t i = 0; i < w.teachers.size(); ++i)
    staff[static_cast<std::size_t>(w.teacher_cell(w.teachers.school[i], w.teachers.subject[i]))] +=
        w.teachers.fte[i];
  w.start_stopgap.resize(w.cells());
  for (std::size_t c = 0; c < w.cells(); ++c)
    w.start_stopgap[c] =
        p.market.stopgap_share[w.schools.sector[static_cast<std::size_t>(w.cell_school[c])]] *
        std::max(0.0, w.cell_start_demand[c] - staff[c]);

  start_students(p, rng, w);
  placement(w.students, w, start_school_state(w, p), p.policy.rotation, rng, 0);
  start_reserve(p, rng, w);
  return w;
}

void world_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"world.seed", schema::kSeed, "", "seed of the start world (unset: `seed`)", "4.1",
           TLM_FIELD(world.seed)},
          {"world.schools_csv", schema::kAny, "path",
           "CSV of schools replacing the synthetic ones (\"\": synthetic)", "10",
           TLM_FIELD(world.schools_csv)},
          {"world.teachers_csv", schema::kAny, "path",
           "CSV of teachers replacing the synthetic ones (\"\": synthetic)", "10",
           TLM_FIELD(world.teachers_csv)},
          {"world.scale", schema::Range{0.0, 100.0, true, false},
           schema::kMultiplier,  // ids hold up to 2^24 persons per region and year
           "multiplies school counts, demand, intake, start reserve and zij inflow; regions stay", "4.1",
           TLM_FIELD(world.scale)},
          {"world.regions", schema::Range{1, kMaxRegions}, "regions",
           "number of synthetic regions (Onderwijsregio's)", "4.1", TLM_FIELD(world.regions)},
          {"world.region_weight_sigma", schema::kNonNeg, "log-sd", "spread of the log-normal region weights",
           "4.1", TLM_FIELD(world.region_weight_sigma)},
          {"world.urban_regions", schema::Range{0, kMaxRegions}, "regions",
           "how many of the largest regions are urban", "4.1", TLM_FIELD(world.urban_regions)},
          {"world.schools", schema::Range{1, 1000000}, "schools", "number of synthetic schools", "4.1",
           TLM_FIELD(world.schools)},
          {"world.demand_fte", schema::kPositiveCount, "FTE", "teacher demand in the start year", "4.1",
           TLM_FIELD(world.demand_fte)},
          {"world.school_size_sigma", schema::kNonNeg, "log-sd", "spread of the log-normal school sizes",
           "4.1", TLM_FIELD(world.school_size_sigma)},
          {"world.start_shortage", schema::Range{0.0, 1.0, false, true}, "share of demand",
           "national total-shortage rate of the start world", "4.1", TLM_FIELD(world.start_shortage)},
          {"world.urban_shortage_factor", schema::kNonNeg, schema::kMultiplier,
           "start shortage rate in urban regions relative to others", "4.1",
           TLM_FIELD(world.urban_shortage_factor)},
          {"world.fte_distribution", schema::kProb, "shares", "shares of fte 0.4, 0.6, 0.8, 1.0 (sum 1)",
           "4.1", TLM_FIELD(world.fte_distribution), true},
          {"world.age_distribution", schema::kProb, "shares",
           "shares of start teachers in the age bands 20-24, 25-29, ..., 60-64, 65-66 (sum 1)", "4.1",
           TLM_FIELD(world.age_distribution), true},
      });
}

}  // namespace tlm::models
