#include "analysis/format.hpp"

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
