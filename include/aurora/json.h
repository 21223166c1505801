// aurora/json.h: the JSON value type of the public API.
//
// Documents, job payloads, variables and responses are all `aurora::Json`. Objects keep their
// keys in insertion order, so a response prints its fields in the order the query asked for;
// setting a key again replaces its value in place (parsing: the last of repeated keys wins).
// A Json is a plain value: copy it, move it, compare it. Not safe for concurrent mutation;
// concurrent reads through const access are safe.
//
// Errors: accessors that need a type (as_string(), get<T>(), at(), mutable operator[], ...)
// throw aurora::JsonError (an aurora::Exception with code ValidationError) whose message says
// what was expected and what was found: "expected string, got int". The error records which
// value it was about; Json::path_to() turns that into a path ("expected string, got int at
// payload.user.name" is what a job handler that misreads its payload fails with).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "aurora/error.h"

namespace aurora {

class Json;

// A Json value had the wrong type, or a key or index was missing, or a number did not fit the
// requested type. code() is ErrorCode::ValidationError.
class JsonError : public Exception {
 public:
  JsonError(const std::string& message, const Json* value)
      : Exception(ErrorCode::ValidationError, message), value_(value) {}
  // The value the error is about (for at(): the object or array searched). Only for locating it
  // with Json::path_to(); it may no longer exist, so never dereference it.
  const Json* value() const { return value_; }

 private:
  const Json* value_;
};

namespace json_detail {
template <typename T>
struct IsVector : std::false_type {};
template <typename T, typename A>
struct IsVector<std::vector<T, A>> : std::true_type {};
template <typename T>
struct IsStringMap : std::false_type {};
template <typename T, typename C, typename A>
struct IsStringMap<std::map<std::string, T, C, A>> : std::true_type {};
template <typename T>
constexpr bool kIsOtherInteger = std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, int>;
}  // namespace json_detail

class Json {
 public:
  enum class Type { Null, Bool, Int, Double, String, Array, Object };
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;

  // "null", "bool", "int", "double", "string", "array", "object": the words of JsonError.
  static const char* type_name(Type type);

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : v_(b) {}
  Json(int i) : v_(static_cast<std::int64_t>(i)) {}
  // Every other integer type. An unsigned value above INT64_MAX throws JsonError (a Json
  // integer is 64-bit signed; it is never wrapped or rounded).
  template <typename T, std::enable_if_t<json_detail::kIsOtherInteger<T>, int> = 0>
  Json(T i) : v_(ToInt64(i)) {}
  Json(double d) : v_(d) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(std::string_view s) : v_(std::string(s)) {}
  // An array of the converted elements.
  template <typename T, typename A, std::enable_if_t<std::is_constructible_v<Json, const T&>, int> = 0>
  Json(const std::vector<T, A>& items) : v_(Array(items.begin(), items.end())) {}
  // An object; its keys come in the map's order.
  template <typename T, typename C, typename A, std::enable_if_t<std::is_constructible_v<Json, const T&>, int> = 0>
  Json(const std::map<std::string, T, C, A>& members) : v_(ObjectRep()) {
    for (const auto& [k, v] : members) set(k, Json(v));
  }
  // Brace initialisation, nested as deep as needed:
  //   Json j = {{"name", "Mouse"}, {"tags", {"usb", "sale"}}, {"price", 25}};
  // A list whose every element is a two-element list starting with a string is an object
  // (keys in order, the last of repeated keys wins); any other list is an array. `{}` is null.
  // Json::array({...}) and Json::object({...}) say which one explicitly (an array of pairs, an
  // empty object). Beware: `Json j{x}` is the array [x], as with any list; copy with `Json j = x`.
  Json(std::initializer_list<Json> items);

  static Json array(Array items = {});
  static Json object(Object members = {});
  static Json object(std::initializer_list<Member> members);

  // Parses JSON text. On failure returns nullopt and, when `error` is given, a message with
  // the byte offset. Nesting deeper than kMaxDepth is rejected, never a stack overflow.
  // A repeated key keeps its first position and its last value.
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

