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

namespace {

// The document printed back as canonical AQL (ast_print.h), without the trailing newline.
std::string Canon(const std::string& text) {
  std::string out = Print(Parse(text));
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("parser: empty and comment-only documents are empty, not errors") {
  CHECK(Parse("").operations.empty());
  CHECK(Parse("   \n\t , ,\n").operations.empty());
  CHECK(Parse("# nothing here\n  # still nothing").operations.empty());
  CHECK(Parse("\xEF\xBB\xBF").operations.empty());  // a byte order mark alone
}

TEST_CASE("parser: anonymous query, aliases, arguments, nested selections, commas are insignificant") {
  CHECK(Canon("{ a }") == "query { a }");
  CHECK(Canon("{ x: a(n: 1,,, m: 2) { b, c { d } } }") == "query { x: a(n: 1, m: 2) { b c { d } } }");
  CHECK(Canon("query { a } query Two { b } mutation M { c }") ==
        "query { a }\nquery Two { b }\nmutation M { c }");
  Document doc = Parse("{ a }");
  CHECK(doc.operations[0].name.empty());
  CHECK(doc.operations[0].kind == Operation::Kind::Query);
}

TEST_CASE("parser: variable definitions with list and non-null types and defaults") {
  Document doc = Parse("query Q($ids: [String!]!, $n: Int = 10, $f: Float, $o: In = {a: [1, 2]}) @cached { a }");
  const Operation& op = doc.operations[0];
  CHECK(Print(op) == "query Q($ids: [String!]!, $n: Int = 10, $f: Float, $o: In = {a: [1, 2]}) @cached { a }");
  REQUIRE(op.variables.size() == 4);
  const auto& ids = op.variables[0].type;
  CHECK(ids.is_list());
  CHECK(ids.non_null);
  CHECK(ids.element[0].name == "String");
  CHECK(ids.element[0].non_null);
  CHECK(ids.pos.column == 15);
  CHECK_FALSE(op.variables[2].type.non_null);
  REQUIRE(op.variables[1].default_value.has_value());
  CHECK(op.variables[1].default_value->integer == 10);
  CHECK_FALSE(op.variables[2].default_value.has_value());
  REQUIRE(op.directives.size() == 1);
  CHECK(op.directives[0].name == "cached");
}

TEST_CASE("parser: directives on fields, with arguments") {
  Document doc = Parse("query ($x: Boolean!) { a @include(if: $x) b @skip(if: true) @explain }");
  const auto& sels = doc.operations[0].selections;
  REQUIRE(sels.size() == 2);
  REQUIRE(sels[0].directives.size() == 1);
  CHECK(sels[0].directives[0].name == "include");
  CHECK(sels[0].directives[0].pos.column == 26);
  CHECK(sels[0].directives[0].args[0].value.kind == Value::Kind::Variable);
  CHECK(sels[0].directives[0].args[0].value.text == "x");
  CHECK(sels[1].directives.size() == 2);
}

TEST_CASE("parser: fragments, fragment spreads and inline fragments") {
  Document doc = Parse(
      "query { users { ...UserParts ... on users { age } ... @include(if: true) { name } } }\n"
      "fragment UserParts on users @d { id name }");
  CHECK(Print(doc) ==
        "query { users { ...UserParts ... on users { age } ... @include(if: true) { name } } }\n"
        "fragment UserParts on users @d { id name }\n");
  const auto& users = doc.operations[0].selections[0].selections;
  CHECK(users[0].kind == Selection::Kind::FragmentSpread);
  CHECK(users[0].pos.column == 17);
  CHECK(users[0].name_pos.column == 20);
  CHECK(users[1].kind == Selection::Kind::InlineFragment);
  CHECK(users[1].name == "users");
  CHECK(users[2].kind == Selection::Kind::InlineFragment);
  CHECK(users[2].name.empty());
  REQUIRE(doc.fragments.size() == 1);
  CHECK(doc.fragments[0].name == "UserParts");
  CHECK(doc.fragments[0].type_condition == "users");
  CHECK(doc.fragments[0].pos.line == 2);
  // A fragment may be named like a keyword, except `on`.
  CHECK(Canon("{ ...query }") == "query { ...query }");
}

TEST_CASE("parser: computed fields and pipes") {
  Document doc = Parse(R"({ users { fullName: "${first} ${last}" | uppercase  name | lowercase | round(digits: 2) } })");
  const auto& sels = doc.operations[0].selections[0].selections;
  REQUIRE(sels.size() == 2);
  CHECK(sels[0].alias == "fullName");
  CHECK(sels[0].name.empty());
  REQUIRE(sels[0].computed.has_value());
  CHECK(sels[0].computed->text == "${first} ${last}");
  CHECK(sels[0].name_pos.column == 21);
  REQUIRE(sels[0].pipes.size() == 1);
  CHECK(sels[0].pipes[0].name == "uppercase");
  CHECK(sels[1].name == "name");
  REQUIRE(sels[1].pipes.size() == 2);
  CHECK(sels[1].pipes[1].name == "round");
  CHECK(sels[1].pipes[1].pos.column == 72);
  CHECK(sels[1].pipes[1].args[0].name == "digits");
  CHECK(sels[1].pipes[1].args[0].value.integer == 2);
}

TEST_CASE("parser: values of every kind") {
  Document doc = Parse(
      R"({ f(i: -42, f: 2.5e3, s: "x", t: true, u: false, n: null, e: HIGH, v: $var, l: [1, "a", [LOW]],)"
      R"( o: { name: "n", "address.city": { eq: "Oslo" } }, empty: {}, none: []) })");
  const auto& args = doc.operations[0].selections[0].args;
  REQUIRE(args.size() == 12);
  CHECK(args[0].value.kind == Value::Kind::Int);
  CHECK(args[0].value.integer == -42);
  CHECK(args[1].value.kind == Value::Kind::Float);
  CHECK(args[1].value.number == 2500.0);
  CHECK(args[2].value.kind == Value::Kind::String);
  CHECK(args[3].value.kind == Value::Kind::Bool);
  CHECK(args[3].value.boolean);
  CHECK_FALSE(args[4].value.boolean);
  CHECK(args[5].value.kind == Value::Kind::Null);
  CHECK(args[6].value.kind == Value::Kind::Enum);
  CHECK(args[6].value.text == "HIGH");
  CHECK(args[7].value.kind == Value::Kind::Variable);
  CHECK(args[7].value.text == "var");
  CHECK(args[8].value.kind == Value::Kind::List);
  CHECK(args[8].value.items.size() == 3);
  CHECK(args[8].value.items[2].items[0].text == "LOW");
  CHECK(args[8].value.items[1].pos.column == 84);
  const Value& o = args[9].value;
  CHECK(o.kind == Value::Kind::Object);
  REQUIRE(o.fields.size() == 2);
  CHECK(o.fields[1].name == "address.city");
  CHECK(o.fields[1].value.fields[0].value.text == "Oslo");
  CHECK(args[10].value.kind == Value::Kind::Object);
  CHECK(args[10].value.fields.empty());
  CHECK(args[11].value.kind == Value::Kind::List);
  // Keywords are ordinary names and enum words where a name is expected.
  CHECK(Canon("{ query(on: drop, if: schema) { field } }") == "query { query(on: drop, if: schema) { field } }");
  CHECK(Canon("{ a(x: 0, y: -0, z: 1E+2, w: 0.0) }") == "query { a(x: 0, y: 0, z: 100f, w: 0f) }");
  CHECK(Canon("{ a(x: 9223372036854775807, y: -9223372036854775808) }") ==
        "query { a(x: 9223372036854775807, y: -9223372036854775808) }");
  CHECK(Canon("{ a(tiny: 1e-400) }") == "query { a(tiny: 0f) }");
}

TEST_CASE("parser: mutations with transaction and job calls are ordinary fields") {
  CHECK(Canon(R"(mutation { transaction { insertInto(collection: "a", data: {x: 1}) { id } )"
              R"(enqueueJob(type: "t", payload: {}, priority: CRITICAL, retries: 5) { jobId } } })") ==
        R"(mutation { transaction { insertInto(collection: "a", data: {x: 1}) { id } )"
        R"(enqueueJob(type: "t", payload: {}, priority: CRITICAL, retries: 5) { jobId } } })");
  CHECK(Canon(R"({ orders { aggregate { count sum(field: "total") } groupBy(fields: ["status"]) { key count } )"
              R"(lookup(from: "users", localField: "uid", foreignField: "id", as: "user") { name } } })") ==
        R"(query { orders { aggregate { count sum(field: "total") } groupBy(fields: ["status"]) { key count } )"
        R"(lookup(from: "users", localField: "uid", foreignField: "id", as: "user") { name } } })");
  CHECK(Canon("{ products(first: 10, after: $c) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }") ==
        "query { products(first: 10, after: $c) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }");
}

TEST_CASE("parser: define, drop, pause and resume handler") {
  std::string text = R"(define handler "auto_thumbnail" {
  on: "insert:products",
  action: { enqueueJob(type: "process_image", payload: { product_id: "${id}", path: "${image_url}" }) { jobId } }
}
drop handler "old"  pause handler "p" resume handler """r""")";
  Document doc = Parse(text);
  REQUIRE(doc.operations.size() == 4);
  const Operation& def = doc.operations[0];
  CHECK(def.kind == Operation::Kind::DefineHandler);
  CHECK(def.name == "auto_thumbnail");
  REQUIRE(def.handler_properties.size() == 1);  // `action:` is not a property
  CHECK(def.handler_properties[0].name == "on");
  CHECK(def.handler_properties[0].pos.line == 2);
  CHECK(def.handler_properties[0].value.text == "insert:products");
  CHECK(def.handler_properties[0].value.pos.column == 7);
  REQUIRE(def.handler_action.size() == 1);
  CHECK(def.handler_action[0].name == "enqueueJob");
  CHECK(def.handler_action[0].pos.line == 3);
  CHECK(def.handler_action[0].pos.column == 13);
  CHECK(def.handler_action_pos.line == 3);
  CHECK(def.handler_action_pos.column == 11);
  CHECK(def.handler_action[0].has_selection_set);
  CHECK(def.source == text.substr(0, text.find("\ndrop")));
  CHECK(doc.operations[1].kind == Operation::Kind::DropHandler);
  CHECK(doc.operations[1].name == "old");
  CHECK(doc.operations[1].source == "drop handler \"old\"");
  CHECK(doc.operations[2].kind == Operation::Kind::PauseHandler);
  CHECK(doc.operations[2].name == "p");
  CHECK(doc.operations[3].kind == Operation::Kind::ResumeHandler);
  CHECK(doc.operations[3].name == "r");
  // Other properties (and quoted keys) are kept for validation.
  Document other = Parse(R"(define handler "h" { on: "delete:a" "when": true, retries: 2 })");
  REQUIRE(other.operations[0].handler_properties.size() == 3);
  CHECK(other.operations[0].handler_properties[1].name == "when");
  CHECK(other.operations[0].handler_action.empty());
}

