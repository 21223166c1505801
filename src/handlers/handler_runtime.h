// handlers/handler_runtime.h: automation handlers at run time.
//
// Two jobs: (1) `define handler`, `drop handler`, `pause handler`, `resume handler` become
// one-step mutation plans that change `_handlers`; (2) OnWrite, installed as the executor's
// write hook, runs the action of every active handler for a written document inside the
// transaction of that write: if the write rolls back no job exists, and if the action fails the
// write fails, naming the handler.
//
// An action is compiled once per definition: its templates become variables
// (handlers/template.h), so each write only binds new values. Handlers firing handlers nest up to
// kMaxHandlerDepth; deeper fails the originating write, naming the chain, and so do more writes
// by handlers than the operation's allowance (kHandlerWriteAllowance below).
// Not thread-safe: used under the engine's connection lock.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "executor/exec_context.h"
#include "handlers/handler_store.h"
#include "handlers/template.h"
#include "planner/plan.h"

namespace aurora::handlers {

// Handler actions may fire further handlers up to this many levels in all.
constexpr int kMaxHandlerDepth = 8;
// Handler actions may write at most this many documents for one operation, plus
// kHandlerWritesPerWrite for each document the operation writes itself: handlers that each
// write several documents into the next handler's collection multiply (8 levels of 10 would be
// 10^8 writes for one insert), and the operation fails instead of running for hours.
constexpr std::int64_t kHandlerWriteAllowance = 10000;
constexpr std::int64_t kHandlerWritesPerWrite = 100;

class HandlerRuntime {
 public:
  // Checks and plans a mutation operation (the engine's checker + planner with its extensions).
  using CompileFn = std::function<plan::Plan(const ast::Operation&)>;

  HandlerRuntime(storage::Connection& conn, CompileFn compile);

  static bool IsHandlerOperation(const ast::Operation& op);
  // The plan of a define/drop/pause/resume operation. A definition is checked here, action
  // included, so its errors carry the statement's line and column.
  plan::Plan BuildCommandPlan(const ast::Operation& op);

  // The executor's write hook.
  void OnWrite(executor::ExecContext& ctx, const executor::WriteEvent& event);

  HandlerStore& store() { return store_; }

 private:
  struct CompiledAction {
    std::shared_ptr<const plan::Plan> plan;
    std::vector<TemplateParam> params;
  };
  const CompiledAction& Compile(const HandlerDefinition& def);

  HandlerStore store_;
  CompileFn compile_;
  std::map<std::string, CompiledAction> compiled_;  // by definition source text
};

}  // namespace aurora::handlers
