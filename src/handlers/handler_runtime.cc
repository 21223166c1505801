#include "handlers/handler_runtime.h"

#include "common/aql_error.h"
#include "executor/executor.h"

namespace aurora::handlers {
namespace {

using internal::AqlError;

// An action failure already wrapped with its handler chain; outer handlers pass it on as is.
class HandlerFailure : public AqlError {
 public:
  using AqlError::AqlError;
};

std::string Chain(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : " → '") + n + "'";
  return out;
}

// define / drop / pause / resume as a custom mutation step.
class CommandStep : public plan::CustomStep {
 public:
  CommandStep(HandlerStore& store, ast::Operation::Kind kind, HandlerDefinition def, ast::Pos pos)
      : store_(store), kind_(kind), def_(std::move(def)), pos_(pos) {}

  Json Run(executor::ExecContext&) const override {
    std::string on = std::string(to_string(def_.event)) + ":" + def_.collection;
    switch (kind_) {
      case ast::Operation::Kind::DefineHandler:
        store_.Define(def_);
        return Json::object({{"name", def_.name}, {"on", on}, {"action", def_.action_source}});
      case ast::Operation::Kind::DropHandler:
        if (!store_.Drop(def_.name)) NotFound();
        return Json::object({{"name", def_.name}, {"dropped", true}});
      default: {
        bool pause = kind_ == ast::Operation::Kind::PauseHandler;
        if (!store_.SetPaused(def_.name, pause)) NotFound();
        return Json::object({{"name", def_.name}, {"paused", pause}});
      }
    }
  }

 private:
  [[noreturn]] void NotFound() const {
    throw AqlError(ErrorCode::NotFound, "no handler named '" + def_.name + "'", pos_.line, pos_.column);
  }
  HandlerStore& store_;
  ast::Operation::Kind kind_;
  HandlerDefinition def_;
  ast::Pos pos_;
};

const char* ResponseKey(ast::Operation::Kind kind) {
  switch (kind) {
    case ast::Operation::Kind::DefineHandler: return "defineHandler";
    case ast::Operation::Kind::DropHandler: return "dropHandler";
    case ast::Operation::Kind::PauseHandler: return "pauseHandler";
    default: return "resumeHandler";
  }
}

Event ToEvent(executor::WriteEvent::Kind k) {
  switch (k) {
    case executor::WriteEvent::Kind::Insert: return Event::Insert;
    case executor::WriteEvent::Kind::Update: return Event::Update;
    case executor::WriteEvent::Kind::Delete: return Event::Delete;
  }
  return Event::Insert;
}

}  // namespace

HandlerRuntime::HandlerRuntime(storage::Connection& conn, CompileFn compile)
    : store_(conn), compile_(std::move(compile)) {}

bool HandlerRuntime::IsHandlerOperation(const ast::Operation& op) {
  switch (op.kind) {
    case ast::Operation::Kind::DefineHandler:
    case ast::Operation::Kind::DropHandler:
    case ast::Operation::Kind::PauseHandler:
    case ast::Operation::Kind::ResumeHandler: return true;
    default: return false;
  }
}

plan::Plan HandlerRuntime::BuildCommandPlan(const ast::Operation& op) {
  HandlerDefinition def;
  if (op.kind == ast::Operation::Kind::DefineHandler) {
    def = CheckDefinition(op);
    Compile(def);  // the action's arguments are checked now, at the statement's positions
  } else {
    def.name = op.name;
  }
  plan::Plan plan;
  plan.kind = plan::Plan::Kind::Mutation;
  plan::Step step;
  step.key = step.name = ResponseKey(op.kind);
  step.pos = op.pos;
  step.node = std::make_shared<const CommandStep>(store_, op.kind, std::move(def), op.pos);
  plan.steps.push_back(std::move(step));
  return plan;
}

const HandlerRuntime::CompiledAction& HandlerRuntime::Compile(const HandlerDefinition& def) {
  auto it = compiled_.find(def.source);
  if (it != compiled_.end()) return it->second;
  CompiledAction compiled;
  ast::Operation op;
  op.kind = ast::Operation::Kind::Mutation;
  op.pos = def.action.pos;
  ast::Selection action = def.action;
  for (ast::Argument& arg : action.args) arg.value = ParameterizeTemplates(arg.value, compiled.params);
  for (const TemplateParam& p : compiled.params) {
    ast::VariableDefinition var;
    var.name = p.variable;
    var.pos = def.action.pos;
    var.type.name = "Any";
    op.variables.push_back(std::move(var));
  }
  op.selections.push_back(std::move(action));
  compiled.plan = std::make_shared<const plan::Plan>(compile_(op));
  return compiled_.emplace(def.source, std::move(compiled)).first->second;
}

void HandlerRuntime::OnWrite(executor::ExecContext& ctx, const executor::WriteEvent& event) {
  if (store_.empty()) return;
  executor::ExecContext::WriteCounts& counts = ctx.write_counts ? *ctx.write_counts : ctx.own_write_counts;
  if (ctx.handler_chain.empty()) {
    ++counts.own;
  } else if (++counts.by_handlers > kHandlerWriteAllowance + kHandlerWritesPerWrite * counts.own) {
    throw HandlerFailure(ErrorCode::ValidationError,
                         "handlers wrote more than " + std::to_string(counts.by_handlers - 1) + " documents for " +
                             std::to_string(counts.own) + " written by the operation (at most " +
                             std::to_string(kHandlerWriteAllowance) + " plus " +
                             std::to_string(kHandlerWritesPerWrite) + " per document), the last through " +
                             Chain(ctx.handler_chain) + "; nothing was written");
  }
  std::vector<const HandlerDefinition*> defs = store_.For(ToEvent(event.kind), event.collection);
  for (const HandlerDefinition* def : defs) {
    std::vector<std::string> chain = ctx.handler_chain;
    chain.push_back(def->name);
    if (static_cast<int>(chain.size()) > kMaxHandlerDepth) {
      throw HandlerFailure(ErrorCode::ValidationError,
                           "handlers fired handlers more than " + std::to_string(kMaxHandlerDepth) +
                               " levels deep: " + Chain(chain) +
                               " (does a handler write to the collection that fires it?); nothing was written");
    }
    try {
      const CompiledAction& action = Compile(*def);
      executor::ExecContext child(ctx.conn, BindTemplateParams(action.params, {&event.document, event.old_document}),
                                  ctx.resolvers);
      child.on_write = ctx.on_write;
      child.handler_chain = std::move(chain);
      child.result_unused = true;  // an action's response goes nowhere
      child.inbox_jobs = ctx.inbox_jobs ? ctx.inbox_jobs : &ctx.own_inbox_jobs;  // one count per transaction
      child.write_counts = &counts;
      executor::ExecuteSteps(*action.plan, child);
      for (auto& f : child.after_commit) ctx.after_commit.push_back(std::move(f));
      for (auto& f : child.after_rollback) ctx.after_rollback.push_back(std::move(f));
    } catch (const HandlerFailure&) {
      throw;
    } catch (const AqlError& e) {
      std::vector<std::string> failed = ctx.handler_chain;
      failed.push_back(def->name);
      throw HandlerFailure(e.error().code, "handler " + Chain(failed) + " (on " + to_string(def->event) + ":" +
                                               def->collection + ") failed: " + e.error().message +
                                               "; nothing was written");
    }
  }
}

}  // namespace aurora::handlers
