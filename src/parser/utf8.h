// parser/utf8.h: UTF-8 checks and code-point ↔ byte offsets for the parser.
//
// ANTLR works on code points: its token indexes and columns count code points. AQL text is
// UTF-8 bytes. These helpers validate the bytes up front (so a bad byte is a SYNTAX_ERROR with
// a position, not an exception from deep inside ANTLR) and map code-point offsets back to bytes
// (Operation::source is a byte slice of the input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurora::parser {

struct Utf8Problem {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
  std::string message;
};

// The first invalid UTF-8 sequence in `text` (overlong forms, surrogates and code points past
// U+10FFFF are invalid), or nothing when the whole text is valid.
std::optional<Utf8Problem> FindInvalidUtf8(std::string_view text);

// Number of code points in valid UTF-8 `text`.
std::size_t CountCodePoints(std::string_view text);

// Appends code point `cp` (≤ U+10FFFF, not a surrogate) to `out` as UTF-8.
void AppendUtf8(std::uint32_t cp, std::string& out);

// Maps code-point offsets in valid UTF-8 text to byte offsets.
class CodePointOffsets {
 public:
  explicit CodePointOffsets(std::string_view text);
  std::size_t ByteOffset(std::size_t code_point_offset) const;

 private:
  bool ascii_ = true;
  std::size_t size_ = 0;
  std::vector<std::size_t> byte_of_;   // only when the text is not pure ASCII
};

}  // namespace aurora::parser
