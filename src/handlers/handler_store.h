// handlers/handler_store.h: the `_handlers` system table and the in-memory index of handlers
// by (event, collection) that writes consult.
//
// Definitions are stored with their source text and re-parsed when the database opens, so they
// survive restarts. Not thread-safe: used under the engine's connection lock.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "handlers/handler_definition.h"
#include "storage/sqlite.h"

namespace aurora::handlers {

// Creates `_handlers` if missing (a step of the system schema: engine/system_schema.h).
void CreateHandlersTable(storage::Connection& conn);

class HandlerStore {
 public:
  // Loads every definition. REQUIRES: `_handlers` exists (CreateHandlersTable).
  explicit HandlerStore(storage::Connection& conn);

  // Stores (or replaces, by name) a definition. Runs inside the caller's transaction if any.
  void Define(const HandlerDefinition& def);
  // Removes a handler; false when there is none by that name.
  bool Drop(const std::string& name);
  // Pauses or resumes; false when there is none by that name.
  bool SetPaused(const std::string& name, bool paused);

  // Active (not paused) handlers for an event on a collection, in name order.
  std::vector<const HandlerDefinition*> For(Event event, const std::string& collection) const;
  // True when no handler is active at all (lets writes skip the lookup cheaply).
  bool empty() const { return active_count_ == 0; }

  // Reloads from the table (after a rolled-back transaction changed it).
  void Reload();

 private:
  storage::Connection& conn_;
  std::map<std::string, HandlerDefinition> by_name_;
  std::map<std::pair<Event, std::string>, std::vector<const HandlerDefinition*>> index_;
  size_t active_count_ = 0;
  void Reindex();
};

}  // namespace aurora::handlers
