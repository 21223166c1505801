// Builders for hand-made ASTs in unit tests (so stages can be tested without the parser).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ast/ast.h"

namespace aurora::testing {

inline ast::Value Scalar(ast::Value::Kind kind) {
  ast::Value v;
  v.kind = kind;
  v.pos = {1, 1};
  return v;
}
inline ast::Value Str(std::string s) {
  ast::Value v = Scalar(ast::Value::Kind::String);
  v.text = std::move(s);
  return v;
}
inline ast::Value Enum(std::string s) {
  ast::Value v = Scalar(ast::Value::Kind::Enum);
  v.text = std::move(s);
  return v;
}
inline ast::Value Var(std::string s) {
  ast::Value v = Scalar(ast::Value::Kind::Variable);
  v.text = std::move(s);
  return v;
}
inline ast::Value Int(long long i) {
  ast::Value v = Scalar(ast::Value::Kind::Int);
  v.integer = i;
  return v;
}
inline ast::Value Float(double d) {
  ast::Value v = Scalar(ast::Value::Kind::Float);
  v.number = d;
  return v;
}
inline ast::Value Bool(bool b) {
  ast::Value v = Scalar(ast::Value::Kind::Bool);
  v.boolean = b;
  return v;
}
inline ast::Value Null() { return Scalar(ast::Value::Kind::Null); }
inline ast::Value List(std::vector<ast::Value> items) {
  ast::Value v = Scalar(ast::Value::Kind::List);
  v.items = std::move(items);
  return v;
}
inline ast::Value Obj(std::vector<std::pair<std::string, ast::Value>> fields, ast::Pos pos = {1, 1}) {
  ast::Value v = Scalar(ast::Value::Kind::Object);
  v.pos = pos;
  for (auto& [name, value] : fields) v.fields.push_back({name, value.pos, value});
  return v;
}
inline ast::Argument Arg(std::string name, ast::Value value) { return {std::move(name), value.pos, value}; }

inline ast::Selection Field(std::string name, std::vector<ast::Argument> args = {},
                            std::vector<ast::Selection> selections = {}, std::string alias = "") {
  ast::Selection s;
  s.name = std::move(name);
  s.alias = std::move(alias);
  s.pos = {1, 1};
  s.args = std::move(args);
  s.has_selection_set = !selections.empty();
  s.selections = std::move(selections);
  return s;
}

inline ast::Operation Op(ast::Operation::Kind kind, std::vector<ast::Selection> selections) {
  ast::Operation op;
  op.kind = kind;
  op.pos = {1, 1};
  op.selections = std::move(selections);
  return op;
}
inline ast::Operation Query(std::vector<ast::Selection> s) { return Op(ast::Operation::Kind::Query, std::move(s)); }
inline ast::Operation Mutation(std::vector<ast::Selection> s) { return Op(ast::Operation::Kind::Mutation, std::move(s)); }

// A value placed at line/column, for position checks.
inline ast::Value At(ast::Value v, int line, int column) {
  v.pos = {line, column};
  return v;
}

}  // namespace aurora::testing
