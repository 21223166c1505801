// The public Json value type; text conversion uses RapidJSON.
#include "aurora/json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
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

}  // namespace

Json Json::array(Array items) {
  Json j;
  j.v_ = std::move(items);
  return j;
}

Json Json::object(Object members) {
  Json j;
  j.v_ = Object();
  for (auto& [k, v] : members) j.set(k, std::move(v));
  return j;
}

Json Json::object(std::initializer_list<Member> members) { return object(Object(members)); }

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

double Json::as_double() const {
  if (is_int()) return static_cast<double>(as_int());
  return std::get<double>(v_);
}

const Json* Json::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& m : as_object()) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Json* Json::find(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

const Json& Json::operator[](std::string_view key) const {
  const Json* v = find(key);
  return v ? *v : kNull;
}

void Json::set(std::string_view key, Json value) {
  if (is_null()) v_ = Object();
  if (Json* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  as_object().emplace_back(std::string(key), std::move(value));
}

bool Json::erase(std::string_view key) {
  if (!is_object()) return false;
  auto& obj = as_object();
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it->first == key) {
      obj.erase(it);
      return true;
    }
  }
  return false;
}

void Json::push_back(Json value) {
  if (is_null()) v_ = Array();
  as_array().push_back(std::move(value));
}

std::size_t Json::size() const {
  if (is_array()) return as_array().size();
  if (is_object()) return as_object().size();
  return 0;
}

bool operator==(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
  }
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    // Key order does not matter for equality.
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.as_object()) {
      const Json* other = b.find(k);
      if (!other || !(*other == v)) return false;
    }
    return true;
  }
  return a.v_ == b.v_;
}

}  // namespace aurora
