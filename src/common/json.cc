// The public Json value type; text conversion uses RapidJSON.
#include "aurora/json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>
#include <cmath>
#include <functional>
#include <memory>
#include <string>

namespace aurora {
namespace {

// SAX handler building a Json; iterative parsing keeps deep input off the C stack.
class Builder {
 public:
  bool Null() { return Add(Json()); }
  bool Bool(bool b) { return Add(Json(b)); }
  bool Int(int i) { return Add(Json(i)); }
  bool Uint(unsigned u) { return Add(Json(static_cast<long long>(u))); }
  bool Int64(int64_t i) { return Add(Json(static_cast<long long>(i))); }
  bool Uint64(uint64_t u) {
    if (u > static_cast<uint64_t>(INT64_MAX)) return Add(Json(static_cast<double>(u)));
    return Add(Json(static_cast<long long>(u)));
  }
  bool Double(double d) { return Add(Json(d)); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }
  bool String(const char* s, rapidjson::SizeType n, bool) { return Add(Json(std::string(s, n))); }
  bool StartObject() { return Open(Json::object()); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys_.back().assign(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(Json::array()); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  bool too_deep = false;
  Json result;

 private:
  bool Open(Json container) {
    if (static_cast<int>(stack_.size()) >= Json::kMaxDepth) {
      too_deep = true;
      return false;
    }
    stack_.push_back(std::move(container));
    keys_.emplace_back();
    return true;
  }
  bool Close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    keys_.pop_back();
    return Add(std::move(done));
  }
  bool Add(Json v) {
    if (stack_.empty()) {
      result = std::move(v);
    } else if (stack_.back().is_array()) {
      stack_.back().as_array().push_back(std::move(v));
    } else {
      stack_.back().set(keys_.back(), std::move(v));
    }
    return true;
  }
  std::vector<Json> stack_;
  std::vector<std::string> keys_;
};

template <typename Writer>
void Write(const Json& v, Writer& w) {
  switch (v.type()) {
    case Json::Type::Null: w.Null(); break;
    case Json::Type::Bool: w.Bool(v.as_bool()); break;
    case Json::Type::Int: w.Int64(v.as_int()); break;
    case Json::Type::Double:
      if (std::isfinite(v.as_double())) {
        w.Double(v.as_double());
      } else {
        w.Null();  // JSON has no NaN or infinity
      }
      break;
    case Json::Type::String:
      w.String(v.as_string().data(), static_cast<rapidjson::SizeType>(v.as_string().size()));
      break;
    case Json::Type::Array:
      w.StartArray();
      for (const Json& item : v.as_array()) Write(item, w);
      w.EndArray();
      break;
    case Json::Type::Object:
      w.StartObject();
      for (const auto& [key, value] : v.as_object()) {
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        Write(value, w);
      }
      w.EndObject();
      break;
  }
}

const Json kNull;

// A RapidJSON output stream that appends to a std::string. Like rapidjson::StringBuffer, the
// writer reserves room before a run of characters and then stores them unchecked
// (PutReserve / PutUnsafe below); Finish() trims the unused room.
class StringAppender {
 public:
  using Ch = char;
  explicit StringAppender(std::string& out) : out_(out), size_(out.size()) {}
  void Put(char c) {
    Reserve(1);
    PutUnsafe(c);
  }
  void Flush() {}
  void Reserve(std::size_t n) {
    if (out_.size() < size_ + n) out_.resize(std::max(size_ + n, 2 * out_.size()));
  }
  void PutUnsafe(char c) { out_[size_++] = c; }
  void Finish() { out_.resize(size_); }

