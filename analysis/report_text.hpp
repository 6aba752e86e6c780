// The words of the report in each language it speaks (`--lang en|nl`): one table of strings per language,
// the only place where the report's text differs by language, and the first page's answer to the question
// ("what does this policy do, how sure is that, at what cost") built from them.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tlm::analysis {

enum class Lang { en, nl };

// "en" or "nl"; anything else is an InputError ("--lang xx: unknown language; use en or nl").
Lang parse_lang(const std::string& code);

// Every text of the report that differs by language. Texts with {} are fmt format strings; the comment names
// their arguments in order.
struct Words {
  const char* code;  // <html lang="...">
  const char* title;
  const char* and_alternatives;  // page title: "<base> and alternatives"
  const char* intro;
  const char* intro_paired;    // base
  const char* intro_unpaired;  // base, the list of reasons (<li>s)
  const char* changed_box;     // the list of --set texts (<li>s)
  const char* before_you_read;
  const char* caveat_chance;
  const char* caveat_settle;  // start year
  const char* caveat_model;
  // The answer on the first page.
  const char* answer_heading;
  const char* answer_note;
  const char* answer_changes;     // alternative, base, the changes
  const char* answer_no_changes;  // alternative, base
  const char* more_settings;      // how many more
  const char* setting_change;     // what, base value, alternative value
  const char* default_value;      // a setting the scenario leaves at its default
  const char* answer_fte_years;  // first year, last year, size, "lower"/"higher", base, lo, hi, share of base
  const char* answer_fte_years_zero;  // first year, last year, mean, lo, hi
  const char* answer_last_year;       // year, size, "lower"/"higher", lo, hi
  const char* answer_last_year_zero;  // year, mean, lo, hi
  const char* lower;
  const char* higher;
  const char* retention_clear;    // route, size, "lower"/"higher", lo, hi
  const char* retention_unclear;  // the routes
  const char* and_word;
  const char* sure_paired;    // runs
  const char* sure_unpaired;  // why not paired
  const char* cost_diff;      // first year, last year, size, "more"/"less", lo, hi
  const char* cost_same;      // first year, last year, lo, hi
  const char* more;
  const char* less;
  const char* cost_avoided;       // ratio, lo, hi
  const char* cost_avoided_open;  // ratio, lo
  const char* cost_cheaper;
  const char* cost_more_no_fewer;
  const char* cost_saved;  // ratio per FTE-year added, lo, hi
  const char* cost_no_reduction;
  const char* cost_unreliable;  // runs, the reliable minimum
  const char* no_costs;
  // Route names in plain words: grad_so, grad_regular, groenpluk, zij.
  const char* route_grad_so;
  const char* route_grad_regular;
  const char* route_groenpluk;
  const char* route_zij;
  // Section headings.
  const char* h_summary;
  const char* h_headlines;
  const char* h_subjects;
  const char* h_subject_effects;
  const char* h_regions;
  const char* h_shortage;
  const char* h_retention;
  const char* h_so_share;
  const char* h_effects;  // base
  const char* h_all_effects;
  const char* h_costs;
  const char* h_settings;
  const char* h_definitions;
  // The regions section.
  const char* regions_note;  // year
  const char* regions_no_urban;
  const char* region;
  const char* urban;
  const char* shortage_rate;
  const char* interval90;
  const char* regions_contrast;  // scenario
  const char* urban_regions;
  const char* other_regions;
  const char* year_axis;
  const char* rate_axis;
  const char* regions_effect_note;  // year
  const char* regions_effect_head;  // alternative, base
  const char* helps_most;
  const char* helps_least;
  const char* rate_difference;
  const char* interval95;
  const char* to;  // "−1.2 to +0.3"
  const char* million;
  // The vo subjects' effects.
  const char* subject_effects_note;  // year
  const char* subject_forest_title;  // alternative, year
  const char* subject_forest_axis;
  // The summary `tlm compare -q` prints.
  const char* q_vs;              // alternative, base
  const char* q_total_shortage;  // year
  const char* q_over_years;
  const char* q_fte_years;
  const char* q_effect;  // what, mean, unit, lo, hi
  const char* q_paired;
  const char* q_unpaired;  // why not paired
  const char* q_wrote;     // the three files written

  // Why two scenarios' runs do not pair (pairing_of); joined with "; ".
  const char* unpaired_seeds;         // base seed, alternative seed
  const char* unpaired_replications;  // base replications, alternative's
  const char* unpaired_years;         // base start, end, alternative start, end
  const char* unpaired_start;         // start year

