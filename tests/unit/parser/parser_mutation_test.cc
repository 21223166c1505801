// Robustness: thousands of documents made by mutating valid AQL at random (fixed seed, so the
// run is reproducible) either parse or give a SYNTAX_ERROR with a position; nothing else escapes.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "common/aql_error.h"
#include "parser/parser.h"

namespace {

const std::vector<std::string> kSeeds = {
    R"(query Q($x: [String!]! = ["a"], $n: Int = 0) @d { a: products(where: { price: { lt: 50 }, "address.city": { eq: "Oslo" } }, limit: $n) { id name maker { country } } })",
    R"(mutation { transaction { insertInto(collection: "p", data: { name: "M\u00e9\$", tags: [1, 2.5, true, null, LOW] }) { id } } })",
    R"(define handler "h" { on: "insert:products", action: { enqueueJob(type: "t", payload: { id: "${id}" }) { jobId } } })",
    "schema { define collection users if not exists { name: String! @unique age: Int = 0 @indexed tags: [String] }\n"
    "alter collection users { add field x: Int = 0 drop field y rename field a to b modify field z: Float } drop collection u if exists }",
    R"({ users { ...F ... on users { age } full: "${a} ${b}" | upper name | round(digits: 2) } } fragment F on users { id })",
    "{ a(x: \"\"\"\n  block \\\"\"\" text\n  \"\"\") } # comment\n drop handler \"x\" pause handler \"y\" resume handler \"z\"",
};

const std::vector<std::string> kPieces = {"{", "}", "(", ")", "[", "]", ":", "$", "@", "|", "...", "!", "=", "\"",
                                          "\"\"\"", "\\", "#", "\n", "on", "query", "1e999", "-", "\xC3", "\xFF",
                                          std::string(1, '\0'), "99999999999999999999", "\\u", "\\ud800", "é"};

}  // namespace

TEST_CASE("parser robustness: mutated documents never escape as anything but AqlError") {
  std::mt19937 rng(20261128);
  int parsed = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = kSeeds[rng() % kSeeds.size()];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 3); break;
        case 1: text.insert(at, kPieces[rng() % kPieces.size()]); break;
        default: text[at] = static_cast<char>(rng() % 256); break;
      }
    }
    try {
      aurora::parser::Parse(text);
      ++parsed;
    } catch (const aurora::internal::AqlError& e) {
      ++rejected;
      CAPTURE(text);
      CHECK((e.error().code == aurora::ErrorCode::SyntaxError || e.error().code == aurora::ErrorCode::ValidationError));
      CHECK(e.error().line >= 1);
      CHECK(e.error().column >= 1);
      CHECK(e.error().message.find("T__") == std::string::npos);
    }
  }
  CHECK(parsed > 0);
  CHECK(rejected > 1000);
}
