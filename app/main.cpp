// `tlm`: the command. Wires scenarios, the model, the runner and analysis together, nothing else.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "models/scenario.hpp"
#include "sim/h5writer.hpp"
#include "sim/memory.hpp"
#include "tlm_version.hpp"  // TLM_VERSION, generated at build time (cmake/version.cmake)

int main(int argc, char** argv) {
  tlm::sim::keep_hdf5_out_of_exit();
  tlm::sim::keep_freed_memory();
  CLI::App app{
      "tlm: an agent-based simulator of the Dutch teacher labour market (schools, teachers, students and\n"
      "zij-instromers in Samen Opleiden partnerships). Runs policy scenarios many times over and compares "
      "them\n"
      "on common random numbers. `tlm COMMAND --help` describes each command.",
      "tlm"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(TLM_VERSION));
  app.footer(
      "Exit codes: 0 done, 1 failed while running, 2 bad input (usage, scenario), 3 a sweep with failed "
      "tasks,\n"
      "130 interrupted.\n"
      "Docs: README.md, docs/scenarios.md (every scenario key), docs/output.md (the results file).");
  try {
    tlm::app::register_run_commands(app);
    tlm::app::register_scenario_commands(app);
    tlm::app::register_analysis_commands(app);
    tlm::app::register_sweep_commands(app);
    tlm::app::register_sensitivity_commands(app);
    tlm::app::register_calibrate_commands(app);
    // `tlm help [COMMAND]`: the same text as `--help`, for those who type it the other way round.
    std::string topic;
    auto* help = app.add_subcommand("help", "Describe tlm, or one command (tlm help run)");
    help->add_option(
        "command", topic,
        "A command: run, compare, effects, sweep, sensitivity, calibrate, report, validate, show, scenarios");
    help->callback([&app, &topic] {
      if (topic.empty()) {
        std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
        return;
      }
      CLI::App* cmd = nullptr;
      try {
        cmd = app.get_subcommand(topic);
      } catch (const CLI::OptionNotFound&) {
        throw tlm::app::BadInput("no command `" + topic + "`; `tlm help` lists them");
      }
      std::cout << cmd->help(app.get_name());
    });
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const tlm::models::ScenarioErrors& e) {
    std::cerr << e.what() << std::flush;
    return 2;
  } catch (const tlm::app::BadInput& e) {
    std::cerr << "tlm: " << e.what() << "\n";
    return 2;
  } catch (const tlm::app::ExitWith& e) {
    if (*e.what()) std::cerr << "tlm: " << e.what() << "\n";
    return e.code;
  } catch (const tlm::app::Interrupted&) {
    std::cerr << "tlm: interrupted; no output written\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "tlm: error: " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << "tlm: error: unknown failure\n";
    return 1;
  }
  return 0;
}
