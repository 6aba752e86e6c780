#include "analysis/report_text.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "analysis/results.hpp"

namespace tlm::analysis {
namespace {

const Words kEnglish{
    .code = "en",
    .title = "The teacher labour market: simulation results",
    .and_alternatives = "{} and alternatives",
    .intro =
        "Each scenario was simulated many times (replications) with different random numbers; the numbers "
        "below are averages over those runs, with ranges that show how much they vary. Shortage means total "
        "shortage: posts with nobody in them plus posts filled by someone unqualified (FTE = full-time "
        "jobs).",
    .intro_paired =
        " Every alternative is compared with <strong>{}</strong>. Each scenario ran with the same "
        "seed, replications and start world, so run <em>i</em> of each uses the same random numbers: "
        "the differences are paired run by run, and chance plays a much smaller part in them.",
    .intro_unpaired =
        " Every alternative is compared with <strong>{}</strong>.</p>\n<p class=\"unpaired\"><strong>Not "
        "paired.</strong> Runs of two scenarios are paired (run <em>i</em> of each using the same random "
        "numbers) only when they have the same seed, replications and start world. For these alternatives "
        "that does not hold, so their differences are differences of the means with unpaired (Welch) "
        "intervals, which include the chance variation of both:</p>\n<ul class=\"unpaired\">\n{}</ul>\n<p>",
    .changed_box =
        "<div class=\"changed\"><p><strong>Changed for this run.</strong> Every scenario below ran "
        "with these changes (<code>--set</code>); its name and description are those of the scenario "
        "without them:</p>\n<ul>\n{}</ul></div>\n",
    .before_you_read = "Before you read",
    .caveat_chance =
        "<strong>The ranges cover chance only.</strong> The 90% ranges and 95% intervals show how much the "
        "simulation varies from run to run. They do not include uncertainty in the scenario's assumptions "
        "(the "
        "rates, prices and start numbers it is given) or in the model itself; for that, compare scenarios "
        "that "
        "vary them (<code>tlm sweep</code>, <code>tlm sensitivity</code>, <code>tlm compare "
        "--posterior</code>).",
    .caveat_settle =
        "<strong>The first years settle.</strong> {} is a generated start world, not a measured one. "
        "In the years after it the model moves towards the balance of its own flows (entry, exits, "
        "graduates), so the early levels are partly that adjustment. Read differences between "
        "scenarios, not early levels as a forecast.",
    .caveat_model =
        "<strong>What the model does not represent.</strong> Regions are markets of their own and "
        "schools are generated (unless a world is imported), so the numbers are not those of a real "
        "school, town or region; wages, working conditions and teachers' own choices beyond the "
        "model's rates are not in it; the costs are the policy costs it counts (SO places, "
        "partnerships, induction, joining), not a budget.",
    .answer_heading = "The answer in brief",
    .answer_note =
        "Per alternative: what changes, by how much, how sure that is and at what cost. The "
        "sections after this one give the detail.",
    .answer_changes = "<strong>{}</strong> differs from {} in {}.",
    .answer_no_changes = "<strong>{}</strong> has the same settings as {}.",
    .more_settings = "{} more settings (see “Settings that differ”)",
    .setting_change = "{} ({} instead of {})",
    .default_value = "the default",
    .answer_fte_years =
        " Over {}–{} the total shortage is <strong>{} FTE-years {}</strong> than under {} (95% "
        "interval {} to {}; {} of the base's shortage).",
    .answer_fte_years_zero =
        " Over {}–{} the simulation <strong>cannot tell the policy's effect on the shortage "
        "from zero</strong>: the difference is {} FTE-years, with a 95% interval from {} to "
        "{}.",
    .answer_last_year = " In {} the shortage is {} FTE {} (95% interval {} to {}).",
    .answer_last_year_zero =
        " In {} it cannot tell the effect from zero either ({} FTE, 95% interval {} to {}).",
    .lower = "lower",
    .higher = "higher",
    .retention_clear =
        " Of {}, the share still teaching 5 years after starting is {} percentage points {} (95% "
        "interval {} to {}).",
    .retention_unclear = " On the retention of {} the simulation cannot tell the effect from zero.",
    .and_word = "and",
    .sure_paired =
        " <em>How sure:</em> the intervals hold the simulation's chance variation only, paired run by "
        "run over {} runs with the same random numbers; they leave out the uncertainty of the model's "
        "parameters (for that: <code>tlm compare --posterior</code>).",
    .sure_unpaired =
        " <em>How sure:</em> the runs are not paired ({}), so the intervals are unpaired (Welch) "
        "intervals of the chance variation of both scenarios; they leave out the uncertainty of the "
        "model's parameters (for that: <code>tlm compare --posterior</code>).",
    .cost_diff = " <em>Cost:</em> over {}–{} the policy costs counted are {} {} (95% interval {} to {}).",
    .cost_same = " <em>Cost:</em> over {}–{} the policy costs counted are the same (95% interval {} to {}).",
    .more = "more",
    .less = "less",
    .cost_avoided = " That is <strong>{} per FTE-year of shortage avoided</strong> (95% interval {} to {}).",
    .cost_avoided_open =
        " That is <strong>{} per FTE-year of shortage avoided</strong>; the 95% interval runs "
        "from {} and has no upper bound: the simulation cannot rule out that the policy buys "
        "next to nothing.",
    .cost_cheaper = " It costs no more and lowers the shortage: no price per FTE-year is needed.",
    .cost_more_no_fewer =
        " It costs more but gives no detectable reduction of the shortage, so there is no "
        "price per FTE-year of shortage avoided.",
    .cost_saved =
        " It costs less and raises the shortage: {} saved per FTE-year of shortage added (95% interval "
        "{} to {}).",
    .cost_no_reduction = " It costs no more, and gives no detectable change in the shortage.",
    .cost_unreliable = " With {} runs (fewer than {}) the interval of that price is not reliable.",
    .no_costs = " The file holds no policy costs, so there is no price per FTE-year.",
    .route_grad_so = "graduates of partnership programmes (Samen Opleiden)",
    .route_grad_regular = "graduates of other teacher training",
    .route_groenpluk = "students hired before graduating",
    .route_zij = "career switchers",
    .h_summary = "Summary",
    .h_headlines = "Headline numbers",
    .h_subjects = "Shortage in vo by subject",
    .h_subject_effects = "Effects by vo subject",
    .h_regions = "Regions",
    .h_shortage = "Total shortage over time",
    .h_retention = "Retention of starting teachers",
    .h_so_share = "Students trained in Samen Opleiden",
    .h_effects = "Effects compared with {}",
    .h_all_effects = "All effects",
    .h_costs = "Costs per FTE-year of shortage avoided",
    .h_settings = "Settings that differ",
    .h_definitions = "Definitions",
    .regions_note =
        "Shortage rate of each region in {} (total shortage over demand, all sectors; mean over "
        "runs, with the range of 90% of runs), highest first. Urban regions are marked.",
    .regions_no_urban =
        "This file does not say which regions are urban (it was written before tlm recorded "
        "it): no urban–rest contrast.",
    .region = "region",
    .urban = "urban",
    .shortage_rate = "shortage rate",
    .interval90 = "90% of runs",
    .regions_contrast = "{}: shortage rate, urban regions and the rest",
    .urban_regions = "urban regions",
    .other_regions = "other regions",
    .year_axis = "school year (starting)",
    .rate_axis = "shortage rate (median run)",
    .regions_effect_note =
        "Where each alternative helps most and least: the difference in each region's "
        "shortage rate in {} (alternative − base, percentage points, 95% interval), the three "
        "regions where it falls most and the three where it falls least.",
    .regions_effect_head = "{} compared with {}",
    .helps_most = "helps most",
    .helps_least = "helps least",
    .rate_difference = "rate difference",
    .interval95 = "95% interval",
    .to = "to",
    .million = "million",
    .subject_effects_note =
        "The effect of each alternative on the shortage rate of each vo subject in {} "
        "(alternative − base, percentage points): dot the mean, line the 95% interval.",
    .subject_forest_title = "{}: shortage rate by vo subject, {}",
    .subject_forest_axis = "← better · difference (percentage points) · worse →",
    .q_vs = "{} vs {}:",
    .q_total_shortage = "total shortage {}",
    .q_over_years = "over the years",
    .q_fte_years = "FTE-years",
    .q_effect = " {} {} {} [{}, {}];",
    .q_paired = " 95% intervals, paired",
    .q_unpaired = " 95% Welch intervals, not paired: {}",
};

const Words kDutch{
    .code = "nl",
    .title = "De arbeidsmarkt voor leraren: uitkomsten van de simulatie",
    .and_alternatives = "{} en alternatieven",
    .intro =
        "Elk scenario is vele keren gesimuleerd (replicaties), telkens met andere toevalsgetallen; de "
        "getallen "
        "hieronder zijn gemiddelden over die runs, met bandbreedtes die laten zien hoeveel ze variëren. "
        "Tekort "
        "betekent het totale tekort: vacatures die niemand vervult plus banen die iemand zonder bevoegdheid "
        "vervult (FTE = voltijdbanen).",
    .intro_paired =
        " Elk alternatief is vergeleken met <strong>{}</strong>. Alle scenario's draaiden met "
        "dezelfde seed, replicaties en startwereld, dus run <em>i</em> van elk gebruikt dezelfde "
        "toevalsgetallen: de verschillen zijn per run gepaard en het toeval speelt er een veel "
        "kleinere rol in.",
    .intro_unpaired =
        " Elk alternatief is vergeleken met <strong>{}</strong>.</p>\n<p class=\"unpaired\"><strong>Niet "
        "gepaard.</strong> Runs van twee scenario's zijn alleen gepaard (run <em>i</em> van elk met dezelfde "
        "toevalsgetallen) als ze dezelfde seed, replicaties en startwereld hebben. Voor deze alternatieven "
        "geldt "
        "dat niet; hun verschillen zijn verschillen van gemiddelden met ongepaarde (Welch-)intervallen, die "
        "de "
        "toevalsvariatie van beide bevatten:</p>\n<ul class=\"unpaired\">\n{}</ul>\n<p>",
    .changed_box =
        "<div class=\"changed\"><p><strong>Gewijzigd voor deze run.</strong> Elk scenario hieronder "
        "draaide met deze wijzigingen (<code>--set</code>); naam en beschrijving zijn die van het "
        "scenario zonder de wijzigingen:</p>\n<ul>\n{}</ul></div>\n",
    .before_you_read = "Lees dit eerst",
    .caveat_chance =
        "<strong>De bandbreedtes gaan alleen over toeval.</strong> De 90%-bandbreedtes en 95%-intervallen "
        "laten "
        "zien hoeveel de simulatie van run tot run varieert. Onzekerheid in de aannames van het scenario (de "
        "kansen, prijzen en startaantallen) of in het model zelf zit er niet in; vergelijk daarvoor "
        "scenario's "
        "die ze variëren (<code>tlm sweep</code>, <code>tlm sensitivity</code>, <code>tlm compare "
        "--posterior</code>).",
    .caveat_settle =
        "<strong>De eerste jaren komen tot rust.</strong> {} is een gegenereerde startwereld, geen "
        "gemeten wereld. In de jaren daarna beweegt het model naar het evenwicht van zijn eigen "
        "stromen (instroom, uitstroom, afgestudeerden), dus de vroege niveaus zijn deels die "
        "aanpassing. Lees de verschillen tussen scenario's, niet de vroege niveaus als voorspelling.",
    .caveat_model =
        "<strong>Wat het model niet weergeeft.</strong> Regio's zijn elk een eigen markt en scholen "
        "zijn gegenereerd (tenzij een wereld is ingelezen), dus de getallen zijn niet die van een "
        "echte school, gemeente of regio; salarissen, arbeidsomstandigheden en keuzes van leraren "
        "buiten de kansen van het model zitten er niet in; de kosten zijn de beleidskosten die het "
        "telt (plaatsen in Samen Opleiden, partnerschappen, begeleiding, aansluiten), geen begroting.",
    .answer_heading = "Het antwoord in het kort",
    .answer_note =
        "Per alternatief: wat er verandert, hoeveel, hoe zeker dat is en tegen welke kosten. De "
        "onderdelen hierna geven de details.",
    .answer_changes = "<strong>{}</strong> verschilt van {} in {}.",
    .answer_no_changes = "<strong>{}</strong> heeft dezelfde instellingen als {}.",
    .more_settings = "nog {} instellingen (zie „Instellingen die verschillen”)",
    .setting_change = "{} ({} in plaats van {})",
    .default_value = "de standaardwaarde",
    .answer_fte_years =
        " Over {}–{} is het totale tekort <strong>{} FTE-jaren {}</strong> dan bij {} "
        "(95%-interval {} tot {}; {} van het tekort in het basisscenario).",
    .answer_fte_years_zero =
        " Over {}–{} kan <strong>de simulatie het effect op het tekort niet van nul "
        "onderscheiden</strong>: het verschil is {} FTE-jaren, met een 95%-interval van {} "
        "tot {}.",
    .answer_last_year = " In {} is het tekort {} FTE {} (95%-interval {} tot {}).",
    .answer_last_year_zero =
        " Ook in {} kan de simulatie het effect niet van nul onderscheiden ({} FTE, "
        "95%-interval {} tot {}).",
    .lower = "lager",
    .higher = "hoger",
    .retention_clear =
        " Van de {} is het aandeel dat 5 jaar na de start nog lesgeeft (behoud) {} procentpunt {} "
        "(95%-interval {} tot {}).",
    .retention_unclear = " Op het behoud van {} kan de simulatie het effect niet van nul onderscheiden.",
    .and_word = "en",
    .sure_paired =
        " <em>Hoe zeker:</em> de intervallen bevatten alleen de toevalsvariatie van de simulatie, per "
        "run gepaard over {} runs met dezelfde toevalsgetallen; de onzekerheid in de parameters van "
        "het model zit er niet in (daarvoor: <code>tlm compare --posterior</code>).",
    .sure_unpaired =
        " <em>Hoe zeker:</em> de runs zijn niet gepaard ({}), dus de intervallen zijn ongepaarde "
        "(Welch-)intervallen van de toevalsvariatie van beide scenario's; de onzekerheid in de "
        "parameters van het model zit er niet in (daarvoor: <code>tlm compare --posterior</code>).",
    .cost_diff = " <em>Kosten:</em> over {}–{} zijn de getelde beleidskosten {} {} (95%-interval {} tot {}).",
    .cost_same =
        " <em>Kosten:</em> over {}–{} zijn de getelde beleidskosten gelijk (95%-interval {} tot {}).",
    .more = "hoger",
    .less = "lager",
    .cost_avoided = " Dat is <strong>{} per vermeden FTE-jaar tekort</strong> (95%-interval {} tot {}).",
    .cost_avoided_open =
        " Dat is <strong>{} per vermeden FTE-jaar tekort</strong>; het 95%-interval begint bij "
        "{} en heeft geen bovengrens: de simulatie kan niet uitsluiten dat het beleid vrijwel "
        "niets oplevert.",
    .cost_cheaper = " Het kost niet meer en verlaagt het tekort: een prijs per FTE-jaar is niet nodig.",
    .cost_more_no_fewer =
        " Het kost meer maar geeft geen aantoonbare daling van het tekort, dus er is geen prijs "
        "per vermeden FTE-jaar tekort.",
    .cost_saved =
        " Het kost minder en verhoogt het tekort: {} bespaard per FTE-jaar extra tekort "
        "(95%-interval {} tot {}).",
    .cost_no_reduction = " Het kost niet meer en geeft geen aantoonbare verandering in het tekort.",
    .cost_unreliable = " Met {} runs (minder dan {}) is het interval van die prijs niet betrouwbaar.",
    .no_costs = " Het bestand bevat geen beleidskosten, dus er is geen prijs per FTE-jaar.",
    .route_grad_so = "afgestudeerden van opleidingen in Samen Opleiden",
    .route_grad_regular = "afgestudeerden van andere lerarenopleidingen (pabo, lerarenopleiding)",
    .route_groenpluk = "studenten die voor hun diploma zijn aangenomen (groenpluk)",
    .route_zij = "zij-instromers",
    .h_summary = "Samenvatting",
    .h_headlines = "Kerncijfers",
    .h_subjects = "Tekort in het vo per vak",
    .h_subject_effects = "Effecten per vak in het vo",
    .h_regions = "Regio's",
    .h_shortage = "Totaal tekort door de jaren",
    .h_retention = "Behoud van startende leraren",
    .h_so_share = "Studenten opgeleid in Samen Opleiden",
    .h_effects = "Effecten ten opzichte van {}",
    .h_all_effects = "Alle effecten",
    .h_costs = "Kosten per vermeden FTE-jaar tekort",
    .h_settings = "Instellingen die verschillen",
    .h_definitions = "Begrippen",
    .regions_note =
        "Tekortpercentage per regio in {} (totaal tekort gedeeld door de vraag, alle sectoren; "
        "gemiddelde over runs, met de bandbreedte van 90% van de runs), hoogste eerst. Stedelijke "
        "regio's zijn gemarkeerd.",
    .regions_no_urban =
        "Dit bestand zegt niet welke regio's stedelijk zijn (het is geschreven voordat tlm dat "
        "vastlegde): geen vergelijking stad–rest.",
    .region = "regio",
    .urban = "stedelijk",
    .shortage_rate = "tekortpercentage",
    .interval90 = "90% van de runs",
    .regions_contrast = "{}: tekortpercentage, stedelijke regio's en de rest",
    .urban_regions = "stedelijke regio's",
    .other_regions = "overige regio's",
    .year_axis = "schooljaar (begin)",
    .rate_axis = "tekortpercentage (mediane run)",
    .regions_effect_note =
        "Waar elk alternatief het meest en het minst helpt: het verschil in het "
        "tekortpercentage van elke regio in {} (alternatief − basis, procentpunt, "
        "95%-interval), de drie regio's waar het het meest daalt en de drie waar het het "
        "minst daalt.",
    .regions_effect_head = "{} ten opzichte van {}",
    .helps_most = "helpt het meest",
    .helps_least = "helpt het minst",
    .rate_difference = "verschil in percentage",
    .interval95 = "95%-interval",
    .to = "tot",
    .million = "miljoen",
    .subject_effects_note =
        "Het effect van elk alternatief op het tekortpercentage van elk vak in het vo in {} "
        "(alternatief − basis, procentpunt): de stip is het gemiddelde, de lijn het "
        "95%-interval.",
    .subject_forest_title = "{}: tekortpercentage per vak in het vo, {}",
    .subject_forest_axis = "← beter · verschil (procentpunt) · slechter →",
    .q_vs = "{} t.o.v. {}:",
    .q_total_shortage = "totaal tekort {}",
    .q_over_years = "over de jaren",
    .q_fte_years = "FTE-jaren",
    .q_effect = " {} {} {} [{}; {}];",
    .q_paired = " 95%-intervallen, gepaard",
    .q_unpaired = " 95%-Welch-intervallen, niet gepaard: {}",
};

}  // namespace

Lang parse_lang(const std::string& code) {
  if (code == "en") return Lang::en;
  if (code == "nl") return Lang::nl;
  throw InputError(fmt::format("--lang {}: unknown language; use en (English) or nl (Dutch)", code));
}

const Words& words(Lang lang) {
  return lang == Lang::nl ? kDutch : kEnglish;
}

std::string localize(const std::string& number, Lang lang) {
  if (lang == Lang::en) return number;
  std::string out = number;
  for (char& c : out) c = c == ',' ? '.' : c == '.' ? ',' : c;
  return out;
}

std::string route_words(const std::string& route, Lang lang) {
  const Words& w = words(lang);
  if (route == "grad_so") return w.route_grad_so;
  if (route == "grad_regular") return w.route_grad_regular;
  if (route == "groenpluk") return w.route_groenpluk;
  if (route == "zij") return w.route_zij;
  return route;
}

std::optional<std::string> setting_words(const std::string& key, Lang lang) {
  // key -> {English, Dutch}
  static const std::map<std::string, std::pair<const char*, const char*>> kSettings{
      {"policy.induction.base_quality",
       {"the quality of induction for starting teachers",
        "de kwaliteit van de begeleiding van startende leraren"}},
      {"policy.induction.from_year", {"the year induction starts", "het jaar waarin de begeleiding begint"}},
      {"policy.joining.mode",
       {"how schools join Samen Opleiden partnerships", "hoe scholen aansluiten bij Samen Opleiden"}},
      {"policy.joining.sectors",
       {"the sectors whose schools join partnerships", "de sectoren waarvan scholen aansluiten"}},
      {"policy.joining.target_share",
       {"the share of schools in a Samen Opleiden partnership",
        "het aandeel scholen in een Samen Opleiden-partnerschap"}},
      {"policy.joining.target_year",
       {"the year that share is reached", "het jaar waarin dat aandeel is bereikt"}},
      {"policy.joining.schedule",
       {"the schedule of schools joining", "het schema waarop scholen aansluiten"}},
      {"policy.institutes.target_share",
       {"the share of teacher-training institutes in a partnership",
        "het aandeel lerarenopleidingen (pabo's en lerarenopleidingen) in een partnerschap"}},
      {"policy.institutes.target_year",
       {"the year the institutes' share is reached", "het jaar waarin het aandeel opleidingen is bereikt"}},
      {"policy.groenpluk.rule",
       {"the rule for hiring students before they graduate",
        "de regel voor het aannemen van studenten voor hun diploma (groenpluk)"}},
      {"policy.groenpluk.compliance",
       {"how far schools keep to that rule", "hoe goed scholen zich aan die regel houden"}},
      {"zij.inflow", {"the inflow of career switchers", "de instroom van zij-instromers"}},
      {"reserve.start_size", {"the size of the latent reserve", "de omvang van de stille reserve"}},
      {"study.intake", {"the intake of teacher training", "de instroom in de lerarenopleidingen"}},
  };
  auto it = kSettings.find(key);
  if (it == kSettings.end()) return std::nullopt;
  return lang == Lang::nl ? it->second.second : it->second.first;
}

}  // namespace tlm::analysis
