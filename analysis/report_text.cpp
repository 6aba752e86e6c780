#include "analysis/report_text.hpp"

#include <bit>
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
    .q_wrote = "Wrote {}, {} and {}",
    .unpaired_seeds = "the seeds differ ({} and {})",
    .unpaired_replications = "the replications differ ({} and {})",
    .unpaired_years = "the years differ ({}–{} and {}–{})",
    .unpaired_start = "the start worlds differ (the recorded state of {} is not the same)",
    .provenance = "File <code>{}</code>; tlm {}; created {}.<br>Command: <code>{}</code>",
    .compared_with = "{} compared with {}",
    .no_setting_differs = "No setting differs: the two runs use the same scenario.",
    .setting = "setting",
    .set_same_value = "(set, same value)",
    .not_set = "(not set)",
    .set_same_note =
        "“Set, same value”: a key the scenario states (in its file or with --set) whose value is the same "
        "on both sides — part of what the scenario says, though it changes nothing here.",
    .m_shortage_fte = "Total shortage",
    .m_open_fte = "Open vacancies",
    .m_shortage_fte_years = "Shortage FTE-years",
    .m_retention_5y = "5-year retention",
    .m_so_share = "SO share",
    .m_graduation_share = "Graduation share",
    .m_groenpluk_hires = "Groenpluk hires",
    .m_zij_completion_share = "Zij completion",
    .m_cost_total = "Policy cost",
    .m_shortage_rate = "Shortage rate",
    .all_sectors = "all sectors",
    .all_programmes = "all",
    .changed_by_set = "{} (changed by --set)",
    .changed_with_set = "Changed with --set: {}.",
    .as_written = "The scenario as written, without the change: {}",
    .scenario_meta = "{} replications, seed {}, years {}–{}",
    .s_shortage = "In {} the total shortage in {} is <strong>{} FTE</strong> (90% of runs between {} and {})",
    .s_that_is = "; that is {}",
    .s_fte_years =
        "Over {}–{} the shortage adds up to <strong>{} FTE-years</strong> (90% of runs between {} and {})",
    .s_retention =
        "Of starters via <em>{}</em> (entering {}–{}), <strong>{}</strong> still teach 5 years later",
    .s_so_share =
        "In {} <strong>{}</strong> of teacher-training students learn in a Samen Opleiden partnership",
    .s_graduation = "Of students entering {}–{}, <strong>{}</strong> graduate",
    .s_zij = "Of career switchers (zij-instromers) hired {}–{}, <strong>{}</strong> qualify",
    .s_cost =
        "Over {}–{} the policy costs counted (SO places, partnerships, induction, joining) add up to "
        "<strong>{}</strong> (90% of runs between {} and {})",
    .s_cost_effect = "; that is {} compared with {} (95% interval {} to {}): {}",
    .e_same_every_run = "exactly the same as under {} in every run",
    .e_same_on_average = "on average the same as",
    .e_lower_than = "lower than",
    .e_higher_than = "higher than",
    .e_under = " under {} (95% {}interval {} to {})",
    .e_unpaired_word = "unpaired ",
    .e_runs = "; {} in {} of runs",
    .percentage_points = "percentage points",
    .fte_years = "FTE-years",
    .c_interval = "(95% interval {} to {}{})",
    .c_unreliable = "; unreliable with {} replications, fewer than {}",
    .c_per_avoided = "{} per FTE-year of shortage avoided {}",
    .c_cheaper = "cheaper and fewer shortages",
    .c_same_fewer = "the same cost and fewer shortages",
    .c_more_no_fewer = "no reduction detectable: costs more, no fewer shortages",
    .c_saved = "no reduction detectable (the shortage rises): {} saved per FTE-year of added shortage {}",
    .c_no_reduction = "no reduction detectable: {}, no detectable change in the shortage",
    .c_costs_less = "costs less",
    .c_costs_more = "costs more",
    .c_same_cost = "the same cost",
    .headlines_note =
        "Mean over runs; below it the range of 90% of runs and the 95% confidence interval of the mean.",
    .outcome = "outcome",
    .range_ci = "90%: {}–{}<br>CI: {}–{}",
    .subjects_note =
        "Total shortage of each vo subject, national, in FTE and as a rate (the subject's shortage divided "
        "by its demand); mean over runs, below it the range of 90% of runs. A surplus in one subject fills "
        "no post of another. Subjects in the order of the file.",
    .thin_subjects =
        "{} runs at world.scale {}: below about 0.5 the subject markets are thin and their shortages "
        "exaggerated.",
    .subject_effects_table_note =
        "Effects on the vo shortage by subject in the last year (alternative − base, 95% paired interval; "
        "“lower in”: the share of paired runs in which the alternative's shortage of the subject is lower).",
    .subject = "subject",
    .fte = "FTE",
    .rate = "rate",
    .subject_effects_head = "{} compared with {}, {}",
    .fte_difference = "FTE difference",
    .lower_in = "lower in",
    .range = "{} to {}",
    .effects_table_note =
        "Dot: the mean difference (alternative − base) over paired runs; coloured line: its 95% interval; "
        "grey bar: the interval if the runs were not paired, which shows how much the common random numbers "
        "sharpen the comparison. An interval that does not cross the dashed zero line is a clear effect.",
    .effects_unpaired = "Not paired, so the coloured line is the unpaired interval too:",
    .scenario = "scenario",
    .base_col = "base",
    .alternative = "alternative",
    .difference = "difference",
    .unpaired_interval = "unpaired interval",
    .better_in = "better in",
    .lower_mark = " (lower)",
    .better_in_note =
        "“Better in” is the share of paired runs in which the alternative is better: lower shortage, higher "
        "retention, SO share, graduation and completion. Groenpluk hires are neither good nor bad: there it "
        "is the share of runs with fewer hires.",
    .costs_note =
        "For each alternative: the difference in policy costs over {}–{} (SO places, partnerships, "
        "induction, joining; constant euros) and in shortage FTE-years, with their 95% paired intervals. "
        "Where the shortage is lower (its interval lies wholly below 0) and the policy costs more, the price "
        "is the cost difference divided by the FTE-years avoided; its 95% interval is a percentile bootstrap "
        "over the {} paired runs ({} resamples, seed {}){}. Otherwise no price is given: a policy that is "
        "cheaper and lowers the shortage needs none, and one without a detectable reduction buys nothing.",
    .costs_note_unreliable = "; with fewer than 20 runs that interval is not reliable",
    .costs_unpaired_note =
        "For the alternatives whose runs are not paired (see above), the cost and shortage intervals are "
        "unpaired (Welch) intervals, and the bootstrap draws each scenario's runs on its own.",
    .sectors = "sectors",
    .cost_difference = "cost difference",
    .shortage_difference = "shortage difference (FTE-years)",
    .what_it_means = "what it means",
    .all = "all",
    .shortage_note =
        "The line is the median run; the dark band holds the middle 50% of runs, the light band 90%.",
    .sector_heading = "Sector {}",
    .all_sectors_heading = "All sectors",
    .shortage_median_axis = "total shortage (FTE), median run",
    .medians_title = "All scenarios: total shortage, {}",
    .difference_axis = "difference from {} (FTE)",
    .difference_title = "Difference from {}: total shortage, {}",
    .shortage_axis = "total shortage (FTE)",
    .fan_title = "{}: total shortage, {}",
    .median = "median",
    .middle50 = "middle 50% of runs",
    .retention_note =
        "Share of each year's starters still teaching k years after they started (at any school; someone "
        "who left and came back counts), pooled over the entry years {}–{} and averaged over runs.",
    .years_after_start = "years after starting",
    .still_teaching = "still teaching (share of starters)",
    .retention_title = "{}: retention by route",
    .so_share_note =
        "Share of teacher-training students whose work placement is at a partnership school with their "
        "institute in the partnership (median and 90% band of runs).",
    .so_share_axis = "SO share of students",
    .so_share_title = "SO share of teacher-training students",
    .forest_shortage_title = "Total shortage: difference",
    .forest_shortage_axis = "← better · difference (FTE) · worse →",
    .forest_fte_years_title = "Shortage FTE-years: difference",
    .forest_fte_years_axis = "← better · difference (FTE-years) · worse →",
    .forest_shares_title = "Retention, SO share, graduation, completion",
    .forest_shares_axis = "← worse · difference (percentage points) · better →",
    .regions_no_clear =
        "In no region can the effect of {} be told apart from zero: every region's 95% interval includes "
        "0, so the simulation does not show where it helps most or least.",
    .not_told_apart = "(not told apart from zero)",
    .d_shortage =
        "<strong>Total shortage</strong>: demand FTE with nobody in it (open) plus FTE filled by someone "
        "unqualified (a stopgap or an employed student), summed over schools; an overstaffed school does not "
        "offset another.",
    .d_fte_years = "<strong>FTE-years</strong>: the yearly total shortage added over every recorded year.",
    .d_retention =
        "<strong>5-year retention</strong>: starters of a route (graduates trained in a partnership "
        "<em>grad_so</em> or not <em>grad_regular</em>, students hired before graduating <em>groenpluk</em>, "
        "career switchers <em>zij</em>) still teaching 5 years after starting, over entry years start+1 … "
        "end−5.",
    .d_graduation =
        "<strong>Graduation share</strong>: of students entering in start+1 … end−7 (eerstegraads: end−5, a "
        "shorter programme), the share who graduated by the end, so that every cohort could finish.",
    .d_zij =
        "<strong>Zij completion</strong>: of career switchers hired in start+1 … end−2, the share who "
        "qualified.",
    .d_cost =
        "<strong>Policy cost</strong>: euros a year (constant, no discounting) for SO places (per student in "
        "a partnership and per zij-instromer in trajectory at a member school), partnerships, induction (per "
        "starting teacher-year, times its quality) and joining (once per school), added over every recorded "
        "year (docs/model.md section 13).",
    .d_intervals =
        "<strong>Intervals</strong>: “90% of runs” is the 5th to 95th percentile over runs; a 95% interval "
        "of a difference is the t-interval of the paired differences (mean ± t × sd / √n) where the runs are "
        "paired (same seed, replications and start world), otherwise the Welch interval of the difference of "
        "the means.",
    .t_paired_head = "{} vs {} (difference ALT − BASE, 95% paired interval; better = share of runs)",
    .t_unpaired_head = "{} vs {} (difference of the means ALT − BASE, 95% Welch interval)",
    .t_not_paired =
        "NOT PAIRED: {}. Run i of the two does not share its random numbers and start, so the intervals are "
        "wider and no share of better runs is given (docs/report.md, Pairing).",
    .t_base = "base",
    .t_alt = "alt",
    .t_difference = "difference",
    .t_interval = "95% interval",
    .t_better = "better",
    .t_groenpluk = "  * groenpluk hires are neither better nor worse: the share of runs where ALT is lower.",
    .t_costs_head =
        "Costs {}–{} (docs/model.md 13.3): Σ cost_total and Σ shortage_fte over the years, ALT − BASE, 95% "
        "{} interval",
    .t_paired = "paired",
    .t_cost_row = "  {:<12}cost {} [{}, {}];  shortage {} FTE-years [{}, {}]",
    .t_bootstrap_paired =
        "The interval of a price per FTE-year is a percentile bootstrap over the {} paired replications ({} "
        "resamples, seed {}).",
    .t_bootstrap_unpaired =
        "The interval of a price per FTE-year is a percentile bootstrap of each scenario's replications on "
        "their own ({} resamples, seed {}): the runs are not paired.",
    .t_wrote_two = "Wrote {} and {}",
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
    .q_wrote = "Geschreven: {}, {} en {}",
    .unpaired_seeds = "de seeds verschillen ({} en {})",
    .unpaired_replications = "het aantal replicaties verschilt ({} en {})",
    .unpaired_years = "de jaren verschillen ({}–{} en {}–{})",
    .unpaired_start = "de startwerelden verschillen (de vastgelegde toestand van {} is niet gelijk)",
    .provenance = "Bestand <code>{}</code>; tlm {}; gemaakt op {}.<br>Opdracht: <code>{}</code>",
    .compared_with = "{} ten opzichte van {}",
    .no_setting_differs = "Geen instelling verschilt: de twee runs gebruiken hetzelfde scenario.",
    .setting = "instelling",
    .set_same_value = "(opgegeven, zelfde waarde)",
    .not_set = "(niet opgegeven)",
    .set_same_note =
        "„Opgegeven, zelfde waarde”: een sleutel die het scenario noemt (in zijn bestand of met --set) en "
        "die aan beide kanten dezelfde waarde heeft; hij hoort bij wat het scenario zegt, maar verandert "
        "hier niets.",
    .m_shortage_fte = "Totaal tekort",
    .m_open_fte = "Openstaande vacatures",
    .m_shortage_fte_years = "Tekort in FTE-jaren",
    .m_retention_5y = "Behoud na 5 jaar",
    .m_so_share = "Aandeel Samen Opleiden",
    .m_graduation_share = "Aandeel afgestudeerd",
    .m_groenpluk_hires = "Groenpluk-aanstellingen",
    .m_zij_completion_share = "Afronding zij-instromers",
    .m_cost_total = "Beleidskosten",
    .m_shortage_rate = "Tekortpercentage",
    .all_sectors = "alle sectoren",
    .all_programmes = "alle opleidingen",
    .changed_by_set = "{} (gewijzigd met --set)",
    .changed_with_set = "Gewijzigd met --set: {}.",
    .as_written = "Het scenario zoals het is geschreven, zonder de wijziging: {}",
    .scenario_meta = "{} replicaties, seed {}, jaren {}–{}",
    .s_shortage =
        "In {} is het totale tekort in {} <strong>{} FTE</strong> (90% van de runs tussen {} en {})",
    .s_that_is = "; dat is {}",
    .s_fte_years =
        "Over {}–{} komt het tekort uit op <strong>{} FTE-jaren</strong> (90% van de runs tussen {} en {})",
    .s_retention =
        "Van de starters via <em>{}</em> (begonnen {}–{}) geeft <strong>{}</strong> 5 jaar later nog les",
    .s_so_share = "In {} leert <strong>{}</strong> van de studenten aan lerarenopleidingen in Samen Opleiden",
    .s_graduation = "Van de studenten die {}–{} instroomden, studeert <strong>{}</strong> af",
    .s_zij = "Van de zij-instromers aangenomen in {}–{} haalt <strong>{}</strong> de bevoegdheid",
    .s_cost =
        "Over {}–{} komen de getelde beleidskosten (plaatsen in Samen Opleiden, partnerschappen, "
        "begeleiding, aansluiten) uit op <strong>{}</strong> (90% van de runs tussen {} en {})",
    .s_cost_effect = "; dat is {} ten opzichte van {} (95%-interval {} tot {}): {}",
    .e_same_every_run = "in elke run precies gelijk aan {}",
    .e_same_on_average = "gemiddeld gelijk aan",
    .e_lower_than = "lager dan",
    .e_higher_than = "hoger dan",
    .e_under = " bij {} ({}95%-interval {} tot {})",
    .e_unpaired_word = "ongepaard ",
    .e_runs = "; {} in {} van de runs",
    .percentage_points = "procentpunt",
    .fte_years = "FTE-jaren",
    .c_interval = "(95%-interval {} tot {}{})",
    .c_unreliable = "; onbetrouwbaar met {} replicaties, minder dan {}",
    .c_per_avoided = "{} per vermeden FTE-jaar tekort {}",
    .c_cheaper = "goedkoper en minder tekort",
    .c_same_fewer = "even duur en minder tekort",
    .c_more_no_fewer = "geen aantoonbare daling: duurder, niet minder tekort",
    .c_saved = "geen aantoonbare daling (het tekort stijgt): {} bespaard per FTE-jaar extra tekort {}",
    .c_no_reduction = "geen aantoonbare daling: {}, geen aantoonbare verandering in het tekort",
    .c_costs_less = "goedkoper",
    .c_costs_more = "duurder",
    .c_same_cost = "even duur",
    .headlines_note =
        "Gemiddelde over de runs; daaronder de bandbreedte van 90% van de runs en het "
        "95%-betrouwbaarheidsinterval (BI) van het gemiddelde.",
    .outcome = "uitkomst",
    .range_ci = "90%: {}–{}<br>BI: {}–{}",
    .subjects_note =
        "Totaal tekort per vak in het vo, landelijk, in FTE en als percentage (het tekort van het vak "
        "gedeeld door de vraag ernaar); gemiddelde over de runs, daaronder de bandbreedte van 90% van de "
        "runs. Een overschot in het ene vak vult geen vacature in een ander. Vakken in de volgorde van het "
        "bestand.",
    .thin_subjects =
        "{} draait op world.scale {}: onder ongeveer 0,5 zijn de markten per vak dun en worden de tekorten "
        "overschat.",
    .subject_effects_table_note =
        "Effecten op het tekort per vak in het vo in het laatste jaar (alternatief − basis, gepaard "
        "95%-interval; „lager in”: het aandeel gepaarde runs waarin het tekort van het vak bij het "
        "alternatief lager is).",
    .subject = "vak",
    .fte = "FTE",
    .rate = "percentage",
    .subject_effects_head = "{} ten opzichte van {}, {}",
    .fte_difference = "verschil in FTE",
    .lower_in = "lager in",
    .range = "{} tot {}",
    .effects_table_note =
        "Stip: het gemiddelde verschil (alternatief − basis) over gepaarde runs; gekleurde lijn: het "
        "95%-interval daarvan; grijze balk: het interval als de runs niet gepaard waren, wat laat zien "
        "hoeveel de gedeelde toevalsgetallen de vergelijking aanscherpen. Een interval dat de gestippelde "
        "nullijn niet snijdt, is een duidelijk effect.",
    .effects_unpaired = "Niet gepaard, dus de gekleurde lijn is ook het ongepaarde interval:",
    .scenario = "scenario",
    .base_col = "basis",
    .alternative = "alternatief",
    .difference = "verschil",
    .unpaired_interval = "ongepaard interval",
    .better_in = "beter in",
    .lower_mark = " (lager)",
    .better_in_note =
        "„Beter in” is het aandeel gepaarde runs waarin het alternatief beter is: lager tekort, hoger "
        "behoud, aandeel Samen Opleiden, aandeel afgestudeerd en afronding. Groenpluk-aanstellingen zijn "
        "goed noch slecht: daar is het het aandeel runs met minder aanstellingen.",
    .costs_note =
        "Per alternatief: het verschil in beleidskosten over {}–{} (plaatsen in Samen Opleiden, "
        "partnerschappen, begeleiding, aansluiten; constante euro's) en in FTE-jaren tekort, met hun "
        "gepaarde "
        "95%-intervallen. Waar het tekort lager is (het interval ligt geheel onder 0) en het beleid meer "
        "kost, is de prijs het kostenverschil gedeeld door de vermeden FTE-jaren; het 95%-interval daarvan "
        "is een percentielbootstrap over de {} gepaarde runs ({} trekkingen, seed {}){}. Anders is er geen "
        "prijs: beleid dat goedkoper is en het tekort verlaagt heeft er geen nodig, en beleid zonder "
        "aantoonbare daling koopt niets.",
    .costs_note_unreliable = "; met minder dan 20 runs is dat interval niet betrouwbaar",
    .costs_unpaired_note =
        "Voor de alternatieven waarvan de runs niet gepaard zijn (zie boven) zijn de intervallen van kosten "
        "en tekort ongepaarde (Welch-)intervallen, en trekt de bootstrap de runs van elk scenario apart.",
    .sectors = "sectoren",
    .cost_difference = "verschil in kosten",
    .shortage_difference = "verschil in tekort (FTE-jaren)",
    .what_it_means = "wat het betekent",
    .all = "alle",
    .shortage_note =
        "De lijn is de mediane run; de donkere band bevat de middelste 50% van de runs, de lichte band 90%.",
    .sector_heading = "Sector {}",
    .all_sectors_heading = "Alle sectoren",
    .shortage_median_axis = "totaal tekort (FTE), mediane run",
    .medians_title = "Alle scenario's: totaal tekort, {}",
    .difference_axis = "verschil met {} (FTE)",
    .difference_title = "Verschil met {}: totaal tekort, {}",
    .shortage_axis = "totaal tekort (FTE)",
    .fan_title = "{}: totaal tekort, {}",
    .median = "mediaan",
    .middle50 = "middelste 50% van de runs",
    .retention_note =
        "Aandeel van de starters van elk jaar dat k jaar na de start nog lesgeeft (op welke school ook; wie "
        "vertrok en terugkwam telt mee), samengenomen over de startjaren {}–{} en gemiddeld over de runs.",
    .years_after_start = "jaren na de start",
    .still_teaching = "geeft nog les (aandeel van de starters)",
    .retention_title = "{}: behoud per instroomroute",
    .so_share_note =
        "Aandeel studenten aan lerarenopleidingen met een stageplek op een partnerschapsschool waarvan de "
        "opleiding in het partnerschap zit (mediaan en 90%-band van de runs).",
    .so_share_axis = "aandeel Samen Opleiden van de studenten",
    .so_share_title = "Aandeel Samen Opleiden van de studenten aan lerarenopleidingen",
    .forest_shortage_title = "Totaal tekort: verschil",
    .forest_shortage_axis = "← beter · verschil (FTE) · slechter →",
    .forest_fte_years_title = "Tekort in FTE-jaren: verschil",
    .forest_fte_years_axis = "← beter · verschil (FTE-jaren) · slechter →",
    .forest_shares_title = "Behoud, aandeel Samen Opleiden, afstuderen, afronding",
    .forest_shares_axis = "← slechter · verschil (procentpunt) · beter →",
    .regions_no_clear =
        "In geen enkele regio is het effect van {} van nul te onderscheiden: het 95%-interval van elke regio "
        "bevat 0, dus de simulatie laat niet zien waar het het meest of het minst helpt.",
    .not_told_apart = "(niet van nul te onderscheiden)",
    .d_shortage =
        "<strong>Totaal tekort</strong>: gevraagde FTE waarin niemand zit (open vacatures) plus FTE vervuld "
        "door iemand zonder bevoegdheid (een noodoplossing of een student in dienst), opgeteld over de "
        "scholen; een school met overbezetting compenseert geen andere.",
    .d_fte_years =
        "<strong>FTE-jaren</strong>: het jaarlijkse totale tekort, opgeteld over alle vastgelegde jaren.",
    .d_retention =
        "<strong>Behoud na 5 jaar</strong>: starters van een instroomroute (afgestudeerden opgeleid in een "
        "partnerschap <em>grad_so</em> of niet <em>grad_regular</em>, studenten aangenomen voor hun diploma "
        "<em>groenpluk</em>, zij-instromers <em>zij</em>) die 5 jaar na de start nog lesgeven, over de "
        "startjaren begin+1 … eind−5.",
    .d_graduation =
        "<strong>Aandeel afgestudeerd</strong>: van de studenten die instromen in begin+1 … eind−7 "
        "(eerstegraads: eind−5, een kortere opleiding) het aandeel dat aan het eind is afgestudeerd, zodat "
        "elk cohort kon afronden.",
    .d_zij =
        "<strong>Afronding zij-instromers</strong>: van de zij-instromers aangenomen in begin+1 … eind−2 het "
        "aandeel dat de bevoegdheid haalde.",
    .d_cost =
        "<strong>Beleidskosten</strong>: euro's per jaar (constant, zonder disconteren) voor plaatsen in "
        "Samen Opleiden (per student in een partnerschap en per zij-instromer in traject op een "
        "partnerschapsschool), partnerschappen, begeleiding (per startend leraarjaar, maal de kwaliteit "
        "ervan) en aansluiten (eenmalig per school), opgeteld over alle vastgelegde jaren (docs/model.md "
        "hoofdstuk 13).",
    .d_intervals =
        "<strong>Intervallen</strong>: „90% van de runs” loopt van het 5e tot het 95e percentiel over de "
        "runs; een 95%-interval van een verschil is het t-interval van de gepaarde verschillen (gemiddelde ± "
        "t × sd / √n) waar de runs gepaard zijn (zelfde seed, replicaties en startwereld), anders het "
        "Welch-interval van het verschil van de gemiddelden.",
    .t_paired_head = "{} t.o.v. {} (verschil ALT − BASIS, gepaard 95%-interval; beter = aandeel runs)",
    .t_unpaired_head = "{} t.o.v. {} (verschil van de gemiddelden ALT − BASIS, 95%-Welch-interval)",
    .t_not_paired =
        "NIET GEPAARD: {}. Run i van beide deelt zijn toevalsgetallen en start niet, dus de intervallen zijn "
        "breder en er is geen aandeel betere runs (docs/report.md, Pairing).",
    .t_base = "basis",
    .t_alt = "alt",
    .t_difference = "verschil",
    .t_interval = "95%-interval",
    .t_better = "beter",
    .t_groenpluk =
        "  * groenpluk-aanstellingen zijn beter noch slechter: het aandeel runs waarin ALT lager is.",
    .t_costs_head =
        "Kosten {}–{} (docs/model.md 13.3): Σ cost_total en Σ shortage_fte over de jaren, ALT − BASIS, "
        "{} 95%-interval",
    .t_paired = "gepaard",
    .t_cost_row = "  {:<14}kosten {} [{}; {}];  tekort {} FTE-jaren [{}; {}]",
    .t_bootstrap_paired =
        "Het interval van een prijs per FTE-jaar is een percentielbootstrap over de {} gepaarde replicaties "
        "({} trekkingen, seed {}).",
    .t_bootstrap_unpaired =
        "Het interval van een prijs per FTE-jaar is een percentielbootstrap van de replicaties van elk "
        "scenario apart ({} trekkingen, seed {}): de runs zijn niet gepaard.",
    .t_wrote_two = "Geschreven: {} en {}",
};

