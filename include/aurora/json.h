// aurora/json.h: the JSON value type of the public API.
//
// Documents, job payloads, variables and responses are all `aurora::Json`. Objects keep their
// keys in insertion order, so a response prints its fields in the order the query asked for.
// A Json is a plain value: copy it, move it, compare it. Not safe for concurrent mutation.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace aurora {

class Json {
 public:
  enum class Type { Null, Bool, Int, Double, String, Array, Object };
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : v_(b) {}
  Json(int i) : v_(static_cast<std::int64_t>(i)) {}
  Json(long i) : v_(static_cast<std::int64_t>(i)) {}
  Json(long long i) : v_(static_cast<std::int64_t>(i)) {}
  Json(unsigned i) : v_(static_cast<std::int64_t>(i)) {}
  Json(double d) : v_(d) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(std::string_view s) : v_(std::string(s)) {}

  static Json array(Array items = {});
  static Json object(Object members = {});
  static Json object(std::initializer_list<Member> members);

  // Parses JSON text. On failure returns nullopt and, when `error` is given, a message with
  // the byte offset. Nesting deeper than kMaxDepth is rejected, never a stack overflow.
  static std::optional<Json> parse(std::string_view text, std::string* error = nullptr);
  static constexpr int kMaxDepth = 256;

  // Compact JSON text, or indented by two spaces when `pretty`.
  std::string dump(bool pretty = false) const;
  // Appends the compact JSON text (the same as dump()) to `out`.
  void dump_to(std::string& out) const;

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::Null; }
  bool is_bool() const { return type() == Type::Bool; }
  bool is_int() const { return type() == Type::Int; }
  bool is_double() const { return type() == Type::Double; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return type() == Type::String; }
  bool is_array() const { return type() == Type::Array; }
  bool is_object() const { return type() == Type::Object; }

  // Accessors. REQUIRES: the value has that type (std::bad_variant_access otherwise).
  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_double() const;  // also converts an Int
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  // Object member by key, or nullptr (also when this is not an object).
  const Json* find(std::string_view key) const;
  Json* find(std::string_view key);
  // Object member by key; a missing member (or a non-object) reads as null.
  const Json& operator[](std::string_view key) const;
  // Sets a member, replacing an existing one with the same key. Turns null into an object.
  void set(std::string_view key, Json value);
  bool erase(std::string_view key);
  // Appends to an array. Turns null into an array.
  void push_back(Json value);
  // Number of members or elements; 0 for scalars.
  std::size_t size() const;

  friend bool operator==(const Json& a, const Json& b);
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> v_;
};

}  // namespace aurora