 private:
  std::string& out_;
  std::size_t size_;  // bytes written; out_ may be longer while writing
};

// Found by argument-dependent lookup from rapidjson::Writer, in place of its generic versions.
inline void PutReserve(StringAppender& stream, std::size_t count) { stream.Reserve(count); }
inline void PutUnsafe(StringAppender& stream, char c) { stream.PutUnsafe(c); }

// Objects above this many members get a hash index of member positions; below it a linear
// scan of the keys is as fast.
constexpr std::size_t kIndexAbove = 32;

std::size_t HashKey(std::string_view key) { return std::hash<std::string_view>()(key); }

bool IsIdentifier(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace

// ---- Object member index ------------------------------------------------------------------
//
// Open addressing over member positions (position + 1; 0 marks a free slot), at most half
// full, so a lookup probes about two slots. set() keeps it up to date as members are appended;
// erase() and mutable as_object() drop it; a mutable lookup rebuilds a dropped index, a const
// lookup never writes (concurrent const reads stay safe) and scans instead.

namespace {

using Index = std::vector<std::uint32_t>;

void IndexInsert(Index& index, std::string_view key, std::size_t position) {
  std::size_t mask = index.size() - 1;
  std::size_t slot = HashKey(key) & mask;
  while (index[slot] != 0) slot = (slot + 1) & mask;
  index[slot] = static_cast<std::uint32_t>(position + 1);
}

std::unique_ptr<Index> BuildIndex(const Json::Object& members) {
  std::size_t slots = 64;
  while (slots < 2 * members.size() + 2) slots *= 2;
  auto index = std::make_unique<Index>(slots, 0);
  for (std::size_t i = 0; i < members.size(); ++i) IndexInsert(*index, members[i].first, i);
  return index;
}

// The position of `key` in `members`, or npos.
std::size_t IndexFind(const Index& index, const Json::Object& members, std::string_view key) {
  std::size_t mask = index.size() - 1;
  for (std::size_t slot = HashKey(key) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
    std::size_t position = index[slot] - 1;
    if (members[position].first == key) return position;
  }
  return std::string_view::npos;
}

std::size_t ScanFind(const Json::Object& members, std::string_view key) {
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i].first == key) return i;
  }
  return std::string_view::npos;
}

}  // namespace

// ---- Construction -------------------------------------------------------------------------

const char* Json::type_name(Type type) {
  switch (type) {
    case Type::Null: return "null";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Double: return "double";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
  }
  return "?";
}

Json::Json(std::initializer_list<Json> items) {
  bool pairs = items.size() > 0;
  for (const Json& item : items) {
    if (!item.is_array() || item.size() != 2 || !item.as_array()[0].is_string()) {
      pairs = false;
      break;
    }
  }
  if (!pairs) {
    v_ = Array(items.begin(), items.end());
    return;
  }
  v_ = ObjectRep();
  for (const Json& item : items) set(item.as_array()[0].as_string(), item.as_array()[1]);
}

Json Json::array(Array items) {
  Json j;
  j.v_ = std::move(items);
  return j;
}

Json Json::object(Object members) {
  Json j;
  j.v_ = ObjectRep();
  for (auto& [k, v] : members) j.set(k, std::move(v));
  return j;
}

Json Json::object(std::initializer_list<Member> members) {
  Json j;
  j.v_ = ObjectRep();
  for (const auto& [k, v] : members) j.set(k, v);
  return j;
}

void Json::ThrowTooLarge(std::uint64_t i) {
  throw JsonError("integer " + std::to_string(i) + " does not fit a Json integer (64-bit signed)", nullptr);
}

// ---- Text ---------------------------------------------------------------------------------

std::optional<Json> Json::parse(std::string_view text, std::string* error) {
  Builder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseStopWhenDoneFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(is, builder);
  if (!ok) {
    if (error) {
      *error = builder.too_deep ? "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels"
                                : std::string(rapidjson::GetParseError_En(ok.Code()));
      *error += " (at byte " + std::to_string(ok.Offset()) + ")";
    }
    return std::nullopt;
  }
  // Only whitespace may follow the value.
  for (size_t i = is.Tell(); i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      if (error) *error = "unexpected text after the JSON value (at byte " + std::to_string(i) + ")";
      return std::nullopt;
    }
  }
  return std::move(builder.result);
}

std::string Json::dump(bool pretty) const {
  rapidjson::StringBuffer buf;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    Write(*this, w);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    Write(*this, w);
  }
  return std::string(buf.GetString(), buf.GetSize());
}

