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

TEST_CASE("Json arr[0] reads the first element (the 0 once became a null string_view)") {
  Json arr = Json::array({"a", "b"});
  CHECK(arr[0].as_string() == "a");
}

TEST_CASE("Json type errors say the expected and the actual type") {
  CHECK_THROWS_WITH(Json(1).as_string(), "expected string, got int");
  CHECK_THROWS_WITH(Json("x").as_int(), "expected int, got string");
  CHECK_THROWS_WITH(Json().as_bool(), "expected bool, got null");
  CHECK_THROWS_WITH(Json(true).as_double(), "expected number, got bool");
  CHECK_THROWS_WITH(Json(2.5).as_array(), "expected array, got double");
  CHECK_THROWS_WITH(Json::array().as_object(), "expected object, got array");
}

TEST_CASE("Json type errors are aurora::JsonError with code VALIDATION_ERROR, naming the value") {
  Json doc = Json::object({{"user", Json::object({{"name", 7}})}});
  try {
    (void)doc["user"]["name"].as_string();
    FAIL("no exception");
  } catch (const aurora::JsonError& e) {
    CHECK(e.code() == aurora::ErrorCode::ValidationError);
    CHECK(std::string(e.what()) == "expected string, got int");
    CHECK(doc.path_to(e.value()) == std::optional<std::string>(".user.name"));
  }
}

TEST_CASE("Json is constructible from every integer type; an unsigned beyond int64 is an error, not a wrap") {
  CHECK(Json(std::size_t{3}).as_int() == 3);
  CHECK(Json(std::uint64_t{5}).as_int() == 5);
  CHECK(Json(static_cast<short>(-2)).as_int() == -2);
  CHECK(Json(std::int8_t{-8}).as_int() == -8);
  CHECK(Json(std::uint32_t{4000000000u}).as_int() == 4000000000LL);
  CHECK(Json(std::int64_t{INT64_MIN}).as_int() == INT64_MIN);
  CHECK(Json(std::uint64_t{INT64_MAX}).as_int() == INT64_MAX);
  CHECK_THROWS_AS(Json(std::uint64_t{INT64_MAX} + 1), aurora::JsonError);
  CHECK_THROWS_WITH(Json(UINT64_MAX), "integer 18446744073709551615 does not fit a Json integer (64-bit signed)");
}

TEST_CASE("Json operator[] with an index: const reads null past the end, mutable extends with nulls") {
  Json arr = Json::array({"a", "b"});
  const Json& c = arr;
  CHECK(c[1].as_string() == "b");
  CHECK(c[2].is_null());
  const Json text_value = "text";
  CHECK(text_value[0].is_null());  // a non-array reads as null, like a missing key
  arr[3] = 4;
  CHECK(arr.dump() == R"(["a","b",null,4])");
  Json fresh;
  fresh[1] = true;
  CHECK(fresh.dump() == "[null,true]");
  Json text = "x";
  CHECK_THROWS_WITH(text[0], "expected array, got string");
}

TEST_CASE("Json mutable operator[] with a key inserts null; const reads null") {
  Json j;
  j["a"]["b"] = 1;
  j["c"];
  j["a"]["b"] = 2;  // replaces in place
  CHECK(j.dump() == R"({"a":{"b":2},"c":null})");
  const Json& c = j;
  CHECK(c["nope"].is_null());
  CHECK(j.size() == 2);
  Json arr = Json::array();
  CHECK_THROWS_WITH(arr["k"], "expected object, got array");
}

TEST_CASE("Json at() throws on a missing key, an index out of range or another type") {
  Json j = Json::object({{"list", Json::array({1, 2})}, {"n", 5}});
  CHECK(j.at("n").as_int() == 5);
  CHECK(j.at("list").at(1).as_int() == 2);
  j.at("n") = 6;
  CHECK(j["n"].as_int() == 6);
  CHECK_THROWS_WITH(j.at("name"), "missing key \"name\"");
  CHECK_THROWS_WITH(j.at("list").at(2), "index 2 out of range (size 2)");
  CHECK_THROWS_WITH(j.at(0), "expected array, got object");
  CHECK_THROWS_WITH(j.at("n").at("x"), "expected object, got int");
  try {
    (void)j.at("list").at(5);
    FAIL("no exception");
  } catch (const aurora::JsonError& e) {
    CHECK(j.path_to(e.value()) == std::optional<std::string>(".list"));  // the array searched
  }
}

