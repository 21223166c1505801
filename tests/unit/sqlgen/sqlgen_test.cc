#include <doctest/doctest.h>

#include "../ast_helpers.h"
#include "common/aql_error.h"
#include "planner/planner.h"
#include "sqlgen/column_resolver.h"
#include "sqlgen/sqlgen.h"

using namespace aurora;
using namespace aurora::testing;

namespace {

plan::CollectionScan Scan(ast::Value where) {
  plan::CollectionScan scan;
  scan.collection = "products";
  scan.where = planner::BuildFilter(where);
  return scan;
}

// Maps `rank` to a column and HIGH/LOW words to numbers, like a system table would.
class RankResolver : public sqlgen::FieldResolver {
 public:
  sqlgen::FieldSql Field(const plan::FieldPath& path) const override {
    if (path.text == "rank") return {"t.rank", "'integer'", "t.rank", "json_quote(t.rank)"};
    return sqlgen::FieldResolver::Field(path);
  }
  Json ConvertOperand(const plan::FieldPath& path, const Json& v) const override {
    if (path.text == "rank" && v.is_string()) return Json(v.as_string() == "HIGH" ? 2 : 0);
    return v;
  }
};

}  // namespace

TEST_CASE("a filter becomes json_extract comparisons with bound values") {
  sqlgen::FieldResolver docs;
  auto scan = Scan(Obj({{"price", Obj({{"lt", Int(50)}})}, {"address.city", Str("Oslo")}}));
  auto sql = sqlgen::SelectSql(scan, docs, Json::object());
  CHECK(sql.sql ==
        "SELECT t.doc FROM \"products\" AS t WHERE ((json_extract(t.doc, '$.price') < ?1 AND "
        "+json_extract(t.doc, '$.price') < '') AND (CASE WHEN json_type(t.doc, '$.address') IS NOT 'array' THEN "
        "json_extract(t.doc, '$.address.city') = ?2 ELSE EXISTS (SELECT 1 FROM json_each(CASE WHEN "
        "json_array_length(t.doc, '$.address') > 0 THEN t.doc -> '$.address' ELSE '[' || coalesce(t.doc -> "
        "'$.address', 'null') || ']' END) AS r1 WHERE json_extract((CASE r1.type WHEN 'object' THEN r1.value END), "
        "'$.city') = ?3) END))");
  REQUIRE(sql.binds.size() == 3);  // a dotted path: a plain branch, and one that walks a list
  CHECK(std::get<std::int64_t>(sql.binds[0]) == 50);
  CHECK(std::get<std::string>(sql.binds[1]) == "Oslo");
  CHECK(std::get<std::string>(sql.binds[2]) == "Oslo");
}

TEST_CASE("hostile values never reach SQL text") {
  sqlgen::FieldResolver docs;
  std::string evil = "'; DROP TABLE products; --";
  auto sql = sqlgen::SelectSql(Scan(Obj({{"name", Str(evil)}})), docs, Json::object());
  CHECK(sql.sql.find("DROP") == std::string::npos);
  CHECK(std::get<std::string>(sql.binds[0]) == evil);
}

TEST_CASE("an unvalidated path is refused by sqlgen itself") {
  plan::FieldPath bad;
  bad.text = "a') OR 1=1";
  bad.segments = {"a') OR 1=1"};
  CHECK_THROWS_AS(sqlgen::JsonPathLiteral(bad), internal::AqlError);
  CHECK(sqlgen::JsonPathLiteral(planner::MakePath("tags.0.name", {})) == "'$.tags[0].name'");
}

TEST_CASE("booleans compare by JSON type; variables are resolved at generation") {
  sqlgen::FieldResolver docs;
  ast::Value where = Obj({{"active", Obj({{"eq", Var("on")}})}});
  auto sql = sqlgen::SelectSql(Scan(where), docs, Json::object({{"on", true}}));
  CHECK(sql.sql.find("json_type(t.doc, '$.active') = 'true'") != std::string::npos);
  auto sql2 = sqlgen::SelectSql(Scan(where), docs, Json::object({{"on", 1}}));
  CHECK(sql2.sql.find("json_extract(t.doc, '$.active') = ?1") != std::string::npos);
  CHECK_THROWS_AS(sqlgen::SelectSql(Scan(Obj({{"a", Obj({{"in", Var("x")}})}})), docs, Json::object({{"x", 3}})),
                  internal::AqlError);
}

TEST_CASE("a resolver maps fields to columns and converts operands") {
  RankResolver ranks;
  auto scan = Scan(Obj({{"rank", Obj({{"gte", Enum("HIGH")}})}}));
  scan.order.push_back({planner::MakePath("rank", {}), true});
  auto sql = sqlgen::SelectSql(scan, ranks, Json::object());
  CHECK(sql.sql.find("(t.rank >= ?1 AND +t.rank < '')") != std::string::npos);
  CHECK(sql.sql.find("ORDER BY t.rank DESC, t.rowid") != std::string::npos);
  CHECK(std::get<std::int64_t>(sql.binds[0]) == 2);
}

TEST_CASE("limit and offset are parameters; projections are json_array columns") {
  sqlgen::FieldResolver docs;
  plan::CollectionScan scan;
  scan.collection = "p";
  scan.offset = Int(5);
  scan.projection.all = false;
  plan::Projection::Field f;
  f.key = f.name = "name";
  scan.projection.fields.push_back(f);
  auto sql = sqlgen::SelectSql(scan, docs, Json::object());
  CHECK(sql.sql == "SELECT json_array((t.doc -> '$.name')) FROM \"p\" AS t LIMIT -1 OFFSET ?1");
}

TEST_CASE("a column resolver reads columns and paths inside JSON columns") {
  sqlgen::ColumnResolver jobs("_jobs", {sqlgen::Column::Text("status"), sqlgen::Column::Json("payload")});
  plan::CollectionScan scan =
      Scan(Obj({{"status", Str("FAILED")}, {"payload.path", Obj({{"startsWith", Str("/u")}})}}));
  scan.collection = "_jobs";
  auto sql = sqlgen::SelectSql(scan, jobs, Json::object());
  CHECK(sql.sql.find("FROM \"_jobs\" AS t") != std::string::npos);
  CHECK(sql.sql.find("t.status = ?1") != std::string::npos);
  CHECK(sql.sql.find("json_type(t.payload, '$.path') = 'text'") != std::string::npos);
  CHECK(sql.sql.find("SELECT json_object('status', json_quote(t.status), 'payload', json(t.payload))") == 0);
  CHECK_FALSE(jobs.Writable());
  // A field that is not a column, or a path into a plain column, is refused (it would read as null).
  plan::CollectionScan unknown = Scan(Obj({{"nope", Null()}}));
  CHECK_THROWS_WITH(sqlgen::SelectSql(unknown, jobs, Json::object()),
                    "'_jobs' has no field 'nope' (its fields: status, payload)");
  plan::CollectionScan nested = Scan(Obj({{"status.x", Null()}}));
  CHECK_THROWS_WITH(sqlgen::SelectSql(nested, jobs, Json::object()),
                    "'_jobs' has no field 'status.x' ('status' has no nested fields)");
}