const SweepWords kSweepEnglish{
    .title = "sweep of {}",
    .h1 = "The teacher labour market: a parameter sweep",
    .intro =
        "The scenario <strong>{}</strong>{} simulated at {} points of a {} design over {} {}, {} {} at each "
        "point (seed {}). The charts show how each outcome changes with each parameter: the line is the "
        "median of the runs at that value, the band holds 90% of them (5th to 95th percentile).{}",
    .was = " was",
    .and_alternative = " and the alternative {} were",
    .and_alternatives = " and the alternatives {} were",
    .parameter = "parameter",
    .parameters = "parameters",
    .replication = "replication",
    .replications = "replications",
    .grid = "grid",
    .lhs = "Latin hypercube",
    .sobol = "Sobol",
    .paired_clause =
        " For each alternative the effect is paired: the alternative minus the base at the same point and "
        "replication, which share their random numbers.",
    .incomplete =
        "<strong>{}</strong>: {} of {} tasks (point, replication) are done{}; the charts use those only.",
    .some_failed = "Some tasks failed",
    .not_complete = "The sweep is not complete",
    .failed = ", {} failed",
    .h_design = "The design",
    .design_meta =
        "Design <code>{}</code> (<code>{}</code>): {} points × {} replications = {} tasks, {} done; seed {}; "
        "base {}{}.",
    .alternatives_list = "; alternatives {}",
    .design_file = "The design file",
    .parameter_col = "parameter",
    .values = "values",
    .scale = "scale",
    .range = "{} to {} ({} points, {})",
    .sobol_sequence = "Sobol sequence",
    .log = "log",
    .linear = "linear",
    .h_read = "How to read the charts",
    .read_noise =
        "The bands show simulation noise: how much an outcome varies between runs with different random "
        "numbers",
    .read_pooled_grid =
        " and, because every point with that value of the parameter is pooled, across the values of the "
        "other "
        "parameters at those points",
    .read_pooled_bins =
        " and, because the points are pooled into bins of the parameter, across the values within the bin "
        "and "
        "across the values of the other parameters at those points",
    .read_not_parameters =
        ". They are not the uncertainty of the parameters themselves: a sweep shows what happens if a "
        "parameter takes a value, not how likely that value is, and a band pooled over other parameters is "
        "only as representative as the design's spread of them. ",
    .read_bins =
        "Each x is a bin of about {} points (up to {} bins of equal count, drawn at the median of the bin's "
        "values); each dot is one point, the median of its runs. ",
    .read_definitions =
        "Charts of one outcome share one scale. Definitions as in the report of a run (docs/report.md): "
        "total "
        "shortage is open plus hidden shortage, national; a shortage rate is the national shortage divided "
        "by "
        "the national demand.",
    .h_effect = "Effect of {} compared with {}",
    .h_levels = "{} against each parameter",
    .effect_note =
        "{} − {} at the same point and replication (common random numbers), then the median and the 5–95% "
        "band of these differences; a band that does not cross the dashed zero line is a clear effect.",
    .effect_on = "Effect on {}",
    .h_numbers = "The numbers behind the charts",
    .numbers_note =
        "For each chart and x: the points pooled, the runs (done replications of those points) and the "
        "median "
        "and 5th and 95th percentiles of their values.",
    .series = "series",
    .value = "value",
    .points = "points",
    .runs = "runs",
    .median_effect = "median effect",
    .single_points = "single points",
    .log_scale = " (log scale)",
    .difference_in = "difference in {}",
    .band = "5–95% of runs",
    .rate_axis = "shortage rate (shortage / demand)",
    .fte_years_axis = "shortage (FTE-years)",
    .cost_axis = "policy cost (million EUR)",
};

