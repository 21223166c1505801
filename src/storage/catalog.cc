#include "storage/catalog.h"

namespace aurora::storage {

void EnsureCatalog(Connection& conn) {
  conn.Exec(
      "CREATE TABLE IF NOT EXISTS _collections ("
      "name TEXT PRIMARY KEY, "
      "created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), "
      "schema TEXT)");
}

bool CollectionExists(Connection& conn, std::string_view name) {
  Statement& st = conn.Prepare("SELECT 1 FROM _collections WHERE name = ?1");
  st.Bind(1, std::string(name));
  bool found = st.Step();
  st.Reset();
  return found;
}

bool EnsureCollection(Connection& conn, std::string_view name) {
  if (CollectionExists(conn, name)) return true;
  if (!CaseClashMessage(conn, name).empty()) return false;
  conn.Exec("CREATE TABLE IF NOT EXISTS " + QuoteIdentifier(name) + " (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
  Statement& st = conn.Prepare("INSERT OR IGNORE INTO _collections(name) VALUES (?1)");
  st.Bind(1, std::string(name));
  st.Step();
  st.Reset();
  return true;
}

std::string CaseClashMessage(Connection& conn, std::string_view name) {
  Statement& st = conn.Prepare("SELECT name FROM _collections WHERE name = ?1 COLLATE NOCASE AND name <> ?1");
  st.Bind(1, std::string(name));
  std::string other = st.Step() ? st.Text(0) : "";
  st.Reset();
  if (other.empty()) return "";
  return CaseClashMessage(name, other);
}

std::string CaseClashMessage(std::string_view name, std::string_view other) {
  return "collection '" + std::string(name) + "' differs from the existing collection '" + std::string(other) +
         "' only in case, and collection names that differ only in case would share one table: use '" +
         std::string(other) + "'";
}

std::string CollectionIgnoringCase(Connection& conn, std::string_view name) {
  // The exact spelling when it exists (should an older file hold two spellings), else any other.
  Statement& st = conn.Prepare(
      "SELECT coalesce(max(CASE WHEN name = ?1 THEN name END), min(name)) FROM _collections "
      "WHERE name = ?1 COLLATE NOCASE");
  st.Bind(1, std::string(name));
  std::string found = st.Step() ? st.Text(0) : "";
  st.Reset();
  return found;
}

std::vector<std::string> ListCollections(Connection& conn) {
  std::vector<std::string> out;
  Statement& st = conn.Prepare("SELECT name FROM _collections ORDER BY name");
  while (st.Step()) out.push_back(st.Text(0));
  st.Reset();
  return out;
}

}  // namespace aurora::storage
