// End-to-end: AQL text through aurora::Database::execute.
#include <doctest/doctest.h>

#include <string>

#include "aurora/database.h"
#include "engine/database_impl.h"

using aurora::Database;
using aurora::ErrorCode;
using aurora::Json;
using aurora::Response;

namespace {

// Seeds a products collection with distinct shapes for operator tests.
Database Seeded() {
  Database db = Database::open();
  Response r = db.execute(R"(mutation {
    insertMany(collection: "products", data: [
      {id: "p1", name: "Mouse", price: 25, tags: ["sale", "usb"], maker: {country: "NO"}, active: true},
      {id: "p2", name: "Desk", price: 250.5, tags: ["office"], maker: {country: "SE"}, active: false},
      {id: "p3", name: "Cable", price: 5, tags: ["usb", "sale", "cheap"], code: "1"},
      {id: "p4", name: "mousepad", price: "12", tags: [], code: 1, note: null}
    ]) { affected }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  return db;
}

// The ids a filter selects, as "p1,p3".
std::string Ids(Database& db, const std::string& where, const Json& vars = Json::object()) {
  Response r = db.execute("query ($v: JSON) { products(where: " + where + ") { id } }", vars);
  if (!r.ok()) return "error: " + r.errors[0].message;
  std::string out;
  for (const Json& doc : r.data["products"].as_array()) out += (out.empty() ? "" : ",") + doc["id"].as_string();
  return out;
}

}  // namespace

TEST_CASE("comparison operators keep JSON types apart") {
  Database db = Seeded();
  CHECK(Ids(db, R"({name: {eq: "Mouse"}})") == "p1");
  CHECK(Ids(db, R"({name: "Desk"})") == "p2");
  CHECK(Ids(db, R"({code: {eq: 1}})") == "p4");    // not the string "1"
  CHECK(Ids(db, R"({code: {eq: "1"}})") == "p3");  // not the number 1
  CHECK(Ids(db, R"({active: {eq: true}})") == "p1");
  CHECK(Ids(db, R"({code: {eq: true}})") == "");   // true is not 1
  CHECK(Ids(db, R"({name: {ne: "Mouse"}})") == "p2,p3,p4");
  CHECK(Ids(db, R"({code: {ne: 1}})") == "p1,p2,p3");  // missing counts as not equal
  CHECK(Ids(db, R"({price: {gt: 25}})") == "p2");      // "12" is a string, not a number
  CHECK(Ids(db, R"({price: {gte: 25}})") == "p1,p2");
  CHECK(Ids(db, R"({price: {lt: 25}})") == "p3");
  CHECK(Ids(db, R"({price: {lte: 25}})") == "p1,p3");
  CHECK(Ids(db, R"({price: {gte: 10, lt: 100}})") == "p1");
  CHECK(Ids(db, R"({name: {gt: "M"}})") == "p1,p4");
  CHECK(Ids(db, R"({price: {lt: "2"}})") == "p4");  // strings compare with strings only
}

TEST_CASE("list, string and null operators") {
  Database db = Seeded();
  CHECK(Ids(db, R"({name: {in: ["Mouse", "Cable", "Nope"]}})") == "p1,p3");
  CHECK(Ids(db, R"({name: {nin: ["Mouse", "Cable"]}})") == "p2,p4");
  CHECK(Ids(db, R"({tags: {contains: "usb"}})") == "p1,p3");
  CHECK(Ids(db, R"({name: {contains: "ouse"}})") == "p1,p4");  // substring on strings
  CHECK(Ids(db, R"({tags: {containsAny: ["office", "cheap"]}})") == "p2,p3");
  CHECK(Ids(db, R"({tags: {containsAll: ["usb", "sale"]}})") == "p1,p3");
  CHECK(Ids(db, R"({name: {startsWith: "Mo"}})") == "p1");
  CHECK(Ids(db, R"({name: {endsWith: "le"}})") == "p3");
  CHECK(Ids(db, R"({name: {matches: "^[mM]ouse"}})") == "p1,p4");
  CHECK(Ids(db, R"({note: {isNull: true}})") == "p1,p2,p3,p4");
  CHECK(Ids(db, R"({code: {isNull: true}})") == "p1,p2");
  CHECK(Ids(db, R"({code: {isNotNull: true}})") == "p3,p4");
  CHECK(Ids(db, R"({"maker.country": {eq: "SE"}})") == "p2");
  CHECK(Ids(db, R"({"tags.0": {eq: "usb"}})") == "p3");
}

TEST_CASE("and, or, not") {
  Database db = Seeded();
  CHECK(Ids(db, R"({or: [{name: "Mouse"}, {price: {lt: 10}}]})") == "p1,p3");
  CHECK(Ids(db, R"({and: [{tags: {contains: "usb"}}, {price: {gt: 10}}]})") == "p1");
  CHECK(Ids(db, R"({not: {price: {gt: 10}}})") == "p3,p4");  // p4's "12" is not a number > 10
  CHECK(Ids(db, R"({not: {or: [{name: "Mouse"}, {name: "Desk"}]}})") == "p3,p4");
}

TEST_CASE("variables feed filters, limit and offset") {
  Database db = Seeded();
  CHECK(Ids(db, "{name: {eq: $v}}", Json::object({{"v", "Cable"}})) == "p3");
  CHECK(Ids(db, "{name: {in: $v}}", Json::object({{"v", Json::array({"Desk", "Mouse"})}})) == "p1,p2");
  CHECK(Ids(db, "{name: {in: $v}}", Json::object({{"v", "Desk"}})).find("expects a list") != std::string::npos);
  Response r = db.execute(
      R"(query Page($n: Int = 2, $skip: Int) {
           products(orderBy: {field: "id", direction: DESC}, limit: $n, offset: $skip) { id } })",
      Json::object({{"skip", 1}}));
  REQUIRE(r.ok());
  CHECK(r.data.dump() == R"({"products":[{"id":"p3"},{"id":"p2"}]})");
  Response bad = db.execute("query ($n: Int!) { products(limit: $n) { id } }");
  CHECK(bad.errors.at(0).code == ErrorCode::ValidationError);
  CHECK(bad.errors.at(0).message.find("was not provided") != std::string::npos);
}