TEST_CASE("parser: schema statements") {
  std::string text = R"(schema {
  define collection users if not exists { name: String! @unique age: Int = 0 @indexed tags: [String] }
  alter collection users { add field x: Int = 0  drop field y  rename field a to b  modify field z: Float  add w: Boolean }
  drop collection users if exists
  drop collection other
  define collection plain { }
})";
  Document doc = Parse(text);
  REQUIRE(doc.operations.size() == 1);
  const Operation& op = doc.operations[0];
  CHECK(op.kind == Operation::Kind::Schema);
  CHECK(Print(op) ==
        "schema { define collection users if not exists { name: String! @unique age: Int = 0 @indexed tags: [String] }"
        " alter collection users { add field x: Int = 0 drop field y rename field a to b modify field z: Float"
        " add field w: Boolean } drop collection users if exists drop collection other"
        " define collection plain { } }");
  REQUIRE(op.schema.size() == 5);
  const auto& define = op.schema[0];
  CHECK(define.if_not_exists);
  CHECK(define.pos.line == 2);
  CHECK(define.pos.column == 3);
  REQUIRE(define.fields.size() == 3);
  CHECK(define.fields[0].type.non_null);
  CHECK(define.fields[0].directives[0].name == "unique");
  CHECK(define.fields[1].default_value->integer == 0);
  CHECK(define.fields[2].type.is_list());
  CHECK(define.fields[2].pos.column == 87);
  const auto& alter = op.schema[1];
  REQUIRE(alter.actions.size() == 5);
  CHECK(alter.actions[0].kind == aurora::ast::AlterAction::Kind::Add);
  CHECK(alter.actions[0].field.name == "x");
  CHECK(alter.actions[1].kind == aurora::ast::AlterAction::Kind::Drop);
  CHECK(alter.actions[1].name == "y");
  CHECK(alter.actions[2].kind == aurora::ast::AlterAction::Kind::Rename);
  CHECK(alter.actions[2].name == "a");
  CHECK(alter.actions[2].new_name == "b");
  CHECK(alter.actions[3].kind == aurora::ast::AlterAction::Kind::Modify);
  CHECK(alter.actions[3].field.type.name == "Float");
  CHECK(op.schema[2].if_exists);
  CHECK_FALSE(op.schema[3].if_exists);
}