TEST_CASE("Json contains and value(key, default)") {
  Json j = Json::object({{"n", 5}, {"s", "x"}, {"z", nullptr}});
  CHECK(j.contains("n"));
  CHECK(j.contains("z"));
  CHECK_FALSE(j.contains("m"));
  CHECK_FALSE(Json(3).contains("n"));
  CHECK(j.value("n", 0) == 5);
  CHECK(j.value("m", 7) == 7);
  CHECK(j.value("z", 8) == 8);  // null reads as missing
  CHECK(j.value("s", "d") == "x");
  CHECK(j.value("m", "d") == "d");
  CHECK(j.value("n", 1.5) == 5.0);
  CHECK(Json().value("n", 3) == 3);
  CHECK_THROWS_WITH(j.value("s", 0), "expected int, got string");
  CHECK_THROWS_WITH(Json::array().value("n", 0), "expected object, got array");
}

TEST_CASE("Json range-for visits array elements and object values; items() gives the members") {
  Json arr = Json::array({1, 2, 3});
  std::int64_t sum = 0;
  for (const Json& item : arr) sum += item.as_int();
  CHECK(sum == 6);
  for (Json& item : arr) item = item.as_int() * 10;
  CHECK(arr.dump() == "[10,20,30]");
  Json obj = Json::object({{"b", 1}, {"a", 2}});
  std::string keys;
  for (auto it = obj.begin(); it != obj.end(); ++it) keys += it.key() + "=" + it->dump() + ";";
  CHECK(keys == "b=1;a=2;");
  std::int64_t values = 0;
  for (const Json& v : obj) values += v.as_int();
  CHECK(values == 3);
  std::string pairs;
  for (const auto& [key, value] : obj.items()) pairs += key + value.dump();
  CHECK(pairs == "b1a2");
  int n = 0;
  for (const Json& v : Json()) n += static_cast<int>(v.size());
  CHECK(n == 0);
  CHECK(Json().items().empty());
  CHECK_THROWS_WITH(Json(1).begin(), "expected array or object, got int");
  CHECK_THROWS_WITH(Json(1).items(), "expected object, got int");
  CHECK_THROWS_AS(arr.begin().key(), aurora::JsonError);
}

TEST_CASE("Json nested brace initialisation: lists of [string, value] pairs are objects, other lists arrays") {
  Json j = {{"a", 1}, {"b", {1, 2, 3}}, {"c", {{"d", true}}}};
  CHECK(j.dump() == R"({"a":1,"b":[1,2,3],"c":{"d":true}})");
  Json list = {1, "two", nullptr, 2.5};
  CHECK(list.dump() == R"([1,"two",null,2.5])");
  Json empty = {};
  CHECK(empty.is_null());
  Json mixed = {{"a", 1}, {2, 3}};  // not every element is a pair starting with a string
  CHECK(mixed.dump() == R"([["a",1],[2,3]])");
  Json repeated = {{"k", 1}, {"x", 0}, {"k", 2}};
  CHECK(repeated.dump() == R"({"k":2,"x":0})");  // first position, last value
  CHECK(Json::array({Json::array({"a", 1})}).dump() == R"([["a",1]])");  // explicitly an array
  CHECK(Json::object({{"k", {1, 2}}}).dump() == R"({"k":[1,2]})");
  Json payload = Json::object({{"n", 1}});
  payload.set("tags", {"x", "y"});
}

TEST_CASE("Json from std::vector and std::map, and back with get<T>()") {
  std::vector<int> ints = {1, 2, 3};
  std::map<std::string, std::vector<std::string>> tags = {{"b", {"x"}}, {"a", {"y", "z"}}};
  Json j = Json::object({{"ints", ints}, {"tags", tags}, {"empty", std::vector<double>{}}});
  CHECK(j.dump() == R"({"ints":[1,2,3],"tags":{"a":["y","z"],"b":["x"]},"empty":[]})");
  CHECK(j["ints"].get<std::vector<int>>() == ints);
  CHECK(j["tags"].get<std::map<std::string, std::vector<std::string>>>() == tags);
  CHECK(j["ints"].get<std::vector<Json>>().size() == 3);
  CHECK(Json(std::vector<bool>{true, false}).dump() == "[true,false]");
}

