#include "parser/number_literals.h"

#include <charconv>
#include <system_error>

namespace aurora::parser {

bool ParseInt(std::string_view text, std::int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParseFloat(std::string_view text, double& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec == std::errc::result_out_of_range) {
    std::size_t e = text.find_first_of("eE");
    bool underflow = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
    if (!underflow) return false;
    out = text[0] == '-' ? -0.0 : 0.0;
    return true;
  }
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace aurora::parser