const SweepWords kSweepDutch{
    .title = "sweep van {}",
    .h1 = "De arbeidsmarkt voor leraren: een parametersweep",
    .intro =
        "Het scenario <strong>{}</strong>{} gesimuleerd op {} punten van een {} over {} {}, met {} "
        "{} "
        "per punt (seed {}). De grafieken laten zien hoe elke uitkomst verandert met elke parameter: de lijn "
        "is "
        "de mediaan van de runs bij die waarde, de band bevat 90% ervan (5e tot 95e percentiel).{}",
    .was = " is",
    .and_alternative = " en het alternatief {} zijn",
    .and_alternatives = " en de alternatieven {} zijn",
    .parameter = "parameter",
    .parameters = "parameters",
    .replication = "replicatie",
    .replications = "replicaties",
    .grid = "roosterontwerp",
    .lhs = "Latin-hypercube-ontwerp",
    .sobol = "Sobol-ontwerp",
    .paired_clause =
        " Voor elk alternatief is het effect gepaard: het alternatief min de basis op hetzelfde punt en in "
        "dezelfde replicatie, die dezelfde toevalsgetallen delen.",
    .incomplete =
        "<strong>{}</strong>: {} van {} taken (punt, replicatie) zijn klaar{}; de grafieken gebruiken alleen "
        "die.",
    .some_failed = "Sommige taken zijn mislukt",
    .not_complete = "De sweep is niet compleet",
    .failed = ", {} mislukt",
    .h_design = "Het ontwerp",
    .design_meta =
        "Ontwerp <code>{}</code> (<code>{}</code>): {} punten × {} replicaties = {} taken, {} klaar; seed "
        "{}; basis {}{}.",
    .alternatives_list = "; alternatieven {}",
    .design_file = "Het ontwerpbestand",
    .parameter_col = "parameter",
    .values = "waarden",
    .scale = "schaal",
    .range = "{} tot {} ({} punten, {})",
    .sobol_sequence = "Sobol-reeks",
    .log = "logaritmisch",
    .linear = "lineair",
    .h_read = "Zo leest u de grafieken",
    .read_noise =
        "De banden tonen de ruis van de simulatie: hoeveel een uitkomst varieert tussen runs met andere "
        "toevalsgetallen",
    .read_pooled_grid =
        " en, omdat alle punten met die waarde van de parameter zijn samengenomen, over de waarden van de "
        "andere parameters op die punten",
    .read_pooled_bins =
        " en, omdat de punten zijn samengenomen in klassen van de parameter, over de waarden binnen de "
        "klasse "
        "en over de waarden van de andere parameters op die punten",
    .read_not_parameters =
        ". Ze zijn niet de onzekerheid van de parameters zelf: een sweep laat zien wat er gebeurt als een "
        "parameter een waarde aanneemt, niet hoe waarschijnlijk die waarde is, en een band die over andere "
        "parameters is samengenomen is maar zo representatief als de spreiding ervan in het ontwerp. ",
    .read_bins =
        "Elke x is een klasse van ongeveer {} punten (hoogstens {} klassen van gelijke omvang, getekend bij "
        "de "
        "mediaan van de waarden in de klasse); elke stip is één punt, de mediaan van zijn runs. ",
    .read_definitions =
        "Grafieken van één uitkomst delen één schaal. Begrippen als in het rapport van een run "
        "(docs/report.md): het totale tekort is open plus verborgen tekort, landelijk; een tekortpercentage "
        "is het landelijke tekort gedeeld door de landelijke vraag.",
    .h_effect = "Effect van {} ten opzichte van {}",
    .h_levels = "{} per parameter",
    .effect_note =
        "{} − {} op hetzelfde punt en in dezelfde replicatie (gedeelde toevalsgetallen), daarna de mediaan "
        "en "
        "de 5–95%-band van die verschillen; een band die de gestippelde nullijn niet snijdt, is een "
        "duidelijk "
        "effect.",
    .effect_on = "Effect op {}",
    .h_numbers = "De getallen achter de grafieken",
    .numbers_note =
        "Per grafiek en x: de samengenomen punten, de runs (klaar zijnde replicaties van die punten) en de "
        "mediaan en het 5e en 95e percentiel van hun waarden.",
    .series = "reeks",
    .value = "waarde",
    .points = "punten",
    .runs = "runs",
    .median_effect = "mediaan van het effect",
    .single_points = "losse punten",
    .log_scale = " (logaritmische schaal)",
    .difference_in = "verschil in {}",
    .band = "5–95% van de runs",
    .rate_axis = "tekortpercentage (tekort / vraag)",
    .fte_years_axis = "tekort (FTE-jaren)",
    .cost_axis = "beleidskosten (miljoen euro)",
};

