// planner/extension.h: how other subsystems add mutation fields (enqueueJob, cancelJob …).
//
// Register a MutationExtension under the field name in the engine's extensions
// (engine/extensions.h). The checker accepts that field name inside `mutation { … }` and
// `transaction { … }`; the planner calls Compile() once per statement text (the result is cached
// with the plan, so it must not capture variable values: keep ast::Values and resolve them in
// Run() with planner::ResolveValue(value, ctx.variables)). Compile() validates the field's
// arguments and selection and throws internal::AqlError(VALIDATION_ERROR, …, line, column).
// CustomStep::Run() runs inside the mutation's transaction on ctx.conn; anything to do after the
// commit (waking the job executor) goes in ctx.after_commit.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "ast/ast.h"
#include "planner/plan.h"

namespace aurora::plan {

class MutationExtension {
 public:
  virtual ~MutationExtension() = default;
  virtual std::shared_ptr<const CustomStep> Compile(const ast::Selection& field) const = 0;
};

using MutationExtensions = std::map<std::string, std::shared_ptr<const MutationExtension>, std::less<>>;

}  // namespace aurora::plan
