// Every AQL construct parses into the expected AST (compared as canonical AQL, see ast_print.h),
// with positions where later stages report errors.
#include <doctest/doctest.h>

#include <string>

#include "ast_print.h"
#include "common/aql_error.h"
#include "parser/parser.h"

using aurora::ast::Document;
using aurora::ast::Operation;
using aurora::ast::Selection;
using aurora::ast::Value;
using aurora::parser::Parse;
using aurora::testing::Print;

TEST_CASE("parser: the DESIGN example query") {
  Document doc = Parse(R"(query Name($minPrice: Float = 0) {
  cheap: products(where: { price: { lt: 50 }, tags: { contains: "sale" } },
                  orderBy: { field: "price", direction: ASC }, limit: 10, offset: 0) {
    id  name  price  maker { country }
  }
})");
  REQUIRE(doc.operations.size() == 1);
  const Operation& op = doc.operations[0];
  CHECK(op.kind == Operation::Kind::Query);
  CHECK(op.name == "Name");
  CHECK(op.pos.line == 1);
  CHECK(op.pos.column == 1);
  REQUIRE(op.variables.size() == 1);
  CHECK(op.variables[0].name == "minPrice");
  CHECK(op.variables[0].type.name == "Float");
  CHECK(op.variables[0].pos.column == 12);
  REQUIRE(op.selections.size() == 1);
  const Selection& cheap = op.selections[0];
  CHECK(cheap.alias == "cheap");
  CHECK(cheap.name == "products");
  CHECK(cheap.pos.line == 2);
  CHECK(cheap.pos.column == 3);
  CHECK(cheap.name_pos.column == 10);
  REQUIRE(cheap.args.size() == 4);
  CHECK(cheap.args[0].name == "where");
  CHECK(cheap.args[0].pos.column == 19);
  const Value& where = cheap.args[0].value;
  CHECK(where.kind == Value::Kind::Object);
  CHECK(where.pos.column == 26);
  REQUIRE(where.fields.size() == 2);
  CHECK(where.fields[1].name == "tags");
  CHECK(where.fields[1].pos.column == 47);
  CHECK(where.fields[1].value.fields[0].value.text == "sale");
  CHECK(cheap.args[1].value.fields[1].value.kind == Value::Kind::Enum);
  CHECK(cheap.args[1].value.fields[1].value.text == "ASC");
  CHECK(cheap.args[2].value.kind == Value::Kind::Int);
  CHECK(cheap.args[2].value.integer == 10);
  CHECK(cheap.has_selection_set);
  REQUIRE(cheap.selections.size() == 4);
  CHECK(cheap.selections[3].name == "maker");
  CHECK(cheap.selections[3].selections[0].name == "country");
  CHECK(cheap.selections[3].selections[0].pos.line == 4);
  CHECK(cheap.selections[3].selections[0].pos.column == 30);
  CHECK_FALSE(cheap.selections[0].has_selection_set);
}

TEST_CASE("parser: mutations, several operations, exact source text") {
  std::string text = "mutation {\n  insertInto(collection: \"products\", data: { name: \"Mouse\", price: 25 }) { id }\n"
                     "}  # trailing comment\n query Q { a }";
  Document doc = Parse(text);
  REQUIRE(doc.operations.size() == 2);
  CHECK(doc.operations[0].kind == Operation::Kind::Mutation);
  CHECK(doc.operations[0].source ==
        "mutation {\n  insertInto(collection: \"products\", data: { name: \"Mouse\", price: 25 }) { id }\n}");
  CHECK(doc.operations[1].source == "query Q { a }");
  CHECK(doc.operations[1].pos.line == 4);
  CHECK(doc.operations[1].pos.column == 2);
}
