#include "parser/string_literals.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "parser/utf8.h"

namespace aurora::parser {
namespace {

std::optional<std::uint32_t> ParseHex4(std::string_view s) {
  if (s.size() < 4) return std::nullopt;
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

bool DecodeString(std::string_view raw, DecodedString& out, StringProblem& problem) {
  out.text.clear();
  out.escaped_dollars.clear();
  std::string_view body = raw.substr(1, raw.size() >= 2 ? raw.size() - 2 : 0);
  out.text.reserve(body.size());
  auto fail = [&](std::size_t at, std::string message) {
    problem.code_point_offset = 1 + CountCodePoints(body.substr(0, at));
    problem.message = std::move(message);
    return false;
  };
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t next = body.find('\\', i);
    if (next == std::string_view::npos) next = body.size();
    out.text.append(body.substr(i, next - i));
    i = next;
    if (i >= body.size()) break;
    if (i + 1 >= body.size()) return fail(i, "a string cannot end with a single '\\'");
    char e = body[i + 1];
    switch (e) {
      case '"': out.text += '"'; break;
      case '\\': out.text += '\\'; break;
      case '/': out.text += '/'; break;
      case 'b': out.text += '\b'; break;
      case 'f': out.text += '\f'; break;
      case 'n': out.text += '\n'; break;
      case 'r': out.text += '\r'; break;
      case 't': out.text += '\t'; break;
      case '$':
        out.escaped_dollars.push_back(out.text.size());
        out.text += '$';
        break;
      case 'u': {
        auto unit = ParseHex4(body.substr(i + 2));
        if (!unit) return fail(i, "bad escape '\\u': expected four hex digits, as in \\u00e9");
        std::uint32_t cp = *unit;
        std::size_t len = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::optional<std::uint32_t> low;
          if (body.substr(i + 6, 2) == "\\u") low = ParseHex4(body.substr(i + 8));
          if (!low || *low < 0xDC00 || *low > 0xDFFF) {
            return fail(i, "bad escape '" + std::string(body.substr(i, 6)) +
                               "': a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF");
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
          len = 12;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return fail(i, "bad escape '" + std::string(body.substr(i, 6)) +
                             "': a low surrogate must follow a high surrogate \\uD800-\\uDBFF");
        }
        AppendUtf8(cp, out.text);
        i += len;
        continue;
      }
      default: {
        // Show the whole (possibly multi-byte) character after the backslash.
        std::size_t end = i + 2;
        while (end < body.size() && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) ++end;
        return fail(i, "unknown escape '" + std::string(body.substr(i, end - i)) +
                           "' in string; use \\\\ for a backslash (escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                           "\\uXXXX \\$)");
      }
    }
    i += 2;
  }
  return true;
}

std::string DecodeBlockString(std::string_view raw) {
  std::string_view body = raw.substr(3, raw.size() >= 6 ? raw.size() - 6 : 0);
  // Split into lines (\r\n, \n or \r), unescaping \""" on the way.
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\' && body.substr(i + 1, 3) == "\"\"\"") {
      lines.back() += "\"\"\"";
      i += 3;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += c;
    }
  }
  // Common indentation of all lines but the first, ignoring blank lines.
  std::optional<std::size_t> common;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    std::size_t indent = lines[k].find_first_not_of(" \t");
    if (indent == std::string::npos) continue;
    if (!common || indent < *common) common = indent;
  }
  if (common && *common > 0) {
    for (std::size_t k = 1; k < lines.size(); ++k) lines[k].erase(0, std::min(*common, lines[k].size()));
  }
  std::size_t first = 0, last = lines.size();
  while (first < last && IsBlank(lines[first])) ++first;
  while (last > first && IsBlank(lines[last - 1])) --last;
  std::string out;
  for (std::size_t k = first; k < last; ++k) {
    if (k > first) out += '\n';
    out += lines[k];
  }
  return out;
}

}  // namespace aurora::parser
