// common/utf8.h: byte-level UTF-8 checks and repair for text that comes from outside AQL
// (C++ API arguments, variables, handler error messages).
//
// Stored documents, `_jobs` rows and responses are JSON text, which must be UTF-8: one invalid
// byte in a stored row makes every later read of that row fail. So text from outside is either
// refused (arguments: the caller can fix them) or repaired (a handler's error message: it must
// be recorded whatever it holds).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aurora::internal {

// Length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes there
// are not one (overlong forms, surrogates, code points past U+10FFFF and truncated sequences
// are invalid). REQUIRES: i < text.size().
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i);

// The byte offset (0-based) of the first invalid UTF-8 sequence, or nothing when `text` is valid.
std::optional<std::size_t> FindInvalidUtf8Byte(std::string_view text);

// `text` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD (the
// replacement character); valid text comes back unchanged.
std::string RepairUtf8(std::string_view text);

}  // namespace aurora::internal
