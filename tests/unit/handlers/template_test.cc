#include <doctest/doctest.h>

#include <vector>

#include "common/aql_error.h"
#include "handlers/template.h"
#include "planner/bind.h"

using aurora::Json;
using aurora::ast::Value;
using aurora::handlers::BindTemplateParams;
using aurora::handlers::CheckTemplates;
using aurora::handlers::ParameterizeTemplates;
using aurora::handlers::TemplateParam;
using aurora::handlers::TemplateSource;

namespace {

Value Str(std::string s) {
  Value v;
  v.kind = Value::Kind::String;
  v.text = std::move(s);
  v.pos = {3, 7};
  return v;
}

// What a value means once its templates are bound to `src`: compile once, bind, resolve.
Json Expand(const Value& v, const TemplateSource& src) {
  std::vector<TemplateParam> params;
  Value compiled = ParameterizeTemplates(v, params);
  return aurora::planner::ResolveValue(compiled, BindTemplateParams(params, src));
}

const Json kDoc = *Json::parse(R"({"id": "p1", "price": 25, "image_url": "/u/m.png",
                                   "maker": {"country": "NO"}, "tags": ["a"], "note": "costs $5 ${x}"})");

}  // namespace

TEST_CASE("a template alone keeps the field's JSON type") {
  TemplateSource src{&kDoc, nullptr};
  CHECK(Expand(Str("${price}"), src).is_int());
  CHECK(Expand(Str("${price}"), src) == Json(25));
  CHECK(Expand(Str("${maker}"), src).dump() == R"({"country":"NO"})");
  CHECK(Expand(Str("${tags}"), src).is_array());
  CHECK(Expand(Str("${missing}"), src).is_null());
  CHECK(Expand(Str("${maker.country}"), src) == Json("NO"));
}

TEST_CASE("templates inside text interpolate, missing fields as empty text") {
  TemplateSource src{&kDoc, nullptr};
  CHECK(Expand(Str("id=${id}, price ${price}, ${missing}!"), src) == Json("id=p1, price 25, !"));
  CHECK(Expand(Str("maker ${maker}"), src) == Json(R"(maker {"country":"NO"})"));
}

TEST_CASE("document text is data: a '${' inside a field is never expanded") {
  TemplateSource src{&kDoc, nullptr};
  CHECK(Expand(Str("note: ${note}"), src) == Json("note: costs $5 ${x}"));
  CHECK(Expand(Str("${note}"), src) == Json("costs $5 ${x}"));
}

TEST_CASE("text without templates stays a literal; an escaped dollar stays literal") {
  std::vector<TemplateParam> params;
  Value plain = ParameterizeTemplates(Str("plain $ text"), params);
  CHECK(plain.kind == Value::Kind::String);
  CHECK(params.empty());
  Value v = Str("${id}");
  v.escaped_dollars = {0};
  CHECK(Expand(v, {&kDoc, nullptr}) == Json("${id}"));
}

TEST_CASE("_old reads the previous document; $_field variables read the document") {
  Json old_doc = *Json::parse(R"({"price": 20})");
  TemplateSource src{&kDoc, &old_doc};
  CHECK(Expand(Str("${_old.price}"), src) == Json(20));
  CHECK(Expand(Str("${_old.price} -> ${price}"), src) == Json("20 -> 25"));
  Value var;
  var.kind = Value::Kind::Variable;
  var.text = "_id";
  CHECK(Expand(var, src) == Json("p1"));
}

TEST_CASE("nested objects and lists compile once, one variable per template") {
  Value obj;
  obj.kind = Value::Kind::Object;
  obj.fields.push_back({"product_id", {}, Str("${id}")});
  obj.fields.push_back({"label", {}, Str("p=${price} ${missing}.")});
  obj.fields.push_back({"plain", {}, Str("no template")});
  Value list;
  list.kind = Value::Kind::List;
  list.items.push_back(Str("${price}"));
  obj.fields.push_back({"xs", {}, list});
  Value var;
  var.kind = Value::Kind::Variable;
  var.text = "_price";
  obj.fields.push_back({"v", {}, var});
  std::vector<TemplateParam> params;
  Value out = ParameterizeTemplates(obj, params);
  REQUIRE(params.size() == 4);
  CHECK(out.fields[0].value.kind == Value::Kind::Variable);
  CHECK(out.fields[0].value.text == "__t0");
  CHECK(out.fields[2].value.kind == Value::Kind::String);
  CHECK(out.fields[4].value.text == "_price");
  Json vars = BindTemplateParams(params, {&kDoc, nullptr});
  CHECK(vars["__t0"] == Json("p1"));
  CHECK(vars["__t1"] == Json("p=25 ."));
  CHECK(vars["__t2"] == Json(25));
  CHECK(vars["_price"] == Json(25));
  CHECK(aurora::planner::ResolveValue(out, vars).dump() ==
        R"({"product_id":"p1","label":"p=25 .","plain":"no template","xs":[25],"v":25})");
}

TEST_CASE("malformed templates are validation errors at the string's position") {
  for (const char* bad : {"${id", "${}", "${a..b}", "${a b}", "x ${id} ${"}) {
    CAPTURE(bad);
    try {
      CheckTemplates(Str(bad));
      FAIL("expected an error");
    } catch (const aurora::internal::AqlError& e) {
      CHECK(e.error().code == aurora::ErrorCode::ValidationError);
      CHECK(e.error().line == 3);
      CHECK(e.error().column == 7);
    }
  }
  CHECK_NOTHROW(CheckTemplates(Str("plain $ text and ${a.b_c.d1}")));
}
