#include "ast_print.h"

#include <cstdio>

namespace aurora::testing {
namespace {

std::string Quote(const ast::Value& v) {
  std::string out = "\"";
  std::size_t next_dollar = 0;
  for (std::size_t i = 0; i < v.text.size(); ++i) {
    char c = v.text[i];
    if (next_dollar < v.escaped_dollars.size() && v.escaped_dollars[next_dollar] == i) {
      out += "\\$";
      ++next_dollar;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

template <typename T>
std::string Args(const std::vector<T>& args) {
  if (args.empty()) return "";
  std::string out = "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += args[i].name + ": " + Print(args[i].value);
  }
  return out + ")";
}

std::string Directives(const std::vector<ast::Directive>& directives) {
  std::string out;
  for (const auto& d : directives) out += " @" + d.name + Args(d.args);
  return out;
}

std::string Selections(const std::vector<ast::Selection>& selections) {
  std::string out = "{";
  for (const auto& s : selections) out += " " + Print(s);
  return out + " }";
}

std::string FieldDef(const ast::FieldDefinition& f) {
  std::string out = f.name + ": " + Print(f.type);
  if (f.default_value) out += " = " + Print(*f.default_value);
  return out + Directives(f.directives);
}

}  // namespace

std::string Print(const ast::Value& v) {
  using K = ast::Value::Kind;
  switch (v.kind) {
    case K::Null: return "null";
    case K::Bool: return v.boolean ? "true" : "false";
    case K::Int: return std::to_string(v.integer);
    case K::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", v.number);
      return std::string(buf) + "f";
    }
    case K::String: return Quote(v);
    case K::Enum: return v.text;
    case K::Variable: return "$" + v.text;
    case K::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i > 0 ? ", " : "") + Print(v.items[i]);
      return out + "]";
    }
    case K::Object: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.fields.size(); ++i) {
        out += (i > 0 ? ", " : "") + v.fields[i].name + ": " + Print(v.fields[i].value);
      }
      return out + "}";
    }
  }
  return "?";
}

std::string Print(const ast::TypeRef& type) {
  std::string out = type.is_list() ? "[" + Print(type.element[0]) + "]" : type.name;
  return type.non_null ? out + "!" : out;
}

std::string Print(const ast::Selection& s) {
  std::string out;
  switch (s.kind) {
    case ast::Selection::Kind::FragmentSpread: return "..." + s.name + Directives(s.directives);
    case ast::Selection::Kind::InlineFragment:
      out = "...";
      if (!s.name.empty()) out += " on " + s.name;
      return out + Directives(s.directives) + " " + Selections(s.selections);
    case ast::Selection::Kind::Field: break;
  }
  if (!s.alias.empty()) out += s.alias + ": ";
  if (s.computed) {
    out += Print(*s.computed);
    for (const auto& p : s.pipes) out += " | " + p.name + Args(p.args);
    return out + Directives(s.directives);
  }
  out += s.name + Args(s.args) + Directives(s.directives);
  for (const auto& p : s.pipes) out += " | " + p.name + Args(p.args);
  if (s.has_selection_set) out += " " + Selections(s.selections);
  return out;
}

std::string Print(const ast::Operation& op) {
  using K = ast::Operation::Kind;
  std::string out;
  switch (op.kind) {
    case K::Query:
    case K::Mutation: {
      out = op.kind == K::Query ? "query" : "mutation";
      if (!op.name.empty()) out += " " + op.name;
      if (!op.variables.empty()) {
        out += "(";
        for (std::size_t i = 0; i < op.variables.size(); ++i) {
          const auto& v = op.variables[i];
          out += (i > 0 ? ", $" : "$") + v.name + ": " + Print(v.type);
          if (v.default_value) out += " = " + Print(*v.default_value);
        }
        out += ")";
      }
      return out + Directives(op.directives) + " " + Selections(op.selections);
    }
    case K::DefineHandler: {
      out = "define handler \"" + op.name + "\" {";
      for (const auto& p : op.handler_properties) out += " " + p.name + ": " + Print(p.value);
      if (!op.handler_action.empty() || op.handler_action_pos.line > 0) {
        out += " action: " + Selections(op.handler_action);
      }
      return out + " }";
    }
    case K::DropHandler: return "drop handler \"" + op.name + "\"";
    case K::PauseHandler: return "pause handler \"" + op.name + "\"";
    case K::ResumeHandler: return "resume handler \"" + op.name + "\"";
    case K::Schema: {
      out = "schema {";
      for (const auto& st : op.schema) {
        using SK = ast::SchemaStatement::Kind;
        switch (st.kind) {
          case SK::DefineCollection:
            out += " define collection " + st.collection + (st.if_not_exists ? " if not exists" : "") + " {";
            for (const auto& f : st.fields) out += " " + FieldDef(f);
            out += " }";
            break;
          case SK::AlterCollection:
            out += " alter collection " + st.collection + " {";
            for (const auto& a : st.actions) {
              using AK = ast::AlterAction::Kind;
              switch (a.kind) {
                case AK::Add: out += " add field " + FieldDef(a.field); break;
                case AK::Modify: out += " modify field " + FieldDef(a.field); break;
                case AK::Drop: out += " drop field " + a.name; break;
                case AK::Rename: out += " rename field " + a.name + " to " + a.new_name; break;
              }
            }
            out += " }";
            break;
          case SK::DropCollection:
            out += " drop collection " + st.collection + (st.if_exists ? " if exists" : "");
            break;
        }
      }
      return out + " }";
    }
  }
  return "?";
}

std::string Print(const ast::Fragment& f) {
  return "fragment " + f.name + " on " + f.type_condition + Directives(f.directives) + " " + Selections(f.selections);
}

std::string Print(const ast::Document& doc) {
  std::string out;
  for (const auto& op : doc.operations) out += Print(op) + "\n";
  for (const auto& f : doc.fragments) out += Print(f) + "\n";
  return out;
}

}  // namespace aurora::testing
