#include "common/json_text_size.h"

#include <string>
#include <vector>

namespace aurora::internal {
namespace {

std::size_t StringTextSize(const std::string& s) {
  std::size_t n = 2;  // the quotes
  for (unsigned char c : s) {
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      n += 2;
    } else if (c < 0x20) {
      n += 6;  // \u00XX
    } else {
      n += 1;
    }
  }
  return n;
}

std::size_t IntTextSize(std::int64_t i) {
  std::size_t n = i < 0 ? 1 : 0;
  // Digits of |i|, computed on the unsigned value so INT64_MIN does not overflow.
  std::uint64_t u = i < 0 ? ~static_cast<std::uint64_t>(i) + 1 : static_cast<std::uint64_t>(i);
  do {
    ++n;
    u /= 10;
  } while (u != 0);
  return n;
}

std::size_t ScalarTextSize(const Json& v) {
  switch (v.type()) {
    case Json::Type::Null: return 4;
    case Json::Type::Bool: return v.as_bool() ? 4 : 5;
    case Json::Type::Int: return IntTextSize(v.as_int());
    case Json::Type::Double: return v.dump().size();
    case Json::Type::String: return StringTextSize(v.as_string());
    default: return 0;
  }
}

}  // namespace

std::size_t JsonTextSize(const Json& value) {
  std::size_t total = 0;
  std::vector<const Json*> pending{&value};
  while (!pending.empty()) {
    const Json* v = pending.back();
    pending.pop_back();
    if (v->is_array()) {
      const Json::Array& items = v->as_array();
      total += 2 + (items.empty() ? 0 : items.size() - 1);  // brackets and commas
      for (const Json& item : items) pending.push_back(&item);
    } else if (v->is_object()) {
      const Json::Object& members = v->as_object();
      total += 2 + (members.empty() ? 0 : members.size() - 1);  // braces and commas
      for (const auto& [key, member] : members) {
        total += StringTextSize(key) + 1;  // "key":
        pending.push_back(&member);
      }
    } else {
      total += ScalarTextSize(*v);
    }
  }
  return total;
}

}  // namespace aurora::internal