TEST_CASE("Json get<T>() converts scalars and range-checks integers") {
  CHECK(Json(true).get<bool>());
  CHECK(Json(300).get<int>() == 300);
  CHECK(Json(300).get<std::uint16_t>() == 300);
  CHECK(Json(-1).get<std::int64_t>() == -1);
  CHECK(Json(2.0).get<int>() == 2);  // a whole Double is an integer
  CHECK(Json(7).get<double>() == 7.0);
  CHECK(Json(0.5).get<float>() == 0.5f);
  CHECK(Json("s").get<std::string>() == "s");
  CHECK(Json(INT64_MAX).get<std::uint64_t>() == static_cast<std::uint64_t>(INT64_MAX));
  CHECK_THROWS_WITH(Json(300).get<std::uint8_t>(), "expected an integer between 0 and 255, got 300");
  CHECK_THROWS_WITH(Json(-1).get<unsigned>(), "expected an integer between 0 and 4294967295, got -1");
  CHECK_THROWS_WITH(Json(3000000000LL).get<int>(),
                    "expected an integer between -2147483648 and 2147483647, got 3000000000");
  CHECK_THROWS_WITH(Json(2.5).get<int>(), "expected an integer, got 2.5");
  CHECK_THROWS_WITH(Json(1e300).get<std::int64_t>(), "expected an integer, got 1e300");
  CHECK_THROWS_WITH(Json("1").get<int>(), "expected int, got string");
  CHECK_THROWS_WITH(Json(1).get<bool>(), "expected bool, got int");
  CHECK_THROWS_WITH(Json(1).get<std::string>(), "expected string, got int");
  Json list = Json::array({1, "x"});
  try {
    (void)list.get<std::vector<int>>();
    FAIL("no exception");
  } catch (const aurora::JsonError& e) {
    CHECK(std::string(e.what()) == "expected int, got string");
    CHECK(list.path_to(e.value()) == std::optional<std::string>("[1]"));
  }
}

TEST_CASE("Json path_to names members and elements, quoting keys that are not identifiers") {
  Json j = *Json::parse(R"({"a b": [0, {"c": 1}], "_x1": {"2": true}})");
  CHECK(j.path_to(&j) == std::optional<std::string>(""));
  CHECK(j.path_to(&j["a b"][1]["c"]) == std::optional<std::string>(R"(["a b"][1].c)"));
  CHECK(j.path_to(&j["_x1"]["2"]) == std::optional<std::string>(R"(._x1["2"])"));
  Json other = 1;
  CHECK_FALSE(j.path_to(&other));
  CHECK_FALSE(j.path_to(nullptr));
}

TEST_CASE("Json objects with 40,000 keys: build, parse, lookup, replace, erase stay consistent") {
  constexpr int kKeys = 40000;
  Json built = Json::object();
  std::string text = "{";
  for (int i = 0; i < kKeys; ++i) {
    built.set("k" + std::to_string(i), i);
    text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  text += "\"k7\":\"last\"}";  // a repeated key: first position, last value
  Json parsed = *Json::parse(text);
  CHECK(parsed.size() == kKeys);
  CHECK(parsed.as_object()[7].first == "k7");
  CHECK(parsed["k7"].as_string() == "last");
  built.set("k7", "last");
  CHECK(built == parsed);
  CHECK(built.dump() == parsed.dump());
  for (int i = 0; i < kKeys; i += 997) CHECK(built["k" + std::to_string(i)] == parsed.at("k" + std::to_string(i)));
  CHECK_FALSE(built.contains("k40000"));

  CHECK(built.erase("k0"));
  CHECK_FALSE(built.contains("k0"));
  CHECK(built["k1"].as_int() == 1);
  CHECK(built.find("k39999")->as_int() == 39999);
  built.as_object()[0].first = "renamed";  // mutable access: keys may change under the index
  CHECK(built.contains("renamed"));
  CHECK_FALSE(built.contains("k1"));
  built["added"] = 1;
  CHECK(built.as_object().back().first == "added");
  CHECK(built.size() == kKeys);

  const Json copy = built;
  CHECK(copy.at("k20000").as_int() == 20000);
  CHECK(copy == built);
  Json big_list = Json::array();
  for (int i = 0; i < kKeys; ++i) big_list.push_back(i);
  CHECK(big_list[kKeys - 1].as_int() == kKeys - 1);
}
