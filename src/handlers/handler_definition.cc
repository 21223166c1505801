#include "handlers/handler_definition.h"

#include <algorithm>

#include "common/aql_error.h"
#include "common/suggest.h"
#include "handlers/template.h"

namespace aurora::handlers {
namespace {

using internal::AqlError;

using internal::Fail;

Event ParseEvent(const std::string& word, const ast::Pos& pos) {
  if (word == "insert") return Event::Insert;
  if (word == "update") return Event::Update;
  if (word == "delete") return Event::Delete;
  Fail(pos, "unknown handler event '" + word + "'" +
                internal::DidYouMean(word, {"insert", "update", "delete"}) +
                "; expected insert, update or delete");
}

// Byte offset in `source` (which starts at `origin`) of the 1-based line/column `pos`; columns
// count code points, as the parser does. npos when outside.
size_t OffsetOf(const std::string& source, const ast::Pos& origin, const ast::Pos& pos) {
  int line = origin.line;
  int column = origin.column;
  for (size_t i = 0; i < source.size(); ++i) {
    if (line == pos.line && column == pos.column) return i;
    unsigned char c = static_cast<unsigned char>(source[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return std::string::npos;
}

// The text inside the braces that open at `open` (skipping strings and comments), trimmed.
std::string BlockText(const std::string& s, size_t open) {
  if (open == std::string::npos || open >= s.size() || s[open] != '{') return "";
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '"') {
      bool block = s.compare(i, 3, "\"\"\"") == 0;
      size_t j = i + (block ? 3 : 1);
      while (j < s.size()) {
        if (s[j] == '\\') {
          j += 2;
        } else if (block ? s.compare(j, 3, "\"\"\"") == 0 : s[j] == '"') {
          break;
        } else {
          ++j;
        }
      }
      i = j + (block ? 2 : 0);
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      std::string inner = s.substr(open + 1, i - open - 1);
      size_t b = inner.find_first_not_of(" \t\r\n");
      size_t e = inner.find_last_not_of(" \t\r\n");
      return b == std::string::npos ? "" : inner.substr(b, e - b + 1);
    }
  }
  return "";
}

}  // namespace

const char* to_string(Event e) {
  switch (e) {
    case Event::Insert: return "insert";
    case Event::Update: return "update";
    case Event::Delete: return "delete";
  }
  return "insert";
}

const std::vector<std::string>& ActionCalls() {
  static const std::vector<std::string> calls = {"enqueueJob", "enqueueJobs", "insertInto", "insert",
                                                 "insertMany", "update",      "upsert",     "deleteFrom",
                                                 "delete"};
  return calls;
}

bool IsValidCollectionName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return name.rfind("sqlite_", 0) != 0;
}

HandlerDefinition CheckDefinition(const ast::Operation& op) {
  HandlerDefinition def;
  def.name = op.name;
  def.source = op.source;
  if (def.name.empty() || def.name.size() > 128) Fail(op.pos, "a handler needs a name of 1 to 128 characters");

  bool has_on = false;
  for (const ast::ObjectField& prop : op.handler_properties) {
    if (prop.name != "on") {
      Fail(prop.pos, "unknown handler property '" + prop.name + "'" +
                         internal::DidYouMean(prop.name, {"on", "action"}) + "; a handler has 'on' and 'action'");
    }
    if (has_on) Fail(prop.pos, "'on' is given twice");
    has_on = true;
    if (prop.value.kind != ast::Value::Kind::String) {
      Fail(prop.value.pos, "'on' must be a string such as \"insert:products\"");
    }
    const std::string& text = prop.value.text;
    size_t sep = text.find_first_of(": ");
    if (sep == std::string::npos) {
      Fail(prop.value.pos, "'on' must be \"<insert|update|delete>:<collection>\", got \"" + text + "\"");
    }
    def.event = ParseEvent(text.substr(0, sep), prop.value.pos);
    def.collection = text.substr(sep + 1);
    if (!IsValidCollectionName(def.collection)) {
      Fail(prop.value.pos, "bad collection name '" + def.collection +
                               "' in 'on': expected a letter followed by letters, digits or '_' "
                               "(names starting with '_' are system tables)");
    }
  }
  if (!has_on) Fail(op.pos, "handler '" + def.name + "' has no 'on' property (e.g. on: \"insert:products\")");

  if (op.handler_action.empty()) {
    Fail(op.pos, "handler '" + def.name + "' has no action (e.g. action: { enqueueJob(type: \"t\", payload: {}) })");
  }
  if (op.handler_action.size() > 1) {
    Fail(op.handler_action[1].pos, "a handler action is exactly one mutation call");
  }
  const ast::Selection& action = op.handler_action[0];
  if (action.kind != ast::Selection::Kind::Field || action.computed) {
    Fail(action.pos, "a handler action must be a mutation call such as enqueueJob(…)");
  }
  const auto& calls = ActionCalls();
  if (std::find(calls.begin(), calls.end(), action.name) == calls.end()) {
    Fail(action.pos, "'" + action.name + "' cannot be a handler action" +
                         internal::DidYouMean(action.name, calls) +
                         "; use enqueueJob, enqueueJobs, insertInto, insertMany, update, upsert or deleteFrom");
  }
  for (const ast::Argument& arg : action.args) CheckTemplates(arg.value);
  def.action = action;
  def.action_source = BlockText(op.source, OffsetOf(op.source, op.pos, op.handler_action_pos));
  if (def.action_source.empty()) def.action_source = action.name;
  return def;
}

}  // namespace aurora::handlers
