#include "common/foreign_values.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "common/utf8.h"

namespace aurora::internal {
namespace {

// One step from a value to a member: a field name or a list index.
struct Segment {
  const std::string* key = nullptr;  // null: `index`
  std::size_t index = 0;
};

std::string PathText(std::string_view root, const std::vector<Segment>& path) {
  std::string out(root);
  for (const Segment& s : path) {
    if (s.key) {
      out += '.';
      out += *s.key;
    } else {
      out += '[' + std::to_string(s.index) + ']';
    }
  }
  return out;
}

}  // namespace

std::string ForeignValueProblem(const Json& value, std::string_view root) {
  // Depth-first with an explicit stack. `path` is the way to the value just taken: a value at
  // depth d (the root is 0) is always taken right after its parent or a sibling subtree, so
  // cutting `path` to d segments and adding its own gives its path.
  struct Todo {
    const Json* value;
    std::size_t depth;
    Segment segment;
  };
  std::vector<Todo> todo{{&value, 0, {}}};
  std::vector<Segment> path;
  while (!todo.empty()) {
    Todo t = todo.back();
    todo.pop_back();
    path.resize(t.depth > 0 ? t.depth - 1 : 0);
    if (t.depth > 0) path.push_back(t.segment);
    const Json& v = *t.value;
    if (v.is_string()) {
      if (auto at = FindInvalidUtf8Byte(v.as_string())) {
        return PathText(root, path) + ": invalid UTF-8 at byte " + std::to_string(*at);
      }
    } else if (v.is_double()) {
      double d = v.as_double();
      if (!std::isfinite(d)) {
        const char* what = std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        return PathText(root, path) + ": " + what + " cannot be stored (JSON has no NaN or Infinity)";
      }
    } else if (v.is_array()) {
      const Json::Array& items = v.as_array();
      // Pushed last to first, so the first problem in document order is found first.
      for (std::size_t i = items.size(); i-- > 0;) todo.push_back({&items[i], t.depth + 1, {nullptr, i}});
    } else if (v.is_object()) {
      std::size_t first = todo.size();
      for (const auto& [key, member] : v.as_object()) {
        if (auto at = FindInvalidUtf8Byte(key)) {
          return PathText(root, path) + ": a field name is not valid UTF-8 (invalid byte " + std::to_string(*at) +
                 " of \"" + RepairUtf8(key) + "\")";
        }
        todo.push_back({&member, t.depth + 1, {&key, 0}});
      }
      std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(first), todo.end());
    }
  }
  return "";
}

}  // namespace aurora::internal
