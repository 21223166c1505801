#include <doctest/doctest.h>

#include "../ast_helpers.h"
#include "checker/checker.h"
#include "planner/bind.h"
#include "planner/planner.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

plan::Plan Build(const ast::Operation& op) {
  checker::CheckEnv env;
  return planner::BuildPlan(checker::Check(op, env), nullptr);
}

}  // namespace

TEST_CASE("planner builds a scan with filter tree, order, limit and projection") {
  auto op = Query({Field("products",
                         {Arg("where", Obj({{"price", Obj({{"gte", Int(10)}, {"lt", Int(50)}})},
                                            {"or", List({Obj({{"a", Int(1)}}), Obj({{"b.c", Str("x")}})})}})),
                          Arg("orderBy", List({Obj({{"field", Str("price")}, {"direction", Enum("DESC")}}),
                                               Obj({{"name", Enum("ASC")}})})),
                          Arg("limit", Int(3))},
                         {Field("name"), Field("maker", {}, {Field("country")}, "m")}, "cheap")});
  plan::Plan p = Build(op);
  REQUIRE(p.steps.size() == 1);
  CHECK(p.steps[0].key == "cheap");
  const auto& scan = std::get<plan::CollectionScan>(p.steps[0].node);
  CHECK(scan.collection == "products");
  REQUIRE(scan.where);
  REQUIRE(scan.where->children.size() == 3);  // gte, lt, or
  CHECK(scan.where->children[0].op == plan::FilterOp::Gte);
  CHECK(scan.where->children[1].op == plan::FilterOp::Lt);
  const auto& ors = scan.where->children[2];
  CHECK(ors.kind == plan::Filter::Kind::Or);
  CHECK(ors.children[1].children[0].field.segments == std::vector<std::string>{"b", "c"});
  CHECK(ors.children[0].children[0].op == plan::FilterOp::Eq);  // shorthand
  REQUIRE(scan.order.size() == 2);
  CHECK(scan.order[0].descending);
  CHECK(scan.order[1].field.text == "name");
  CHECK_FALSE(scan.order[1].descending);
  CHECK(scan.limit->integer == 3);
  CHECK_FALSE(scan.projection.all);
  CHECK(scan.projection.fields[1].key == "m");
  CHECK(scan.projection.fields[1].sub.fields[0].name == "country");
}

TEST_CASE("planner builds mutation steps and transaction groups") {
  auto op = Mutation({Field("insertInto", {Arg("collection", Str("p")), Arg("data", Obj({{"a", Int(1)}}))}),
                      Field("transaction", {},
                            {Field("update", {Arg("collection", Str("p")), Arg("where", Obj({})),
                                              Arg("set", Obj({{"a", Obj({{"increment", Int(1)}})}}))}),
                             Field("delete", {Arg("from", Str("p")), Arg("where", Obj({{"a", Int(2)}}))})})});
  plan::Plan p = Build(op);
  CHECK(p.kind == plan::Plan::Kind::Mutation);
  REQUIRE(p.steps.size() == 2);
  CHECK(std::get<plan::Insert>(p.steps[0].node).collection == "p");
  const auto& group = std::get<plan::Group>(p.steps[1].node);
  REQUIRE(group.steps.size() == 2);
  CHECK_FALSE(std::get<plan::Update>(group.steps[0].node).upsert);
  CHECK(std::get<plan::Delete>(group.steps[1].node).collection == "p");
}

TEST_CASE("variables bind with defaults and type checks") {
  ast::VariableDefinition max;
  max.name = "max";
  max.type.name = "Float";
  max.default_value = Int(7);
  ast::VariableDefinition name;
  name.name = "name";
  name.type.name = "String";
  name.type.non_null = true;
  CHECK(planner::BindVariables({max, name}, Json::object({{"name", "x"}})) ==
        Json::object({{"max", 7}, {"name", "x"}}));
  CHECK_THROWS(planner::BindVariables({max, name}, Json::object()));  // missing non-null
  CHECK_THROWS(planner::BindVariables({max, name}, Json::object({{"name", 5}})));
  CHECK(planner::ResolveValue(Obj({{"a", Var("name")}, {"b", Enum("HIGH")}}), Json::object({{"name", "n"}})) ==
        Json::object({{"a", "n"}, {"b", "HIGH"}}));
}
