#include "engine/input_limits.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "common/json_text_size.h"

namespace aurora::engine {

namespace {

// Line and column (1-based, columns in characters as the parser counts them) of byte `offset`.
std::pair<int, int> PositionOf(std::string_view text, std::size_t offset) {
  std::string_view before = text.substr(0, offset);
  std::size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  std::size_t lines = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // UTF-8 continuation bytes add nothing
  }
  constexpr std::size_t kMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
  return {static_cast<int>(std::min(lines, kMax)), static_cast<int>(std::min(column, kMax))};
}

}  // namespace

std::optional<Error> CheckInputSize(const Config& config, std::string_view aql, const Json& variables) {
  if (config.max_query_bytes != 0 && aql.size() > config.max_query_bytes) {
    // Positioned at the first byte past the limit, like every error about the text.
    auto [line, column] = PositionOf(aql, config.max_query_bytes);
    return Error{ErrorCode::ValidationError,
                 "the AQL text is " + std::to_string(aql.size()) + " bytes, more than Config::max_query_bytes (" +
                     std::to_string(config.max_query_bytes) + " bytes) from here on",
                 line, column};
  }
  if (config.max_variables_bytes != 0) {
    std::size_t size = internal::JsonTextSize(variables);
    if (size > config.max_variables_bytes) {
      return Error{ErrorCode::ValidationError,
                   "the variables are " + std::to_string(size) + " bytes as JSON text, more than "
                   "Config::max_variables_bytes (" + std::to_string(config.max_variables_bytes) + " bytes)",
                   0, 0};
    }
  }
  return std::nullopt;
}

}  // namespace aurora::engine
