// Config::max_query_bytes and Config::max_variables_bytes: an oversized AQL text or variables
// object is refused before parsing, with both sizes in the message.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "aurora/database.h"
#include "common/json_text_size.h"

using namespace aurora;

namespace {

// A query of exactly `size` bytes: `{ t(where: {s: {eq: "xxx…"}}) { id } }`.
std::string QueryOfSize(std::size_t size) {
  const std::string head = R"({ t(where: {s: {eq: ")";
  const std::string tail = R"("}}) { id } })";
  REQUIRE(size >= head.size() + tail.size());
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

}  // namespace

TEST_CASE("max_query_bytes: a text at the limit runs, one byte more is a VALIDATION_ERROR naming both sizes") {
  Config config;
  config.max_query_bytes = 1000;
  Database db = Database::open(config);
  CHECK(db.execute(QueryOfSize(1000)).ok());
  Response r = db.execute(QueryOfSize(1001));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message == "the AQL text is 1001 bytes, more than Config::max_query_bytes (1000 bytes) from here on");
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].column == 1001);
  // The position counts lines, and characters (not bytes) within the line.
  // Line 2 starts at byte 13; of its 987 bytes before the limit, "éé" are 4 bytes, 2 characters.
  r = db.execute("{ t { id } }\n{ t(where: {s: {eq: \"\u00e9\u00e9" + std::string(2000, 'x') + "\"}}) { id } }");
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 986);
  std::vector<Response> all = db.execute_all(QueryOfSize(1001) + " { t { id } }");
  REQUIRE(all.size() == 1);
  CHECK(all[0].errors[0].message.find("Config::max_query_bytes") != std::string::npos);
  // Refused before parsing: a text that is not even AQL gets the size error.
  CHECK(db.execute(std::string(1001, '{')).errors[0].message.find("max_query_bytes") != std::string::npos);
}

TEST_CASE("max_variables_bytes: measured as compact JSON text; at the limit runs, over it is refused") {
  Config config;
  config.max_variables_bytes = 100;
  Database db = Database::open(config);
  const std::string q = "query Q($s: String) { t(where: {s: {eq: $s}}) { id } }";
  // {"s":"…"} is 8 bytes around the string.
  Json at = Json::object({{"s", std::string(92, 'x')}});
  REQUIRE(at.dump().size() == 100);
  CHECK(db.execute(q, at).ok());
  Json over = Json::object({{"s", std::string(93, 'x')}});
  Response r = db.execute(q, over);
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message ==
        "the variables are 101 bytes as JSON text, more than Config::max_variables_bytes (100 bytes)");
  CHECK(db.execute_all(q, over)[0].errors[0].message.find("max_variables_bytes") != std::string::npos);
}

TEST_CASE("0 turns the limits off; the defaults are 16 MiB and 64 MiB") {
  Config config;
  CHECK(config.max_query_bytes == 16u * 1024 * 1024);
  CHECK(config.max_variables_bytes == 64u * 1024 * 1024);
  config.max_query_bytes = 0;
  config.max_variables_bytes = 0;
  Database db = Database::open(config);
  CHECK(db.execute(QueryOfSize(5000)).ok());
}

TEST_CASE("JsonTextSize is the length of dump(), without writing it") {
  using internal::JsonTextSize;
  for (const Json& v : {Json(), Json(true), Json(false), Json(0), Json(-7), Json(1234567890123LL),
                        Json(static_cast<long long>(std::numeric_limits<std::int64_t>::min())), Json(2.5), Json(1e300), Json(""),
                        Json("a\"b\\c\n\t\x01 é"), Json::array(), Json::object(),
                        Json::object({{"k", Json::array({1, "two", Json::object({{"x\ny", nullptr}})})}, {"e", Json::array()}})}) {
    INFO(v.dump());
    CHECK(JsonTextSize(v) == v.dump().size());
  }
  // Deeper than any parser allows: the walk does not recurse.
  Json deep = Json::array();
  for (int i = 0; i < 5000; ++i) {
    Json outer = Json::array();
    outer.push_back(std::move(deep));
    deep = std::move(outer);
  }
  CHECK(JsonTextSize(deep) == 2 * 5001);
}
