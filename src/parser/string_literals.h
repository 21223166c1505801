// parser/string_literals.h: decoding AQL string tokens into their values.
//
// "…" strings take JSON's escapes (\" \\ \/ \b \f \n \r \t \uXXXX, surrogate pairs joined) plus
// `\$`, which is a literal '$' whose offset is recorded so that `\${x}` is not a template.
// """block strings""" follow GraphQL: no escapes except \""", common indentation removed,
// blank first and last lines dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aurora::parser {

struct DecodedString {
  std::string text;
  std::vector<std::size_t> escaped_dollars;  // byte offsets in `text` of each `\$`
};

struct StringProblem {
  std::size_t code_point_offset = 0;  // from the opening quote, where the bad escape starts
  std::string message;
};

// `raw` is the whole token including its quotes. Returns false and fills `problem` on a bad
// escape or a lone surrogate.
bool DecodeString(std::string_view raw, DecodedString& out, StringProblem& problem);

// `raw` is the whole token including its triple quotes.
std::string DecodeBlockString(std::string_view raw);

}  // namespace aurora::parser