  // The provenance line and the settings table (page.cpp).
  const char* provenance;     // file, tlm version, created, command
  const char* compared_with;  // alternative, base ("<alt> compared with <base>")
  const char* no_setting_differs;
  const char* setting;
  const char* set_same_value;
  const char* not_set;
  const char* set_same_note;

  // Outcome labels (indicator_label, effect_label): metric names and "all sectors".
  const char* m_shortage_fte;
  const char* m_open_fte;
  const char* m_shortage_fte_years;
  const char* m_retention_5y;
  const char* m_so_share;
  const char* m_graduation_share;
  const char* m_groenpluk_hires;
  const char* m_zij_completion_share;
  const char* m_cost_total;
  const char* m_shortage_rate;
  const char* all_sectors;
  const char* all_programmes;  // the graduation share of every programme together

  // The summary bullets of each scenario.
  const char* changed_by_set;    // after a scenario's name
  const char* changed_with_set;  // the --set texts
  const char* as_written;        // the description
  const char* scenario_meta;     // replications, seed, first year, last year
  const char* s_shortage;        // year, sector, mean, p05, p95
  const char* s_that_is;         // the effect sentence
  const char* s_fte_years;       // first year, last year, mean, p05, p95
  const char* s_retention;       // route, first entry year, last, share
  const char* s_so_share;        // year, share
  const char* s_graduation;      // first entry year, last, share
  const char* s_zij;             // first hiring year, last, share
  const char* s_cost;            // first year, last year, mean, p05, p95
  const char* s_cost_effect;     // difference, base, lo, hi, what it means
  // The sentence of an effect (effect_sentence).
  const char* e_same_every_run;  // base
  const char* e_same_on_average;
  const char* e_lower_than;
  const char* e_higher_than;
  const char* e_under;          // base, "unpaired " or "", lo, hi
  const char* e_unpaired_word;  // "unpaired " (with its space) or the Dutch adjective
  const char* e_runs;           // "lower"/"higher", share
  const char* percentage_points;
  const char* fte_years;  // the unit

  // Cost readings (cost_text).
  const char* c_interval;     // lo, hi, the unreliable note or ""
  const char* c_unreliable;   // replications, the reliable minimum
  const char* c_per_avoided;  // price, interval
  const char* c_cheaper;
  const char* c_same_fewer;
  const char* c_more_no_fewer;
  const char* c_saved;         // price, interval
  const char* c_no_reduction;  // "costs less" etc.
  const char* c_costs_less;
  const char* c_costs_more;
  const char* c_same_cost;

  // Tables.
  const char* headlines_note;
  const char* outcome;
  const char* range_ci;  // mean … : p05, p95, ci lo, ci hi (after the mean and a <br>)
  const char* subjects_note;
  const char* thin_subjects;  // scenario, world.scale
  const char* subject_effects_table_note;
  const char* subject;
  const char* fte;
  const char* rate;
  const char* subject_effects_head;  // alternative, base, year
  const char* fte_difference;
  const char* lower_in;
  const char* range;  // lo, hi ("−1.2 to +0.3")
  const char* effects_table_note;
  const char* effects_unpaired;
  const char* scenario;
  const char* base_col;
  const char* alternative;
  const char* difference;
  const char* unpaired_interval;
  const char* better_in;
  const char* lower_mark;  // after a share of runs that counts lower (groenpluk)
  const char* better_in_note;
  const char* costs_note;  // first, last year, runs, resamples, seed, the unreliable clause
  const char* costs_note_unreliable;
  const char* costs_unpaired_note;
  const char* sectors;
  const char* cost_difference;
  const char* shortage_difference;
  const char* what_it_means;
  const char* all;

  // Charts.
  const char* shortage_note;
  const char* sector_heading;  // sector
  const char* all_sectors_heading;
  const char* shortage_median_axis;
  const char* medians_title;     // sector words
  const char* difference_axis;   // base
  const char* difference_title;  // base, sector words
  const char* shortage_axis;
  const char* fan_title;  // scenario, sector words
  const char* median;
  const char* middle50;
  const char* retention_note;  // first, last entry year
  const char* years_after_start;
  const char* still_teaching;
  const char* retention_title;  // scenario
  const char* so_share_note;
  const char* so_share_axis;
  const char* so_share_title;
  const char* forest_shortage_title;
  const char* forest_shortage_axis;
  const char* forest_fte_years_title;
  const char* forest_fte_years_axis;
  const char* forest_shares_title;
  const char* forest_shares_axis;

