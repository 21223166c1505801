#include <doctest/doctest.h>

#include <string>

#include "../ast_helpers.h"
#include "checker/checker.h"
#include "common/aql_error.h"
#include "parser/parser.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

// The error Check gives, or an empty Error with Internal code when it passes.
Error CheckError(const ast::Operation& op) {
  checker::CheckEnv env;
  env.is_system_collection = [](std::string_view n) { return n == "_jobs"; };
  try {
    checker::Check(op, env);
  } catch (const internal::AqlError& e) {
    return e.error();
  }
  return Error{ErrorCode::Internal, "", 0, 0};
}

}  // namespace

TEST_CASE("checker accepts a query with filter, orderBy, limit and offset") {
  auto op = Query({Field("products",
                         {Arg("where", Obj({{"price", Obj({{"lt", Int(50)}})}, {"tags", Obj({{"contains", Str("sale")}})}})),
                          Arg("orderBy", Obj({{"field", Str("price")}, {"direction", Enum("ASC")}})),
                          Arg("limit", Int(10)), Arg("offset", Int(0))},
                         {Field("id"), Field("name"), Field("maker", {}, {Field("country")})})});
  CHECK(CheckError(op).message == "");
}

TEST_CASE("unknown filter operator suggests the nearest one at its position") {
  ast::Value ops = Obj({{"lessThan", At(Int(5), 2, 40)}});
  ops.fields[0].pos = {2, 31};
  auto op = Query({Field("products", {Arg("where", Obj({{"price", ops}}))})});
  Error e = CheckError(op);
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.message == "unknown filter operator 'lessThan' (did you mean 'lt'?)");
  CHECK(e.line == 2);
  CHECK(e.column == 31);
}

TEST_CASE("unknown argument, missing required argument, wrong type") {
  CHECK(CheckError(Query({Field("products", {Arg("wher", Obj({}))})})).message.find("did you mean 'where'") !=
        std::string::npos);
  Error missing = CheckError(Mutation({Field("deleteFrom", {Arg("collection", Str("p"))})}));
  CHECK(missing.code == ErrorCode::ValidationError);
  CHECK(missing.message.find("needs the argument 'where'") != std::string::npos);
  CHECK(CheckError(Query({Field("products", {Arg("limit", Str("ten"))})})).message.find("expects an integer") !=
        std::string::npos);
  CHECK(CheckError(Query({Field("products", {Arg("limit", Int(-1))})})).message.find("negative") != std::string::npos);
  CHECK(CheckError(Query({Field("p", {Arg("where", Obj({{"a", Obj({{"in", Int(1)}})}}))})})).message.find("expects a list") !=
        std::string::npos);
}

TEST_CASE("variables must be declared with known types") {
  auto op = Query({Field("products", {Arg("where", Obj({{"price", Obj({{"lt", Var("max")}})}}))})});
  CHECK(CheckError(op).message.find("undeclared variable '$max'") != std::string::npos);
  ast::VariableDefinition def;
  def.name = "max";
  def.type.name = "Flot";
  op.variables.push_back(def);
  CHECK(CheckError(op).message.find("did you mean 'Float'") != std::string::npos);
  op.variables[0].type.name = "Float";
  CHECK(CheckError(op).message == "");
}

TEST_CASE("constructs not executed yet are named") {
  CHECK(CheckError(Query({Field("p", {Arg("search", Str("x"))})})).message.find("search expects an object") == 0);
  CHECK(CheckError(Query({Field("aggregate")})).message.find("aggregate needs collection:") == 0);
  CHECK(CheckError(Query({Field("p", {Arg("groupBy", Str("x"))})})).message.find("'groupBy' is not an argument") == 0);
  ast::Operation handler;
  handler.kind = ast::Operation::Kind::DefineHandler;
  CHECK(CheckError(handler).message == "define handler is not supported yet");
  CHECK(CheckError(Mutation({Field("enqueueJob", {Arg("type", Str("x"))})})).message == "enqueueJob is not supported yet");
  auto explain = Mutation({Field("delete", {Arg("collection", Str("p")), Arg("where", Obj({}))})});
  explain.directives.push_back({"explain", {1, 7}, {}});
  CHECK(CheckError(explain).message == "");  // a dry run: executor/mutation_explain.cc
  explain.directives[0].args.push_back(Arg("verbose", Bool(true)));
  CHECK(CheckError(explain).message == "@explain takes no arguments");
  explain = Query({Field("p")});
  explain.directives.push_back({"explain", {1, 7}, {}});
  CHECK(CheckError(explain).message == "");
}

