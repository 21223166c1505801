#include <doctest/doctest.h>

#include <string>

#include "aurora/json.h"

using aurora::Json;

TEST_CASE("Json parses and dumps, keeping key order") {
  auto v = Json::parse(R"({"b": 1, "a": [true, null, 2.5, "x\"y"], "c": {"d": -7}})");
  REQUIRE(v);
  CHECK(v->dump() == R"({"b":1,"a":[true,null,2.5,"x\"y"],"c":{"d":-7}})");
  CHECK((*v)["c"]["d"].as_int() == -7);
  CHECK((*v)["missing"].is_null());
}

TEST_CASE("Json rejects bad text with a message") {
  std::string err;
  CHECK_FALSE(Json::parse("{\"a\": }", &err));
  CHECK(err.find("at byte") != std::string::npos);
  CHECK_FALSE(Json::parse("[1] 2", &err));
  CHECK_FALSE(Json::parse("\"\xff\"", &err));  // invalid UTF-8
}

TEST_CASE("Json nesting beyond the limit is an error, not a crash") {
  std::string deep(100000, '[');
  std::string err;
  CHECK_FALSE(Json::parse(deep, &err));
  CHECK(err.find("nested deeper") != std::string::npos);
  std::string ok = std::string(Json::kMaxDepth - 1, '[') + std::string(Json::kMaxDepth - 1, ']');
  CHECK(Json::parse(ok));
}

TEST_CASE("Json equality ignores key order and int/double spelling") {
  CHECK(*Json::parse(R"({"a":1,"b":2})") == *Json::parse(R"({"b":2,"a":1.0})"));
  CHECK(*Json::parse("[1,2]") != *Json::parse("[2,1]"));
}

TEST_CASE("Json set replaces and erase removes") {
  Json o = Json::object({{"a", 1}});
  o.set("a", "x");
  o.set("b", nullptr);
  CHECK(o.dump() == R"({"a":"x","b":null})");
  CHECK(o.erase("a"));
  CHECK_FALSE(o.erase("a"));
  CHECK(o.size() == 1);
}

TEST_CASE("Json dump_to appends the same text as dump") {
  std::string long_text(5000, 'x');
  long_text += "\"\\\n\x01é";
  const Json values[] = {Json(),
                         Json(true),
                         Json(-42),
                         Json(0.1),
                         Json(long_text),
                         Json::array({1, "two", Json::object({{"k", Json::array()}})}),
                         *Json::parse(R"({"a":{"b":[1,2,{"c":"d\u0001"}]},"e":"日本"})")};
  for (const Json& v : values) {
    std::string out = "prefix:";
    v.dump_to(out);
    CHECK(out == "prefix:" + v.dump());
    std::string empty;
    v.dump_to(empty);
    CHECK(empty == v.dump());
  }
}
