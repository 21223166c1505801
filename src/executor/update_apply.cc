#include "executor/update_apply.h"

#include <algorithm>
#include <cmath>

#include "checker/checker.h"
#include "common/aql_error.h"
#include "common/names.h"
#include "planner/planner.h"

namespace aurora::executor {
namespace {

using internal::AqlError;

bool IsIndex(const std::string& seg) {
  return !seg.empty() && seg.size() < 10 && seg.find_first_not_of("0123456789") == std::string::npos;
}

ast::Pos PosOf(const ast::Value& source, const std::string& key, bool value_pos) {
  if (source.kind == ast::Value::Kind::Object) {
    for (const auto& f : source.fields) {
      if (f.name == key) {
        if (value_pos && f.value.kind == ast::Value::Kind::Object && !f.value.fields.empty()) {
          return f.value.fields[0].pos;
        }
        return f.pos;
      }
    }
  }
  return source.pos;
}

using internal::Fail;

std::vector<std::string> Split(const std::string& path) { return planner::MakePath(path, {}).segments; }

}  // namespace

const Json* GetPath(const Json& doc, const std::vector<std::string>& segments) {
  const Json* cur = &doc;
  for (const auto& seg : segments) {
    if (cur->is_object()) {
      cur = cur->find(seg);
    } else if (cur->is_array() && IsIndex(seg)) {
      size_t i = std::stoul(seg);
      cur = i < cur->as_array().size() ? &cur->as_array()[i] : nullptr;
    } else {
      return nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

void SetPath(Json& doc, const std::vector<std::string>& segments, Json value) {
  Json* cur = &doc;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& seg = segments[i];
    bool last = i + 1 == segments.size();
    if (cur->is_array() && IsIndex(seg) && std::stoul(seg) < cur->as_array().size()) {
      Json& slot = cur->as_array()[std::stoul(seg)];
      if (last) {
        slot = std::move(value);
        return;
      }
      cur = &slot;
      continue;
    }
    if (!cur->is_object()) *cur = Json::object();
    if (last) {
      cur->set(seg, std::move(value));
      return;
    }
    Json* next = cur->find(seg);
    if (!next) {
      cur->set(seg, Json::object());
      next = cur->find(seg);
    }
    cur = next;
  }
}

void ApplyUpdate(Json& doc, const Json& data, const ast::Value& source) {
  if (!data.is_object()) Fail(source.pos, "data expects an object, got " + data.dump());
  const auto& mods = checker::UpdateModifierNames();
  for (const auto& [key, value] : data.as_object()) {
    std::string problem = internal::FieldPathProblem(key);
    if (!problem.empty()) Fail(PosOf(source, key, false), problem);
    if (key == "id") Fail(PosOf(source, key, false), "a document's id cannot be changed");
    std::vector<std::string> path = Split(key);
    bool is_mod = value.is_object() && value.size() == 1 &&
                  std::find(mods.begin(), mods.end(), value.as_object()[0].first) != mods.end();
    if (!is_mod) {
      SetPath(doc, path, value);
      continue;
    }
    const std::string& mod = value.as_object()[0].first;
    const Json& arg = value.as_object()[0].second;
    const Json* current = GetPath(doc, path);
    ast::Pos pos = PosOf(source, key, true);
    if (mod == "increment" || mod == "decrement") {
      if (!arg.is_number()) Fail(pos, "'" + mod + "' expects a number, got " + arg.dump());
      if (current && !current->is_null() && !current->is_number()) {
        Fail(pos, "cannot " + mod + " '" + key + "': it holds " + current->dump());
      }
      Json base = current && !current->is_null() ? *current : Json(0);
      Json result;
      long long sum = 0;  // integers stay integers unless the result leaves int64 (then a float, as in SQLite)
      if (base.is_int() && arg.is_int() &&
          !(mod == "increment" ? __builtin_add_overflow(base.as_int(), arg.as_int(), &sum)
                               : __builtin_sub_overflow(base.as_int(), arg.as_int(), &sum))) {
        result = Json(sum);
      } else {
        double d = mod == "increment" ? base.as_double() + arg.as_double() : base.as_double() - arg.as_double();
        if (!std::isfinite(d)) Fail(pos, "'" + mod + "' of '" + key + "' gives a number too large to store");
        result = Json(d);
      }
      SetPath(doc, path, std::move(result));
      continue;
    }
    if (current && !current->is_null() && !current->is_array()) {
      Fail(pos, "cannot " + mod + " on '" + key + "': it is not a list (it holds " + current->dump() + ")");
    }
    Json list = current && current->is_array() ? *current : Json::array();
    auto& items = list.as_array();
    if (mod == "push") {
      items.push_back(arg);
    } else if (mod == "addToSet") {
      if (std::find(items.begin(), items.end(), arg) == items.end()) items.push_back(arg);
    } else {  // pull
      if (!current) continue;
      items.erase(std::remove(items.begin(), items.end(), arg), items.end());
    }
    SetPath(doc, path, std::move(list));
  }
}

}  // namespace aurora::executor
