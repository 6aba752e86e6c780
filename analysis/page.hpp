// The pieces every HTML report of analysis/ shares (the report of a results file, report.cpp, and of a sweep
// file, sweep_report.cpp): one style sheet and page skeleton, the line saying which file and command the
// report is of, and the table of the settings an alternative changes. One place, so both look alike.
#pragma once

#include <string>
#include <vector>

#include "analysis/report_text.hpp"

namespace tlm::analysis {

// From <!DOCTYPE html> to the opening <body>: the inline style sheet (no script, no network) and `title`
// (escaped here).
std::string page_head(const std::string& title, const std::string& lang = "en");
// "File …; tlm …; created ….  Command: …" as a paragraph of class meta; every argument escaped here.
std::string page_provenance(const std::string& path, const std::string& tlm_version,
                            const std::string& created, const std::string& command, Lang lang = Lang::en);
// The page from `body` (page_head's text and what follows it): each <table> wrapped in a container that
// scrolls sideways on a narrow screen, then the body and the document closed.
std::string page_end(std::string body);

// The keys of `alt`'s resolved scenario whose values differ from `base`'s (diff_settings), as an <h3> and a
// table, or a sentence when none differs. Names and texts are escaped here.
std::string settings_table(const std::string& base_name, const std::string& base_toml,
                           const std::string& alt_name, const std::string& alt_toml,
                           const std::vector<std::string>& set_keys = {}, Lang lang = Lang::en);

}  // namespace tlm::analysis
