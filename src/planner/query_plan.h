// planner/query_plan.h: the plan of a query field beyond a plain list of documents.
//
// A collection field answers a list of documents, unless its selection set holds one of the
// "connection" members: `aggregate { … }`, `groupBy(…) { … }`, `nodes { … }`, `edges { … }`,
// `pageInfo { … }`. Then it answers an object with one member per such selection (docs/language.md,
// "Aggregation" and "Cursor pagination"). `first`/`last`/`after`/`before` page by keyset.
// A `lookup(…)` field of a document selection joins documents of another collection (Lookup,
// hung on the projection field).
//
// Like the rest of the plan, nothing here holds variable values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/plan.h"

namespace aurora::plan {

enum class AggregateFn { Count, Sum, Avg, Min, Max };

// count, count(field:), sum(field:), avg(field:), min(field:), max(field:)
struct AggregateTerm {
  std::string key;                 // response key: alias or function name
  AggregateFn fn = AggregateFn::Count;
  std::optional<FieldPath> field;  // count without field: every document
  ast::Pos pos;
};

struct Aggregate {
  std::vector<AggregateTerm> terms;
};

// groupBy(field: "f") / groupBy(fields: ["f", "g"]) { key count aggregate { … } nodes { … } }
struct GroupBy {
  std::vector<FieldPath> fields;
  bool key_object = false;  // fields: […] — the key is an object {f: …, g: …}
  struct Member {
    enum class Kind { Key, Count, Aggregate, Nodes };
    Kind kind = Kind::Key;
    std::string key;
    Aggregate aggregate;  // Aggregate
    Projection nodes;     // Nodes
  };
  std::vector<Member> members;
};

// lookup(collection:, localField:, foreignField:, where:, many:) { … }
struct Lookup {
  std::string collection;
  FieldPath local;
  FieldPath foreign;
  std::optional<Filter> where;
  bool many = false;  // a list of all matches; otherwise the first match or null
  Projection projection;
};

struct ConnectionMember {
  enum class Kind { Aggregate, GroupBy, Nodes, Edges, PageInfo };
  Kind kind = Kind::Nodes;
  std::string key;
  ast::Pos pos;
  Aggregate aggregate;    // Aggregate
  GroupBy group_by;       // GroupBy
  Projection selection;   // Nodes: the documents; Edges: {cursor, node {…}}; PageInfo: its fields
};

struct QueryExtras {
  // Cursor pagination arguments (literals or variables).
  std::optional<ast::Value> first, last, after, before;
  bool connection = false;  // answer an object of `members`, not a list
  std::vector<ConnectionMember> members;
  // Aurora's top-level form `aggregate(collection: "c") { … }` / `groupBy(collection: "c", …)`:
  // the field answers its one member's value.
  bool unwrap = false;

  bool paged() const { return first || last || after || before; }
};

}  // namespace aurora::plan
