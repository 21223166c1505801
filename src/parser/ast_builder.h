// parser/ast_builder.h: walks ANTLR's parse tree and builds our AST (ast/ast.h).
//
// Internal to src/parser: the only place besides parser.cc that sees ANTLR types. Every node
// gets the 1-based line and column of its first token. String escapes and number ranges were
// already checked by the token scan (token_scan.h), so building cannot fail on them; the few
// checks left here (a repeated `action:`) throw AqlError.
#pragma once

#include <string_view>

#include "AQLParser.h"
#include "ast/ast.h"
#include "parser/utf8.h"

namespace aurora::parser {

class AstBuilder {
 public:
  // `text` is the whole document (valid UTF-8); `offsets` maps ANTLR's code-point indexes into it.
  AstBuilder(std::string_view text, const CodePointOffsets& offsets) : text_(text), offsets_(offsets) {}

  ast::Document Build(aurora_generated::AQLParser::DocumentContext* doc);

 private:
  using P = aurora_generated::AQLParser;

  ast::Operation BuildOperation(P::OperationContext* ctx);
  ast::Fragment BuildFragment(P::FragmentDefinitionContext* ctx);
  std::vector<ast::Selection> BuildSelectionSet(P::SelectionSetContext* ctx);
  ast::Selection BuildSelection(P::SelectionContext* ctx);
  ast::Selection BuildField(P::FieldContext* ctx);
  std::vector<ast::Argument> BuildArguments(P::ArgumentsContext* ctx);
  std::vector<ast::Directive> BuildDirectives(P::DirectivesContext* ctx);
  std::vector<ast::VariableDefinition> BuildVariableDefinitions(P::VariableDefinitionsContext* ctx);
  ast::TypeRef BuildType(P::TypeContext* ctx);
  ast::Value BuildValue(P::ValueContext* ctx);
  ast::Value BuildString(P::StringValueContext* ctx);
  void BuildHandlerBody(P::HandlerBodyContext* ctx, ast::Operation& op);
  ast::SchemaStatement BuildSchemaStatement(P::SchemaStatementContext* ctx);
  ast::FieldDefinition BuildFieldDefinition(P::FieldDefinitionContext* ctx);
  ast::AlterAction BuildAlterAction(P::AlterActionContext* ctx);

  std::string_view text_;
  const CodePointOffsets& offsets_;
};

}  // namespace aurora::parser
