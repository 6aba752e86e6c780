#include "analysis/page.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "analysis/format.hpp"
#include "analysis/report.hpp"

namespace tlm::analysis {
namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--rule); }
.meta { color: var(--muted); font-size: .9rem; }
.wide svg.chart { max-width: 960px; display: block; margin-bottom: 1rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 1rem; }
svg.chart { width: 100%; height: auto; background: #fff; }
svg .chart-title { font-size: 14px; font-weight: 600; }
svg .tick, svg .legend, svg .row-label { font-size: 11px; fill: #333; }
svg .axis-label { font-size: 12px; fill: #333; }
svg .grid { stroke: #e6e6e6; } svg .axis { stroke: #666; } svg .zero { stroke: #333; stroke-dasharray: 3 3; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.summary li { margin-bottom: .35rem; }
.note { color: var(--muted); font-size: .88rem; }
.changed { border-left: 4px solid #b35806; background: #fdf3e7; padding: .3rem .8rem; }
.unpaired { border-left: 4px solid #b35806; padding-left: .8rem; }
tr.same td { color: var(--muted); }
code { font-size: .85em; }
pre { font-size: .8rem; background: #f6f6f6; padding: .6rem; overflow-x: auto; }
details { margin: .6rem 0; } summary { cursor: pointer; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  .charts { display: block; }
  svg.chart { width: 48%; display: inline-block; break-inside: avoid; }
  .wide svg.chart { width: 100%; display: block; }
  h2 { break-after: avoid; } table, figure { break-inside: avoid; }
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
                            const std::string& created, const std::string& command) {
  return fmt::format(
      "<p class=\"meta\">File <code>{}</code>; tlm {}; created {}.<br>Command: <code>{}</code></p>\n",
      html_escape(path), html_escape(tlm_version), html_escape(created), html_escape(command));
}

std::string page_end() {
  return "</body>\n</html>\n";
}

std::string settings_table(const std::string& base_name, const std::string& base_toml,
                           const std::string& alt_name, const std::string& alt_toml,
                           const std::vector<std::string>& set_keys) {
  auto diffs = diff_settings(base_toml, alt_toml, set_keys);
  std::string o =
      fmt::format("<h3>{} compared with {}</h3>\n", html_escape(alt_name), html_escape(base_name));
  if (diffs.empty()) return o + "<p>No setting differs: the two runs use the same scenario.</p>\n";
  o += fmt::format(
      "<table "
      "class=\"settings-diff\"><thead><tr><th>setting</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      html_escape(base_name), html_escape(alt_name));
  for (const auto& d : diffs)
    o += fmt::format(
        "<tr{}><td><code>{}</code>{}</td><td><code>{}</code></td><td><code>{}</code></td></tr>\n",
        d.same ? " class=\"same\"" : "", html_escape(d.key),
        d.same ? " <small>(set, same value)</small>" : "", d.base.empty() ? "(not set)" : html_escape(d.base),
        d.alt.empty() ? "(not set)" : html_escape(d.alt));
  o += "</tbody></table>\n";
  if (std::any_of(diffs.begin(), diffs.end(), [](const SettingDiff& d) { return d.same; }))
    o += "<p class=\"note\">“Set, same value”: a key the scenario states (in its file or with --set) whose "
         "value is the same on both sides — part of what the scenario says, though it changes nothing "
         "here.</p>\n";
  return o;
}

}  // namespace tlm::analysis
