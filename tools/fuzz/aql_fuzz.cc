// libFuzzer harness: bytes as an AQL document (plus optional JSON variables) through
// aurora::Database::execute on a fresh in-memory database. Build and run: tools/fuzz/README.md.
//
// Input: AQL text, optionally followed by a line "#vars" and a JSON text for the variables
// ("#" starts an AQL comment, so a corpus file stays readable AQL). Variables that are not a
// JSON object (or not JSON: taken as a string) become the value of several common variable names.
//
// Each input gets a new database seeded with two collections (one with a schema: unique,
// indexed, search and default fields), a `define handler` with templates, and jobs in several states. It aborts (a finding)
// when:
//   - a response has code INTERNAL (a bug, never the user's fault), an error without a message,
//     or a SYNTAX_ERROR / VALIDATION_ERROR without a line and column inside the text;
//   - a document whose operations all failed changed something (digest before and after);
//   - the database no longer answers a plain query afterwards.
// Crashes, sanitizer reports and slow inputs (-timeout) are findings of libFuzzer itself.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aurora/database.h"

namespace {

using aurora::Database;
using aurora::ErrorCode;
using aurora::Json;
using aurora::Response;

[[noreturn]] void Fail(const std::string& what, std::string_view text, const Response* r) {
  std::fprintf(stderr, "FINDING: %s\n--- input AQL ---\n%.*s\n", what.c_str(),
               static_cast<int>(text.size()), text.data());
  if (r != nullptr) std::fprintf(stderr, "--- response ---\n%s\n", r->dump().c_str());
  std::abort();
}

Response MustRun(Database& db, std::string_view aql) {
  Response r = db.execute(aql);
  if (!r.ok()) Fail("seed/digest statement failed", aql, &r);
  return r;
}

void Seed(Database& db) {
  MustRun(db, R"(schema { define collection users {
      name: String! @search
      email: String @unique
      age: Int @indexed
      tags: [String]
      profile: JSON
      created: DateTime
      role: String = "member"
    } })");
  MustRun(db, R"(mutation { insertMany(collection: "users", data: [
      {id: "u1", name: "Ann", age: 31, email: "ann@x.io", tags: ["a", "b"], profile: {x: [1, {y: "z"}]}},
      {id: "u2", name: "Bob", age: 17, email: "bob@x.io", tags: []},
      {id: "u3", name: "Cy", email: "cy@x.io", created: "2024-02-29T12:00:00Z"}]) { affected } })");
  MustRun(db, R"(mutation { insertMany(collection: "products", data: [
      {id: "p1", name: "Mouse", price: 25, owner: "u1", meta: {color: "red", dims: [1, 2.5, null]}},
      {id: "p2", name: "Pad", price: 9.5, owner: "u2", image_url: "/x.jpg"}]) { affected } })");
  MustRun(db, R"(define handler "log_products" {
      on: "update:products",
      action: { insertInto(collection: "product_log", data: { product: $_id, was: "${_old.price}", line: "now ${price} ${meta.color}" }) }
    })");
  MustRun(db, R"(define handler "thumb" {
      on: "insert:products",
      action: { enqueueJob(type: "process_image", payload: { product_id: "${id}", path: "${image_url}" }) }
    })");
  MustRun(db, R"(mutation {
      a: enqueueJob(type: "email", payload: {to: "a@b.c"}, priority: HIGH, retries: 2) { jobId }
      b: enqueueJobs(jobs: [{type: "report", delay: 60000}, {type: "email", payload: {n: 1}}]) { type }
    })");
}

std::string Digest(Database& db) {
  std::string out = MustRun(db, "{ _collections(orderBy: {name: ASC}) { name fields } }").data.dump();
  Response cat = MustRun(db, "{ _collections(orderBy: {name: ASC}) { name } }");
  for (const Json& c : cat.data["_collections"].as_array()) {
    out += MustRun(db, "{ c: " + c["name"].as_string() + "(orderBy: {id: ASC}) }").data.dump();
  }
  out += MustRun(db, "{ _jobs(orderBy: {id: ASC}) }").data.dump();
  out += MustRun(db, "{ _handlers(orderBy: {name: ASC}) }").data.dump();
  return out;
}

int CountLines(std::string_view text) {
  int n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

// Returns whether the response failed; aborts on a malformed error.
bool CheckResponse(const Response& r, std::string_view text) {
  if (!Json::parse(r.dump())) Fail("response does not dump to valid JSON", text, &r);
  if (r.ok()) {
    if (!r.data.is_object()) Fail("data is not an object", text, &r);
    return false;
  }
  for (const auto& e : r.errors) {
    if (e.message.empty()) Fail("error without a message", text, &r);
    switch (e.code) {
      case ErrorCode::SyntaxError:
      case ErrorCode::ValidationError:
        if (e.line < 1 || e.column < 1 || e.line > CountLines(text)) {
          Fail("syntax/validation error without a position inside the text", text, &r);
        }
        break;
      case ErrorCode::ConstraintViolation:
      case ErrorCode::NotFound:
        break;
      case ErrorCode::Internal:
        Fail("INTERNAL error for user input", text, &r);
      default:
        Fail("unknown error code", text, &r);
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view text = input;
  Json vars = Json::object();
  if (std::size_t at = input.find("\n#vars"); at != std::string_view::npos) {
    text = input.substr(0, at);
    std::string_view rest = input.substr(at + 6);
    std::optional<Json> parsed = Json::parse(rest);
    Json value = parsed ? *parsed : Json(std::string(rest));
    // Non-object variables are refused before the text is looked at (robust_test covers that):
    // a value of another shape goes to every variable name the corpus uses instead.
    if (value.is_object()) {
      vars = std::move(value);
    } else {
      for (const char* name : {"n", "d", "t", "w", "x", "id", "filter"}) vars.set(name, value);
    }
  }

  Database db = Database::open(aurora::Config());
  Seed(db);
  std::string before = Digest(db);

  // Mostly execute_all(), which answers each operation; execute() for sizes that are a multiple
  // of 7 (it stops at the first failure, after earlier operations committed: no atomicity check).
  bool all_failed = true;
  if (size % 7 == 0) {
    CheckResponse(db.execute(text, vars), text);
    all_failed = false;
  } else {
    for (const Response& r : db.execute_all(text, vars)) all_failed = CheckResponse(r, text) && all_failed;
  }

  std::string after = Digest(db);
  if (all_failed && before != after) Fail("a failed document changed the database", text, nullptr);
  return 0;
}