const PosteriorWords kPosteriorEnglish{
    .title = "Effects with parameter uncertainty: {}",
    .h1 = "Effects with the calibration's parameter uncertainty, against {}",
    .intro =
        "Every scenario ran on {} draws of the posterior of <code>{}</code> (generation {}, {} fitted "
        "parameters, drawn by weight) × {} replications; every draw and scenario used the same replications' "
        "random numbers.",
    .intervals =
        "<strong>Two intervals per effect.</strong> The <em>90% interval with parameter uncertainty</em> "
        "holds what the calibration leaves unknown about the parameters (the spread of the draws' mean "
        "effects) and the simulation noise. The <em>simulation noise alone</em> is the 90% interval of the "
        "mean effect if the parameters were known. Neither holds what the model leaves out: its structure, "
        "parameters that were not fitted, or policies behaving otherwise than the scenario says "
        "(docs/calibration.md).",
    .h_alt = "{} against {}",
    .outcome = "outcome",
    .base = "base",
    .alternative = "alternative",
    .effect = "effect",
    .with_parameters = "90%: parameters and noise",
    .noise_alone = "90%: noise alone",
    .noise_share = "noise share",
    .range = "{} to {}",
    .t_intro =
        "Effects over {} draws of the posterior of {} × {} replications, on common random numbers.\n"
        "Each effect: its mean; [the 90% interval with the parameters' uncertainty]; ± the 90% interval of\n"
        "simulation noise alone (as if the parameters were known). Both in {}/effects.csv.\n",
    .t_vs = "\n{} vs {}\n",
    .t_wrote = "\nWrote {}/posterior.h5, effects.csv, effects.json and report.html.\n",
    .few_draws =
        "tlm compare: only {} posterior draws: the parameters' part of each interval is rough (use --draws "
        "{} "
        "or more)\n",
    .not_applied = "tlm compare: {} is not applied: {} is before {} starts in {}\n",
};