  // The regions section: the effects where no region's interval leaves zero out.
  const char* regions_no_clear;  // alternative
  const char* not_told_apart;    // after a region whose interval includes zero

  // The definitions section (<li> items).
  const char* d_shortage;
  const char* d_fte_years;
  const char* d_retention;
  const char* d_graduation;
  const char* d_zij;
  const char* d_cost;
  const char* d_intervals;

  // The terminal table of `tlm compare` and `tlm effects` (print_effects, print_cost_effects).
  const char* t_paired_head;    // alternative, base
  const char* t_unpaired_head;  // alternative, base
  const char* t_not_paired;     // why
  const char* t_base;
  const char* t_alt;
  const char* t_difference;
  const char* t_interval;
  const char* t_better;
  const char* t_groenpluk;
  const char* t_costs_head;  // first, last year, "paired"/"Welch"
  const char* t_paired;
  const char* t_cost_row;            // sector, cost, lo, hi, shortage, lo, hi
  const char* t_bootstrap_paired;    // pairs, resamples, seed
  const char* t_bootstrap_unpaired;  // resamples, seed
  const char* t_wrote_two;           // the two files of `tlm effects`
};

// The texts of the sweep report (sweep_report.cpp) that differ by language; the report's other texts (the
// provenance, the settings table, outcome labels, "median") come from Words.
struct SweepWords {
  const char* title;  // base
  const char* h1;
  const char* intro;  // base, " was" or the alternatives clause, points, design, number of parameters,
                      // "parameter(s)", replications, "replication(s)", seed, the paired clause or ""
  const char* was;
  const char* and_alternative;   // the alternative
  const char* and_alternatives;  // the alternatives
  const char* parameter;
  const char* parameters;
  const char* replication;
  const char* replications;
  const char* grid;
  const char* lhs;
  const char* sobol;
  const char* paired_clause;
  const char*
      incomplete;  // "Some tasks failed" or "The sweep is not complete", done, total, the failed clause
  const char* some_failed;
  const char* not_complete;
  const char* failed;  // how many
  const char* h_design;
  const char*
      design_meta;  // file, kind, points, replications, tasks, done, seed, base, the alternatives or ""
  const char* alternatives_list;  // the alternatives
  const char* design_file;
  const char* parameter_col;
  const char* values;
  const char* scale;
  const char* range;  // low, high, points, "Latin hypercube" or "Sobol sequence"
  const char* sobol_sequence;
  const char* log;
  const char* linear;
  const char* h_read;
  const char* read_noise;
  const char* read_pooled_grid;
  const char* read_pooled_bins;
  const char* read_not_parameters;
  const char* read_bins;  // points per bin, bins
  const char* read_definitions;
  const char* h_effect;     // alternative, base
  const char* h_levels;     // base
  const char* effect_note;  // alternative, base
  const char* effect_on;    // outcome
  const char* h_numbers;
  const char* numbers_note;
  const char* series;
  const char* value;
  const char* points;
  const char* runs;
  const char* median_effect;
  const char* single_points;
  const char* log_scale;      // after the parameter's key
  const char* difference_in;  // the axis
  const char* band;
  const char* rate_axis;
  const char* fte_years_axis;
  const char* cost_axis;
};
const SweepWords& sweep_words(Lang lang);

// The texts of the report of `tlm compare --posterior` (app/commands_posterior.cpp) and of its terminal
// table; the provenance, the settings table and outcome labels come from Words.
struct PosteriorWords {
  const char* title;      // base
  const char* h1;         // base
  const char* intro;      // draws, calibration file, generation, parameters, replications
  const char* intervals;  // what the two intervals hold and what neither holds
  const char* h_alt;      // alternative, base
  const char* outcome;
  const char* base;
  const char* alternative;
  const char* effect;
  const char* with_parameters;
  const char* noise_alone;
  const char* noise_share;
  const char* range;        // lo, hi
  const char* t_intro;      // draws, calibration file, replications, output folder
  const char* t_vs;         // alternative, base
  const char* t_wrote;      // output folder
  const char* few_draws;    // draws, the advised least (a warning on stderr)
  const char* not_applied;  // key, year, scenario, its start year (a warning on stderr)
};
const PosteriorWords& posterior_words(Lang lang);

