// The words of the report in each language it speaks (`--lang en|nl`): one table of strings per language,
// the only place where the report's text differs by language, and the first page's answer to the question
// ("what does this policy do, how sure is that, at what cost") built from them.
#pragma once

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
};

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