const PosteriorWords kPosteriorDutch{
    .title = "Effecten met onzekerheid over de parameters: {}",
    .h1 = "Effecten met de onzekerheid over de parameters uit de kalibratie, ten opzichte van {}",
    .intro =
        "Elk scenario is gesimuleerd op {} trekkingen uit de posterior (de verdeling van de parameters na de "
        "kalibratie) van <code>{}</code> (generatie {}, {} gekalibreerde parameters, getrokken naar gewicht) "
        "× {} replicaties; elke trekking en elk scenario gebruikte per replicatie dezelfde toevalsgetallen.",
    .intervals =
        "<strong>Twee intervallen per effect.</strong> Het <em>90%-interval met onzekerheid over de "
        "parameters</em> bevat wat de kalibratie over de parameters onbekend laat (de spreiding van de "
        "gemiddelde effecten van de trekkingen) en de ruis van de simulatie. De <em>ruis van de simulatie "
        "alleen</em> is het 90%-interval van het gemiddelde effect als de parameters bekend waren. Geen van "
        "beide bevat wat het model weglaat: de opbouw van het model, parameters die niet gekalibreerd zijn, "
        "of beleid dat anders uitpakt dan het scenario aanneemt (docs/calibration.md).",
    .h_alt = "{} ten opzichte van {}",
    .outcome = "uitkomst",
    .base = "basis",
    .alternative = "alternatief",
    .effect = "verschil",
    .with_parameters = "90%: parameters en ruis",
    .noise_alone = "90%: alleen ruis",
    .noise_share = "aandeel ruis",
    .range = "{} tot {}",
    .t_intro =
        "Effecten over {} trekkingen uit de posterior van {} × {} replicaties, met gedeelde "
        "toevalsgetallen.\n"
        "Per effect: het gemiddelde; [het 90%-interval met de onzekerheid over de parameters]; ± het\n"
        "90%-interval van alleen de ruis van de simulatie (alsof de parameters bekend waren). Beide in\n"
        "{}/effects.csv.\n",
    .t_vs = "\n{} ten opzichte van {}\n",
    .t_wrote = "\n{}/posterior.h5, effects.csv, effects.json en report.html geschreven.\n",
    .few_draws =
        "tlm compare: maar {} trekkingen uit de posterior: het deel van elk interval dat van de parameters "
        "komt, is ruw (gebruik --draws {} of meer)\n",
    .not_applied = "tlm compare: {} wordt niet toegepast: {} ligt voor het startjaar van {} ({})\n",
};

