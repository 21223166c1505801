// planner/planner.h: the third stage. A checked operation → a plan (planner/plan.h).
//
// Plans are cached by the engine per statement text and executed many times with different
// variables, so they never hold variable values.
#pragma once

#include "checker/checker.h"
#include "planner/extension.h"
#include "planner/plan.h"

namespace aurora::planner {

// REQUIRES: `checked` came from checker::Check with the same extensions.
plan::Plan BuildPlan(const checker::CheckedOperation& checked, const plan::MutationExtensions* mutations);

// Splits "a.b.0" into a FieldPath. REQUIRES: validated by the checker.
plan::FieldPath MakePath(const std::string& text, const ast::Pos& pos);

// What `field`'s selection set picks (all when it has none). Extensions use it with
// executor::Project to answer with the fields a user selected.
plan::Projection BuildProjection(const ast::Selection& field);

// The filter tree of a checked `where` object.
plan::Filter BuildFilter(const ast::Value& where);

}  // namespace aurora::planner
