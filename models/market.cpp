// docs/model.md 6.6: the market, region by region: moves, binding, qualified seekers, zij-instromers (steps
// 0-3 per region and sector), groenpluk across the region's sectors (step 4, groenpluk.cpp), stopgaps (step
// 5).
#include <algorithm>
#include <cmath>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/market_detail.hpp"
#include "models/phases.hpp"
#include "sim/groups.hpp"
#include "sim/order.hpp"
#include "sim/soa.hpp"

namespace tlm::models {

Vacancies::Vacancies(State& st, int region) : s(st), first_market(st.world.subject_market(region, po, 0)) {
  const auto& w = s.world;
  trees.resize(static_cast<std::size_t>(w.markets_per_region()));
  std::array<std::vector<sim::Fenwick::Weight>, 2> weights;
  for (int m = 0; m < w.markets_per_region(); ++m) {
    const auto& list = w.market_cells[static_cast<std::size_t>(first_market + m)];
    for (auto& v : weights) v.resize(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto both = weights_of(list[i]);
      weights[0][i] = both[0];
      weights[1][i] = both[1];
    }
    trees[static_cast<std::size_t>(m)][0].assign(weights[0]);
    trees[static_cast<std::size_t>(m)][1].assign(weights[1]);
  }
}

// A cell's weights in fixed units (sim::units): its vacancy, and the vacancy × so_member_preference at a
// member school for an SO-trained seeker.
std::array<sim::Fenwick::Weight, 2> Vacancies::weights_of(std::int32_t c) const {
  const double v = s.school_year.cell_vacancy[c];
  const bool member = s.school_year.member[s.world.cell_school[c]] != 0;
  return {sim::units(v), sim::units(v * (member ? s.params.market.so_member_preference : 1.0))};
}

void Vacancies::refresh(std::int32_t c) {
  const auto& w = s.world;
  const auto j = w.cell_school[c];
  auto& t = trees_of(w.subject_market(w.schools.region[j], w.schools.sector[j], w.cell_subject[c]));
  const auto both = weights_of(c);
  t[0].set(slot(c), both[0]);
  t[1].set(slot(c), both[1]);
}

void Vacancies::add_staff(std::int32_t c, double fte) {
  s.school_year.cell_staff[c] += fte;
  s.school_year.cell_vacancy[c] = std::max(0.0, s.school_year.cell_demand[c] - s.school_year.cell_staff[c]);
  refresh(c);
}

std::int32_t Vacancies::pick(int market, bool so_trained, double u, std::int32_t exclude) {
  const auto& tree = trees_of(market)[so_trained ? 1 : 0];
  const auto idx = exclude == kNone ? tree.pick(u) : tree.pick_excluding(u, slot(exclude));
  if (idx >= tree.size()) return kNone;
  return s.world.market_cells[static_cast<std::size_t>(market)][idx];
}

std::int32_t add_cohort_record(State& s, const YearContext& ctx, int sector, int route, std::int32_t prev) {
  s.cohort_records.push_back(CohortRecord{static_cast<std::int16_t>(ctx.year),
                                          static_cast<std::uint8_t>(sector), static_cast<std::uint8_t>(route),
                                          prev});
  s.out.cohort_entrants(ctx.index, sector, route) += 1;
  return static_cast<std::int32_t>(s.cohort_records.size() - 1);
}

namespace {

// A new entrant hired into cell c (graduate, returner or zij-instromer), with its counts.
void hire_entrant(State& s, const YearContext& ctx, Vacancies& vac, std::uint64_t id, std::int32_t c,
                  double fte, int age, int exp, int route, bool so_trained, bool rotated,
                  std::int32_t prev_rec) {
  const auto& w = s.world;
  const auto j = w.cell_school[c];
  const int r = w.schools.region[j], sec = w.schools.sector[j], x = w.cell_subject[c];
  const bool is_zij = route == zij;
  const auto rec = add_cohort_record(s, ctx, sec, route, prev_rec);
  append_teacher(s.teachers, id, j, x, fte, age, exp, !is_zij, route, s.school_year.q[j], so_trained, rotated,
                 ctx.year, is_zij ? 1 : 0, rec);
  vac.add_staff(c, fte);
  const Metric hires[kRoutes] = {kMetrics,    m_hires_grad_so,   m_hires_grad_regular,
                                 m_hires_zij, m_hires_groenpluk, m_hires_returner};
  s.out.at(hires[route], ctx.index, r, sec) += 1;
  s.out.at(m_entrants, ctx.index, r, sec) += 1;
  s.out.at(m_induction_quality_mean, ctx.index, r, sec) += s.school_year.q[j];  // a sum until record()
  if (sec == vo) s.out.subject_at(sm_hires, ctx.index, r, x) += 1;
  if (is_zij) {
    s.out.at(m_zij_started, ctx.index, r, sec) += 1;
    s.out.cohort_zij(ctx.index, sec) += 1;
    if (sec == vo) s.out.subject_at(sm_zij_started, ctx.index, r, x) += 1;
  }
  if (route == returner) s.out.at(m_returners, ctx.index, r, sec) += 1;
}

// A teacher looking for another school, copied out in one sequential pass (the teacher columns are large;
// reading them in draw order would miss the cache on every field).
struct Mover {
  std::uint64_t id;
  std::int32_t index;
  std::int32_t cell;  // its own cell
  double fte;
  bool so_trained;
};

// A seeker of step 2: an unbound graduate (index into State::graduates) or a returner (index into the
// market's returners).
struct Seeker {
  std::uint64_t id;
  std::int32_t graduate;   // kNone for a returner
  std::int32_t returning;  // kNone for a graduate
};

}  // namespace

void market(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  const std::size_t n_cells = w.cells();
  const std::size_t n_markets = w.market_cells.size();
  auto& sy = s.school_year;

  // Vacancies per cell: last year's stopgaps are gone. The same pass over the teachers copies out the movers:
  // who seeks where, by market (the teacher columns are large; reading them later in draw order would miss
  // the cache on every field).
  sim::Groups<Mover> movers(n_markets);
  std::fill(sy.cell_staff.begin(), sy.cell_staff.end(), 0.0);
  {
    const auto& t = s.teachers;
    const std::int32_t* const school = t.school.data();
    const std::uint8_t* const subject = t.subject.data();
    const double* const fte = t.fte.data();
    const std::uint8_t* const seeks_move = t.seeks_move.data();
    double* const staff = sy.cell_staff.data();
    for (std::size_t i = 0, n = t.size(); i < n; ++i) {
      sim::prefetch_column(t.id.data(), i);  // read for the movers only
      const auto j = school[i];
      const auto c = w.teacher_cell(j, subject[i]);
      staff[c] += fte[i];
      if (seeks_move[i])
        movers.add(
            static_cast<std::size_t>(w.subject_market(w.schools.region[j], w.schools.sector[j], subject[i])),
            Mover{t.id[i], static_cast<std::int32_t>(i), c, fte[i], t.so_trained[i] != 0});
    }
    movers.finish();
  }
  for (std::size_t i = 0; i < s.students.size(); ++i)
    if (s.students.employer[i] != kNone)
      sy.cell_staff[w.cell_of(s.students.employer[i], s.students.subject[i])] += s.students.employed_fte[i];
  for (std::size_t c = 0; c < n_cells; ++c) {
    sy.cell_vacancy[c] = std::max(0.0, sy.cell_demand[c] - sy.cell_staff[c]);
    sy.cell_stopgap[c] = 0.0;
  }
  auto stopgaps = [&](std::int32_t c) {
    sy.cell_stopgap[c] = p.market.stopgap_share[w.schools.sector[w.cell_school[c]]] * sy.cell_vacancy[c];
  };

  if (!p.market.enabled) {
    // No hires, returns, zij-instroom or groenpluk: graduates who would enter wait in the reserve.
    for (const auto& g : s.graduates)
      join_reserve(s.reserve, g.id, g.sector, g.subject,
                   reserve_region(w, g.region, g.sector, g.id, ctx.year, rng), g.age, 0, ctx.year, kNone);
    for (std::size_t c = 0; c < n_cells; ++c) stopgaps(static_cast<std::int32_t>(c));
    return;
  }

  // Who else seeks where: graduates (their search region) and returners, by market.
  sim::Groups<std::int32_t> grads(n_markets);
  std::vector<std::int16_t> search_region(s.graduates.size());
  std::vector<std::uint64_t> ids(s.graduates.size());  // scratch: the ids of whoever is drawn for next
  std::vector<sim::Words> words, grad_words(s.graduates.size());
  for (std::size_t g = 0; g < s.graduates.size(); ++g) ids[g] = s.graduates[g].id;
  rng.draw_many(ids, ctx.year, event::graduate_market, grad_words);
  for (std::size_t g = 0; g < s.graduates.size(); ++g) {
    const auto& gr = s.graduates[g];
    const auto& words = grad_words[g];
    int region = gr.region;
    if (sim::bernoulli(p.graduates.mobility, words[1]))
      region = pick_region(w, gr.sector, sim::uniform53(words[2], words[3]), gr.region);
    else if (w.weight[region][gr.sector] <= 0.0)
      region = pick_region(w, gr.sector, sim::uniform53(words[2], words[3]));
    search_region[g] = static_cast<std::int16_t>(region);
    grads.add(static_cast<std::size_t>(w.subject_market(region, gr.sector, gr.subject)),
              static_cast<std::int32_t>(g));
  }
  grads.finish();
  const auto returners = reserve_returns(s, ctx, rng);  // 6.6 step 2: who returns, by market
  sim::Groups<std::int32_t> region_students(static_cast<std::size_t>(w.regions));
  for (std::size_t i = 0; i < s.students.size(); ++i)
    region_students.add(static_cast<std::size_t>(s.students.region[i]), static_cast<std::int32_t>(i));
  region_students.finish();
  std::vector<char> reserve_keep(s.reserve.size(), 1);
  std::vector<char> grad_hired(s.graduates.size(), 0);

  sim::DrawOrder draw_order;  // buffers kept from market to market
  std::vector<Seeker> seekers;
  for (int r = 0; r < w.regions; ++r) {
    Vacancies vac(s, r);
    for (int sec = 0; sec < kSectors; ++sec)
      for (int x = 0; x < w.subjects_of(sec); ++x) {
        const int m = w.subject_market(r, sec, x);
        const auto mi = static_cast<std::size_t>(m);
        if (w.market_cells[mi].empty()) continue;
        // 0. Moves: to a cell of the mover's subject at another school.
        const auto mv = movers[mi];
        ids.resize(mv.size());
        for (std::size_t i = 0; i < mv.size(); ++i) ids[i] = mv[i].id;
        for (auto o : draw_order(ids, rng, ctx.year, event::move, words)) {
          const auto& mover = mv[o];
          const auto to = vac.pick(m, mover.so_trained, sim::uniform53(words[o][1], words[o][2]), mover.cell);
          if (to == kNone) continue;
          s.teachers.school[mover.index] = w.cell_school[to];
          vac.add_staff(mover.cell, -mover.fte);
          vac.add_staff(to, mover.fte);
          s.out.at(m_exits_move, ctx.index, r, sec) += 1;
        }
        // 1. Binding into the graduate's cell at its last placement school.
        const auto gs = grads[mi];
        ids.resize(gs.size());
        for (std::size_t i = 0; i < gs.size(); ++i) ids[i] = s.graduates[gs[i]].id;
        for (auto o : draw_order(ids, rng, ctx.year, event::binding, words)) {
          const auto& g = s.graduates[gs[o]];
          const auto j = g.last_school;
          if (j == kNone || w.schools.region[j] != r || w.schools.sector[j] != sec) continue;
          const auto c = w.cell_of(j, g.subject);
          if (!(sy.cell_vacancy[c] > 0.0)) continue;
          if (!sim::bernoulli(g.so_trained ? p.market.binding_so : p.market.binding_regular, words[o][1]))
            continue;
          const double fte = draw_fte(p, sec, grad_words[gs[o]][0]);
          hire_entrant(s, ctx, vac, g.id, c, fte, g.age, 0, g.so_trained ? grad_so : grad_regular,
                       g.so_trained, g.rotated, kNone);
          grad_hired[gs[o]] = 1;
        }
        // 2. Qualified seekers: unbound graduates and returners in one draw order.
        seekers.clear();
        for (auto g : gs)
          if (!grad_hired[g]) seekers.push_back({s.graduates[g].id, g, kNone});
        const auto rs = returners[mi];
        for (std::size_t i = 0; i < rs.size(); ++i)
          seekers.push_back({rs[i].id, kNone, static_cast<std::int32_t>(i)});
        ids.resize(seekers.size());
        for (std::size_t i = 0; i < seekers.size(); ++i) ids[i] = seekers[i].id;
        for (auto o : draw_order(ids, rng, ctx.year, event::seeker, words)) {
          const auto& sk = seekers[o];
          const bool so_trained = sk.graduate != kNone && s.graduates[sk.graduate].so_trained;
          const auto c = vac.pick(m, so_trained, sim::uniform53(words[o][1], words[o][2]), kNone);
          if (c == kNone) continue;
          const double fte = draw_fte(p, sec, words[o][3]);
          if (sk.graduate != kNone) {
            const auto& g = s.graduates[sk.graduate];
            hire_entrant(s, ctx, vac, g.id, c, fte, g.age, 0, so_trained ? grad_so : grad_regular, so_trained,
                         g.rotated, kNone);
            grad_hired[sk.graduate] = 1;
          } else {
            const auto& rt = rs[static_cast<std::size_t>(sk.returning)];
            hire_entrant(s, ctx, vac, rt.id, c, fte, rt.age, rt.exp, returner, false, false, rt.cohort_rec);
            reserve_keep[static_cast<std::size_t>(rt.index)] = 0;
          }
        }
        // 3. Zij-instromers: in vo per (region, subject), by the subject's zij_share (12.4).
        const auto mid = ids::market(r, sec, x);
        std::uint32_t call = 0;
        const double mean = p.zij.inflow[sec] * p.world.scale * w.weight[r][sec] *
                            (sec == vo ? w.subjects.zij_share[x] : 1.0) *
                            (1.0 + p.zij.shortage_elasticity * s.last_market_rate[mi]);
        const auto count = sim::poisson(mean, [&] {
          const auto a = rng.draw(mid, ctx.year, event::zij_count, call++);
          return sim::uniform53(a[0], a[1]);
        });
        ids.resize(static_cast<std::size_t>(count));
        for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = ids::zij(ctx.year, r, sec, x, i);
        for (auto o : draw_order(ids, rng, ctx.year, event::zij_candidate, words)) {
          const auto id = ids[o];
          const auto c = vac.pick(m, false, sim::uniform53(words[o][1], words[o][2]), kNone);
          if (c == kNone) break;  // no vacancy left in this market: the rest are gone too
          const int age = sim::uniform_int(p.zij.age_range[0], p.zij.age_range[1], words[o][3]);
          hire_entrant(s, ctx, vac, id, c, 1.0, age, 0, zij, false, false, kNone);
        }
      }
    // 4. Groenpluk across the region's sectors, school by school.
    groenpluk_hiring(s, ctx, rng, r, region_students[static_cast<std::size_t>(r)]);
    // 5. Stopgaps, per cell.
    for (int m = w.subject_market(r, po, 0), end = m + w.markets_per_region(); m < end; ++m)
      for (auto c : w.market_cells[static_cast<std::size_t>(m)]) stopgaps(c);
  }

  // Unhired: a returner stays in the reserve, a graduate joins the reserve of the region it searched in.
  sim::soa_remove(s.reserve, std::move(reserve_keep));
  for (std::size_t g = 0; g < s.graduates.size(); ++g)
    if (!grad_hired[g]) {
      const auto& gr = s.graduates[g];
      join_reserve(s.reserve, gr.id, gr.sector, gr.subject, search_region[g], gr.age, 0, ctx.year, kNone);
    }
}

void zij_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(),
              {
                  {"zij.dropout", schema::kProb, schema::kProbPerYear,
                   "chance to drop out in each trajectory year", "6.3", TLM_FIELD(zij.dropout)},
                  {"zij.so_effect", schema::kNonNeg, schema::kMultiplier, "zij dropout at member schools",
                   "6.3", TLM_FIELD(zij.so_effect)},
                  {"zij.years", schema::Range{1, 10}, "years", "length of the zij trajectory", "6.3",
                   TLM_FIELD(zij.years)},
                  {"zij.inflow", schema::kPeopleCount, "persons per year",
                   "zij candidates a year nationally (at zero shortage)", "6.6", TLM_FIELD(zij.inflow)},
                  {"zij.shortage_elasticity", schema::kNonNeg, "per shortage rate",
                   "zij inflow rises by 1 + this x last year's shortage rate", "6.6",
                   TLM_FIELD(zij.shortage_elasticity)},
                  {"zij.age_range", schema::Range{16, 100}, "ages", "[lowest, highest] age of zij candidates",
                   "6.6", TLM_FIELD(zij.age_range)},
              });
}

void market_keys(std::vector<schema::Key>& keys) {
  keys.insert(keys.end(),
              {
                  {"market.enabled", schema::kAny, "",
                   "false: no hires, returns, zij-instroom or groenpluk (checks of section 8)", "8",
                   TLM_FIELD(market.enabled)},
                  {"market.binding_so", schema::kProb, "probability",
                   "chance an SO-trained graduate is hired at its last placement school", "6.6",
                   TLM_FIELD(market.binding_so)},
                  {"market.binding_regular", schema::kProb, "probability",
                   "chance another graduate is hired at its last placement school", "6.6",
                   TLM_FIELD(market.binding_regular)},
                  {"market.so_member_preference", schema::kPositive, schema::kMultiplier,
                   "weight of member schools when an SO-trained seeker picks a school", "6.6",
                   TLM_FIELD(market.so_member_preference)},
                  {"market.stopgap_share", schema::kProb, "share of vacancy",
                   "share of remaining vacancy filled by stopgaps", "6.6", TLM_FIELD(market.stopgap_share)},
              });
}

}  // namespace tlm::models
