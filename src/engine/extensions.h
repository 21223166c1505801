// engine/extensions.h: what other subsystems plug into the AQL pipeline.
//
// Database::Impl owns one Extensions and passes it to every stage. To add to AQL:
//  - a mutation field (enqueueJob …): extensions.mutations["enqueueJob"] = …  (planner/extension.h)
//  - a queryable system table (_jobs): extensions.resolvers["_jobs"] = …     (sqlgen/field_resolver.h)
//  - a per-write hook (automation handlers): extensions.on_write = …         (executor/exec_context.h)
// Register before the first execute(); the plan cache assumes extensions do not change.
#pragma once

#include "executor/exec_context.h"
#include "planner/extension.h"
#include "sqlgen/field_resolver.h"

namespace aurora::engine {

struct Extensions {
  plan::MutationExtensions mutations;
  sqlgen::Resolvers resolvers;
  executor::WriteHook on_write;
};

}  // namespace aurora::engine
