// Randomized robustness test: hostile input through the public API (include/aurora/database.h).
//
// Deterministic (fixed seeds, a fixed number of inputs; no clock) and small enough to run in the
// ASan/UBSan build too. It mutates the AQL examples of docs/*.md (token deletion, duplication,
// swaps, truncation, random bytes, deep nesting, huge numbers, long strings, invalid UTF-8, NULs,
// odd variables) and inserts random JSON documents (deep, wide, unicode), then checks:
//   - nothing crashes, and the database still answers afterwards;
//   - every response is data (an object) or errors with a known code and a message, and its
//     JSON text parses back;
//   - SYNTAX_ERROR and VALIDATION_ERROR carry a line and column inside the text;
//   - no input gives INTERNAL (that code means a bug, "never your input");
//   - a document whose operations all failed changed nothing (digest of every collection, the
//     catalog, _jobs and _handlers before and after);
//   - a document inserted comes back equal, and eq/ne filters on its leaves find / skip it.
// A failure prints the seed, the input and the response, so it can be replayed as a focused test.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "aurora/database.h"

using aurora::Database;
using aurora::ErrorCode;
using aurora::Json;
using aurora::Response;

namespace {

// splitmix64: the same sequence on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(Next() % n); }
  bool OneIn(std::size_t n) { return Below(n) == 0; }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  std::uint64_t s_;
};

// ---------------------------------------------------------------------------------------------
// The corpus: every ```aql block of the docs.

std::vector<std::string> AqlBlocks(const std::string& file) {
  std::ifstream in(std::string(AURORA_SOURCE_ROOT) + "/docs/" + file);
  std::vector<std::string> blocks;
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line.rfind("```aql", 0) == 0) {
      inside = true;
      block.clear();
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  return blocks;
}

