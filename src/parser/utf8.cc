#include "parser/utf8.h"

#include "common/utf8.h"

namespace aurora::parser {

using internal::Utf8SequenceLength;

std::optional<Utf8Problem> FindInvalidUtf8(std::string_view text) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      static const char* hex = "0123456789ABCDEF";
      unsigned char b = static_cast<unsigned char>(text[i]);
      std::string shown = "0x";
      shown += hex[b >> 4];
      shown += hex[b & 15];
      return Utf8Problem{line, column, "invalid UTF-8 (byte " + shown + "); AQL text must be UTF-8"};
    }
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return std::nullopt;
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

CodePointOffsets::CodePointOffsets(std::string_view text) : size_(text.size()) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii_ = false;
      break;
    }
  }
  if (ascii_) return;
  byte_of_.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_of_.push_back(i);
  }
  byte_of_.push_back(text.size());
}

std::size_t CodePointOffsets::ByteOffset(std::size_t code_point_offset) const {
  if (ascii_) return code_point_offset < size_ ? code_point_offset : size_;
  if (code_point_offset >= byte_of_.size()) return size_;
  return byte_of_[code_point_offset];
}

}  // namespace aurora::parser
