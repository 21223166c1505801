// storage/schema.h: collection schemas as stored in the catalog (`_collections.schema`).
//
// A collection defined with `schema { define collection users { … } }` has a CollectionSchema:
// its declared fields with their types, `!` (required), directives and defaults. It is stored as
// JSON text in `_collections.schema` ({"fields": [{name, type, required, unique, indexed, search,
// default?}, …]}); a collection without one (created by a first insert) is schemaless.
//
// `@indexed` and `@unique` fields get expression indexes on exactly the SQL sqlgen writes for a
// field (`json_extract(doc, '$.field')`, sqlgen/field_resolver.cc), so filters and sorts on them
// use the index. Index names contain '$', which collection names cannot, so they never collide
// with a collection's table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aurora/json.h"
#include "storage/sqlite.h"

namespace aurora::storage {

struct FieldSchema {
  std::string name;
  std::string type;       // as written: "String!", "[String]", "Int"
  bool required = false;  // the type ends in '!'
  bool unique = false;    // @unique
  bool indexed = false;   // @indexed or @unique
  bool search = false;    // @search: in the collection's full-text index
  std::optional<Json> default_value;
};

struct CollectionSchema {
  std::vector<FieldSchema> fields;

  const FieldSchema* Find(std::string_view name) const;
  FieldSchema* Find(std::string_view name);
  bool HasSearch() const;
  std::vector<std::string> SearchFields() const;
  Json ToJson() const;
  static CollectionSchema FromJson(const Json& json);
};

// The scalar type names a schema field may use; lists are written [T].
const std::vector<std::string>& SchemaTypeNames();

// Whether `value` (not null) has the schema type `type` ("Int", "[String!]", "Float!" …).
// Null checks (`!`) are the caller's: this looks at the non-null value only, but elements of a
// list typed [T!] must not be null.
bool ValueHasType(const Json& value, std::string_view type);

// The collection's schema, or nullopt when it is schemaless or does not exist.
std::optional<CollectionSchema> LoadSchema(Connection& conn, std::string_view collection);
// Stores (or, with nullptr, clears) the schema of an existing catalog row.
void SaveSchema(Connection& conn, std::string_view collection, const CollectionSchema* schema);

// Index names and SQL. REQUIRES: validated collection and field names.
std::string FieldIndexName(std::string_view collection, std::string_view field);
// json_extract(doc, '$.field'): the indexed expression.
std::string FieldIndexExpression(std::string_view field);
// Creates the index `field` needs (UNIQUE for @unique); none when it is neither.
void CreateFieldIndex(Connection& conn, std::string_view collection, const FieldSchema& field);
void DropFieldIndex(Connection& conn, std::string_view collection, std::string_view field);

}  // namespace aurora::storage
