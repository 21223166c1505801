#include "storage/search_index.h"

namespace aurora::storage {
namespace {

std::vector<std::string> Fields(const CollectionSchema* schema) {
  return schema ? schema->SearchFields() : std::vector<std::string>{};
}

std::string Extracts(const std::vector<std::string>& fields, const std::string& row) {
  std::string out;
  for (const auto& f : fields) out += ", json_extract(" + row + ".doc, '$." + f + "')";
  return out;
}

}  // namespace

std::string SearchTableName(std::string_view collection) { return "afts$" + std::string(collection); }

bool IsReservedSearchColumn(std::string_view name) { return name == "rank" || name == "rowid"; }

void SyncSearchIndex(Connection& conn, std::string_view collection, const CollectionSchema* before,
                     const CollectionSchema* after) {
  std::vector<std::string> old_fields = Fields(before);
  std::vector<std::string> new_fields = Fields(after);
  if (old_fields == new_fields) return;
  const std::string fts = SearchTableName(collection);
  const std::string q_fts = QuoteIdentifier(fts);
  const std::string q_table = QuoteIdentifier(collection);
  for (const char* suffix : {"$ai", "$ad", "$au"}) conn.Exec("DROP TRIGGER IF EXISTS " + QuoteIdentifier(fts + suffix));
  conn.Exec("DROP TABLE IF EXISTS " + q_fts);
  if (new_fields.empty()) return;
  std::string columns;
  std::string names;
  for (const auto& f : new_fields) {
    columns += (columns.empty() ? "" : ", ") + QuoteIdentifier(f);
    names += ", " + QuoteIdentifier(f);
  }
  conn.Exec("CREATE VIRTUAL TABLE " + q_fts + " USING fts5(" + columns + ")");
  const std::string insert_new =
      "INSERT INTO " + q_fts + " (rowid" + names + ") VALUES (new.rowid" + Extracts(new_fields, "new") + ");";
  const std::string delete_old = "DELETE FROM " + q_fts + " WHERE rowid = old.rowid;";
  conn.Exec("CREATE TRIGGER " + QuoteIdentifier(fts + "$ai") + " AFTER INSERT ON " + q_table + " BEGIN " +
            insert_new + " END");
  conn.Exec("CREATE TRIGGER " + QuoteIdentifier(fts + "$ad") + " AFTER DELETE ON " + q_table + " BEGIN " +
            delete_old + " END");
  conn.Exec("CREATE TRIGGER " + QuoteIdentifier(fts + "$au") + " AFTER UPDATE ON " + q_table + " BEGIN " +
            delete_old + " " + insert_new + " END");
  conn.Exec("INSERT INTO " + q_fts + " (rowid" + names + ") SELECT t.rowid" + Extracts(new_fields, "t") + " FROM " +
            q_table + " AS t");
}

}  // namespace aurora::storage
