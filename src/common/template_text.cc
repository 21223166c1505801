#include "common/template_text.h"

#include <algorithm>

#include "common/aql_error.h"

namespace aurora::internal {
namespace {

bool IsPathChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool IsTemplatePath(std::string_view path) {
  if (path.empty()) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string_view seg = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (seg.empty() || !std::all_of(seg.begin(), seg.end(), IsPathChar)) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

std::vector<TemplatePiece> SplitTemplate(const ast::Value& v) {
  const std::string& s = v.text;
  std::vector<TemplatePiece> pieces;
  std::string literal;
  for (size_t i = 0; i < s.size(); ++i) {
    bool escaped = std::find(v.escaped_dollars.begin(), v.escaped_dollars.end(), i) != v.escaped_dollars.end();
    if (s[i] == '$' && !escaped && i + 1 < s.size() && s[i + 1] == '{') {
      size_t close = s.find('}', i + 2);
      if (close == std::string::npos) {
        throw AqlError(ErrorCode::ValidationError,
                       "unterminated template: '${' without a closing '}' (write \\${ for a literal ${)",
                       v.pos.line, v.pos.column);
      }
      std::string path = s.substr(i + 2, close - i - 2);
      if (!IsTemplatePath(path)) {
        throw AqlError(ErrorCode::ValidationError,
                       "bad template path '${" + path + "}': expected dotted field names such as ${id} or ${address.city}",
                       v.pos.line, v.pos.column);
      }
      if (!literal.empty()) pieces.push_back({false, std::move(literal)});
      literal.clear();
      pieces.push_back({true, std::move(path)});
      i = close;
    } else {
      literal += s[i];
    }
  }
  if (!literal.empty()) pieces.push_back({false, std::move(literal)});
  return pieces;
}

}  // namespace aurora::internal
