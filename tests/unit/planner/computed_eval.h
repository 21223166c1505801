// Test helpers for planner/computed.h: evaluate or check one computed field of a selection.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "common/aql_error.h"
#include "parser/parser.h"
#include "planner/computed.h"

namespace aurora::testing {

// The value of the first selected field of `{ c { <selection> } }` computed over `doc`: a
// template reads the whole document, a pipe reads the field the selection names.
inline std::string Eval(const std::string& selection, const char* doc) {
  ast::Document d = parser::Parse("{ c { " + selection + " } }");
  const ast::Selection& s = d.operations[0].selections[0].selections[0];
  planner::CheckComputed(s);
  auto computed = planner::BuildComputed(s);
  REQUIRE(computed);
  Json input = *Json::parse(doc);
  if (!computed->is_template) {
    Json field = input[s.name];  // copy first: assigning a member of `input` to `input` would read freed memory
    input = std::move(field);
  }
  return planner::EvaluateComputed(*computed, input).dump();
}

// The message of the error CheckComputed gives for the selection, or "no error".
inline std::string CheckError(const std::string& selection) {
  ast::Document d = parser::Parse("{ c { " + selection + " } }");
  try {
    planner::CheckComputed(d.operations[0].selections[0].selections[0]);
  } catch (const internal::AqlError& e) {
    return e.error().message;
  }
  return "no error";
}

}  // namespace aurora::testing
