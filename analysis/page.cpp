#include "analysis/page.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "analysis/format.hpp"
#include "analysis/report.hpp"

namespace tlm::analysis {
namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--rule); }
.meta { color: var(--muted); font-size: .9rem; }
.wide svg.chart { max-width: 960px; display: block; margin-bottom: 1rem; }
svg.chart[data-labels="above"] { max-width: 760px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(460px, 100%), 1fr)); gap: 1rem; }
svg.chart { width: 100%; height: auto; background: #fff; display: block; }
svg .chart-title { font-size: 14px; font-weight: 600; }
svg .tick, svg .legend, svg .row-label { font-size: 11px; fill: #333; }
svg .axis-label { font-size: 12px; fill: #333; }
svg[data-labels="above"] .row-label { font-size: 13px; fill: #1a1a1a; }
svg[data-labels="above"] .tick { font-size: 12px; }
svg .grid { stroke: #e6e6e6; } svg .axis { stroke: #666; } svg .zero { stroke: #333; stroke-dasharray: 3 3; }
.table-scroll { max-width: 100%; overflow-x: auto; margin: .6rem 0 1rem; }
/* As wide as its content, within the page; on a narrow screen up to 48rem, scrolling, so that columns of
   text are not squeezed into a word a line. */
.table-scroll > table { margin: 0; width: max-content; max-width: max(100%, 48rem); }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.costs td:last-child { min-width: 16em; }  /* its reading, in words: not a word a line on a phone */
.summary li { margin-bottom: .35rem; }
.note { color: var(--muted); font-size: .88rem; }
.changed { border-left: 4px solid #b35806; background: #fdf3e7; padding: .3rem .8rem; }
.unpaired { border-left: 4px solid #b35806; padding-left: .8rem; }
tr.same td { color: var(--muted); }
code { font-size: .85em; }
pre { font-size: .8rem; background: #f6f6f6; padding: .6rem; overflow-x: auto; }
details { margin: .6rem 0; } summary { cursor: pointer; }
@media (max-width: 600px) {
  body { margin: 1rem auto; padding: 0 .6rem; }
  h1 { font-size: 1.35rem; }
  /* A chart is as wide as the screen here (about 0.6 of its 640 units): larger ticks and axis labels. */
  svg.chart .tick, svg.chart .axis-label { font-size: 14px; }
  /* The line charts' legend is under the plot, across its width: 17 units read as 10 px and more. */
  svg.chart .legend { font-size: 17px; }
  svg.chart .chart-title { font-size: 16px; }
  /* In the charts of labelled rows
     (forest plots, bar charts: labels above the rows) text of 17 units reads as 10 px and more. */
  svg[data-labels="above"] .row-label, svg[data-labels="above"] .tick, svg[data-labels="above"] .legend,
  svg[data-labels="above"] .axis-label { font-size: 17px; }
  svg[data-labels="above"] .chart-title { font-size: 18px; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  .charts { display: block; }
  svg.chart { width: 48%; display: inline-block; vertical-align: top; break-inside: avoid; }
  .wide svg.chart { width: 100%; display: block; }
  svg.chart[data-labels="above"] { width: 100%; max-width: 15cm; display: block; }
  h2, h3 { break-after: avoid; } figure, svg.chart { break-inside: avoid; }
  /* Tables fit the page's width: no sideways scrolling on paper; numbers wrap at their spaces, keys
     (code) anywhere. */
  .table-scroll { overflow: visible; }
  table, .table-scroll > table { width: 100%; max-width: 100%; font-size: 7.5pt; }
  th, td { padding: .1rem .25rem; } td code { overflow-wrap: anywhere; }
  td.num, th.num { white-space: normal; } table.costs td:last-child { min-width: 0; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
}
)css";

}  // namespace

std::string page_head(const std::string& title, const std::string& lang) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>tlm report: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
      lang, html_escape(title), kStyle);
}

std::string page_provenance(const std::string& path, const std::string& tlm_version,
                            const std::string& created, const std::string& command, Lang lang) {
  return fmt::format("<p class=\"meta\">{}</p>\n",
                     fmt::format(fmt::runtime(words(lang).provenance), html_escape(path),
                                 html_escape(tlm_version), html_escape(created), html_escape(command)));
}

std::string page_end(std::string body) {
  // Every table in a container of its own that scrolls sideways when the table is wider than the screen
  // (the page itself never does); focusable, so that a keyboard can scroll it. The text of a report is
  // escaped, so "<table" is always markup.
  std::string o;
  o.reserve(body.size() + 4096);
  std::size_t at = 0;
  for (std::size_t pos = body.find("<table", at); pos != std::string::npos; pos = body.find("<table", at)) {
    const std::size_t end = body.find("</table>", pos);
    if (end == std::string::npos) break;
    const std::size_t close = end + std::string_view("</table>").size();
    o.append(body, at, pos - at);
    o += "<div class=\"table-scroll\" tabindex=\"0\">";
    o.append(body, pos, close - pos);
    o += "</div>";
    at = close;
  }
  o.append(body, at, std::string::npos);
  return o + "</body>\n</html>\n";
}

std::string settings_table(const std::string& base_name, const std::string& base_toml,
                           const std::string& alt_name, const std::string& alt_toml,
                           const std::vector<std::string>& set_keys, Lang lang) {
  const Words& w = words(lang);
  auto diffs = diff_settings(base_toml, alt_toml, set_keys);
  std::string o = fmt::format("<h3>{}</h3>\n", fmt::format(fmt::runtime(w.compared_with),
                                                           html_escape(alt_name), html_escape(base_name)));
  if (diffs.empty()) return o + fmt::format("<p>{}</p>\n", w.no_setting_differs);
  o += fmt::format(
      "<table "
      "class=\"settings-diff\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      w.setting, html_escape(base_name), html_escape(alt_name));
  for (const auto& d : diffs)
    o += fmt::format(
        "<tr{}><td><code>{}</code>{}</td><td><code>{}</code></td><td><code>{}</code></td></tr>\n",
        d.same ? " class=\"same\"" : "", html_escape(d.key),
        d.same ? fmt::format(" <small>{}</small>", w.set_same_value) : "",
        d.base.empty() ? w.not_set : html_escape(d.base), d.alt.empty() ? w.not_set : html_escape(d.alt));
  o += "</tbody></table>\n";
  if (std::any_of(diffs.begin(), diffs.end(), [](const SettingDiff& d) { return d.same; }))
    o += fmt::format("<p class=\"note\">{}</p>\n", w.set_same_note);
  return o;
}

}  // namespace tlm::analysis