  // Accessors. Throw JsonError ("expected string, got int") when the value has another type.
  bool as_bool() const { return *std::get_if<bool>(&Checked(Type::Bool).v_); }
  std::int64_t as_int() const { return *std::get_if<std::int64_t>(&Checked(Type::Int).v_); }
  double as_double() const;  // also converts an Int; "expected number" otherwise
  const std::string& as_string() const { return *std::get_if<std::string>(&Checked(Type::String).v_); }
  const Array& as_array() const { return *std::get_if<Array>(&Checked(Type::Array).v_); }
  Array& as_array() { return *std::get_if<Array>(&Checked(Type::Array).v_); }
  const Object& as_object() const { return std::get_if<ObjectRep>(&Checked(Type::Object).v_)->members; }
  // Mutable access to the members. Keep keys unique when editing them here; set() and
  // operator[] are the way to add members (this drops the key index of a large object, which
  // the next mutable lookup rebuilds).
  Object& as_object();

  // The value as T: bool; any integer type (an Int, or a Double holding a whole number, that
  // fits T, else JsonError "expected an integer between A and B, got V"); float or double (Int
  // or Double); std::string; Json; std::vector<T> of an array; std::map<std::string, T> of an
  // object (elements converted recursively; errors name the element).
  template <typename T>
  T get() const;

  // Object member by key, or nullptr (also when this is not an object).
  const Json* find(std::string_view key) const;
  Json* find(std::string_view key);
  // True when this is an object with a member `key`.
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // Object member by key; a missing member (or a non-object) reads as null.
  const Json& operator[](std::string_view key) const;
  // Object member by key, appended as null when missing; null turns into an object first.
  // JsonError when this is neither null nor an object. The reference is valid until the next
  // member is added or erased.
  Json& operator[](std::string_view key);
  // Array element; an index past the end (or a non-array) reads as null.
  const Json& operator[](std::size_t index) const;
  // Array element; null turns into an array first, and an index past the end extends the array
  // with nulls. JsonError when this is neither null nor an array.
  Json& operator[](std::size_t index);
  // Like operator[], but a missing key, an index past the end or a value of another type
  // throws JsonError: `missing key "name"`, "index 3 out of range (size 2)", "expected object,
  // got array".
  const Json& at(std::string_view key) const;
  Json& at(std::string_view key);
  const Json& at(std::size_t index) const;
  Json& at(std::size_t index);
  // get<T>() of member `key`, or `fallback` when the member is missing or null (or this is
  // null). JsonError when this is another non-object or the member does not convert to T.
  template <typename T>
  T value(std::string_view key, const T& fallback) const;
  std::string value(std::string_view key, const char* fallback) const { return value(key, std::string(fallback)); }

  // Sets a member, replacing an existing one with the same key. Turns null into an object.
  void set(std::string_view key, Json value);
  bool erase(std::string_view key);
  // Appends to an array. Turns null into an array.
  void push_back(Json value);
  // Number of members or elements; 0 for scalars.
  std::size_t size() const;
  bool empty() const { return size() == 0; }

  // Range-for over a Json visits the elements of an array and the member values of an object
  // (in order; the iterator's key() names the member); null is empty; any other value throws
  // JsonError. For (key, value) pairs iterate items(): `for (const auto& [key, v] : j.items())`.
  template <bool kConst>
  class Iterator;
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;
  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  // The members of an object, as Member pairs; empty for null; JsonError for other values.
  const Object& items() const;

  // Where `value` lies inside this value: "" for this value itself, then ".key" per object
  // member (`["key"]` with the key as JSON text when it is not an identifier) and "[i]" per
  // array element, e.g. ".user.name" or ".items[2]". nullopt when `value` is not inside. Meant
  // for JsonError::value(): "payload" + *payload.path_to(e.value()) is "payload.user.name".
  std::optional<std::string> path_to(const Json* value) const;

