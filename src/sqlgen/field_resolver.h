// sqlgen/field_resolver.h: how a collection's fields become SQL expressions.
//
// Every field access in generated SQL goes through a FieldResolver, chosen per collection. The
// default (DocumentResolver) serves user collections: table "name" (id TEXT PRIMARY KEY, doc TEXT
// JSON), fields read with json_extract(t.doc, '$.path'). A system table with real columns (the
// jobs subsystem's `_jobs`) registers its own resolver under its name in the engine's extensions
// (engine/extensions.h) to map fields to columns and convert operands (priority words → ranks).
//
// Generated SQL names the scanned table `t`: resolvers must qualify columns as t.<column>.
// Paths reaching a resolver were validated (identifiers or digits); the JSON path literal built
// from them by JsonPathLiteral() is safe to put in SQL text.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aurora/json.h"
#include "planner/plan.h"
#include "storage/sqlite.h"

namespace aurora::sqlgen {

class Params;

// SQL expressions for one field of the row `t`.
struct FieldSql {
  std::string value;      // SQL value, for comparing and sorting (json_extract(t.doc,'$.a'), t.status)
  std::string type;       // JSON type name: 'null' 'true' 'false' 'integer' 'real' 'text' 'array' 'object', or NULL when missing
  std::string json;       // JSON text of the value (NULL when missing), for projections
  std::string each_args;  // arguments for json_each(…) walking the value ("t.doc, '$.tags'")
  // SQL turning a `value` computed elsewhere (written `{}`; min/max of the field) into the SQL value
  // shown for it, when the two differ (_jobs.priority: rank 2 → 'HIGH'). Empty: shown as is.
  std::string shown = {};
};

// Where a field path reads inside stored JSON text: the SQL expression of that text (t.doc,
// t.payload) and the path's segments within it. Filters use it to walk lists met along the path.
struct JsonRoot {
  std::string json;
  std::vector<std::string> segments;
};

class FieldResolver {
 public:
  virtual ~FieldResolver() = default;
  // Quoted table name for FROM.
  virtual std::string Table(std::string_view collection) const;
  // The relation a query reads, naming the collection's rows `t`: `"<table>" AS t`, or a join
  // (a full-text search joins its FTS5 table: sqlgen/search_sql.h) whose values go to `params`.
  virtual std::string From(std::string_view collection, Params& params) const;
  virtual FieldSql Field(const plan::FieldPath& path) const;
  // The JSON text `path` reads inside, or nullopt for a field that is not stored JSON (a column,
  // `id`, a computed score). Must agree with Field(): Field(path) reads root.segments in root.json.
  virtual std::optional<JsonRoot> JsonRootOf(const plan::FieldPath& path) const;
  // SQL expression giving the whole document as JSON text.
  virtual std::string DocumentSql() const { return "t.doc"; }
  // Converts a filter operand before binding (e.g. "HIGH" → 2 for _jobs.priority). Default: as is.
  virtual Json ConvertOperand(const plan::FieldPath&, const Json& value) const { return value; }
  // Appended to every ORDER BY so equal keys keep insertion order.
  virtual std::string TieBreakSql() const { return "t.rowid"; }
  // Whether insert/update/delete may write this table through AQL.
  virtual bool Writable() const { return true; }
  // Called by the executor on `conn` before it reads this table (a scan, an aggregate, a
  // lookup). `_jobs` moves jobs from its inbox into the table here (jobs/job_store.h FlushInbox).
  virtual void BeforeRead(storage::Connection&) const {}
};

using DocumentResolver = FieldResolver;

using Resolvers = std::map<std::string, std::shared_ptr<const FieldResolver>, std::less<>>;

// The resolver registered for `collection`, or the document resolver.
const FieldResolver& ResolverFor(const Resolvers& resolvers, std::string_view collection);

// Whether a path segment is a list position ("0" in "tags.0"): digits only, fewer than 10.
bool IsListPosition(std::string_view segment);

// '$.a.b[0]' as a SQL string literal. REQUIRES: segments validated (identifiers or digits).
std::string JsonPathLiteral(const plan::FieldPath& path);

}  // namespace aurora::sqlgen