const CalibrationWords kCalibrationEnglish{
    .title = "calibration of {}",
    .h1 = "Calibration of {}",
    .its_base = "its base scenario",
    .h_summary = "Summary",
    .summary =
        "ABC-SMC (sequential Monte Carlo approximate Bayesian computation) fitted {} {} ({}) of {} to {} "
        "measured {} ({}). It ran {} {} of {} particles: generation 0 drawn from the prior, each next one "
        "proposed from the last and kept when its distance was within that generation's tolerance{}. The "
        "distance of a particle is the sum over the targets of (simulated − measured)² / (sd² + the "
        "replication noise of the simulated mean). The final tolerance is <strong>{}</strong>{}.",
    .parameter = "parameter",
    .parameters = "parameters",
    .target = "target",
    .targets = "targets",
    .generation = "generation",
    .generations = "generations",
    .replication = "replication",
    .replications = "replications",
    .replications_clause = "; every particle is the mean of {} {}",
    .only_prior = " (only the prior was drawn: nothing has been fitted yet)",
    .about_m = "; a model that reproduces every target within its sd gives about {} (the number of targets)",
    .loose =
        "<strong>The fit is looser than the targets' sd</strong>: the final tolerance {} is well above {}. "
        "More generations may narrow it; if acceptance has fallen very low, the model may not reproduce "
        "these targets together within the priors.",
    .li_parameter = "<strong>{}</strong>: posterior median {}, 90% interval {} to {} (prior {}).",
    .li_target = "<strong>{}</strong>: measured {} ± {}; simulated after the fit {} (5–95%: {} to {}).",
    .what_it_says =
        "<strong>What this does and does not say.</strong> The posterior says which parameter values "
        "reproduce the targets within their sd, given the model and the priors. It does not validate the "
        "model's structure: a model with wrong mechanisms can fit a few targets too, and values outside the "
        "priors were never tried. Check the fitted model against data it was not fitted to.",
    .h_targets = "The targets: measured and simulated",
    .targets_note =
        "<em>Before</em> is the prior predictive: the simulated values of generation 0, whose particles are "
        "drawn from the prior. <em>After</em> is the posterior predictive: the simulated values of the last "
        "generation ({}), weighted by the particles' weights. Bars hold the 5th to 95th (weighted) "
        "percentile of the particles, the tick is the median; the dashed line is the measured value and the "
        "shaded band its ± sd. Each particle's value is the mean over its replications, so the bars show the "
        "spread due to the parameters, not that of a single run.",
    .legend_before = "prior predictive (generation 0), 5–95%",
    .legend_after = "posterior predictive (generation {}), 5–95%",
    .measured = "measured",
    .measured_sd = "measured ± sd",
    .before_prior = "before (prior)",
    .after_posterior = "after (posterior)",
    .target_col = "target",
    .before_median = "before: median",
    .after_median = "after: median",
    .h_posterior = "The posterior of each parameter",
    .posterior_note =
        "Each chart spans the prior's range: the bars are the share of the last generation's weight in each "
        "of {} bins of equal width on the prior's scale (logarithmic for a log-uniform prior), the dashed "
        "line is what the prior alone puts in each bin, the solid line is the posterior median and the "
        "shaded band the 90% interval (the 5th to 95th weighted percentile): given the model, the priors and "
        "the targets' sd, the parameter lies in it with about 90% probability. ABC accepts within a "
        "tolerance, so this posterior is somewhat wider than the exact one would be.",
    .log_scale = " (log scale)",
    .share_of_weight = "share of the weight",
    .posterior = "posterior",
    .prior = "prior",
    .median = "median",
    .interval90 = "90% interval",
    .parameter_col = "parameter",
    .prior_5 = "prior 5%",
    .prior_95 = "prior 95%",
    .posterior_median = "posterior median",
    .width_ratio = "90% interval / prior's",
    .width_note =
        "The last column compares the widths of the posterior's and the prior's 90% intervals: near 100%, "
        "the targets say little about that parameter.",
    .uniform = "uniform on [{}, {}]",
    .log_uniform = "log-uniform on [{}, {}]",
    .h_correlations = "Posterior correlations",
    .one_parameter = "One parameter was fitted: there are no pairs.",
    .correlations_note =
        "Weighted Pearson correlations between the parameters over the last generation, on each prior's "
        "scale (the logarithm for a log-uniform prior). Near +1 or −1: the targets pin down a combination of "
        "the two rather than each, and one can make up for the other.",
    .h_generations = "The generations",
    .generations_note =
        "Per generation: the tolerance (a proposal is kept when its distance is within it; generation 0 "
        "keeps every prior draw), the proposals simulated, the acceptance rate (accepted / proposals) and "
        "the effective sample size of the weights, (Σw)² / Σw² (how many equally weighted particles carry as "
        "much information). A falling acceptance rate is the price of a tighter tolerance; a small effective "
        "sample size means a few particles carry the posterior.",
    .acceptance_rate = "acceptance rate",
    .ess_series = "ESS / particles",
    .tolerance = "tolerance",
    .generation_col = "generation",
    .share = "share",
    .rates_title = "Acceptance and effective sample size",
    .tolerance_axis = "tolerance (distance)",
    .tolerance_title = "Tolerance",
    .proposals = "proposals",
    .accepted = "accepted",
    .ess_col = "effective sample size",
    .h_file = "The calibration file",
};