  friend bool operator==(const Json& a, const Json& b);
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  // An object's members plus, above a few dozen members, a hash index of their positions (so
  // that building and parsing large objects is linear). Copies share nothing.
  struct ObjectRep {
    ObjectRep() = default;
    ObjectRep(const ObjectRep& o) : members(o.members), index(o.index ? new Index(*o.index) : nullptr) {}
    ObjectRep(ObjectRep&&) noexcept = default;
    ObjectRep& operator=(ObjectRep o) noexcept {
      members = std::move(o.members);
      index = std::move(o.index);
      return *this;
    }
    Object members;
    using Index = std::vector<std::uint32_t>;  // open addressing: member position + 1, 0 = free
    std::unique_ptr<Index> index;
  };

  template <typename T>
  static std::int64_t ToInt64(T i) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      if (i > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) ThrowTooLarge(i);
    }
    return static_cast<std::int64_t>(i);
  }
  [[noreturn]] static void ThrowTooLarge(std::uint64_t i);
  // *this when it has type `t` (Null counts for nothing), else throws the type error.
  const Json& Checked(Type t) const {
    if (type() != t) ThrowType(type_name(t));
    return *this;
  }
  Json& Checked(Type t) {
    if (type() != t) ThrowType(type_name(t));
    return *this;
  }
  [[noreturn]] void ThrowType(const char* expected) const;
  // The integer value for get<T>() of an integer type, range-checked against [lo, hi].
  std::int64_t IntegerIn(std::int64_t lo, std::uint64_t hi) const;
  const ObjectRep* Rep() const { return std::get_if<ObjectRep>(&v_); }

  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, ObjectRep> v_;
};

template <bool kConst>
class Json::Iterator {
  using JsonT = std::conditional_t<kConst, const Json, Json>;
  using MemberT = std::conditional_t<kConst, const Member, Member>;

 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Json;
  using difference_type = std::ptrdiff_t;
  using pointer = JsonT*;
  using reference = JsonT&;

  Iterator() = default;
  reference operator*() const { return element_ ? *element_ : member_->second; }
  pointer operator->() const { return &**this; }
  Iterator& operator++() {
    if (element_) {
      ++element_;
    } else {
      ++member_;
    }
    return *this;
  }
  Iterator operator++(int) {
    Iterator old = *this;
    ++*this;
    return old;
  }
  // The member's key when iterating an object; JsonError for an array.
  const std::string& key() const {
    if (!member_) throw JsonError("key() of an array iterator", nullptr);
    return member_->first;
  }
  friend bool operator==(const Iterator& a, const Iterator& b) {
    return a.element_ == b.element_ && a.member_ == b.member_;
  }
  friend bool operator!=(const Iterator& a, const Iterator& b) { return !(a == b); }

 private:
  friend class Json;
  Iterator(JsonT* element, MemberT* member) : element_(element), member_(member) {}
  JsonT* element_ = nullptr;
  MemberT* member_ = nullptr;
};

template <typename T>
T Json::get() const {
  using json_detail::IsStringMap;
  using json_detail::IsVector;
  if constexpr (std::is_same_v<T, Json>) {
    return *this;
  } else if constexpr (std::is_same_v<T, bool>) {
    return as_bool();
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(IntegerIn(static_cast<std::int64_t>(std::numeric_limits<T>::min()),
                                    static_cast<std::uint64_t>(std::numeric_limits<T>::max())));
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(as_double());
  } else if constexpr (std::is_same_v<T, std::string>) {
    return as_string();
  } else if constexpr (IsVector<T>::value) {
    T out;
    out.reserve(as_array().size());
    for (const Json& item : as_array()) out.push_back(item.get<typename T::value_type>());
    return out;
  } else if constexpr (IsStringMap<T>::value) {
    T out;
    for (const Member& m : as_object()) out.insert_or_assign(m.first, m.second.get<typename T::mapped_type>());
    return out;
  } else {
    static_assert(std::is_same_v<T, Json>,
                  "Json::get<T>: T must be bool, an integer, a floating-point type, std::string, Json, "
                  "std::vector<T> or std::map<std::string, T>");
  }
}

template <typename T>
T Json::value(std::string_view key, const T& fallback) const {
  if (is_null()) return fallback;
  const Json* member = Checked(Type::Object).find(key);
  if (!member || member->is_null()) return fallback;
  return member->get<T>();
}

}  // namespace aurora