TEST_CASE("selections, aliases, nested fields, order and several fields") {
  Database db = Seeded();
  Response r = db.execute(R"({
    cheap: products(where: {price: {lt: 100}}, orderBy: [{field: "price", direction: DESC}], limit: 1) {
      id  label: name  maker { country }  missing
    }
    count: products(orderBy: {name: ASC}) { name }
    none: nothing { id }
  })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data.dump() ==
        R"({"cheap":[{"id":"p1","label":"Mouse","maker":{"country":"NO"},"missing":null}],)"
        R"("count":[{"name":"Cable"},{"name":"Desk"},{"name":"Mouse"},{"name":"mousepad"}],"none":[]})");
}

TEST_CASE("insert returns the document; ids are generated and time-ordered") {
  Database db = Database::open();
  Response a = db.execute(R"(mutation { insertInto(collection: "n", data: {text: "a"}) })");
  Response b = db.execute(R"(mutation { insert(collection: "n", data: {text: "b"}) { id text } })");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a.data["insertInto"]["id"].as_string().size() == 26);
  CHECK(a.data["insertInto"]["id"].as_string() < b.data["insert"]["id"].as_string());
  CHECK(b.data["insert"]["text"] == Json("b"));
  Response dup = db.execute(R"(mutation { insertInto(collection: "n", data: {id: "x"}) })");
  Response dup2 = db.execute(R"(mutation { insertInto(collection: "n", data: {id: "x"}) })");
  CHECK(dup.ok());
  CHECK(dup2.errors.at(0).code == ErrorCode::ConstraintViolation);
}