void Json::dump_to(std::string& out) const {
  StringAppender appender(out);
  rapidjson::Writer<StringAppender> w(appender);
  Write(*this, w);
  appender.Finish();
}

// ---- Typed access -------------------------------------------------------------------------

void Json::ThrowType(const char* expected) const {
  throw JsonError(std::string("expected ") + expected + ", got " + type_name(type()), this);
}

double Json::as_double() const {
  if (const auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v_)) return *d;
  ThrowType("number");
}

Json::Object& Json::as_object() {
  ObjectRep& rep = *std::get_if<ObjectRep>(&Checked(Type::Object).v_);
  rep.index.reset();  // the caller may change keys
  return rep.members;
}

std::int64_t Json::IntegerIn(std::int64_t lo, std::uint64_t hi) const {
  std::int64_t i = 0;
  if (const auto* p = std::get_if<std::int64_t>(&v_)) {
    i = *p;
  } else if (const auto* d = std::get_if<double>(&v_)) {
    // A whole number in int64 range (2^63 is the first double above it).
    if (!(*d == std::trunc(*d) && *d >= -9223372036854775808.0 && *d < 9223372036854775808.0)) {
      throw JsonError("expected an integer, got " + dump(), this);
    }
    i = static_cast<std::int64_t>(*d);
  } else {
    ThrowType("int");
  }
  bool below = i < lo;
  bool above = i >= 0 && static_cast<std::uint64_t>(i) > hi;
  if (below || above) {
    throw JsonError("expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                        std::to_string(i),
                    this);
  }
  return i;
}

// ---- Members and elements -----------------------------------------------------------------

const Json* Json::find(std::string_view key) const {
  const ObjectRep* rep = Rep();
  if (!rep) return nullptr;
  std::size_t at = rep->index ? IndexFind(*rep->index, rep->members, key) : ScanFind(rep->members, key);
  return at == std::string_view::npos ? nullptr : &rep->members[at].second;
}

