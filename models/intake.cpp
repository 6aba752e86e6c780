// Intake of new students (docs/model.md 6.4, "Intake"): the programme's yearly intake, split over regions,
// with the institute in the partnership raised towards a policy target.
#include <algorithm>
#include <cmath>

#include "models/events.hpp"
#include "models/keys.hpp"
#include "models/phases.hpp"
#include "sim/apportion.hpp"

namespace tlm::models {

void intake(State& s, const YearContext& ctx, const sim::Stream& rng) {
  const auto& p = s.params;
  const auto& w = s.world;
  auto& st = s.students;
  std::vector<double> main_weight(w.regions);
  for (int k = 0; k < kProgrammes; ++k) {
    for (int r = 0; r < w.regions; ++r) main_weight[r] = w.weight[r][kMainSector[k]];
    const long total = std::lround(p.study.intake[k] * p.world.scale *
                                   std::pow(1.0 + p.study.intake_growth, ctx.year - ctx.start_year));
    s.out.cohort_intake(ctx.index, k) += static_cast<double>(total);
    // Institutes in the partnership: raised linearly for new intake to the policy target where set.
    double in_partnership = p.study.institute_in_partnership[k];
    if (p.policy.institutes.target_share && p.policy.institutes.target_year) {
      const int span = *p.policy.institutes.target_year - ctx.start_year;
      const double f =
          span <= 0 ? 1.0 : std::clamp(static_cast<double>(ctx.year - ctx.start_year) / span, 0.0, 1.0);
      in_partnership =
          std::max(in_partnership, in_partnership + (*p.policy.institutes.target_share - in_partnership) * f);
    }
    const auto per_region = sim::largest_remainder(total, main_weight);
    std::vector<std::uint64_t> new_ids;
    new_ids.reserve(static_cast<std::size_t>(std::max(0L, total)));
    for (int r = 0; r < w.regions; ++r)
      for (long i = 0; i < per_region[r]; ++i)
        new_ids.push_back(ids::student(ctx.year, k, r, static_cast<std::uint64_t>(i)));
    std::vector<sim::Words> words(new_ids.size());
    rng.draw_many(new_ids, ctx.year, event::intake, words);
    std::size_t next = 0;
    for (int r = 0; r < w.regions; ++r)
      for (long i = 0; i < per_region[r]; ++i, ++next)
        append_student(st, new_ids[next], k, draw_study_subject(w.subjects, k, words[next][1]), 1, r,
                       sim::bernoulli(in_partnership, words[next][0]), p.study.intake_age[k], ctx.year);
  }
}

void institutes_policy_keys(std::vector<schema::Key>& keys) {
  keys.insert(
      keys.end(),
      {
          {"policy.institutes.target_share", schema::kProb, "probability",
           "institute_in_partnership of new intake reached in target_year (unset: no change)", "6.4",
           TLM_FIELD(policy.institutes.target_share)},
          {"policy.institutes.target_year", schema::kYear, "year",
           "year policy.institutes.target_share is reached", "6.4", TLM_FIELD(policy.institutes.target_year)},

      });
}

}  // namespace tlm::models