TEST_CASE("update with set, data and every modifier; upsert; delete") {
  Database db = Seeded();
  Response u = db.execute(R"(mutation {
    update(collection: "products", where: {id: "p1"},
           data: {price: {increment: 5}, stock: {decrement: 2}, tags: {push: "new"}, "maker.city": "Oslo"}) {
      affected documents { price stock tags maker { city } }
    }
  })");
  REQUIRE_MESSAGE(u.ok(), u.dump());
  CHECK(u.data.dump() ==
        R"({"update":{"affected":1,"documents":[{"price":30,"stock":-2,"tags":["sale","usb","new"],"maker":{"city":"Oslo"}}]}})");
  Response s = db.execute(R"(mutation {
    update(collection: "products", where: {tags: {contains: "usb"}}, set: {tags: {pull: "usb"}}) { affected }
    a: update(collection: "products", where: {id: "p3"}, set: {tags: {addToSet: "sale"}}) { documents { tags } }
  })");
  REQUIRE_MESSAGE(s.ok(), s.dump());
  CHECK(s.data.dump() == R"({"update":{"affected":2},"a":{"documents":[{"tags":["sale","cheap"]}]}})");
  Response up = db.execute(R"(mutation {
    upsert(collection: "products", where: {name: "Lamp"}, data: {price: 40}) { affected documents { name price } }
  })");
  CHECK(up.data.dump() == R"({"upsert":{"affected":1,"documents":[{"name":"Lamp","price":40}]}})");
  Response up2 = db.execute(R"(mutation {
    upsert(collection: "products", where: {name: "Lamp"}, data: {price: {increment: 1}}) { affected documents { price } }
  })");
  CHECK(up2.data.dump() == R"({"upsert":{"affected":1,"documents":[{"price":41}]}})");
  Response d = db.execute(R"(mutation { deleteFrom(collection: "products", where: {price: {gt: 30}}) { affected documents { name } } })");
  CHECK(d.data.dump() == R"({"deleteFrom":{"affected":2,"documents":[{"name":"Desk"},{"name":"Lamp"}]}})");
  Response gone = db.execute(R"(mutation { delete(collection: "missing", where: {}) { affected } })");
  CHECK(gone.data.dump() == R"({"delete":{"affected":0}})");
}

TEST_CASE("a failed mutation writes nothing, transaction included") {
  Database db = Seeded();
  Response r = db.execute(R"(mutation {
    insertInto(collection: "products", data: {id: "p9", name: "New"}) { id }
    update(collection: "products", where: {id: "p1"}, data: {price: 1}) { affected }
    transaction {
      insertInto(collection: "fresh", data: {id: "f1"}) { id }
      update(collection: "products", where: {id: "p1"}, data: {name: {increment: 1}}) { affected }
    }
  })");
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].code == ErrorCode::ValidationError);
  CHECK(r.errors[0].message.find("cannot increment 'name'") != std::string::npos);
  CHECK(Ids(db, R"({id: "p9"})") == "");
  CHECK(db.execute(R"({ products(where: {id: "p1"}) { price } })").data.dump() == R"({"products":[{"price":25}]})");
  CHECK(db.execute("{ fresh { id } }").data.dump() == R"({"fresh":[]})");  // the table was rolled back too
  Response t = db.execute(R"(mutation { transaction { a: insert(collection: "t", data: {id: "1"}) { id } b: insert(collection: "t", data: {id: "2"}) { id } } })");
  CHECK(t.data.dump() == R"({"transaction":{"a":{"id":"1"},"b":{"id":"2"}}})");
}

