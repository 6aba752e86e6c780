// Numbers for readers: thousands separators, percentages, NaN shown as "–".
#pragma once

#include <cstddef>
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
// Columns of a UTF-8 text on a terminal: its code points (no wide characters in what tlm prints).
std::size_t text_columns(const std::string& s);
// `text` broken at spaces into lines of at most `width` columns, each starting with `indent` and ending in a
// newline (a word longer than a line gets one of its own).
std::string wrap_text(const std::string& text, std::size_t width, const std::string& indent = "");
// Decimals for a difference and its interval (in the unit shown: percentage points for a share): two
// significant digits of the interval's width (of the value where the interval has none), at least
// `at_least`, at most 6. So an interval from −0.006 to +0.04 pp shows as [−0.006 pp, +0.040 pp], not
// [0.0 pp, 0.0 pp].
int difference_decimals(double lo, double hi, double value, int at_least);
// Escapes &, <, >, " for HTML text and attributes.
std::string html_escape(const std::string& s);

}  // namespace tlm::analysis
