// tools/aql/input_balance.h: when has the REPL read a whole entry? When its braces, brackets
// and parentheses balance outside strings, block strings and `#` comments.
#pragma once

#include <string_view>

namespace aurora::shell {

enum class InputState {
  Empty,       // only whitespace and comments so far
  Incomplete,  // an open bracket or block string: read another line
  Complete,    // balanced (or closes more than it opens: let the parser report it)
};

InputState ClassifyInput(std::string_view text);

}  // namespace aurora::shell