TEST_CASE("error codes carry line and column") {
  Database db = Seeded();
  Response syntax = db.execute("query { products( }");
  CHECK(syntax.errors.at(0).code == ErrorCode::SyntaxError);
  CHECK(syntax.errors.at(0).line == 1);
  Response op = db.execute("query {\n  products(where: { price: { lessThan: 50 } }) { id }\n}");
  REQUIRE(op.errors.size() == 1);
  CHECK(op.errors[0].message == "unknown filter operator 'lessThan' (did you mean 'lt'?)");
  CHECK(op.errors[0].line == 2);
  CHECK(op.errors[0].column == 30);
  Response var = db.execute("query { products(where: {name: $nope}) { id } }");
  CHECK(var.errors.at(0).message.find("undeclared variable '$nope'") != std::string::npos);
  Response regex = db.execute(R"({ products(where: {name: {matches: "("}}) { id } })");
  CHECK(regex.errors.at(0).code == ErrorCode::ValidationError);
  Response later = db.execute(R"({ products(search: {query: "x"}) { id } })");
  CHECK(later.errors.at(0).message.find("has no full-text index") != std::string::npos);
  Response handler = db.execute(R"(drop handler "x")");
  CHECK(handler.errors.at(0).code == ErrorCode::NotFound);
  CHECK(handler.errors.at(0).line == 1);
}

TEST_CASE("hostile names and values change no SQL") {
  Database db = Seeded();
  Response v = db.execute(R"(mutation { insertInto(collection: "products", data: {id: "'; DROP TABLE products; --", name: "x'); DROP TABLE products; --"}) { id } })");
  CHECK(v.ok());
  CHECK(Ids(db, R"({name: {eq: "x'); DROP TABLE products; --"}})") == "'; DROP TABLE products; --");
  Response c = db.execute(R"(mutation { insertInto(collection: "a'; DROP TABLE products; --", data: {x: 1}) { id } })");
  CHECK(c.errors.at(0).code == ErrorCode::ValidationError);
  Response f = db.execute(R"({ products(where: {"$.a') OR 1=1": {eq: 1}}) { id } })");
  CHECK(f.errors.at(0).code == ErrorCode::ValidationError);
  Response k = db.execute(R"(mutation { insertInto(collection: "products", data: {"a'b": 1}) { id } })");
  CHECK(k.errors.at(0).code == ErrorCode::ValidationError);
  Response o = db.execute(R"({ products(orderBy: {field: "name) DESC; DROP TABLE products; --"}) { id } })");
  CHECK(o.errors.at(0).code == ErrorCode::ValidationError);
  Response sys = db.execute(R"({ _secret { name } })");
  CHECK(sys.errors.at(0).code == ErrorCode::ValidationError);
  CHECK(Ids(db, "{}").size() > 10);  // the table is intact
}

TEST_CASE("plan cache: a repeated statement skips planning and rebinds variables") {
  aurora::Database::Impl impl{aurora::Config()};
  impl.ExecuteAll(R"(mutation { insertMany(collection: "c", data: [{id: "a", n: 1}, {id: "b", n: 2}]) { affected } })",
                  Json::object());
  const std::string q = "query ($n: Int) { c(where: {n: {eq: $n}}) { id } }";
  auto first = impl.ExecuteAll(q, Json::object({{"n", 1}}));
  size_t hits = impl.TEST_plan_cache().hits();
  auto second = impl.ExecuteAll(q, Json::object({{"n", 2}}));
  CHECK(impl.TEST_plan_cache().hits() == hits + 1);
  CHECK(first.at(0).data.dump() == R"({"c":[{"id":"a"}]})");
  CHECK(second.at(0).data.dump() == R"({"c":[{"id":"b"}]})");
  auto bad = impl.ExecuteAll("query { c(where: {n: {lessThan: 1}}) { id } }", Json::object());
  auto bad2 = impl.ExecuteAll("query { c(where: {n: {lessThan: 1}}) { id } }", Json::object());
  CHECK(bad2.at(0).errors.at(0).message == bad.at(0).errors.at(0).message);
}

TEST_CASE("the catalog is a queryable system table, read-only") {
  Database db = Seeded();
  db.execute(R"(mutation { insertInto(collection: "alpha", data: {x: 1}) { id } })");
  Response r = db.execute(R"({ _collections(where: {name: {startsWith: "a"}}, orderBy: {name: ASC}) { name } })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  CHECK(r.data.dump() == R"({"_collections":[{"name":"alpha"}]})");
  Response all = db.execute(R"({ _collections(orderBy: {name: DESC}) })");
  REQUIRE_MESSAGE(all.ok(), all.dump());
  CHECK(all.data["_collections"].as_array().at(0)["name"] == Json("products"));
  CHECK(all.data["_collections"].as_array().at(0)["created_at"].is_string());
  Response w = db.execute(R"(mutation { deleteFrom(collection: "_collections", where: {}) { affected } })");
  CHECK(w.errors.at(0).code == ErrorCode::ValidationError);
}

TEST_CASE("where: $variable takes a whole filter object at execution") {
  Database db = Seeded();
  const char* q = "query ($w: JSON) { products(where: $w) { id } }";
  Response r = db.execute(q, Json::object({{"w", Json::object({{"price", Json::object({{"lt", 10}})}})}}));
  CHECK(r.data.dump() == R"({"products":[{"id":"p3"}]})");
  Response r2 = db.execute(q, Json::object({{"w", Json::object({{"or", Json::array({Json::object({{"id", "p1"}}), Json::object({{"id", "p2"}})})}})}}));
  CHECK(r2.data.dump() == R"({"products":[{"id":"p1"},{"id":"p2"}]})");
  Response bad = db.execute(q, Json::object({{"w", Json::object({{"price", Json::object({{"lessThan", 1}})}})}}));
  CHECK(bad.errors.at(0).message == "unknown filter operator 'lessThan' (did you mean 'lt'?)");
  CHECK(bad.errors.at(0).line == 1);
  Response evil = db.execute(q, Json::object({{"w", Json::object({{"a') OR 1=1 --", 1}})}}));
  CHECK(evil.errors.at(0).code == ErrorCode::ValidationError);
  Response up = db.execute("mutation ($w: JSON) { upsert(collection: \"products\", where: $w, data: {n: 1}) { documents { id name n } } }",
                           Json::object({{"w", Json::object({{"id", "p7"}, {"name", "Pen"}})}}));
  CHECK(up.data.dump() == R"({"upsert":{"documents":[{"id":"p7","name":"Pen","n":1}]}})");
}

TEST_CASE("huge filters stay within SQLite's limits") {
  Database db = Seeded();
  std::string where = "{";
  for (int i = 0; i < 5000; ++i) where += "f" + std::to_string(i) + ": {isNull: true} ";
  where += "id: \"p2\"}";
  CHECK(Ids(db, where) == "p2");  // 5001 conditions joined as a balanced tree
}

TEST_CASE("matches cannot hang or overflow the stack (RE2, linear time)") {
  Database db = Database::open();
  Response ins = db.execute("mutation ($s: String) { insert(collection: \"r\", data: {id: \"x\", s: $s}) { id } }",
                            Json::object({{"s", std::string(200000, 'a')}}));
  REQUIRE(ins.ok());
  const char* q = "query ($re: String) { r(where: {s: {matches: $re}}) { id } }";
  CHECK(db.execute(q, Json::object({{"re", "(a*)*b"}})).data.dump() == R"({"r":[]})");
  CHECK(db.execute(q, Json::object({{"re", "^(a|b)*$"}})).data.dump() == R"({"r":[{"id":"x"}]})");
  Response bad = db.execute(q, Json::object({{"re", "(?<=a)b"}}));  // lookbehind: not in RE2
  CHECK(bad.errors.at(0).code == ErrorCode::ValidationError);
  CHECK(bad.errors.at(0).message.find("invalid regular expression") != std::string::npos);
}

TEST_CASE("nested selections map over lists; missing parents are null; order by nested paths") {
  Database db = Database::open();
  db.execute(R"(mutation { insertMany(collection: "o", data: [
    {id: "1", items: [{name: "a", q: 1}, {name: "b"}], who: {n: "x"}}, {id: "2", items: 5, who: {n: "y"}}, {id: "3"}]) { affected } })");
  Response r = db.execute(R"({ o(orderBy: {field: "who.n", direction: DESC}) { id items { name } who { n } } })");
  CHECK(r.data.dump() ==
        R"({"o":[{"id":"2","items":5,"who":{"n":"y"}},{"id":"1","items":[{"name":"a"},{"name":"b"}],"who":{"n":"x"}},)"
        R"({"id":"3","items":null,"who":null}]})");
}

TEST_CASE("@explain shows the SQL, parameters and SQLite's plan without running") {
  Database db = Seeded();
  Response r = db.execute(R"(query @explain { products(where: {id: "p1"}) { name } gone: nothing })");
  REQUIRE_MESSAGE(r.ok(), r.dump());
  const Json& p = r.data["products"];
  REQUIRE(p["statements"].size() == 1);
  const Json& st = p["statements"].as_array()[0];
  CHECK(st["for"] == Json("documents"));
  CHECK(st["sql"] == Json("SELECT json_array((t.doc -> '$.name')) FROM \"products\" AS t WHERE t.id = ?1"));
  CHECK(st["params"] == Json::array({"p1"}));
  CHECK(st["usesIndex"] == Json(true));
  CHECK(p["usesIndex"] == Json(true));
  CHECK(r.data["gone"]["exists"] == Json(false));
  // Every statement of a connection: the aggregate and the page, each with its purpose.
  Response c = db.execute(R"({ products(first: 1) @explain { total: aggregate { count } nodes { id } } all: products { id } })");
  REQUIRE_MESSAGE(c.ok(), c.dump());
  const Json& statements = c.data["products"]["statements"];
  REQUIRE(statements.size() == 2);
  CHECK(statements.as_array()[0]["for"] == Json("aggregate total"));
  CHECK(statements.as_array()[0]["sql"].as_string().find("count(*)") != std::string::npos);
  CHECK(statements.as_array()[1]["for"] == Json("nodes"));
  CHECK(statements.as_array()[1]["params"] == Json::array({2}));  // first + 1: the extra row sets hasNextPage
  CHECK(c.data["all"].size() == 4);                    // a field without @explain runs
  // On a mutation, a dry run: rolled back (tests/unit/executor/mutation_explain_test.cc).
  Response m = db.execute(R"(mutation @explain { delete(collection: "products", where: {}) { affected } })");
  REQUIRE_MESSAGE(m.ok(), m.dump());
  CHECK(m.data["delete"]["result"]["affected"] == Json(4));
  CHECK(Ids(db, "{}") == "p1,p2,p3,p4");  // nothing written
}
