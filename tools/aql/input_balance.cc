#include "input_balance.h"

namespace aurora::shell {

InputState ClassifyInput(std::string_view text) {
  long depth = 0;
  bool significant = false;
  bool went_negative = false;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    char c = text[i];
    if (c == '#') {  // comment to end of line
      while (i < n && text[i] != '\n') ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
      ++i;
      continue;
    }
    significant = true;
    if (text.substr(i, 3) == "\"\"\"") {  // block string; \""" is an escaped delimiter
      i += 3;
      bool closed = false;
      while (i < n) {
        if (text[i] == '\\' && text.substr(i + 1, 3) == "\"\"\"") {
          i += 4;
        } else if (text.substr(i, 3) == "\"\"\"") {
          i += 3;
          closed = true;
          break;
        } else {
          ++i;
        }
      }
      if (!closed) return InputState::Incomplete;
      continue;
    }
    if (c == '"') {  // ordinary string: ends at the closing quote or (unterminated) the line end
      ++i;
      while (i < n && text[i] != '"' && text[i] != '\n') {
        i += text[i] == '\\' ? 2 : 1;
      }
      if (i < n && text[i] == '"') ++i;
      continue;
    }
    if (c == '{' || c == '[' || c == '(') ++depth;
    if (c == '}' || c == ']' || c == ')') {
      --depth;
      if (depth < 0) went_negative = true;
    }
    ++i;
  }
  if (!significant) return InputState::Empty;
  if (went_negative || depth <= 0) return InputState::Complete;
  return InputState::Incomplete;
}

}  // namespace aurora::shell