TEST_CASE("collection and field names are validated") {
  CHECK(CheckError(Query({Field("_secret")})).message.find("reserved") != std::string::npos);
  CHECK(CheckError(Query({Field("_jobs")})).message == "");
  Error bad = CheckError(Mutation({Field("insertInto", {Arg("collection", Str("x'; DROP TABLE y; --")),
                                                        Arg("data", Obj({{"a", Int(1)}}))})}));
  CHECK(bad.message.find("invalid collection name") != std::string::npos);
  Error path = CheckError(Query({Field("p", {Arg("where", Obj({{"$.a') OR 1=1", Obj({{"eq", Int(1)}})}}))})}));
  CHECK(path.message.find("invalid field name") != std::string::npos);
  CHECK(CheckError(Mutation({Field("insertInto", {Arg("collection", Str("_jobs")), Arg("data", Obj({}))})}))
            .message.find("cannot be changed") != std::string::npos);
}

TEST_CASE("mutation result selections and modifiers are checked") {
  auto upd = Mutation({Field("update",
                             {Arg("collection", Str("p")), Arg("where", Obj({})),
                              Arg("data", Obj({{"n", Obj({{"incremnt", Int(1)}})}}))})});
  CHECK(CheckError(upd).message == "unknown update modifier 'incremnt' (did you mean 'increment'?)");
  auto sel = Mutation({Field("deleteFrom", {Arg("collection", Str("p")), Arg("where", Obj({}))}, {Field("afected")})});
  CHECK(CheckError(sel).message.find("did you mean 'affected'") != std::string::npos);
  auto dup = Mutation({Field("insert", {Arg("collection", Str("p")), Arg("data", Obj({}))}),
                       Field("insert", {Arg("collection", Str("p")), Arg("data", Obj({}))})});
  CHECK(CheckError(dup).message.find("alias") != std::string::npos);
}

TEST_CASE("fragments that multiply past the field limit or nest too deep are refused, not inlined") {
  // Found by tools/fuzz-style probing: each fragment spreading the next one twice doubles the
  // fields, so 40 fragments meant 2^40 copies (the process hung, then ran out of memory). Empty
  // fragments count too: 2^40 expansions of nothing take as long.
  auto bomb = [](int levels, const std::string& leaf = "id") {
    std::string text = "{ users { ...F0 } }\n";
    for (int i = 0; i < levels; ++i) {
      text += "fragment F" + std::to_string(i) + " on users { ...F" + std::to_string(i + 1) + " ...F" +
              std::to_string(i + 1) + " }\n";
    }
    return text + "fragment F" + std::to_string(levels) + " on users { " + leaf + " }\n";
  };
  for (int levels : {18, 40}) {
    ast::Document doc = parser::Parse(levels == 40 ? bomb(levels, "... { }") : bomb(levels));
    checker::CheckEnv env;
    env.fragments = &doc.fragments;
    Error e{ErrorCode::Internal, "", 0, 0};
    try {
      checker::Check(doc.operations[0], env);
    } catch (const internal::AqlError& err) {
      e = err.error();
    }
    CHECK(e.code == ErrorCode::ValidationError);
    CHECK(e.message.find("more than 100000 fields") != std::string::npos);
    CHECK(e.line >= 2);
    CHECK(e.column > 1);
  }
  // A chain of fragments nests the selection one level each: 60,000 of them crashed or took minutes.
  std::string chain = "{ users { ...F0 } }\n";
  for (int i = 0; i < 200; ++i) chain += "fragment F" + std::to_string(i) + " on users { a { ...F" + std::to_string(i + 1) + " } }\n";
  chain += "fragment F200 on users { id }\n";
  ast::Document deep = parser::Parse(chain);
  checker::CheckEnv deep_env;
  deep_env.fragments = &deep.fragments;
  try {
    checker::Check(deep.operations[0], deep_env);
    FAIL("a 400-level selection passed");
  } catch (const internal::AqlError& err) {
    CHECK(err.error().message == "fragments nest the selection deeper than 128 levels");
    CHECK(err.error().line > 1);
  }
  // Within the limits, fragments used several times inline as before.
  ast::Document ok = parser::Parse(bomb(10));
  checker::CheckEnv env;
  env.fragments = &ok.fragments;
  CHECK(checker::Check(ok.operations[0], env).op.selections[0].selections.size() == 1024);
  ast::Document typo = parser::Parse("{ users { ...Basic } } fragment Basics on users { id }");
  env.fragments = &typo.fragments;
  try {
    checker::Check(typo.operations[0], env);
    FAIL("an unknown fragment passed");
  } catch (const internal::AqlError& err) {
    CHECK(err.error().message == "unknown fragment 'Basic' (did you mean 'Basics'?)");
  }
}