const CalibrationWords kCalibrationDutch{
    .title = "kalibratie van {}",
    .h1 = "Kalibratie van {}",
    .its_base = "het basisscenario",
    .h_summary = "Samenvatting",
    .summary =
        "ABC-SMC (een sequentiële Monte-Carlomethode voor benaderde Bayesiaanse inferentie) heeft {} {} ({}) "
        "van "
        "{} gekalibreerd op {} gemeten {} ({}). Er zijn {} {} van {} deeltjes gesimuleerd: generatie 0 "
        "getrokken uit de prior (de verdeling vooraf), elke volgende voorgesteld vanuit de vorige en "
        "behouden als de afstand binnen de tolerantie van die generatie lag{}. De afstand van een deeltje is "
        "de som over de doelwaarden van (gesimuleerd − gemeten)² / (sd² + de replicatieruis van het "
        "gesimuleerde gemiddelde). De uiteindelijke tolerantie is <strong>{}</strong>{}.",
    .parameter = "parameter",
    .parameters = "parameters",
    .target = "doelwaarde",
    .targets = "doelwaarden",
    .generation = "generatie",
    .generations = "generaties",
    .replication = "replicatie",
    .replications = "replicaties",
    .replications_clause = "; elk deeltje is het gemiddelde van {} {}",
    .only_prior = " (alleen de prior is getrokken: er is nog niets gekalibreerd)",
    .about_m =
        "; een model dat elke doelwaarde binnen haar sd reproduceert, geeft ongeveer {} (het aantal "
        "doelwaarden)",
    .loose =
        "<strong>De aansluiting is losser dan de sd van de doelwaarden</strong>: de uiteindelijke tolerantie "
        "{} ligt ruim boven {}. Meer generaties kunnen haar verkleinen; is de acceptatie heel laag geworden, "
        "dan kan het model deze doelwaarden binnen de priors misschien niet tegelijk reproduceren.",
    .li_parameter = "<strong>{}</strong>: mediaan van de posterior {}, 90%-interval {} tot {} (prior {}).",
    .li_target = "<strong>{}</strong>: gemeten {} ± {}; gesimuleerd na de kalibratie {} (5–95%: {} tot {}).",
    .what_it_says =
        "<strong>Wat dit wel en niet zegt.</strong> De posterior zegt welke parameterwaarden de doelwaarden "
        "binnen hun sd reproduceren, gegeven het model en de priors. Hij bevestigt de opbouw van het model "
        "niet: ook een model met verkeerde mechanismen kan een paar doelwaarden treffen, en waarden buiten "
        "de priors zijn nooit geprobeerd. Toets het gekalibreerde model aan gegevens waarop het niet "
        "gekalibreerd is.",
    .h_targets = "De doelwaarden: gemeten en gesimuleerd",
    .targets_note =
        "<em>Voor</em> is de voorspelling onder de prior: de gesimuleerde waarden van generatie 0, waarvan "
        "de deeltjes uit de prior zijn getrokken. <em>Na</em> is de voorspelling onder de posterior: de "
        "gesimuleerde waarden van de laatste generatie ({}), gewogen met de gewichten van de deeltjes. De "
        "balken lopen van het 5e tot het 95e (gewogen) percentiel van de deeltjes, het streepje is de "
        "mediaan; de gestippelde lijn is de gemeten waarde en de gekleurde band haar ± sd. De waarde van een "
        "deeltje is het gemiddelde over zijn replicaties, dus de balken tonen de spreiding door de "
        "parameters, niet die van één run.",
    .legend_before = "voorspelling onder de prior (generatie 0), 5–95%",
    .legend_after = "voorspelling onder de posterior (generatie {}), 5–95%",
    .measured = "gemeten",
    .measured_sd = "gemeten ± sd",
    .before_prior = "voor (prior)",
    .after_posterior = "na (posterior)",
    .target_col = "doelwaarde",
    .before_median = "voor: mediaan",
    .after_median = "na: mediaan",
    .h_posterior = "De posterior van elke parameter",
    .posterior_note =
        "Elke grafiek beslaat het bereik van de prior: de balken zijn het aandeel van het gewicht van de "
        "laatste generatie in elk van {} klassen van gelijke breedte op de schaal van de prior (logaritmisch "
        "bij een log-uniforme prior), de gestippelde lijn is wat de prior alleen in elke klasse legt, de "
        "doorgetrokken lijn is de mediaan van de posterior en de gekleurde band het 90%-interval (het 5e tot "
        "95e gewogen percentiel): gegeven het model, de priors en de sd van de doelwaarden ligt de parameter "
        "daarin met ongeveer 90% kans. ABC accepteert binnen een tolerantie, dus deze posterior is wat "
        "breder dan de exacte zou zijn.",
    .log_scale = " (logaritmische schaal)",
    .share_of_weight = "aandeel van het gewicht",
    .posterior = "posterior",
    .prior = "prior",
    .median = "mediaan",
    .interval90 = "90%-interval",
    .parameter_col = "parameter",
    .prior_5 = "prior 5%",
    .prior_95 = "prior 95%",
    .posterior_median = "mediaan posterior",
    .width_ratio = "90%-interval / dat van de prior",
    .width_note =
        "De laatste kolom vergelijkt de breedte van het 90%-interval van de posterior met die van de prior: "
        "bij ongeveer 100% zeggen de doelwaarden weinig over die parameter.",
    .uniform = "uniform op [{}; {}]",
    .log_uniform = "log-uniform op [{}; {}]",
    .h_correlations = "Correlaties in de posterior",
    .one_parameter = "Er is één parameter gekalibreerd: er zijn geen paren.",
    .correlations_note =
        "Gewogen Pearson-correlaties tussen de parameters over de laatste generatie, op de schaal van elke "
        "prior (de logaritme bij een log-uniforme prior). Dicht bij +1 of −1: de doelwaarden leggen eerder "
        "een combinatie van de twee vast dan elk afzonderlijk, en de een kan de ander compenseren.",
    .h_generations = "De generaties",
    .generations_note =
        "Per generatie: de tolerantie (een voorstel wordt behouden als zijn afstand erbinnen ligt; generatie "
        "0 behoudt elke trekking uit de prior), het aantal gesimuleerde voorstellen, het "
        "acceptatiepercentage (geaccepteerd / voorstellen) en de effectieve steekproefomvang van de "
        "gewichten, (Σw)² / Σw² (hoeveel even zware deeltjes evenveel informatie dragen). Een dalend "
        "acceptatiepercentage is de prijs van een krappere tolerantie; een kleine effectieve "
        "steekproefomvang betekent dat een paar deeltjes de posterior dragen.",
    .acceptance_rate = "acceptatiepercentage",
    .ess_series = "ESS / deeltjes",
    .tolerance = "tolerantie",
    .generation_col = "generatie",
    .share = "aandeel",
    .rates_title = "Acceptatie en effectieve steekproefomvang",
    .tolerance_axis = "tolerantie (afstand)",
    .tolerance_title = "Tolerantie",
    .proposals = "voorstellen",
    .accepted = "geaccepteerd",
    .ess_col = "effectieve steekproefomvang",
    .h_file = "Het kalibratiebestand",
};

