#include <doctest/doctest.h>

#include <string>

#include "common/aql_error.h"
#include "handlers/handler_definition.h"
#include "handlers/handler_store.h"
#include "parser/parser.h"

using aurora::ErrorCode;
using aurora::handlers::CheckDefinition;
using aurora::handlers::Event;
using aurora::handlers::HandlerDefinition;
using aurora::internal::AqlError;

namespace {

HandlerDefinition Define(const std::string& text) {
  aurora::ast::Document doc = aurora::parser::Parse(text);
  REQUIRE(doc.operations.size() == 1);
  return CheckDefinition(doc.operations[0]);
}

aurora::Error DefineError(const std::string& text) {
  try {
    Define(text);
  } catch (const AqlError& e) {
    return e.error();
  }
  FAIL("expected a validation error for: " << text);
  return {};
}

const char* kThumbnail = R"(define handler "auto_thumbnail" {
  on: "insert:products",
  action: {
    enqueueJob(type: "process_image", payload: { product_id: "${id}", path: "${image_url}" })
  }
})";

}  // namespace

TEST_CASE("the seed guide's handler checks") {
  HandlerDefinition def = Define(kThumbnail);
  CHECK(def.name == "auto_thumbnail");
  CHECK(def.event == Event::Insert);
  CHECK(def.collection == "products");
  CHECK(def.action.name == "enqueueJob");
  CHECK(def.source == kThumbnail);
  CHECK(def.action_source ==
        R"(enqueueJob(type: "process_image", payload: { product_id: "${id}", path: "${image_url}" }))");
}

TEST_CASE("action source skips braces inside strings and comments, after other operations") {
  aurora::ast::Document doc = aurora::parser::Parse(
      "query { a { id } }\n  define handler \"h\" { on: \"insert:p\", action: {\n"
      "  # a } comment\n  enqueueJob(type: \"}{\", payload: { s: \"\"\"x } y\"\"\" }) } }");
  REQUIRE(doc.operations.size() == 2);
  HandlerDefinition def = CheckDefinition(doc.operations[1]);
  CHECK(def.action_source == "# a } comment\n  enqueueJob(type: \"}{\", payload: { s: \"\"\"x } y\"\"\" })");
}

TEST_CASE("both spellings of 'on' and every event") {
  CHECK(Define(R"(define handler "a" { on: "update products", action: { deleteFrom(collection: "x") } })").event ==
        Event::Update);
  CHECK(Define(R"(define handler "a" { on: "delete:orders", action: { insertInto(collection: "log", data: {}) } })")
            .event == Event::Delete);
}

TEST_CASE("bad definitions are validation errors with a position") {
  aurora::Error e = DefineError(R"(define handler "a" { on: "insrt:products", action: { enqueueJob(type: "t") } })");
  CHECK(e.code == ErrorCode::ValidationError);
  CHECK(e.message.find("did you mean 'insert'") != std::string::npos);
  CHECK(e.line == 1);
  CHECK(e.column == 26);

  e = DefineError(R"(define handler "a" { on: "insert:_jobs", action: { enqueueJob(type: "t") } })");
  CHECK(e.message.find("bad collection name") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert:x'; DROP TABLE y", action: { enqueueJob(type: "t") } })");
  CHECK(e.message.find("bad collection name") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert", action: { enqueueJob(type: "t") } })");
  CHECK(e.message.find("'on' must be") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: 5, action: { enqueueJob(type: "t") } })");
  CHECK(e.message.find("'on' must be a string") != std::string::npos);
  e = DefineError(R"(define handler "a" { action: { enqueueJob(type: "t") } })");
  CHECK(e.message.find("no 'on'") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert:p" })");
  CHECK(e.message.find("no action") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert:p", action: { products { id } } })");
  CHECK(e.message.find("cannot be a handler action") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert:p", action: { enqueJob(type: "t") } })");
  CHECK(e.message.find("did you mean 'enqueueJob'") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert:p", when: 1, action: { enqueueJob(type: "t") } })");
  CHECK(e.message.find("unknown handler property 'when'") != std::string::npos);
  e = DefineError(R"(define handler "a" { on: "insert:p", action: { enqueueJob(type: "t", payload: {p: "${id"}) } })");
  CHECK(e.message.find("unterminated template") != std::string::npos);
  CHECK(e.line == 1);
}

TEST_CASE("HandlerStore stores, replaces, pauses, drops and survives a reload") {
  aurora::storage::Connection conn(":memory:");
  aurora::handlers::CreateHandlersTable(conn);
  {
    aurora::handlers::HandlerStore store(conn);
    CHECK(store.empty());
    store.Define(Define(kThumbnail));
    CHECK(store.For(Event::Insert, "products").size() == 1);
    CHECK(store.For(Event::Update, "products").empty());
    // Same name again replaces it.
    store.Define(Define(R"(define handler "auto_thumbnail" { on: "update:products", action: { enqueueJob(type: "t") } })"));
    CHECK(store.For(Event::Insert, "products").empty());
    CHECK(store.For(Event::Update, "products").size() == 1);
    CHECK(store.SetPaused("auto_thumbnail", true));
    CHECK(store.For(Event::Update, "products").empty());
    CHECK_FALSE(store.SetPaused("nope", true));
  }
  // Reloaded from the table: still there, still paused, still on update:products.
  aurora::handlers::HandlerStore reopened(conn);
  CHECK(reopened.empty());
  CHECK(reopened.SetPaused("auto_thumbnail", false));
  CHECK(reopened.For(Event::Insert, "products").empty());
  CHECK(reopened.For(Event::Update, "products").size() == 1);
  CHECK(reopened.Drop("auto_thumbnail"));
  CHECK_FALSE(reopened.Drop("auto_thumbnail"));
  CHECK(reopened.empty());
}
