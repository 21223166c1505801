#include "handlers/template.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "common/aql_error.h"
#include "common/template_text.h"

namespace aurora::handlers {
namespace {

using internal::AqlError;

using Piece = internal::TemplatePiece;

std::vector<Piece> Split(const ast::Value& v) { return internal::SplitTemplate(v); }

const Json& Lookup(const TemplateSource& source, std::string_view path) {
  static const Json kNull;
  const Json* cur = source.document;
  if (path.substr(0, 5) == "_old." ) {
    cur = source.old_document;
    path.remove_prefix(5);
  } else if (path == "_old") {
    return source.old_document ? *source.old_document : kNull;
  }
  while (cur) {
    size_t dot = path.find('.');
    cur = cur->find(path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return cur ? *cur : kNull;
}

std::string AsText(const Json& v) {
  switch (v.type()) {
    case Json::Type::Null: return "";
    case Json::Type::String: return v.as_string();
    default: return v.dump();
  }
}

void CheckRecursive(const ast::Value& v) {
  switch (v.kind) {
    case ast::Value::Kind::String: Split(v); break;
    case ast::Value::Kind::List:
      for (const auto& item : v.items) CheckRecursive(item);
      break;
    case ast::Value::Kind::Object:
      for (const auto& f : v.fields) CheckRecursive(f.value);
      break;
    default: break;
  }
}

}  // namespace

void CheckTemplates(const ast::Value& value) { CheckRecursive(value); }

ast::Value ParameterizeTemplates(const ast::Value& value, std::vector<TemplateParam>& params) {
  switch (value.kind) {
    case ast::Value::Kind::String: {
      std::vector<Piece> pieces = Split(value);
      bool any_path = std::any_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.is_path; });
      if (!any_path) return value;
      TemplateParam param;
      param.variable = "__t" + std::to_string(params.size());
      param.whole = pieces.size() == 1;
      for (Piece& p : pieces) param.pieces.emplace_back(p.is_path, std::move(p.text));
      ast::Value var;
      var.kind = ast::Value::Kind::Variable;
      var.pos = value.pos;
      var.text = param.variable;
      params.push_back(std::move(param));
      return var;
    }
    case ast::Value::Kind::Variable:
      if (value.text.size() > 1 && value.text[0] == '_' &&
          std::none_of(params.begin(), params.end(), [&](const TemplateParam& p) { return p.variable == value.text; })) {
        TemplateParam param;
        param.variable = value.text;
        param.whole = true;
        param.pieces.emplace_back(true, value.text.substr(1));
        params.push_back(std::move(param));
      }
      return value;
    case ast::Value::Kind::List: {
      ast::Value out = value;
      for (auto& item : out.items) item = ParameterizeTemplates(item, params);
      return out;
    }
    case ast::Value::Kind::Object: {
      ast::Value out = value;
      for (auto& f : out.fields) f.value = ParameterizeTemplates(f.value, params);
      return out;
    }
    default: return value;
  }
}

Json BindTemplateParams(const std::vector<TemplateParam>& params, const TemplateSource& source) {
  Json vars = Json::object();
  for (const TemplateParam& p : params) {
    if (p.whole) {
      vars.set(p.variable, Lookup(source, p.pieces[0].second));
      continue;
    }
    std::string text;
    for (const auto& [is_path, piece] : p.pieces) text += is_path ? AsText(Lookup(source, piece)) : piece;
    vars.set(p.variable, std::move(text));
  }
  return vars;
}

}  // namespace aurora::handlers