const HeadlineWords kHeadlineEnglish{
    .heading = "{}: {} replications, seed {}, {}–{}",
    .total_shortage = "Total shortage, FTE (mean [90% of replications])",
    .total = "total",
    .thin_subjects =
        "(world.scale {}: below about 0.5 the subject markets are thin and their shortages exaggerated)",
    .subject_fte = "vo shortage by subject, FTE (mean [90% of replications])",
    .subject_rate = "vo shortage rate by subject, shortage / demand (mean [90% of replications])",
    .fte_years = "Shortage FTE-years {}–{}:",
    .retention = "5-year retention of starters (entry {}–{}):",
    .so_share = "SO share: {} {}  {} {}",
    .graduation = "Graduation share (intake {}–{}, eerstegraads –{}):",
    .all_programmes = "all",
    .zij_completion = "Zij completion share (hired {}–{}):",
    .costs = "Policy costs {}–{}, million EUR (section 13):",
    .wrote = "Wrote {} in {} s.",
};

const HeadlineWords kHeadlineDutch{
    .heading = "{}: {} replicaties, seed {}, {}–{}",
    .total_shortage = "Totaal tekort, FTE (gemiddelde [90% van de replicaties])",
    .total = "totaal",
    .thin_subjects = "(world.scale {}: onder ongeveer 0,5 zijn de vakmarkten dun en hun tekorten overdreven)",
    .subject_fte = "Tekort in het vo per vak, FTE (gemiddelde [90% van de replicaties])",
    .subject_rate =
        "Tekortpercentage in het vo per vak, tekort / vraag (gemiddelde [90% van de replicaties])",
    .fte_years = "Tekort in FTE-jaren {}–{}:",
    .retention = "Behoud na 5 jaar van startende leraren (instroom {}–{}):",
    .so_share = "Aandeel Samen Opleiden: {} {}  {} {}",
    .graduation = "Aandeel afgestudeerd (instroom {}–{}, eerstegraads –{}):",
    .all_programmes = "alle",
    .zij_completion = "Afronding zij-instromers (aangenomen {}–{}):",
    .costs = "Beleidskosten {}–{}, miljoen euro (sectie 13):",
    .wrote = "{} geschreven in {} s.",
};

}  // namespace

Lang parse_lang(const std::string& code) {
  if (code == "en") return Lang::en;
  if (code == "nl") return Lang::nl;
  throw InputError(fmt::format("--lang {}: unknown language; use en (English) or nl (Dutch)", code));
}

std::array<const char*, kWordsCount> all_texts(const Words& w) {
  // Words holds const char* members only, so it is laid out as an array of them.
  return std::bit_cast<std::array<const char*, kWordsCount>>(w);
}

std::array<const char*, kSweepWordsCount> all_texts(const SweepWords& w) {
  return std::bit_cast<std::array<const char*, kSweepWordsCount>>(w);
}

std::array<const char*, kPosteriorWordsCount> all_texts(const PosteriorWords& w) {
  return std::bit_cast<std::array<const char*, kPosteriorWordsCount>>(w);
}

std::array<const char*, kCalibrationWordsCount> all_texts(const CalibrationWords& w) {
  return std::bit_cast<std::array<const char*, kCalibrationWordsCount>>(w);
}

std::array<const char*, kHeadlineWordsCount> all_texts(const HeadlineWords& w) {
  return std::bit_cast<std::array<const char*, kHeadlineWordsCount>>(w);
}

const CalibrationWords& calibration_words(Lang lang) {
  return lang == Lang::nl ? kCalibrationDutch : kCalibrationEnglish;
}

const PosteriorWords& posterior_words(Lang lang) {
  return lang == Lang::nl ? kPosteriorDutch : kPosteriorEnglish;
}

const HeadlineWords& headline_words(Lang lang) {
  return lang == Lang::nl ? kHeadlineDutch : kHeadlineEnglish;
}

const SweepWords& sweep_words(Lang lang) {
  return lang == Lang::nl ? kSweepDutch : kSweepEnglish;
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
