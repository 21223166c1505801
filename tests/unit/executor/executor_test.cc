#include <doctest/doctest.h>

#include "../ast_helpers.h"
#include "checker/checker.h"
#include "common/aql_error.h"
#include "executor/executor.h"
#include "executor/update_apply.h"
#include "planner/planner.h"
#include "storage/catalog.h"
#include "storage/sql_functions.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

struct Fixture {
  Fixture() : conn(":memory:") {
    storage::RegisterSqlFunctions(conn);
    storage::EnsureCatalog(conn);
  }
  Json Run(const ast::Operation& op, Json vars = Json::object()) {
    checker::CheckEnv env;
    plan::Plan p = planner::BuildPlan(checker::Check(op, env), nullptr);
    executor::ExecContext ctx(conn, std::move(vars), resolvers);
    return executor::Execute(p, ctx);
  }
  storage::Connection conn;
  sqlgen::Resolvers resolvers;
};

ast::Selection Insert(const std::string& id, double price, std::vector<ast::Selection> sel = {}) {
  return Field("insertInto",
               {Arg("collection", Str("products")), Arg("data", Obj({{"id", Str(id)}, {"price", Float(price)}}))},
               std::move(sel), "i" + id);
}

}  // namespace

TEST_CASE("insert then query with filter, order and projection") {
  Fixture fx;
  Json r = fx.Run(Mutation({Insert("a", 30, {Field("id")}), Insert("b", 10), Insert("c", 20)}));
  CHECK(r == Json::object({{"ia", Json::object({{"id", "a"}})},
                          {"ib", Json::object({{"id", "b"}, {"price", 10.0}})},
                          {"ic", Json::object({{"id", "c"}, {"price", 20.0}})}}));
  Json q = fx.Run(Query({Field("products",
                               {Arg("where", Obj({{"price", Obj({{"gt", Int(15)}})}})),
                                Arg("orderBy", Obj({{"field", Str("price")}, {"direction", Enum("ASC")}}))},
                               {Field("id"), Field("missing")})}));
  CHECK(q.dump() == R"({"products":[{"id":"c","missing":null},{"id":"a","missing":null}]})");
  CHECK(fx.Run(Query({Field("nothing")})).dump() == R"({"nothing":[]})");
}

TEST_CASE("a failing mutation rolls back every field") {
  Fixture fx;
  fx.Run(Mutation({Insert("a", 1)}));
  auto op = Mutation({Insert("b", 2), Field("other", {}, {}, ""), Insert("a", 3)});
  op.selections.erase(op.selections.begin() + 1);
  try {
    fx.Run(op);
    FAIL("expected a constraint violation");
  } catch (const internal::AqlError& e) {
    CHECK(e.error().code == ErrorCode::ConstraintViolation);
  }
  Json q = fx.Run(Query({Field("products", {}, {Field("id")})}));
  CHECK(q.dump() == R"({"products":[{"id":"a"}]})");
}

TEST_CASE("update and delete report affected documents") {
  Fixture fx;
  fx.Run(Mutation({Insert("a", 1), Insert("b", 2)}));
  Json u = fx.Run(Mutation({Field("update",
                                  {Arg("collection", Str("products")), Arg("where", Obj({{"id", Str("a")}})),
                                   Arg("data", Obj({{"price", Obj({{"increment", Int(5)}})}, {"tags", Obj({{"push", Str("x")}})}}))})}));
  CHECK(u.dump() == R"({"update":{"affected":1,"documents":[{"id":"a","price":6.0,"tags":["x"]}]}})");
  Json d = fx.Run(Mutation({Field("deleteFrom", {Arg("collection", Str("products")), Arg("where", Obj({}))},
                                  {Field("affected")})}));
  CHECK(d.dump() == R"({"deleteFrom":{"affected":2}})");
}

TEST_CASE("update modifiers") {
  Json doc = Json::object({{"n", 1}, {"tags", Json::array({"a", "b", "a"})}, {"s", "x"}});
  ast::Value src = Null();
  executor::ApplyUpdate(doc, Json::object({{"n", Json::object({{"decrement", 3}})},
                                           {"tags", Json::object({{"pull", "a"}})},
                                           {"set", Json::object({{"addToSet", 1}})},
                                           {"a.b", 2}}),
                        src);
  CHECK(doc.dump() == R"({"n":-2,"tags":["b"],"s":"x","set":[1],"a":{"b":2}})");
  CHECK_THROWS_AS(executor::ApplyUpdate(doc, Json::object({{"s", Json::object({{"increment", 1}})}}), src),
                  internal::AqlError);
  CHECK_THROWS_AS(executor::ApplyUpdate(doc, Json::object({{"s", Json::object({{"push", 1}})}}), src),
                  internal::AqlError);
}

TEST_CASE("write hook sees every write in the transaction; after-commit runs once, after the outer commit") {
  Fixture fx;
  int writes = 0;
  int commits = 0;
  executor::WriteHook hook = [&](executor::ExecContext& ctx, const executor::WriteEvent& event) {
    ++writes;
    CHECK(ctx.conn.InTransaction());
    if (event.collection == "products") {
      // a handler's action: a nested mutation in the same transaction
      checker::CheckEnv env;
      plan::Plan p = planner::BuildPlan(
          checker::Check(Mutation({Field("insertInto", {Arg("collection", Str("audit")), Arg("data", Obj({{"of", Str("x")}}))})}), env),
          nullptr);
      ctx.after_commit.push_back([&] { ++commits; });
      executor::Execute(p, ctx);
      CHECK(commits == 0);
    }
  };
  checker::CheckEnv env;
  plan::Plan p = planner::BuildPlan(checker::Check(Mutation({Insert("a", 1), Insert("b", 2)}), env), nullptr);
  executor::ExecContext ctx(fx.conn, Json::object(), fx.resolvers);
  ctx.on_write = &hook;
  executor::Execute(p, ctx);
  CHECK(writes == 4);  // two products, two audit rows
  CHECK(commits == 2);
  CHECK(fx.Run(Query({Field("audit", {}, {Field("of")})})).dump() == R"({"audit":[{"of":"x"},{"of":"x"}]})");
}
