// ast/ast.h: the AQL syntax tree, as our own value types.
//
// The parser (src/parser) builds these from ANTLR's parse tree; nothing after the parser sees
// ANTLR. Every node carries the 1-based line and column where it starts, so later stages can
// report errors at the right place. Plain values: copyable, no back-pointers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aurora::ast {

struct Pos {
  int line = 0;
  int column = 0;
};

struct ObjectField;

// A literal or variable in AQL source.
struct Value {
  enum class Kind { Null, Bool, Int, Float, String, Enum, Variable, List, Object };
  Kind kind = Kind::Null;
  Pos pos;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string text;                  // String: the decoded string; Enum: the word; Variable: name without '$'
  // String: byte offsets in `text` of each '$' that was written escaped as `\$`. Templates
  // (`${path}`) never start at those, so `\${` reads as a literal `${`.
  std::vector<std::size_t> escaped_dollars;
  std::vector<Value> items;          // List
  std::vector<ObjectField> fields;   // Object, in source order
};

struct ObjectField {
  std::string name;  // as written; quoted keys ("address.city") are decoded
  Pos pos;
  Value value;
};

// True when `v` is a `$variable` or holds one at any depth.
inline bool HasVariable(const Value& v) {
  if (v.kind == Value::Kind::Variable) return true;
  for (const Value& item : v.items) {
    if (HasVariable(item)) return true;
  }
  for (const ObjectField& f : v.fields) {
    if (HasVariable(f.value)) return true;
  }
  return false;
}

struct Argument {
  std::string name;
  Pos pos;
  Value value;
};

struct Directive {  // @name(args)
  std::string name;
  Pos pos;
  std::vector<Argument> args;
};

struct PipeCall {  // `| name(args)` after a selected field
  std::string name;
  Pos pos;
  std::vector<Argument> args;
};

// One entry of a selection set.
struct Selection {
  enum class Kind { Field, FragmentSpread, InlineFragment };
  Kind kind = Kind::Field;
  Pos pos;
  std::string alias;  // Field: empty when not aliased
  std::string name;   // Field: field name; FragmentSpread: fragment name; InlineFragment: type condition (may be empty)
  std::vector<Argument> args;
  std::vector<Directive> directives;
  bool has_selection_set = false;
  std::vector<Selection> selections;
  std::optional<Value> computed;  // `alias: "template ${x}"`: a computed field (name is empty)
  std::vector<PipeCall> pipes;    // `field | uppercase | round(digits: 2)`
  // Where the name starts (pos is where the selection starts: the alias when there is one).
  // Computed field: the template string; InlineFragment without a type condition: unset.
  Pos name_pos;
};

// A type in a variable definition or schema: Name, [Type], with ! for non-null.
struct TypeRef {
  std::string name;              // empty for a list type
  std::vector<TypeRef> element;  // one element for a list type
  bool non_null = false;
  Pos pos;
  bool is_list() const { return !element.empty(); }
};

struct VariableDefinition {
  std::string name;  // without '$'
  Pos pos;
  TypeRef type;
  std::optional<Value> default_value;
};

// schema { define collection users [if not exists] { name: String! @unique … } }
struct FieldDefinition {
  std::string name;
  Pos pos;
  TypeRef type;
  std::vector<Directive> directives;
  std::optional<Value> default_value;
};

struct AlterAction {
  enum class Kind { Add, Drop, Rename, Modify };
  Kind kind = Kind::Add;
  Pos pos;
  FieldDefinition field;  // Add, Modify
  std::string name;       // Drop, Rename: the field
  std::string new_name;   // Rename
};

struct SchemaStatement {
  enum class Kind { DefineCollection, AlterCollection, DropCollection };
  Kind kind = Kind::DefineCollection;
  Pos pos;
  std::string collection;
  bool if_not_exists = false;  // DefineCollection
  bool if_exists = false;      // DropCollection
  std::vector<FieldDefinition> fields;
  std::vector<AlterAction> actions;
};

struct Operation {
  enum class Kind { Query, Mutation, Schema, DefineHandler, DropHandler, PauseHandler, ResumeHandler };
  Kind kind = Kind::Query;
  Pos pos;
  std::string name;  // operation name, or the handler name
  std::vector<VariableDefinition> variables;
  std::vector<Directive> directives;
  std::vector<Selection> selections;  // Query, Mutation
  std::vector<SchemaStatement> schema;  // Schema
  // DefineHandler: its properties as written (on:, and any others, for validation), except
  // `action:`, which always goes to handler_action/handler_action_pos.
  std::vector<ObjectField> handler_properties;
  std::vector<Selection> handler_action;  // the mutation field(s) inside `action: { … }`
  Pos handler_action_pos;
  std::string source;  // the operation's exact source text
};

struct Fragment {  // fragment Name on collection { … }
  std::string name;
  Pos pos;
  std::string type_condition;
  std::vector<Directive> directives;
  std::vector<Selection> selections;
};

struct Document {
  std::vector<Operation> operations;
  std::vector<Fragment> fragments;
};

}  // namespace aurora::ast
