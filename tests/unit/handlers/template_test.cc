#include <doctest/doctest.h>

#include "common/aql_error.h"
#include "handlers/template.h"

using aurora::Json;
using aurora::ast::Value;
using aurora::handlers::CheckTemplates;
using aurora::handlers::ExpandTemplates;
using aurora::handlers::TemplateSource;

namespace {

Value Str(std::string s) {
  Value v;
  v.kind = Value::Kind::String;
  v.text = std::move(s);
  v.pos = {3, 7};
  return v;
}

const Json kDoc = *Json::parse(R"({"id": "p1", "price": 25, "image_url": "/u/m.png",
                                   "maker": {"country": "NO"}, "tags": ["a"], "note": "costs $5 ${x}"})");

}  // namespace

TEST_CASE("a template alone keeps the field's JSON type") {
  TemplateSource src{&kDoc, nullptr};
  Value price = ExpandTemplates(Str("${price}"), src);
  CHECK(price.kind == Value::Kind::Int);
  CHECK(price.integer == 25);
  Value maker = ExpandTemplates(Str("${maker}"), src);
  REQUIRE(maker.kind == Value::Kind::Object);
  CHECK(maker.fields[0].name == "country");
  CHECK(ExpandTemplates(Str("${tags}"), src).kind == Value::Kind::List);
  CHECK(ExpandTemplates(Str("${missing}"), src).kind == Value::Kind::Null);
  CHECK(ExpandTemplates(Str("${maker.country}"), src).text == "NO");
}

TEST_CASE("templates inside text interpolate, missing fields as empty text") {
  TemplateSource src{&kDoc, nullptr};
  Value v = ExpandTemplates(Str("id=${id}, price ${price}, ${missing}!"), src);
  CHECK(v.kind == Value::Kind::String);
  CHECK(v.text == "id=p1, price 25, !");
}

TEST_CASE("document text is data: a '${' inside a field never expands again") {
  TemplateSource src{&kDoc, nullptr};
  Value v = ExpandTemplates(Str("note: ${note}"), src);
  CHECK(v.text == "note: costs $5 ${x}");
  // Expanding the result once more changes nothing.
  CHECK(ExpandTemplates(v, src).text == v.text);
  Value alone = ExpandTemplates(Str("${note}"), src);
  CHECK(ExpandTemplates(alone, src).text == "costs $5 ${x}");
}

TEST_CASE("escaped dollar stays literal") {
  Value v = Str("${id}");
  v.escaped_dollars = {0};
  TemplateSource src{&kDoc, nullptr};
  CHECK(ExpandTemplates(v, src).text == "${id}");
}

TEST_CASE("_old reads the previous document; $_field variables read the document") {
  Json old_doc = *Json::parse(R"({"price": 20})");
  TemplateSource src{&kDoc, &old_doc};
  CHECK(ExpandTemplates(Str("${_old.price}"), src).integer == 20);
  CHECK(ExpandTemplates(Str("${_old.price} -> ${price}"), src).text == "20 -> 25");
  Value var;
  var.kind = Value::Kind::Variable;
  var.text = "_id";
  Value out = ExpandTemplates(var, src);
  CHECK(out.kind == Value::Kind::String);
  CHECK(out.text == "p1");
}

TEST_CASE("nested objects and lists expand") {
  Value obj;
  obj.kind = Value::Kind::Object;
  obj.fields.push_back({"product_id", {}, Str("${id}")});
  Value list;
  list.kind = Value::Kind::List;
  list.items.push_back(Str("${price}"));
  obj.fields.push_back({"xs", {}, list});
  TemplateSource src{&kDoc, nullptr};
  Value out = ExpandTemplates(obj, src);
  CHECK(out.fields[0].value.text == "p1");
  CHECK(out.fields[1].value.items[0].integer == 25);
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

TEST_CASE("parameterized templates bind the same values as expansion") {
  using aurora::handlers::BindTemplateParams;
  using aurora::handlers::ParameterizeTemplates;
  using aurora::handlers::TemplateParam;
  Value obj;
  obj.kind = Value::Kind::Object;
  obj.fields.push_back({"product_id", {}, Str("${id}")});
  obj.fields.push_back({"label", {}, Str("p=${price} ${missing}.")});
  obj.fields.push_back({"plain", {}, Str("no template")});
  Value var;
  var.kind = Value::Kind::Variable;
  var.text = "_price";
  obj.fields.push_back({"v", {}, var});
  std::vector<TemplateParam> params;
  Value out = ParameterizeTemplates(obj, params);
  REQUIRE(params.size() == 3);
  CHECK(out.fields[0].value.kind == Value::Kind::Variable);
  CHECK(out.fields[0].value.text == "__t0");
  CHECK(out.fields[1].value.text == "__t1");
  CHECK(out.fields[2].value.kind == Value::Kind::String);
  CHECK(out.fields[3].value.text == "_price");
  TemplateSource src{&kDoc, nullptr};
  Json vars = BindTemplateParams(params, src);
  CHECK(vars["__t0"] == Json("p1"));
  CHECK(vars["__t1"] == Json("p=25 ."));
  CHECK(vars["_price"] == Json(25));
  CHECK(vars["_price"].is_int());
}