// The texts of the report of a calibration file (calibration_report.cpp); its provenance comes from Words.
struct CalibrationWords {
  const char* title;  // scenario
  const char* h1;     // scenario
  const char* its_base;
  const char* h_summary;
  const char* summary;  // parameters, "parameter(s)", their keys, scenario, targets, "target(s)", their
                        // labels, generations, "generation(s)", particles, the replications clause or "",
                        // tolerance, only_prior or about_m
  const char* parameter;
  const char* parameters;
  const char* target;
  const char* targets;
  const char* generation;
  const char* generations;
  const char* replication;
  const char* replications;
  const char* replications_clause;  // replications, "replication(s)"
  const char* only_prior;
  const char* about_m;       // targets
  const char* loose;         // tolerance, targets
  const char* li_parameter;  // key, median, 5%, 95%, the prior
  const char* li_target;     // label, measured, sd, median, 5%, 95%
  const char* what_it_says;
  const char* h_targets;
  const char* targets_note;  // the last generation
  const char* legend_before;
  const char* legend_after;  // the last generation
  const char* measured;
  const char* measured_sd;
  const char* before_prior;
  const char* after_posterior;
  const char* target_col;
  const char* before_median;
  const char* after_median;
  const char* h_posterior;
  const char* posterior_note;  // bins
  const char* log_scale;
  const char* share_of_weight;
  const char* posterior;
  const char* prior;
  const char* median;
  const char* interval90;
  const char* parameter_col;
  const char* prior_5;
  const char* prior_95;
  const char* posterior_median;
  const char* width_ratio;
  const char* width_note;
  const char* uniform;      // low, high
  const char* log_uniform;  // low, high
  const char* h_correlations;
  const char* one_parameter;
  const char* correlations_note;
  const char* h_generations;
  const char* generations_note;
  const char* acceptance_rate;
  const char* ess_series;
  const char* tolerance;
  const char* generation_col;
  const char* share;
  const char* rates_title;
  const char* tolerance_axis;
  const char* tolerance_title;
  const char* proposals;
  const char* accepted;
  const char* ess_col;
  const char* h_file;
};
const CalibrationWords& calibration_words(Lang lang);

// The texts of the headline table that `tlm run` prints (print_headlines in headlines.cpp). Sector, route,
// programme and subject codes stay as they are, as in the reports.
struct HeadlineWords {
  const char* heading;         // scenario, replications, seed, first year, last year
  const char* total_shortage;  // the table's title
  const char* total;           // the row and the entry of all sectors together
  const char* thin_subjects;   // world.scale
  const char* subject_fte;     // the table's title
  const char* subject_rate;    // the table's title
  const char* fte_years;       // first year, last year
  const char* retention;       // first and last entry year
  const char* so_share;        // first year, its band, last year, its band
  const char* graduation;      // first intake, last intake, eerstegraads' last intake
  const char* all_programmes;  // the entry of all programmes together
  const char* zij_completion;  // first and last year of hiring
  const char* costs;           // first year, last year
  const char* wrote;           // path, seconds
};
const HeadlineWords& headline_words(Lang lang);

// Every text of a table, in the order of its members (for tests: the English ones must not appear in a
// Dutch page). Every member of Words is a const char*.
inline constexpr std::size_t kWordsCount = sizeof(Words) / sizeof(const char*);
std::array<const char*, kWordsCount> all_texts(const Words& w);
inline constexpr std::size_t kSweepWordsCount = sizeof(SweepWords) / sizeof(const char*);
std::array<const char*, kSweepWordsCount> all_texts(const SweepWords& w);
inline constexpr std::size_t kPosteriorWordsCount = sizeof(PosteriorWords) / sizeof(const char*);
std::array<const char*, kPosteriorWordsCount> all_texts(const PosteriorWords& w);
inline constexpr std::size_t kCalibrationWordsCount = sizeof(CalibrationWords) / sizeof(const char*);
std::array<const char*, kCalibrationWordsCount> all_texts(const CalibrationWords& w);
inline constexpr std::size_t kHeadlineWordsCount = sizeof(HeadlineWords) / sizeof(const char*);
std::array<const char*, kHeadlineWordsCount> all_texts(const HeadlineWords& w);

const Words& words(Lang lang);

// A number as the language writes it: "12,345.6" in English, "12.345,6" in Dutch.
std::string localize(const std::string& number, Lang lang);

// The plain name of a route of entry ("graduates of partnership programmes (Samen Opleiden)"); the code
// itself for a route without one.
std::string route_words(const std::string& route, Lang lang);
// A setting in plain words ("the quality of induction for starting teachers"), or nullopt for a key the table
// does not know (the report then shows the key).
std::optional<std::string> setting_words(const std::string& key, Lang lang);

}  // namespace tlm::analysis
