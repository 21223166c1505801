#include "planner/search.h"

#include "common/aql_error.h"
#include "common/names.h"
#include "common/suggest.h"

namespace aurora::planner {
namespace {

using internal::Fail;

}  // namespace

void CheckSearchArgument(const ast::Argument& arg) {
  const ast::Value& v = arg.value;
  if (v.kind != ast::Value::Kind::Object) {
    Fail(v.pos, "search expects an object: search: { query: \"words\", fields: [\"name\"] }");
  }
  bool has_query = false;
  for (const auto& f : v.fields) {
    if (f.name == "query") {
      has_query = true;
      if (f.value.kind != ast::Value::Kind::String && f.value.kind != ast::Value::Kind::Variable) {
        Fail(f.value.pos, "search query expects a string");
      }
    } else if (f.name == "fields") {
      if (f.value.kind != ast::Value::Kind::List) Fail(f.value.pos, "search fields expects a list of field names");
      for (const auto& item : f.value.items) {
        if (item.kind != ast::Value::Kind::String || !internal::IsIdentifier(item.text)) {
          Fail(item.pos, "search fields expects field names (strings), e.g. [\"name\", \"description\"]");
        }
      }
    } else {
      Fail(f.pos, "unknown search option '" + f.name + "'" + internal::DidYouMean(f.name, {"query", "fields"}));
    }
  }
  if (!has_query) Fail(v.pos, "search needs a query: search: { query: \"words\" }");
}

std::shared_ptr<const plan::Search> BuildSearch(const ast::Argument& arg) {
  auto s = std::make_shared<plan::Search>();
  s->pos = arg.pos;
  for (const auto& f : arg.value.fields) {
    if (f.name == "query") s->query = f.value;
    if (f.name == "fields") {
      for (const auto& item : f.value.items) {
        s->fields.push_back(item.text);
        s->field_pos.push_back(item.pos);
      }
    }
  }
  return s;
}

}  // namespace aurora::planner
