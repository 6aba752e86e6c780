// `tlm validate`, `tlm show`, `tlm scenarios`: scenario files in, problems or resolved TOML out.
#include <algorithm>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "models/outcomes.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace tlm::app {
namespace {

struct ScenarioCommandOptions {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  std::string scenario;
  bool keys_markdown = false;
  bool metrics_markdown = false;
  bool subject_metrics_markdown = false;
};

// Every file is checked, even after a bad one, so one call reports every problem; then exit 2 if any.
void validate(const ScenarioCommandOptions& o) {
  std::vector<models::InputError> all;
  for (const auto& file : o.files) {
    try {
      models::load_scenario(file, o.overrides);
      std::cout << (file == "-" ? "<stdin>" : file) << ": ok\n";
    } catch (const models::ScenarioErrors& e) {
      all.insert(all.end(), e.errors().begin(), e.errors().end());
    }
  }
  std::cout << std::flush;
  if (!all.empty()) throw models::ScenarioErrors(std::move(all));
}

void show(const ScenarioCommandOptions& o) {
  if (o.keys_markdown) {
    std::cout << models::schema::keys_markdown();
    return;
  }
  if (o.subject_metrics_markdown) {
    std::cout << models::subject_metrics_markdown();
    return;
  }
  if (o.metrics_markdown) {
    std::cout << models::metrics_markdown();
    return;
  }
  std::cout << models::to_toml(models::load_scenario(o.scenario, o.overrides).params);
}

void list_scenarios() {
  const auto all = models::embedded_scenarios();
  std::size_t width = 0;
  for (const auto& s : all) width = std::max(width, s.name.size());
  for (const auto& s : all) std::cout << fmt::format("{:<{}}  {}\n", s.name, width, s.description);
}

}  // namespace

void register_scenario_commands(CLI::App& app) {
  auto opts = std::make_shared<ScenarioCommandOptions>();

  auto* val = app.add_subcommand(
      "validate",
      "Check scenario files and report every problem as file:line:column: message (exit 2 if any).");
  val->add_option("files", opts->files, "Scenario files, embedded scenario names, or - for standard input")
      ->required();
  val->add_option("--set", opts->overrides,
                  "Override a key after the file: key.path=value (a TOML value; a bare word is a string). "
                  "Problems are reported as --set:N:COLUMN for the N-th --set")
      ->allow_extra_args(false);
  val->callback([opts] { validate(*opts); });

  auto* sh =
      app.add_subcommand("show", "Print the resolved scenario: every key, defaults filled in, as TOML.");
  sh->add_option("scenario", opts->scenario, "A scenario file, an embedded scenario name, or -")
      ->default_val("nl-baseline");
  sh->add_option("--set", opts->overrides, "Override a key: key.path=value (see tlm validate --help)")
      ->allow_extra_args(false);
  // Regenerates the key table of docs/scenarios.md; a test checks the two agree.
  sh->add_flag("--keys-markdown", opts->keys_markdown, "Print the scenario key reference as markdown")
      ->group("");
  // Regenerates the metric table of docs/output.md from the metric registry; a test checks the two agree.
  sh->add_flag("--metrics-markdown", opts->metrics_markdown, "Print the metric reference as markdown")
      ->group("");
  sh->add_flag("--subject-metrics-markdown", opts->subject_metrics_markdown,
               "Print the subject metric reference as markdown")
      ->group("");
  sh->callback([opts] { show(*opts); });

  auto* list =
      app.add_subcommand("scenarios", "List the embedded scenarios with their one-line descriptions.");
  list->callback([] { list_scenarios(); });
}

}  // namespace tlm::app
