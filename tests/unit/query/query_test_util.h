// Helpers for the query-feature tests: a database with orders, and AQL → plan → SQL.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "aurora/database.h"
#include "checker/checker.h"
#include "parser/parser.h"
#include "planner/planner.h"

namespace aurora::testing {

inline Database OrdersDb() {
  Database db = Database::open();
  Response r = db.execute(R"(mutation {
    insertMany(collection: "orders", data: [
      {id: "o1", category: "books", amount: 12, region: "north", customer: "c1"},
      {id: "o2", category: "books", amount: 30.5, region: "south", customer: "c2"},
      {id: "o3", category: "games", amount: 60, region: "north", customer: "c1"},
      {id: "o4", category: "games", amount: "7", region: "north", customer: 3},
      {id: "o5", category: 1, amount: true}
    ]) { affected }
    customers: insertMany(collection: "customers", data: [
      {id: "c1", name: "Ada", country: "NO"},
      {id: "c2", name: "Linus", country: "FI"},
      {id: "c4", name: "Grace", country: "US"}
    ]) { affected }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

// The data of a successful query, compact; or "error: <message>".
inline std::string Run(Database& db, const std::string& aql, const Json& vars = Json::object()) {
  Response r = db.execute(aql, vars);
  if (!r.ok()) return "error: " + r.errors[0].message;
  return r.data.dump();
}

// The plan of the first field of a one-operation query.
inline plan::Plan PlanOf(const std::string& aql) {
  ast::Document doc = parser::Parse(aql);
  checker::CheckEnv env;
  env.fragments = &doc.fragments;
  return planner::BuildPlan(checker::Check(doc.operations.at(0), env), nullptr);
}

}  // namespace aurora::testing