// Tokens of AQL text, roughly: strings (also block strings), names, numbers, variables,
// punctuation. Whitespace and comments are dropped; Join puts single spaces back.
std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  auto is_name = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (text.compare(i, 3, "\"\"\"") == 0) {
      size_t end = text.find("\"\"\"", i + 3);
      end = end == std::string::npos ? text.size() : end + 3;
      out.push_back(text.substr(i, end - i));
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < text.size() && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, text.size());
      out.push_back(text.substr(i, j - i));
      i = j;
    } else if (is_name(c) || c == '$' || c == '@' || c == '-') {
      size_t j = i + 1;
      while (j < text.size() && (is_name(text[j]) || text[j] == '.' || text[j] == '+' ||
                                 ((text[j] == '-') && (text[j - 1] == 'e' || text[j - 1] == 'E')))) {
        ++j;
      }
      out.push_back(text.substr(i, j - i));
      i = j;
    } else if (text.compare(i, 3, "...") == 0) {
      out.push_back("...");
      i += 3;
    } else {
      out.push_back(std::string(1, c));
      ++i;
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

const std::vector<std::string> kHostileTokens = {
    "{", "}", "(", ")", "[", "]", ":", "$", "$x", "$max", "@explain", "@include(if: $x)", "...", "\"", "\"\"\"",
    "#", "1e400", "-1e400", "-0", "-0.0", "1e-400", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "00", "1.", ".5", "0x10", "NaN", "Infinity", "null", "true",
    "HIGH", "DESC", "FAILED", "query", "mutation", "schema", "fragment", "on", "drop", "define", "handler",
    "transaction", "__proto__", "sqlite_master", "_jobs", "_handlers", "_collections", "id", "\"\\u0000\"",
    "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uZZZZ\"", "\"\\q\"", "\"'; DROP TABLE products; --\"",
    "\"$.a') OR 1=1 --\"", "\"${id}\"", "\"${_old.x}\"", "\"a.b.c\"", "\"items.0.sku\"", "\"tags.99999999999\"",
    "\"a..b\"", "\".a\"", "\"0\"", "\"\"", "\"a b\"", "where", "data", "collection", "limit", "offset",
    "orderBy", "eq", "ne", "nin", "in", "contains", "matches", "\"(a+)+$\"", "\"[\"", "not", "and", "or",
    "insertInto", "update", "upsert", "deleteFrom", "enqueueJob", "cancelJob", "groupBy", "aggregate",
    "lookup", "first", "after", "search", "increment", "push", "pull", "addToSet", "|", "uppercase",
    "round(digits: 400)", "substring(start: -5, length: 9223372036854775807)", "formatDate(format: \"%Y\")"};

const std::vector<std::string> kHugeNumbers = {"1e400",  "-1e400", "-0", "-0.0", "1e-400", "9223372036854775807",
                                               "9223372036854775808", "-9223372036854775808",
                                               "179769313486231570000000000000000000000000000000000000000000000"
                                               "00000000000000000000000000000000000000000000000000000000000000"
                                               "000000000000000000000000000000000000000000000000000000000000000"
                                               "0000000000000000000000000000000000000000000000000000000000000000"
                                               "00000000000000000000000000000000000000000000000000000000000000",
                                               "4.9e-324", "2.2250738585072014e-308", "1e308", "0.1", "-1"};

// A string of `n` bytes, maybe invalid UTF-8, NULs, quotes and backslashes.
std::string RawBytes(Rng& rng, size_t n) {
  static const std::vector<std::string> kPieces = {
      std::string(1, '\0'), "\xff", "\xc0\xaf", "\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82",
      "\"", "\\", "\n", "{", "}", "$", "#", "\xc3\xa9", "\xf0\x9f\x98\x80", "\t", "\r", "\x7f", "'"};
  std::string out;
  while (out.size() < n) {
    if (rng.OneIn(3)) {
      out += rng.Pick(kPieces);
    } else {
      out += static_cast<char>(rng.Below(256));
    }
  }
  return out;
}

std::string Nested(Rng& rng, const std::string& inner, size_t depth) {
  std::string open, close;
  bool objects = rng.OneIn(2);
  for (size_t i = 0; i < depth; ++i) {
    open += objects ? "{a:" : "[";
    close += objects ? "}" : "]";
  }
  return open + inner + close;
}

// One mutation of AQL text.
std::string Mutate(Rng& rng, const std::string& text, const std::vector<std::string>& corpus_tokens) {
  std::vector<std::string> t = Tokens(text);
  if (t.empty()) t.push_back("{");
  switch (rng.Below(12)) {
    case 0: t.erase(t.begin() + static_cast<std::ptrdiff_t>(rng.Below(t.size()))); break;
    case 1: {
      size_t i = rng.Below(t.size());
      t.insert(t.begin() + static_cast<std::ptrdiff_t>(i), t[i]);
      break;
    }
    case 2: std::swap(t[rng.Below(t.size())], t[rng.Below(t.size())]); break;
    case 3: t[rng.Below(t.size())] = rng.Pick(kHostileTokens); break;
    case 4: t[rng.Below(t.size())] = rng.Pick(corpus_tokens); break;
    case 5: t.insert(t.begin() + static_cast<std::ptrdiff_t>(rng.Below(t.size() + 1)), rng.Pick(kHostileTokens)); break;
    case 6: {  // a number becomes a huge or odd one
      std::vector<size_t> numbers;
      for (size_t i = 0; i < t.size(); ++i) {
        if (!t[i].empty() && (std::isdigit(static_cast<unsigned char>(t[i][0])) || t[i][0] == '-')) numbers.push_back(i);
      }
      t[numbers.empty() ? rng.Below(t.size()) : rng.Pick(numbers)] = rng.Pick(kHugeNumbers);
      break;
    }
    case 7: {  // a string becomes long, or holds raw hostile bytes
      std::vector<size_t> strings;
      for (size_t i = 0; i < t.size(); ++i) {
        if (t[i].size() >= 2 && t[i][0] == '"') strings.push_back(i);
      }
      size_t i = strings.empty() ? rng.Below(t.size()) : rng.Pick(strings);
      t[i] = rng.OneIn(2) ? "\"" + std::string(rng.OneIn(2) ? 70000 : 1000, 'x') + "\"" : "\"" + RawBytes(rng, 1 + rng.Below(40)) + "\"";
      break;
    }
    case 8: {  // a value wrapped in deep nesting around the limit (128)
      static const std::vector<size_t> kDepths = {1, 64, 126, 127, 128, 129, 200, 3000};
      size_t i = rng.Below(t.size());
      t[i] = Nested(rng, t[i], rng.Pick(kDepths));
      break;
    }
    case 9: {  // truncation, maybe inside a multi-byte character
      std::string s = Join(t);
      return s.substr(0, rng.Below(s.size() + 1));
    }
    case 10: {  // random bytes spliced in
      std::string s = Join(t);
      size_t at = rng.Below(s.size() + 1);
      return s.substr(0, at) + RawBytes(rng, 1 + rng.Below(8)) + s.substr(at);
    }
    default: {  // a span of tokens repeated (long documents, repeated operations)
      size_t i = rng.Below(t.size());
      size_t n = 1 + rng.Below(std::min<size_t>(8, t.size() - i));
      std::vector<std::string> span(t.begin() + static_cast<std::ptrdiff_t>(i),
                                    t.begin() + static_cast<std::ptrdiff_t>(i + n));
      size_t times = 1 + rng.Below(rng.OneIn(8) ? 400 : 4);
      for (size_t k = 0; k < times; ++k) t.insert(t.begin() + static_cast<std::ptrdiff_t>(i), span.begin(), span.end());
      break;
    }
  }
  return Join(t);
}

// ---------------------------------------------------------------------------------------------
// Random JSON.

std::string RandomKey(Rng& rng) {
  static const std::vector<std::string> kOdd = {"", " ", "a.b", "$x", "${id}", "0", "é", "\xf0\x9f\x98\x80", "id",
                                                "_old", "__proto__", "a'b", "a\"b", "a\\b", "\n"};
  if (rng.OneIn(12)) return rng.Pick(kOdd);
  std::string k(1, static_cast<char>('a' + rng.Below(26)));
  size_t n = rng.Below(6);
  for (size_t i = 0; i < n; ++i) k += "abcdefghijklmnopqrstuvwxyz_0123456789"[rng.Below(37)];
  return k;
}

// Valid UTF-8 text with code points from every plane (never surrogates).
std::string RandomText(Rng& rng, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    std::uint32_t cp;
    switch (rng.Below(5)) {
      case 0: cp = static_cast<std::uint32_t>(rng.Below(0x20)); break;  // control characters
      case 1: cp = static_cast<std::uint32_t>(0x80 + rng.Below(0x780)); break;
      case 2: cp = static_cast<std::uint32_t>(0xE000 + rng.Below(0x2000)); break;
      case 3: cp = static_cast<std::uint32_t>(0x10000 + rng.Below(0x100000)); break;
      default: cp = static_cast<std::uint32_t>(0x20 + rng.Below(0x5f)); break;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

Json RandomScalar(Rng& rng) {
  switch (rng.Below(9)) {
    case 0: return Json();
    case 1: return Json(rng.OneIn(2));
    case 2: return Json(static_cast<long long>(rng.Next()));
    case 3: {
      static const std::vector<long long> kInts = {0, -1, 1, std::numeric_limits<long long>::min(),
                                                   std::numeric_limits<long long>::max(), 9007199254740993LL};
      return Json(rng.Pick(kInts));
    }
    case 4: {
      static const std::vector<double> kDoubles = {0.5, -0.0, 1e308, -1e308, 5e-324, 2.2250738585072014e-308,
                                                   0.1, 1e-7, 123456789.125, 1e21};
      return Json(rng.Pick(kDoubles));
    }
    case 5: return Json(static_cast<double>(static_cast<std::int64_t>(rng.Next() % 2000001) - 1000000) / 64.0);
    case 6: return Json(RandomText(rng, rng.Below(rng.OneIn(20) ? 5000 : 12)));
    default: return Json(RandomKey(rng));
  }
}

// A random value at most `max_depth` deep with at most about `budget` nodes.
Json RandomJson(Rng& rng, int depth, int max_depth, size_t& budget) {
  if (budget == 0 || depth >= max_depth || (depth > 0 && rng.OneIn(3))) return RandomScalar(rng);
  --budget;
  size_t width = rng.OneIn(30) ? 300 + rng.Below(700) : rng.Below(5);
  // Deep documents are chains: one child per level.
  if (max_depth > 8) width = std::min<size_t>(width, 1 + rng.Below(2));
  if (rng.OneIn(2)) {
    Json a = Json::array();
    for (size_t i = 0; i < width && budget > 0; ++i) a.push_back(RandomJson(rng, depth + 1, max_depth, budget));
    return a;
  }
  Json o = Json::object();
  for (size_t i = 0; i < width && budget > 0; ++i) o.set(RandomKey(rng), RandomJson(rng, depth + 1, max_depth, budget));
  return o;
}

Json RandomJson(Rng& rng, int max_depth, size_t budget = 2000) { return RandomJson(rng, 0, max_depth, budget); }

// A chain `depth` deep: {"a": {"a": … 1 …}} or [[… 1 …]].
Json DeepJson(size_t depth, bool objects) {
  Json v(1);
  for (size_t i = 0; i < depth; ++i) {
    if (objects) {
      Json o = Json::object();
      o.set("a", std::move(v));
      v = std::move(o);
    } else {
      Json a = Json::array();
      a.push_back(std::move(v));
      v = std::move(a);
    }
  }
  return v;
}

// Odd variables for a text: random values for the $names it mentions, or a non-object.
Json RandomVariables(Rng& rng, const std::string& text) {
  if (rng.OneIn(3)) return Json::object();
  Json vars = Json::object();
  std::vector<std::string> names;
  for (const auto& t : Tokens(text)) {
    if (t.size() > 1 && t[0] == '$') names.push_back(t.substr(1));
  }
  names.push_back("x");
  size_t n = 1 + rng.Below(3);
  for (size_t i = 0; i < n; ++i) {
    Json v;
    switch (rng.Below(8)) {
      case 0: v = Json(std::numeric_limits<double>::quiet_NaN()); break;
      case 1: v = Json(rng.OneIn(2) ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity()); break;
      case 2: v = DeepJson(rng.OneIn(2) ? 300 : 2000, rng.OneIn(2)); break;
      case 3: v = Json(RawBytes(rng, 1 + rng.Below(20))); break;
      default: v = RandomJson(rng, 4); break;
    }
    vars.set(rng.Pick(names), std::move(v));
  }
  return vars;
}

// ---------------------------------------------------------------------------------------------
// Checks.

size_t CountLines(const std::string& text) {
  size_t n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

std::string Shown(const std::string& s) {
  std::string out;
  for (unsigned char c : s.substr(0, 600)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return s.size() > 600 ? out + "…(" + std::to_string(s.size()) + " bytes)" : out;
}

// Checks one response to `text`; returns "" or what is wrong.
std::string Problem(const Response& r, const std::string& text) {
  std::string dumped = r.dump();
  if (!Json::parse(dumped)) return "response does not dump to valid JSON: " + Shown(dumped);
  if (r.ok()) return r.data.is_object() ? "" : "data is not an object";
  for (const auto& e : r.errors) {
    if (e.message.empty()) return "error without a message";
    switch (e.code) {
      case ErrorCode::SyntaxError:
      case ErrorCode::ValidationError:
        if (e.line < 1 || e.column < 1) return "syntax/validation error without a position: " + e.message;
        if (static_cast<size_t>(e.line) > CountLines(text)) return "error line beyond the text: " + e.message;
        break;
      case ErrorCode::ConstraintViolation:
      case ErrorCode::NotFound: break;
      case ErrorCode::Internal: return "INTERNAL error for user input: " + e.message;
      default: return "unknown error code";
    }
  }
  return "";
}

// Everything stored: catalog, each collection's documents, jobs and handlers.
std::string Digest(Database& db) {
  std::string out;
  Response cat = db.execute("{ _collections(orderBy: {name: ASC}) { name fields } }");
  REQUIRE_MESSAGE(cat.ok(), cat.dump());
  out += cat.data.dump();
  for (const Json& c : cat.data["_collections"].as_array()) {
    Response docs = db.execute("{ c: " + c["name"].as_string() + "(orderBy: {id: ASC}) }");
    REQUIRE_MESSAGE(docs.ok(), docs.dump());
    out += docs.data.dump();
  }
  Response jobs = db.execute("{ _jobs(orderBy: {id: ASC}) }");
  REQUIRE_MESSAGE(jobs.ok(), jobs.dump());
  Response handlers = db.execute("{ _handlers(orderBy: {name: ASC}) }");
  REQUIRE_MESSAGE(handlers.ok(), handlers.dump());
  return out + jobs.data.dump() + handlers.data.dump();
}

// Runs `text` and checks every response and, when all failed, that nothing changed. `digest` is
// the database's digest before (kept up to date; empty when unknown).
void RunChecked(Database& db, const std::string& text, const Json& vars, std::string& digest, std::uint64_t seed,
                size_t input) {
  if (digest.empty()) digest = Digest(db);
  if (std::getenv("ROBUST_TRACE")) std::fprintf(stderr, "seed %llu input %zu: %s\n", static_cast<unsigned long long>(seed), input, Shown(text).c_str());
  std::vector<Response> responses = db.execute_all(text, vars);
  INFO("seed " << seed << ", input " << input << "\ntext: " << Shown(text) << "\nvariables: " << Shown(vars.dump()));
  // An empty document (only whitespace or comments) has no operations and no responses.
  bool any_ok = false;
  for (const Response& r : responses) {
    std::string problem = Problem(r, text);
    CHECK_MESSAGE(problem.empty(), problem << "\nresponse: " << Shown(r.dump()));
    any_ok = any_ok || r.ok();
  }
  if (any_ok) {
    digest.clear();
  } else {
    std::string after = Digest(db);
    CHECK_MESSAGE(after == digest, "a failed document changed the database");
    digest = after;
  }
}

// Doubles may come back in their shortest form; everything else exactly.
bool SameJson(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    double x = a.as_double(), y = b.as_double();
    return x == y || std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameJson(a.as_array()[i], b.as_array()[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.as_object()) {
      const Json* w = b.find(k);
      if (!w || !SameJson(v, *w)) return false;
    }
    return true;
  }
  return a == b;
}

bool IsIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 64 || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Leaves reachable by a filterable path (identifier keys, list positions), with their values.
void Leaves(const Json& v, const std::string& path, size_t depth, std::vector<std::pair<std::string, Json>>& out) {
  if (depth > 20) return;
  if (v.is_object()) {
    for (const auto& [k, child] : v.as_object()) {
      if (IsIdentifier(k)) Leaves(child, path.empty() ? k : path + "." + k, depth + 1, out);
    }
  } else if (v.is_array()) {
    if (path.empty()) return;
    for (size_t i = 0; i < v.size() && i < 5; ++i) Leaves(v.as_array()[i], path + "." + std::to_string(i), depth + 1, out);
  } else if (!path.empty() && !v.is_null() && path != "id") {
    out.emplace_back(path, v);
  }
}

Database SeededDb(const std::vector<std::string>& setup) {
  Database db = Database::open();
  for (const auto& block : setup) db.execute_all(block);
  return db;
}

// Seeds 1..3 by default; ROBUST_SEEDS=N runs seeds 1..N (for a longer hunt by hand).
std::vector<std::uint64_t> Seeds() {
  std::uint64_t n = 3;
  if (const char* env = std::getenv("ROBUST_SEEDS")) n = std::strtoull(env, nullptr, 10);
  std::vector<std::uint64_t> out;
  for (std::uint64_t i = 1; i <= n; ++i) out.push_back(i);
  return out;
}
constexpr size_t kInputsPerSeed = 700;

}  // namespace

TEST_CASE("mutated AQL from the docs never crashes, gives known errors with positions, and fails atomically") {
  std::vector<std::string> setup = AqlBlocks("language.md");
  REQUIRE(setup.size() > 20);
  std::vector<std::string> corpus = setup;
  for (const char* file : {"handlers.md", "jobs.md"}) {
    for (auto& b : AqlBlocks(file)) corpus.push_back(std::move(b));
  }
  std::vector<std::string> corpus_tokens;
  for (const auto& b : corpus) {
    for (auto& t : Tokens(b)) corpus_tokens.push_back(std::move(t));
  }
  for (std::uint64_t seed : Seeds()) {
    Rng rng(seed);
    Database db = SeededDb(setup);
    std::string digest;
    for (size_t input = 0; input < kInputsPerSeed; ++input) {
      std::string text = rng.Pick(corpus);
      size_t mutations = 1 + rng.Below(3);
      for (size_t m = 0; m < mutations; ++m) text = Mutate(rng, text, corpus_tokens);
      Json vars = RandomVariables(rng, text);
      RunChecked(db, text, vars, digest, seed, input);
    }
    Response alive = db.execute(R"({ products(where: { id: "p1" }) { id } })");
    CHECK_MESSAGE(alive.ok(), alive.dump());
  }
}

TEST_CASE("a mutation whose later field fails writes nothing of its earlier fields") {
  std::vector<std::string> setup = AqlBlocks("language.md");
  std::vector<std::string> corpus_tokens;
  for (const auto& b : setup) {
    for (auto& t : Tokens(b)) corpus_tokens.push_back(std::move(t));
  }
  std::vector<std::string> writes;
  for (const auto& b : setup) {
    if (b.find("mutation") != std::string::npos && b.find("insert") != std::string::npos) writes.push_back(b);
  }
  REQUIRE(!writes.empty());
  for (std::uint64_t seed : Seeds()) {
  Rng rng(seed * 42);
  Database db = SeededDb(setup);
  std::string digest;
  for (size_t input = 0; input < 100; ++input) {
    // A good insert first, then a mutated write in the same mutation.
    Json doc = RandomJson(rng, 3);
    std::string bad = Mutate(rng, rng.Pick(writes), corpus_tokens);
    size_t brace = bad.find('{');
    std::string inner = brace == std::string::npos ? bad : bad.substr(brace + 1);
    std::string text = "mutation ($d: JSON) { first: insertInto(collection: \"atomic\", data: $d) { id } " + inner;
    Json vars = Json::object({{"d", doc.is_object() ? doc : Json::object({{"v", doc}})}});
    RunChecked(db, text, vars, digest, seed * 42, input);
  }
  }
}

TEST_CASE("random JSON documents round-trip, and filters on their leaves find them") {
  for (std::uint64_t seed : Seeds()) {
  Rng rng(seed * 7);
  Database db = Database::open();
  std::string digest;
  const std::string insert = "mutation ($d: JSON) { insertInto(collection: \"fz\", data: $d) { id } }";
  const std::string by_id = "query ($id: ID) { fz(where: { id: { eq: $id } }) }";
  for (size_t input = 0; input < 100; ++input) {
    Json doc = RandomJson(rng, rng.OneIn(10) ? 40 : 6, 600);
    if (!doc.is_object()) doc = Json::object({{"v", doc}});
    std::string id = "d" + std::to_string(input);
    Json with_id = Json::object({{"id", id}});
    // A dotted top-level key is a path ({"a.b": 1} stores {"a": {"b": 1}}): leave those out here.
    for (const auto& m : doc.as_object()) {
      if (m.first != "id" && m.first.find('.') == std::string::npos) with_id.set(m.first, m.second);
    }
    INFO("input " << input << ": " << Shown(with_id.dump()));

    Response ins = db.execute(insert, Json::object({{"d", with_id}}));
    std::string problem = Problem(ins, insert);
    CHECK_MESSAGE(problem.empty(), problem << "\nresponse: " << Shown(ins.dump()));
    if (!ins.ok()) continue;  // e.g. a key that is not a field name

    Response back = db.execute(by_id, Json::object({{"id", id}}));
    REQUIRE_MESSAGE(back.ok(), back.dump());
    REQUIRE(back.data["fz"].size() == 1);
    CHECK_MESSAGE(SameJson(back.data["fz"].as_array()[0], with_id), "stored: " << Shown(back.data.dump()));

    std::vector<std::pair<std::string, Json>> leaves;
    Leaves(with_id, "", 0, leaves);
    for (size_t i = 0; i < leaves.size() && i < 4; ++i) {
      const auto& [path, value] = leaves[rng.Below(leaves.size())];
      if (value.is_double() && (value.as_double() == 0 || std::fabs(value.as_double()) < 1e-300)) continue;
      std::string q = "query ($id: ID, $v: JSON) { eq: fz(where: { id: $id, \"" + path + "\": { eq: $v } }) { id } "
                      "ne: fz(where: { id: $id, \"" + path + "\": { ne: $v } }) { id } }";
      Response r = db.execute(q, Json::object({{"id", id}, {"v", value}}));
      std::string p = Problem(r, q);
      CHECK_MESSAGE(p.empty(), p << "\nquery: " << q << "\nresponse: " << Shown(r.dump()));
      if (!r.ok()) continue;
      CHECK_MESSAGE(r.data["eq"].size() == 1, "eq missed the leaf " << path << " = " << Shown(value.dump()));
      CHECK_MESSAGE(r.data["ne"].size() == 0, "ne matched the leaf " << path << " = " << Shown(value.dump()));
    }
    const std::string del = "mutation ($id: ID) { deleteFrom(collection: \"fz\", where: { id: $id }) { affected } }";
    Response d = db.execute(del, Json::object({{"id", id}}));
    CHECK_MESSAGE(d.ok(), d.dump());
  }
  // The same documents written as AQL literals (deep ones must fail cleanly, not crash).
  for (size_t input = 0; input < 50; ++input) {
    Json doc = RandomJson(rng, rng.OneIn(5) ? 140 : 5, 600);
    if (!doc.is_object()) doc = Json::object({{"v", doc}});
    std::string text = "mutation { insertInto(collection: \"lit\", data: " + doc.dump() + ") { id } }";
    RunChecked(db, text, Json::object(), digest, seed * 7, input);
  }
  }
}

TEST_CASE("variables that are not an object, or hold NaN, infinity or deep values, are refused cleanly") {
  Database db = Database::open();
  for (const Json& vars : {Json::array(), Json("x"), Json(3), Json(std::numeric_limits<double>::quiet_NaN())}) {
    Response r = db.execute("{ a { id } }", vars);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == ErrorCode::ValidationError);
  }
  std::string digest;
  const std::string text = "mutation ($d: JSON) { insertInto(collection: \"v\", data: $d) { id } }";
  for (size_t depth : {100, 255, 256, 257, 1000, 5000}) {
    for (bool objects : {true, false}) {
      Json d = Json::object({{"deep", DeepJson(depth, objects)}});
      RunChecked(db, text, Json::object({{"d", d}}), digest, 0, depth);
    }
  }
  for (double x : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    RunChecked(db, text, Json::object({{"d", Json::object({{"x", x}})}}), digest, 0, 0);
    RunChecked(db, "query ($x: Float) { v(where: { x: { lt: $x } }) { id } }", Json::object({{"x", x}}), digest, 0, 0);
  }
}

// Found by probing for tools/fuzz: eight handlers that each insert 10 documents into the next
// collection turned one insert into 10^8 writes (six levels took 8 s and held 10^6 documents in
// memory). The depth limit (8) did not stop it; the write allowance does.
TEST_CASE("handlers that multiply writes stop at a limit instead of running for hours") {
  Database db = Database::open();
  std::string items;
  for (int i = 0; i < 10; ++i) items += (i ? ", " : "") + std::string("{n: ") + std::to_string(i) + "}";
  for (int level = 0; level < 8; ++level) {
    std::string l = std::to_string(level), next = std::to_string(level + 1);
    Response r = db.execute("define handler \"h" + l + "\" { on: \"insert:c" + l + "\", action: { insertMany(collection: \"c" +
                            next + "\", data: [" + items + "]) } }");
    REQUIRE_MESSAGE(r.ok(), r.dump());
  }
  std::string digest = Digest(db);
  Response r = db.execute(R"(mutation { insertInto(collection: "c0", data: {}) { id } })");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(Digest(db) == digest);
}
