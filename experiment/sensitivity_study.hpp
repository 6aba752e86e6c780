// A sensitivity study (docs/sensitivity.md): the file of `tlm sensitivity`, read and turned into a sweep of
// the points that its method needs (inference/sensitivity.hpp), and the outputs it explains.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "experiment/design.hpp"
#include "inference/sensitivity.hpp"
#include "models/params.hpp"

namespace tlm::experiment {

enum class SensitivityMethod { Sobol, Morris, Oat };
const char* method_name(SensitivityMethod m);

// The output "retention_5y": the share of the entrants (of a route, or all but the initial teachers) of the
// cohorts followed for five years who still teach five years on (docs/model.md 7.4), pooled over those
// cohorts. Written `retention = "<route>"` with `k = 1 … 5`, the same k years after entry.
inline constexpr const char* kRetentionOutput = "retention_5y";
// The routes a retention quantity takes besides each route: "starters" (the graduates, grad_so and
// grad_regular pooled: docs/model.md 14) and "all" (every route but the initial teachers).
inline constexpr const char* kStartersRoute = "starters";

// One output to explain: a national metric of a sector (or all) in a year (or summed over every year), or the
// 5-year retention of the entrants of a sector (of entry) and route, of the base scenario or, as a paired
// effect ALT − BASE, of an alternative.
struct SensitivityOutput {
  std::string metric;
  std::string route = "all";  // retention: grad_so, grad_regular, zij, groenpluk, returner, starters or all
  int k = 5;                  // retention: years after entry
  std::string subject;        // a vo subject: the metric is its subject metric (docs/output.md); "" none
  std::string sector = "all";
  std::optional<int> year;  // none: every year (FTE-years for an FTE metric)
  std::string of;           // "": the base scenario's level; else the alternative (as named in the file)
  std::string label;        // the user's name for it, or one made from the above
  models::InputError where;
};

struct SensitivityStudy {
  Design design;  // the scenario, alternatives, replications, seed and parameters; its points: the plan's
  SensitivityMethod method = SensitivityMethod::Sobol;
  int samples = 0;  // sobol: base samples N; morris: trajectories r
  int levels = 4;   // morris
  int bootstrap = 1000;
  std::uint64_t design_seed = 1;  // Morris trajectories and the bootstrap
  std::vector<SensitivityOutput> outputs;
  std::optional<inference::SaltelliPlan> saltelli;
  std::optional<inference::MorrisPlan> morris;
  std::vector<double> oat_base;  // oat: the base scenario's values in the unit cube
};

// One quantity of a study file's table `o` (an [[output]], a calibration's [[target]]): metric, sector, year
// or years, route, label; `what` names the table in messages; the base scenario bounds the years.
class Reader;
SensitivityOutput read_quantity(Reader& rd, const toml::table& o, const std::string& what,
                                const std::optional<models::Params>& base);

// Reads and checks the file (every key, type and bound; every output's metric, sector and year; the
// parameters' keys and ranges are checked at every point by plan_sweep). Throws models::ScenarioErrors.
SensitivityStudy load_sensitivity(const std::string& path);

}  // namespace tlm::experiment
