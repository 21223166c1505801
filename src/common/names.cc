#include "common/names.h"

#include <cctype>

namespace aurora::internal {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Shown(std::string_view s) {
  std::string out(s.substr(0, 60));
  if (s.size() > 60) out += "…";
  return out;
}

}  // namespace

bool IsIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!alpha(name[0])) return false;
  for (char c : name) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string CollectionNameProblem(std::string_view name) {
  if (name.empty()) return "collection name is empty";
  if (name[0] == '_') {
    return "collection name '" + Shown(name) + "' starts with '_', which is reserved for system tables";
  }
  if (!IsIdentifier(name) || name.size() > 64) {
    return "invalid collection name '" + Shown(name) +
           "': use letters, digits and '_', starting with a letter (at most 64 characters)";
  }
  std::string lower;
  for (char c : name.substr(0, 7)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sqlite_") return "collection name '" + Shown(name) + "' is reserved (starts with 'sqlite_')";
  return "";
}

std::string FieldPathProblem(std::string_view path) {
  if (path.empty()) return "field name is empty";
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t dot = path.find('.', start);
    std::string_view seg = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!IsIdentifier(seg) && (first || !IsDigits(seg))) {
      return "invalid field name '" + Shown(path) +
             "': use letters, digits and '_' (starting with a letter or '_'), with '.' between nested names";
    }
    first = false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return "";
}

}  // namespace aurora::internal
