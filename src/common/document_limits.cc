#include "common/document_limits.h"

#include <utility>
#include <vector>

namespace aurora::internal {

std::string DocumentProblem(const Json& doc, int depth) {
  // Iterative walk: the value may be deeper than the C stack likes.
  std::vector<std::pair<const Json*, int>> todo{{&doc, depth}};
  while (!todo.empty()) {
    auto [v, level] = todo.back();
    todo.pop_back();
    if (v->is_string()) {
      if (v->as_string().find('\0') != std::string::npos) {
        return "strings in documents cannot contain the character U+0000 (NUL)";
      }
      continue;
    }
    if (!v->is_array() && !v->is_object()) continue;
    if (level > Json::kMaxDepth) {
      return "a document may not be nested deeper than " + std::to_string(Json::kMaxDepth) +
             " levels of objects and lists";
    }
    if (v->is_array()) {
      for (const Json& item : v->as_array()) todo.emplace_back(&item, level + 1);
    } else {
      for (const auto& [key, value] : v->as_object()) {
        if (key.find('\0') != std::string::npos) return "field names in documents cannot contain the character U+0000 (NUL)";
        todo.emplace_back(&value, level + 1);
      }
    }
  }
  return "";
}

}  // namespace aurora::internal
