#include "parser/ast_builder.h"

#include "common/aql_error.h"
#include "parser/number_literals.h"
#include "parser/string_literals.h"

namespace aurora::parser {
namespace {

using P = aurora_generated::AQLParser;

ast::Pos PosOf(const antlr4::Token* token) {
  return {static_cast<int>(token->getLine()), static_cast<int>(token->getCharPositionInLine()) + 1};
}

ast::Pos PosOf(antlr4::ParserRuleContext* ctx) { return PosOf(ctx->getStart()); }

std::string NameOf(antlr4::ParserRuleContext* ctx) { return ctx->getStart()->getText(); }

using internal::Fail;

}  // namespace

ast::Document AstBuilder::Build(P::DocumentContext* doc) {
  ast::Document out;
  for (P::DefinitionContext* def : doc->definition()) {
    if (def->operation() != nullptr) {
      out.operations.push_back(BuildOperation(def->operation()));
    } else {
      out.fragments.push_back(BuildFragment(def->fragmentDefinition()));
    }
  }
  return out;
}

ast::Operation AstBuilder::BuildOperation(P::OperationContext* ctx) {
  ast::Operation op;
  op.pos = PosOf(ctx);
  std::size_t begin = offsets_.ByteOffset(ctx->getStart()->getStartIndex());
  std::size_t end = offsets_.ByteOffset(ctx->getStop()->getStopIndex() + 1);
  op.source = std::string(text_.substr(begin, end - begin));

  if (auto* named = dynamic_cast<P::NamedOperationContext*>(ctx)) {
    op.kind = named->operationType()->MUTATION() != nullptr ? ast::Operation::Kind::Mutation
                                                            : ast::Operation::Kind::Query;
    if (named->name() != nullptr) op.name = NameOf(named->name());
    op.variables = BuildVariableDefinitions(named->variableDefinitions());
    op.directives = BuildDirectives(named->directives());
    op.selections = BuildSelectionSet(named->selectionSet());
  } else if (auto* anonymous = dynamic_cast<P::AnonymousQueryContext*>(ctx)) {
    op.kind = ast::Operation::Kind::Query;
    op.selections = BuildSelectionSet(anonymous->selectionSet());
  } else if (auto* define = dynamic_cast<P::DefineHandlerContext*>(ctx)) {
    op.kind = ast::Operation::Kind::DefineHandler;
    op.name = BuildString(define->handlerName).text;
    BuildHandlerBody(define->handlerBody(), op);
  } else if (auto* drop = dynamic_cast<P::DropHandlerContext*>(ctx)) {
    op.kind = ast::Operation::Kind::DropHandler;
    op.name = BuildString(drop->handlerName).text;
  } else if (auto* pause = dynamic_cast<P::PauseHandlerContext*>(ctx)) {
    op.kind = ast::Operation::Kind::PauseHandler;
    op.name = BuildString(pause->handlerName).text;
  } else if (auto* resume = dynamic_cast<P::ResumeHandlerContext*>(ctx)) {
    op.kind = ast::Operation::Kind::ResumeHandler;
    op.name = BuildString(resume->handlerName).text;
  } else if (auto* schema = dynamic_cast<P::SchemaOperationContext*>(ctx)) {
    op.kind = ast::Operation::Kind::Schema;
    for (P::SchemaStatementContext* stmt : schema->schemaStatement()) {
      op.schema.push_back(BuildSchemaStatement(stmt));
    }
  }
  return op;
}

ast::Fragment AstBuilder::BuildFragment(P::FragmentDefinitionContext* ctx) {
  ast::Fragment fragment;
  fragment.pos = PosOf(ctx);
  fragment.name = NameOf(ctx->fragmentName());
  fragment.type_condition = NameOf(ctx->typeCondition);
  fragment.directives = BuildDirectives(ctx->directives());
  fragment.selections = BuildSelectionSet(ctx->selectionSet());
  return fragment;
}

std::vector<ast::Selection> AstBuilder::BuildSelectionSet(P::SelectionSetContext* ctx) {
  std::vector<ast::Selection> out;
  if (ctx == nullptr) return out;
  for (P::SelectionContext* selection : ctx->selection()) out.push_back(BuildSelection(selection));
  return out;
}

ast::Selection AstBuilder::BuildSelection(P::SelectionContext* ctx) {
  if (ctx->field() != nullptr) return BuildField(ctx->field());
  ast::Selection sel;
  sel.pos = PosOf(ctx);
  if (auto* spread = ctx->fragmentSpread()) {
    sel.kind = ast::Selection::Kind::FragmentSpread;
    sel.name = NameOf(spread->fragmentName());
    sel.name_pos = PosOf(spread->fragmentName());
    sel.directives = BuildDirectives(spread->directives());
  } else if (auto* inline_fragment = ctx->inlineFragment()) {
    sel.kind = ast::Selection::Kind::InlineFragment;
    if (inline_fragment->typeCondition != nullptr) {
      sel.name = NameOf(inline_fragment->typeCondition);
      sel.name_pos = PosOf(inline_fragment->typeCondition);
    }
    sel.directives = BuildDirectives(inline_fragment->directives());
    sel.has_selection_set = true;
    sel.selections = BuildSelectionSet(inline_fragment->selectionSet());
  }
  return sel;
}

ast::Selection AstBuilder::BuildField(P::FieldContext* ctx) {
  ast::Selection sel;
  sel.kind = ast::Selection::Kind::Field;
  sel.pos = PosOf(ctx);
  if (ctx->alias != nullptr) sel.alias = NameOf(ctx->alias);
  if (ctx->computed != nullptr) {
    sel.computed = BuildString(ctx->computed);
    sel.name_pos = PosOf(ctx->computed);
  } else {
    sel.name = NameOf(ctx->fieldName);
    sel.name_pos = PosOf(ctx->fieldName);
    sel.args = BuildArguments(ctx->arguments());
  }
  sel.directives = BuildDirectives(ctx->directives());
  for (P::PipeContext* pipe : ctx->pipe()) {
    ast::PipeCall call;
    call.name = NameOf(pipe->name());
    call.pos = PosOf(pipe->name());
    call.args = BuildArguments(pipe->arguments());
    sel.pipes.push_back(std::move(call));
  }
  if (ctx->selectionSet() != nullptr) {
    sel.has_selection_set = true;
    sel.selections = BuildSelectionSet(ctx->selectionSet());
  }
  return sel;
}

std::vector<ast::Argument> AstBuilder::BuildArguments(P::ArgumentsContext* ctx) {
  std::vector<ast::Argument> out;
  if (ctx == nullptr) return out;
  for (P::ArgumentContext* arg : ctx->argument()) {
    out.push_back({NameOf(arg->name()), PosOf(arg), BuildValue(arg->value())});
  }
  return out;
}

std::vector<ast::Directive> AstBuilder::BuildDirectives(P::DirectivesContext* ctx) {
  std::vector<ast::Directive> out;
  if (ctx == nullptr) return out;
  for (P::DirectiveContext* directive : ctx->directive()) {
    out.push_back({NameOf(directive->name()), PosOf(directive), BuildArguments(directive->arguments())});
  }
  return out;
}

std::vector<ast::VariableDefinition> AstBuilder::BuildVariableDefinitions(P::VariableDefinitionsContext* ctx) {
  std::vector<ast::VariableDefinition> out;
  if (ctx == nullptr) return out;
  for (P::VariableDefinitionContext* def : ctx->variableDefinition()) {
    ast::VariableDefinition var;
    var.name = NameOf(def->variable()->name());
    var.pos = PosOf(def);
    var.type = BuildType(def->type());
    if (def->defaultValue() != nullptr) var.default_value = BuildValue(def->defaultValue()->value());
    out.push_back(std::move(var));
  }
  return out;
}

ast::TypeRef AstBuilder::BuildType(P::TypeContext* ctx) {
  ast::TypeRef type;
  type.pos = PosOf(ctx);
  if (auto* named = dynamic_cast<P::NamedTypeContext*>(ctx)) {
    type.name = NameOf(named->name());
    type.non_null = named->children.size() > 1;  // name '!'
  } else if (auto* list = dynamic_cast<P::ListTypeContext*>(ctx)) {
    type.element.push_back(BuildType(list->type()));
    type.non_null = list->children.size() > 3;  // '[' type ']' '!'
  }
  return type;
}

ast::Value AstBuilder::BuildValue(P::ValueContext* ctx) {
  ast::Value value;
  value.pos = PosOf(ctx);
  using Kind = ast::Value::Kind;
  if (auto* var = dynamic_cast<P::VariableValueContext*>(ctx)) {
    value.kind = Kind::Variable;
    value.text = NameOf(var->variable()->name());
  } else if (dynamic_cast<P::IntValueContext*>(ctx) != nullptr) {
    value.kind = Kind::Int;
    std::string text = ctx->getStart()->getText();
    if (!ParseInt(text, value.integer)) {
      Fail(ErrorCode::SyntaxError, value.pos, "integer " + text + " is out of range (-2^63 to 2^63-1)");
    }
  } else if (dynamic_cast<P::FloatValueContext*>(ctx) != nullptr) {
    value.kind = Kind::Float;
    std::string text = ctx->getStart()->getText();
    if (!ParseFloat(text, value.number)) {
      Fail(ErrorCode::SyntaxError, value.pos, "number " + text + " is too large");
    }
  } else if (auto* str = dynamic_cast<P::StringLiteralContext*>(ctx)) {
    return BuildString(str->stringValue());
  } else if (dynamic_cast<P::TrueValueContext*>(ctx) != nullptr) {
    value.kind = Kind::Bool;
    value.boolean = true;
  } else if (dynamic_cast<P::FalseValueContext*>(ctx) != nullptr) {
    value.kind = Kind::Bool;
    value.boolean = false;
  } else if (dynamic_cast<P::NullValueContext*>(ctx) != nullptr) {
    value.kind = Kind::Null;
  } else if (auto* word = dynamic_cast<P::EnumValueContext*>(ctx)) {
    value.kind = Kind::Enum;
    value.text = NameOf(word->enumName());
  } else if (auto* list = dynamic_cast<P::ListValueContext*>(ctx)) {
    value.kind = Kind::List;
    for (P::ValueContext* item : list->value()) value.items.push_back(BuildValue(item));
  } else if (auto* object = dynamic_cast<P::ObjectValueContext*>(ctx)) {
    value.kind = Kind::Object;
    for (P::ObjectFieldContext* field : object->objectField()) {
      ast::ObjectField out;
      out.pos = PosOf(field);
      out.name = field->name() != nullptr ? NameOf(field->name()) : BuildString(field->stringValue()).text;
      out.value = BuildValue(field->value());
      value.fields.push_back(std::move(out));
    }
  }
  return value;
}

ast::Value AstBuilder::BuildString(P::StringValueContext* ctx) {
  ast::Value value;
  value.kind = ast::Value::Kind::String;
  value.pos = PosOf(ctx);
  antlr4::Token* token = ctx->getStart();
  std::string raw = token->getText();
  if (token->getType() == P::BLOCK_STRING) {
    value.text = DecodeBlockString(raw);
    return value;
  }
  DecodedString decoded;
  StringProblem problem;
  if (!DecodeString(raw, decoded, problem)) {
    Fail(ErrorCode::SyntaxError, ast::Pos{value.pos.line, value.pos.column + static_cast<int>(problem.code_point_offset)},
         problem.message);
  }
  value.text = std::move(decoded.text);
  value.escaped_dollars = std::move(decoded.escaped_dollars);
  return value;
}

void AstBuilder::BuildHandlerBody(P::HandlerBodyContext* ctx, ast::Operation& op) {
  bool has_action = false;
  for (P::HandlerPropertyContext* prop : ctx->handlerProperty()) {
    if (auto* action = dynamic_cast<P::HandlerActionContext*>(prop)) {
      if (has_action) Fail(ErrorCode::ValidationError, PosOf(action), "'action' is given twice");
      has_action = true;
      op.handler_action_pos = PosOf(action->selectionSet());
      op.handler_action = BuildSelectionSet(action->selectionSet());
    } else if (auto* property = dynamic_cast<P::HandlerValueContext*>(prop)) {
      ast::ObjectField field;
      field.pos = PosOf(property);
      field.name = property->handlerKey() != nullptr ? NameOf(property->handlerKey())
                                                      : BuildString(property->stringValue()).text;
      field.value = BuildValue(property->value());
      op.handler_properties.push_back(std::move(field));
    }
  }
}

ast::SchemaStatement AstBuilder::BuildSchemaStatement(P::SchemaStatementContext* ctx) {
  ast::SchemaStatement stmt;
  stmt.pos = PosOf(ctx);
  if (auto* define = dynamic_cast<P::DefineCollectionContext*>(ctx)) {
    stmt.kind = ast::SchemaStatement::Kind::DefineCollection;
    stmt.collection = NameOf(define->name());
    stmt.if_not_exists = define->IF() != nullptr;
    for (P::FieldDefinitionContext* field : define->fieldDefinition()) {
      stmt.fields.push_back(BuildFieldDefinition(field));
    }
  } else if (auto* alter = dynamic_cast<P::AlterCollectionContext*>(ctx)) {
    stmt.kind = ast::SchemaStatement::Kind::AlterCollection;
    stmt.collection = NameOf(alter->name());
    for (P::AlterActionContext* action : alter->alterAction()) stmt.actions.push_back(BuildAlterAction(action));
  } else if (auto* drop = dynamic_cast<P::DropCollectionContext*>(ctx)) {
    stmt.kind = ast::SchemaStatement::Kind::DropCollection;
    stmt.collection = NameOf(drop->name());
    stmt.if_exists = drop->IF() != nullptr;
  }
  return stmt;
}

ast::FieldDefinition AstBuilder::BuildFieldDefinition(P::FieldDefinitionContext* ctx) {
  ast::FieldDefinition field;
  field.name = NameOf(ctx->name());
  field.pos = PosOf(ctx);
  field.type = BuildType(ctx->type());
  if (ctx->defaultValue() != nullptr) field.default_value = BuildValue(ctx->defaultValue()->value());
  field.directives = BuildDirectives(ctx->directives());
  return field;
}

ast::AlterAction AstBuilder::BuildAlterAction(P::AlterActionContext* ctx) {
  ast::AlterAction action;
  action.pos = PosOf(ctx);
  if (auto* add = dynamic_cast<P::AddFieldContext*>(ctx)) {
    action.kind = ast::AlterAction::Kind::Add;
    action.field = BuildFieldDefinition(add->fieldDefinition());
    action.name = action.field.name;
  } else if (auto* modify = dynamic_cast<P::ModifyFieldContext*>(ctx)) {
    action.kind = ast::AlterAction::Kind::Modify;
    action.field = BuildFieldDefinition(modify->fieldDefinition());
    action.name = action.field.name;
  } else if (auto* drop = dynamic_cast<P::DropFieldContext*>(ctx)) {
    action.kind = ast::AlterAction::Kind::Drop;
    action.name = NameOf(drop->name());
  } else if (auto* rename = dynamic_cast<P::RenameFieldContext*>(ctx)) {
    action.kind = ast::AlterAction::Kind::Rename;
    action.name = NameOf(rename->from);
    action.new_name = NameOf(rename->to);
  }
  return action;
}

}  // namespace aurora::parser
