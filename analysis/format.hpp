// Numbers for readers: thousands separators, percentages, NaN shown as "–".
#pragma once

#include <string>

namespace tlm::analysis {

// 12345.6 -> "12,346" (decimals 0); NaN -> "–".
std::string thousands(double v, int decimals = 0);
// Like thousands() but with an explicit sign: "+1,234", "−56" (a true minus sign).
std::string signed_thousands(double v, int decimals = 0);
// A share 0.123 -> "12.3%".
std::string percent(double share, int decimals = 1);
// A difference of shares 0.012 -> "+1.2 pp" (percentage points).
std::string points(double diff, int decimals = 1);
// Escapes &, <, >, " for HTML text and attributes.
std::string html_escape(const std::string& s);

}  // namespace tlm::analysis
