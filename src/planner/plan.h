// planner/plan.h: the plan, a plain description of what an operation does.
//
// Built once per operation text by the planner and cached by the engine, so nothing here holds
// variable values: operands and data stay `ast::Value`s and variables are resolved at execution
// (planner/bind.h). sqlgen turns scans and filters into SQL; the executor runs the steps.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ast/ast.h"
#include "aurora/json.h"

namespace aurora::executor {
struct ExecContext;
}

namespace aurora::plan {

// A document field: "price" or a dotted path "address.city" (segments validated identifiers, or
// digits for array positions).
struct FieldPath {
  std::string text;
  std::vector<std::string> segments;
  ast::Pos pos;
};

enum class FilterOp {
  Eq, Ne, Gt, Gte, Lt, Lte, In, Nin, Contains, ContainsAny, ContainsAll,
  StartsWith, EndsWith, Matches, IsNull, IsNotNull,
};

// A filter tree. And/Or have children; Not has one child; Compare tests one field; Dynamic is a
// `where: $variable` whose filter object is known only at execution (`operand` is the variable).
struct Filter {
  enum class Kind { And, Or, Not, Compare, Dynamic };
  Kind kind = Kind::And;
  ast::Pos pos;
  std::vector<Filter> children;
  FieldPath field;      // Compare
  FilterOp op = FilterOp::Eq;
  ast::Value operand;   // Compare: literal or variable, resolved at execution

  // True for an empty `where: {}` (matches everything).
  bool MatchesAll() const { return kind == Kind::And && children.empty(); }
};

struct OrderKey {
  FieldPath field;
  bool descending = false;
};

// What a selection set picks: fields by name with their response keys, nested selections.
// `all` (no selection set) keeps the value whole.
struct ProjectionField;
struct Lookup;       // planner/query_plan.h
struct ComputedField;  // planner/computed.h
struct Search;         // planner/search.h
struct QueryExtras;  // planner/query_plan.h
struct Projection {
  using Field = ProjectionField;
  bool all = true;
  std::vector<ProjectionField> fields;
};
struct ProjectionField {
  std::string key;   // alias or name
  std::string name;
  ast::Pos pos;
  Projection sub;    // sub.all when the field has no selection set
  std::shared_ptr<const Lookup> lookup;  // `name: lookup(…) { … }`: documents of another collection
  // `key: "${a} ${b}"` or `name | uppercase`: computed from the document (template) or the
  // field's value (pipes); null for a plain field.
  std::shared_ptr<const ComputedField> computed;
};

struct CollectionScan {
  std::string collection;
  std::optional<Filter> where;
  std::vector<OrderKey> order;
  std::optional<ast::Value> limit;
  std::optional<ast::Value> offset;
  Projection projection;
  // aggregate / groupBy / cursor pagination (planner/query_plan.h); null for a plain list.
  std::shared_ptr<const QueryExtras> extras;
  // search: { query, fields }: full-text search (planner/search.h); null for none.
  std::shared_ptr<const Search> search;
};

// insertInto/insert (one document, `many` false) or insertMany.
struct Insert {
  std::string collection;
  ast::Value data;  // an object (one) or a list of objects (many)
  bool many = false;
  Projection projection;
};

// update, and upsert (`upsert` true: insert when nothing matches).
struct Update {
  std::string collection;
  Filter where;
  ast::Value data;  // object; members are values to set or {increment|decrement|push|pull|addToSet: v}
  bool upsert = false;
  Projection projection;
};

struct Delete {
  std::string collection;
  Filter where;
  Projection projection;
};

// A mutation field added by another subsystem (jobs: enqueueJob, cancelJob …). Compiled once by
// its MutationExtension (planner/extension.h), run inside the operation's transaction.
class CustomStep {
 public:
  virtual ~CustomStep() = default;
  // Returns the field's response value (already projected by its selection set).
  virtual aurora::Json Run(executor::ExecContext& ctx) const = 0;
};

struct Step;
// `transaction { … }`: its fields respond under its key.
struct Group {
  std::vector<Step> steps;
};

struct Step {
  std::string key;  // response key: alias or field name
  std::string name; // field name as written
  ast::Pos pos;
  // @include(if:) / @skip(if:): evaluated at execution (the value may be a variable).
  std::optional<ast::Value> include_if;
  std::optional<ast::Value> skip_if;
  bool explain = false;  // `field @explain { … }`: this query field answers how it would run
  std::variant<CollectionScan, Insert, Update, Delete, Group, std::shared_ptr<const CustomStep>> node;
};

struct Plan {
  enum class Kind { Query, Mutation };
  Kind kind = Kind::Query;
  // query @explain { … }: each field answers how it would run (SQL, parameters, SQLite's plan)
  // instead of its documents.
  bool explain = false;
  std::vector<ast::VariableDefinition> variables;
  std::vector<Step> steps;
};

}  // namespace aurora::plan
