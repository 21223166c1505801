#include "sqlgen/field_resolver.h"

#include "common/aql_error.h"
#include "common/names.h"
#include "storage/catalog.h"

namespace aurora::sqlgen {

std::string FieldResolver::Table(std::string_view collection) const { return storage::QuoteIdentifier(collection); }

std::string FieldResolver::From(std::string_view collection, Params&) const { return Table(collection) + " AS t"; }

FieldSql FieldResolver::Field(const plan::FieldPath& path) const {
  if (path.segments.size() == 1 && path.segments[0] == "id") {
    return {"t.id", "'text'", "json_quote(t.id)", "json_quote(t.id)"};
  }
  std::string p = JsonPathLiteral(path);
  return {"json_extract(t.doc, " + p + ")", "json_type(t.doc, " + p + ")", "(t.doc -> " + p + ")", "t.doc, " + p};
}

std::optional<JsonRoot> FieldResolver::JsonRootOf(const plan::FieldPath& path) const {
  if (path.segments.size() == 1 && path.segments[0] == "id") return std::nullopt;
  return JsonRoot{"t.doc", path.segments};
}

const FieldResolver& ResolverFor(const Resolvers& resolvers, std::string_view collection) {
  static const DocumentResolver kDocuments;
  auto it = resolvers.find(collection);
  return it == resolvers.end() ? kDocuments : *it->second;
}

bool IsListPosition(std::string_view segment) {
  return !segment.empty() && segment.size() < 10 && segment.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string JsonPathLiteral(const plan::FieldPath& path) {
  std::string out = "'$";
  for (const std::string& seg : path.segments) {
    bool digits = IsListPosition(seg);
    if (!digits && !internal::IsIdentifier(seg)) {  // never splice unvalidated text into SQL
      throw internal::AqlError(ErrorCode::ValidationError, "invalid field name '" + path.text + "'", path.pos.line,
                               path.pos.column);
    }
    if (digits) {
      out += "[" + seg + "]";
    } else {
      out += "." + seg;
    }
  }
  out += "'";
  return out;
}

}  // namespace aurora::sqlgen