TEST_CASE("parser: source text of each operation is exact, also after non-ASCII text") {
  std::string text = "# café ☕\nquery Q { a(x: \"naïve 😀\") }\n\n  mutation { b }  ";
  Document doc = Parse(text);
  REQUIRE(doc.operations.size() == 2);
  CHECK(doc.operations[0].source == "query Q { a(x: \"naïve 😀\") }");
  CHECK(doc.operations[1].source == "mutation { b }");
  CHECK(doc.operations[1].pos.line == 4);
  CHECK(doc.operations[1].pos.column == 3);
  // Columns count characters, not bytes.
  Document d2 = Parse("{ a(x: \"é\", y: 1) }");
  CHECK(d2.operations[0].selections[0].args[1].value.pos.column == 16);
}

TEST_CASE("parser: CRLF line ends, tabs and a string_view into a larger buffer") {
  Document doc = Parse("query {\r\n\ta(x: 1)\r\n  b\r\n}");
  const auto& sels = doc.operations[0].selections;
  REQUIRE(sels.size() == 2);
  CHECK(sels[0].pos.line == 2);
  CHECK(sels[0].pos.column == 2);  // a tab is one column
  CHECK(sels[1].pos.line == 3);
  CHECK(sels[1].pos.column == 3);
  std::string buffer = "XXX{ a }YYY";
  Document slice = Parse(std::string_view(buffer).substr(3, 5));
  REQUIRE(slice.operations.size() == 1);
  CHECK(slice.operations[0].source == "{ a }");
}
