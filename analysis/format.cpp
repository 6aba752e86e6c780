#include "analysis/format.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace tlm::analysis {

std::string thousands(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  std::string s = fmt::format("{:.{}f}", std::fabs(v), decimals);
  const auto dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  // "-0" after rounding reads as a loss where there is none.
  const bool negative = v < 0 && (grouped + frac).find_first_not_of("0,.") != std::string::npos;
  return (negative ? "-" : "") + grouped + frac;
}

std::string signed_thousands(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  std::string s = thousands(v, decimals);
  if (s.front() == '-') return "−" + s.substr(1);
  // A difference that rounds to zero gets no sign: "+0" would suggest a direction.
  return (s.find_first_not_of("0,.") == std::string::npos ? "" : "+") + s;
}

std::string percent(double share, int decimals) {
  if (!std::isfinite(share)) return "–";
  return fmt::format("{:.{}f}%", 100.0 * share, decimals);
}

std::string points(double diff, int decimals) {
  if (!std::isfinite(diff)) return "–";
  return signed_thousands(100.0 * diff, decimals) + " pp";
}

std::size_t text_columns(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count the first byte of each code point
  return n;
}

std::string wrap_text(const std::string& text, std::size_t width, const std::string& indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && text_columns(indent) + text_columns(line) + 1 + text_columns(word) > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

int difference_decimals(double lo, double hi, double value, int at_least) {
  double ref = hi - lo;
  if (!std::isfinite(ref) || ref <= 0) ref = std::fabs(value);
  if (!std::isfinite(ref) || ref <= 0) return at_least;
  return std::clamp(1 - static_cast<int>(std::floor(std::log10(ref))), at_least, 6);
}

std::string html_escape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      default:
        o += c;
    }
  }
  return o;
}

}  // namespace tlm::analysis
