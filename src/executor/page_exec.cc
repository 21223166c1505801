// Pages of documents: limit/offset or keyset (first/after, last/before) with opaque cursors.
//
// A cursor is base64url (no padding) of the JSON {"o": "<orderBy>", "k": [<sort key values>…,
// <tie-break value>]}: the position of one document in the order orderBy + tie-break. The next
// page is the rows strictly after it (sqlgen::PageSql), so its cost does not depend on its depth.
// A cursor from another orderBy, or one that is not ours, is a VALIDATION_ERROR.
#include <algorithm>

#include "common/aql_error.h"
#include "executor/query_exec.h"
#include "planner/bind.h"

namespace aurora::executor {
namespace {

using internal::AqlError;

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64Url(const std::string& in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(n >> s) & 63];
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (i + 2 == in.size()) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    for (int s = 18; s >= 6; s -= 6) out += kAlphabet[(n >> s) & 63];
  }
  return out;
}

std::optional<std::string> FromBase64Url(const std::string& in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned n = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = std::find(kAlphabet, kAlphabet + 64, c);
    if (p == kAlphabet + 64) return std::nullopt;
    n = (n << 6) | static_cast<unsigned>(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((n >> bits) & 0xff);
    }
  }
  return out;
}

// "price,-name": the orderBy a cursor belongs to.
std::string OrderSignature(const plan::CollectionScan& scan) {
  std::string sig;
  for (const auto& key : scan.order) sig += (sig.empty() ? "" : ",") + std::string(key.descending ? "-" : "") + key.field.text;
  return sig;
}

Json ValueJson(const storage::BindValue& v) { return SqlValueJson(v); }

std::string EncodeCursor(const std::string& signature, const std::vector<storage::BindValue>& values) {
  Json keys = Json::array();
  for (const auto& v : values) keys.push_back(ValueJson(v));
  return Base64Url(Json::object({{"o", signature}, {"k", std::move(keys)}}).dump());
}

std::vector<storage::BindValue> DecodeCursor(const char* name, const ast::Value& arg, const std::string& text,
                                             const std::string& signature, size_t nkeys) {
  auto bad = [&](const std::string& why) -> AqlError {
    return AqlError(ErrorCode::ValidationError,
                    std::string("invalid cursor in '") + name + "': " + why +
                        " (use a cursor from edges { cursor } or pageInfo of the same query)",
                    arg.pos.line, arg.pos.column);
  };
  std::optional<std::string> raw = FromBase64Url(text);
  if (!raw) throw bad("not a cursor");
  std::optional<Json> json = Json::parse(*raw);
  if (!json || !json->is_object() || !(*json)["o"].is_string() || !(*json)["k"].is_array()) throw bad("not a cursor");
  if ((*json)["o"].as_string() != signature) throw bad("it was made for a different orderBy");
  const Json& keys = (*json)["k"];
  if (keys.size() != nkeys) throw bad("not a cursor");
  std::vector<storage::BindValue> out;
  for (const Json& k : keys.as_array()) {
    switch (k.type()) {
      case Json::Type::Null: out.emplace_back(nullptr); break;
      case Json::Type::Int: out.emplace_back(k.as_int()); break;
      case Json::Type::Double: out.emplace_back(k.as_double()); break;
      case Json::Type::String: out.emplace_back(k.as_string()); break;
      default: throw bad("not a cursor");
    }
  }
  if (std::holds_alternative<std::nullptr_t>(out.back())) throw bad("not a cursor");
  return out;
}

std::optional<std::int64_t> CountArg(const std::optional<ast::Value>& v, const char* what, const Json& variables) {
  if (!v) return std::nullopt;
  Json j = planner::ResolveValue(*v, variables);
  if (j.is_null()) return std::nullopt;
  if (!j.is_int() || j.as_int() < 0) {
    throw AqlError(ErrorCode::ValidationError, std::string("'") + what + "' expects an integer ≥ 0, got " + j.dump(),
                   v->pos.line, v->pos.column);
  }
  return j.as_int();
}

std::optional<std::vector<storage::BindValue>> CursorArg(const char* name, const std::optional<ast::Value>& v,
                                                         const Json& variables,
                                                         const std::string& signature, size_t nkeys) {
  if (!v) return std::nullopt;
  Json j = planner::ResolveValue(*v, variables);
  if (j.is_null()) return std::nullopt;
  if (!j.is_string()) {
    throw AqlError(ErrorCode::ValidationError, std::string("'") + name + "' expects a cursor string, got " + j.dump(),
                   v->pos.line, v->pos.column);
  }
  return DecodeCursor(name, *v, j.as_string(), signature, nkeys);
}

}  // namespace

PageResult RunPage(const plan::CollectionScan& scan, const plan::QueryExtras* extras, const plan::Projection& projection,
                   ExecContext& ctx, const sqlgen::FieldResolver& resolver, std::string_view purpose) {
  const std::string signature = OrderSignature(scan);
  const size_t nkeys = scan.order.size() + 1;
  sqlgen::PageRequest request;
  std::optional<std::int64_t> first, last, limit, offset;
  if (extras) {
    first = CountArg(extras->first, "first", ctx.variables);
    last = CountArg(extras->last, "last", ctx.variables);
    request.after = CursorArg("after", extras->after, ctx.variables, signature, nkeys);
    request.before = CursorArg("before", extras->before, ctx.variables, signature, nkeys);
  }
  limit = CountArg(scan.limit, "limit", ctx.variables);
  offset = CountArg(scan.offset, "offset", ctx.variables);
  std::optional<std::int64_t> shown = first ? first : last ? last : limit;
  if (shown) request.limit = *shown + 1;  // one more tells whether another page follows
  request.offset = offset;
  request.backward = last.has_value();

  plan::CollectionScan page_scan = scan;
  page_scan.projection = projection;
  PageResult result;
  storage::Statement* st =
      PrepareQuery(ctx, sqlgen::PageSql(page_scan, request, resolver, ctx.variables), purpose, scan.collection);
  std::vector<std::vector<storage::BindValue>> positions;
  if (st) {
    while (st->Step()) {
      if (shown && static_cast<std::int64_t>(result.docs.size()) == *shown) {
        (request.backward ? result.has_previous : result.has_next) = true;
        break;
      }
      result.docs.push_back(ProjectRow(st->TextView(0), projection, scan.collection));
      std::vector<storage::BindValue> position;
      for (size_t i = 0; i < nkeys; ++i) position.push_back(st->Value(static_cast<int>(i) + 1));
      positions.push_back(std::move(position));
    }
    st->Reset();
  }
  if (request.backward) {
    std::reverse(result.docs.begin(), result.docs.end());
    std::reverse(positions.begin(), positions.end());
  }
  for (const auto& p : positions) result.cursors.push_back(EncodeCursor(signature, p));
  // Across the cursor there are documents (the cursor's own, at least) — the Relay convention.
  if (request.after) result.has_previous = true;
  if (request.before) result.has_next = true;
  if (offset && *offset > 0) result.has_previous = true;
  if (HasLookups(projection)) {
    std::vector<Json*> docs;
    for (Json& d : result.docs) docs.push_back(&d);
    ResolveLookups(docs, projection, ctx);
  }
  return result;
}

}  // namespace aurora::executor
