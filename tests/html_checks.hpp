// Helpers of the tests that read reports and terminal text, and the checks that every HTML report of
// analysis/ must pass, whatever it shows: its charts draw with the shared palette only, and each of its
// tables sits in the box that scrolls it sideways (docs/report.md, "Layout").
#pragma once

#include <cstddef>
#include <regex>
#include <set>
#include <string>

#include "analysis/svg.hpp"

namespace tlm::test {

inline bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// The part of a report from `<section id="id">` to its end ("" without that section).
inline std::string section(const std::string& html, const std::string& id) {
  const std::string open = "<section id=\"" + id + "\">";
  const auto from = html.find(open);
  if (from == std::string::npos) return "";
  return html.substr(from, html.find("</section>", from) - from);
}

// How often `needle` occurs in `text` (overlapping occurrences counted).
inline std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

// The colours of fill="#…" and stroke="#…" that are neither a colour of svg::palette() nor a grey (equal red,
// green and blue: axes, whiskers, shading).
inline std::set<std::string> off_palette_colours(const std::string& html) {
  std::set<std::string> palette;
  for (const auto& c : analysis::svg::palette()) palette.insert(c);
  std::set<std::string> off;
  const std::regex colour(R"re((?:fill|stroke)="(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6})")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), colour); it != std::sregex_iterator(); ++it) {
    std::string c = (*it)[1];
    if (c.size() == 4) c = {'#', c[1], c[1], c[2], c[2], c[3], c[3]};
    const bool grey = c.compare(1, 2, c, 3, 2) == 0 && c.compare(1, 2, c, 5, 2) == 0;
    if (!grey && !palette.count(c)) off.insert(c);
  }
  return off;
}

// How many <table>s are not directly inside <div class="table-scroll" …>.
inline std::size_t unboxed_tables(const std::string& html) {
  const std::string box = "<div class=\"table-scroll\" tabindex=\"0\">";
  std::size_t n = 0;
  for (auto at = html.find("<table"); at != std::string::npos; at = html.find("<table", at + 1))
    if (at < box.size() || html.compare(at - box.size(), box.size(), box) != 0) ++n;
  return n;
}

}  // namespace tlm::test