Json* Json::find(std::string_view key) {
  ObjectRep* rep = std::get_if<ObjectRep>(&v_);
  if (!rep) return nullptr;
  if (!rep->index && rep->members.size() > kIndexAbove) rep->index = BuildIndex(rep->members);
  return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

const Json& Json::operator[](std::string_view key) const {
  const Json* v = find(key);
  return v ? *v : kNull;
}

Json& Json::operator[](std::string_view key) {
  if (is_null()) v_ = ObjectRep();
  Checked(Type::Object);
  if (Json* existing = find(key)) return *existing;
  set(key, Json());
  return std::get_if<ObjectRep>(&v_)->members.back().second;
}

const Json& Json::operator[](std::size_t index) const {
  const Array* items = std::get_if<Array>(&v_);
  return items && index < items->size() ? (*items)[index] : kNull;
}

Json& Json::operator[](std::size_t index) {
  if (is_null()) v_ = Array();
  Array& items = as_array();
  if (index >= items.size()) items.resize(index + 1);
  return items[index];
}

const Json& Json::at(std::string_view key) const {
  const Json* v = Checked(Type::Object).find(key);
  if (!v) throw JsonError("missing key " + Json(key).dump(), this);
  return *v;
}

Json& Json::at(std::string_view key) {
  Json* v = Checked(Type::Object).find(key);
  if (!v) throw JsonError("missing key " + Json(key).dump(), this);
  return *v;
}

const Json& Json::at(std::size_t index) const {
  const Array& items = as_array();
  if (index >= items.size()) {
    throw JsonError("index " + std::to_string(index) + " out of range (size " + std::to_string(items.size()) + ")",
                    this);
  }
  return items[index];
}

Json& Json::at(std::size_t index) {
  static_cast<const Json*>(this)->at(index);  // throws when out of range
  return as_array()[index];
}

void Json::set(std::string_view key, Json value) {
  if (is_null()) v_ = ObjectRep();
  if (Json* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  ObjectRep& rep = *std::get_if<ObjectRep>(&Checked(Type::Object).v_);
  rep.members.emplace_back(std::string(key), std::move(value));
  if (rep.index && 2 * rep.members.size() + 2 > rep.index->size()) rep.index.reset();  // grows: rebuild
  if (rep.index) {
    IndexInsert(*rep.index, rep.members.back().first, rep.members.size() - 1);
  } else if (rep.members.size() > kIndexAbove) {
    rep.index = BuildIndex(rep.members);
  }
}

bool Json::erase(std::string_view key) {
  ObjectRep* rep = std::get_if<ObjectRep>(&v_);
  if (!rep) return false;
  std::size_t at = rep->index ? IndexFind(*rep->index, rep->members, key) : ScanFind(rep->members, key);
  if (at == std::string_view::npos) return false;
  rep->members.erase(rep->members.begin() + static_cast<std::ptrdiff_t>(at));
  rep->index.reset();  // later positions moved; the next mutable lookup rebuilds it
  return true;
}

void Json::push_back(Json value) {
  if (is_null()) v_ = Array();
  as_array().push_back(std::move(value));
}

std::size_t Json::size() const {
  if (const Array* items = std::get_if<Array>(&v_)) return items->size();
  if (const ObjectRep* rep = Rep()) return rep->members.size();
  return 0;
}

// ---- Iteration ----------------------------------------------------------------------------

Json::iterator Json::begin() {
  if (Array* items = std::get_if<Array>(&v_)) return iterator(items->data(), nullptr);
  if (ObjectRep* rep = std::get_if<ObjectRep>(&v_)) return iterator(nullptr, rep->members.data());
  if (!is_null()) ThrowType("array or object");
  return iterator();
}

Json::iterator Json::end() {
  if (Array* items = std::get_if<Array>(&v_)) return iterator(items->data() + items->size(), nullptr);
  if (ObjectRep* rep = std::get_if<ObjectRep>(&v_)) return iterator(nullptr, rep->members.data() + rep->members.size());
  if (!is_null()) ThrowType("array or object");
  return iterator();
}

Json::const_iterator Json::begin() const {
  if (const Array* items = std::get_if<Array>(&v_)) return const_iterator(items->data(), nullptr);
  if (const ObjectRep* rep = Rep()) return const_iterator(nullptr, rep->members.data());
  if (!is_null()) ThrowType("array or object");
  return const_iterator();
}

Json::const_iterator Json::end() const {
  if (const Array* items = std::get_if<Array>(&v_)) return const_iterator(items->data() + items->size(), nullptr);
  if (const ObjectRep* rep = Rep()) return const_iterator(nullptr, rep->members.data() + rep->members.size());
  if (!is_null()) ThrowType("array or object");
  return const_iterator();
}

const Json::Object& Json::items() const {
  static const Object kNoMembers;
  if (is_null()) return kNoMembers;
  return as_object();
}

// ---- Paths --------------------------------------------------------------------------------

std::optional<std::string> Json::path_to(const Json* value) const {
  if (value == this) return std::string();
  if (const Array* items = std::get_if<Array>(&v_)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (auto rest = (*items)[i].path_to(value)) return "[" + std::to_string(i) + "]" + *rest;
    }
  } else if (const ObjectRep* rep = Rep()) {
    for (const auto& [key, member] : rep->members) {
      if (auto rest = member.path_to(value)) {
        return (IsIdentifier(key) ? "." + key : "[" + Json(key).dump() + "]") + *rest;
      }
    }
  }
  return std::nullopt;
}

// ---- Comparison ---------------------------------------------------------------------------

bool operator==(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Json::Type::Null: return true;
    case Json::Type::Bool: return a.as_bool() == b.as_bool();
    case Json::Type::String: return a.as_string() == b.as_string();
    case Json::Type::Array: return a.as_array() == b.as_array();
    case Json::Type::Object: {
      // Key order does not matter for equality.
      if (a.size() != b.size()) return false;
      for (const auto& [k, v] : a.as_object()) {
        const Json* other = b.find(k);
        if (!other || !(*other == v)) return false;
      }
      return true;
    }
    default: return false;  // numbers are handled above
  }
}

}  // namespace aurora
