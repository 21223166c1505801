#include "handlers/handler_store.h"

#include "common/aql_error.h"
#include "parser/parser.h"

namespace aurora::handlers {

void CreateHandlersTable(storage::Connection& conn) {
  conn.Exec(
      "CREATE TABLE IF NOT EXISTS _handlers ("
      " name TEXT PRIMARY KEY, event TEXT NOT NULL, collection TEXT NOT NULL,"
      " action TEXT NOT NULL, source TEXT NOT NULL, paused INTEGER NOT NULL DEFAULT 0,"
      " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
}

HandlerStore::HandlerStore(storage::Connection& conn) : conn_(conn) { Reload(); }

void HandlerStore::Reload() {
  by_name_.clear();
  storage::Statement& st = conn_.Prepare("SELECT name, source, paused FROM _handlers ORDER BY name");
  while (st.Step()) {
    std::string name = st.Text(0);
    std::string source = st.Text(1);
    bool paused = st.Int(2) != 0;
    try {
      ast::Document doc = parser::Parse(source);
      for (const ast::Operation& op : doc.operations) {
        if (op.kind != ast::Operation::Kind::DefineHandler) continue;
        HandlerDefinition def = CheckDefinition(op);
        def.paused = paused;
        by_name_[name] = std::move(def);
      }
    } catch (const internal::AqlError&) {
      // A stored definition that no longer checks (grammar changed) is skipped, not fatal:
      // it stays listed in the table for the operator to redefine or drop.
    }
  }
  st.Reset();
  Reindex();
}

void HandlerStore::Reindex() {
  index_.clear();
  active_count_ = 0;
  for (const auto& [name, def] : by_name_) {
    if (def.paused) continue;
    index_[{def.event, def.collection}].push_back(&def);
    ++active_count_;
  }
}

void HandlerStore::Define(const HandlerDefinition& def) {
  storage::Statement& st = conn_.Prepare(
      "INSERT INTO _handlers(name, event, collection, action, source, paused) VALUES (?, ?, ?, ?, ?, 0) "
      "ON CONFLICT(name) DO UPDATE SET event=excluded.event, collection=excluded.collection, "
      "action=excluded.action, source=excluded.source, paused=0");
  st.BindAll({def.name, std::string(to_string(def.event)), def.collection, def.action_source, def.source});
  st.Step();
  st.Reset();
  HandlerDefinition stored = def;
  stored.paused = false;
  by_name_[def.name] = std::move(stored);
  Reindex();
}

bool HandlerStore::Drop(const std::string& name) {
  storage::Statement& st = conn_.Prepare("DELETE FROM _handlers WHERE name = ?");
  st.Bind(1, name);
  st.Step();
  st.Reset();
  bool found = conn_.Changes() > 0;
  by_name_.erase(name);
  Reindex();
  return found;
}

bool HandlerStore::SetPaused(const std::string& name, bool paused) {
  storage::Statement& st = conn_.Prepare("UPDATE _handlers SET paused = ? WHERE name = ?");
  st.BindAll({static_cast<std::int64_t>(paused ? 1 : 0), name});
  st.Step();
  st.Reset();
  bool found = conn_.Changes() > 0;
  auto it = by_name_.find(name);
  if (it != by_name_.end()) it->second.paused = paused;
  Reindex();
  return found;
}

std::vector<const HandlerDefinition*> HandlerStore::For(Event event, const std::string& collection) const {
  auto it = index_.find({event, collection});
  return it == index_.end() ? std::vector<const HandlerDefinition*>{} : it->second;
}

}  // namespace aurora::handlers
