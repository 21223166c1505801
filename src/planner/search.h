// planner/search.h: full-text search in a query field.
//
//   products(search: { query: "wireless mouse", fields: ["name", "description"] }) { name score }
//
// `query` (a string or a String variable) is split into words; a document matches when its
// @search fields (or the listed `fields`, which must be @search fields) hold every word. SQLite
// FTS5 does the matching (storage/search_index.h); results carry `score` (higher is more
// relevant: the negated bm25 rank) and come most relevant first unless orderBy is given.
// `where`, `orderBy`, `limit` and `offset` combine with it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"

namespace aurora::plan {

struct Search {
  ast::Value query;                 // string literal or variable
  std::vector<std::string> fields;  // empty: every @search field
  std::vector<ast::Pos> field_pos;
  ast::Pos pos;
};

}  // namespace aurora::plan

namespace aurora::planner {

// Checks the shape of `search: { query: …, fields: [...] }`. Throws AqlError VALIDATION_ERROR.
void CheckSearchArgument(const ast::Argument& arg);

std::shared_ptr<const plan::Search> BuildSearch(const ast::Argument& arg);

}  // namespace aurora::planner
