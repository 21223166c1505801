#include "engine/system_schema.h"

#include <set>

#include "aurora/error.h"
#include "handlers/handler_store.h"
#include "jobs/job_schema.h"
#include "storage/catalog.h"

namespace aurora::engine {
namespace {

constexpr const char* kVersionTable = "_aurora_meta";

// Version 1: the layout of the first release that recorded its version. Idempotent (CREATE …
// IF NOT EXISTS, and jobs::EnsureSchema's own repairs), so it also brings any older unversioned
// layout up to version 1.
void CreateVersion1(storage::Connection& conn) {
  storage::EnsureCatalog(conn);
  handlers::CreateHandlersTable(conn);
  jobs::EnsureSchema(conn);
}

// Tables and indexes a file of version 1 has, and the indexes of older layouts it has not.
const std::vector<std::string> kVersion1Objects = {"_collections", "_handlers",       "_jobs",
                                                   "_jobs_inbox",  "_jobs_completed", "_jobs_queue",
                                                   "_jobs_scheduled", "_jobs_running"};
const std::vector<std::string> kBeforeVersion1Objects = {"_jobs_ready", "_jobs_status"};
// Names Aurora creates: a file adopted with Config::adopt_existing_sqlite must not hold them.
const std::vector<std::string> kSystemNames = {"_collections", "_handlers",   "_jobs", "_jobs_inbox",
                                               "_jobs_completed", "_aurora_meta"};

std::set<std::string> SchemaObjects(storage::Connection& conn) {
  std::set<std::string> names;
  auto st = conn.PrepareUncached("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')");
  while (st->Step()) names.insert(st->Text(0));
  return names;
}

// The recorded version, or -1 when there is no record.
int RecordedVersion(storage::Connection& conn, const std::set<std::string>& names) {
  if (!names.count(kVersionTable)) return -1;
  auto st = conn.PrepareUncached(std::string("SELECT value FROM ") + kVersionTable + " WHERE key = 'schema_version'");
  if (!st->Step() || st->IsNull(0)) return -1;
  return static_cast<int>(st->Int(0));
}

int VersionOf(storage::Connection& conn, const std::set<std::string>& names) {
  if (!names.count("_collections")) return 0;
  int recorded = RecordedVersion(conn, names);
  if (recorded >= 0) return recorded;
  for (const std::string& name : kVersion1Objects) {
    if (!names.count(name)) return 0;
  }
  for (const std::string& name : kBeforeVersion1Objects) {
    if (names.count(name)) return 0;
  }
  return 1;
}

// Version 2: `_jobs.suspect` (0 ordinary; 1 its attempt was interrupted by its worker's death
// beside other jobs; 2 it runs alone as such a suspect), see jobs/job_store.h ClaimSuspect.
void AddJobSuspect(storage::Connection& conn) { jobs::EnsureSuspectColumn(conn); }

}  // namespace

const std::vector<UpgradeStep>& UpgradeSteps() {
  // One row per layout change, in order. Never edit a shipped step: add the next.
  static const std::vector<UpgradeStep> steps = {
      {1, CreateVersion1},
      {2, AddJobSuspect},
  };
  return steps;
}

int LatestSchemaVersion(const std::vector<UpgradeStep>& steps) { return steps.empty() ? 0 : steps.back().version; }

SchemaState ReadSchemaState(storage::Connection& conn) {
  SchemaState state;
  std::set<std::string> names = SchemaObjects(conn);
  {
    auto st = conn.PrepareUncached("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1");
    state.has_tables = st->Step();
  }
  state.aurora = names.count("_collections") > 0;
  state.version = VersionOf(conn, names);
  if (!state.aurora) {
    for (const std::string& name : kSystemNames) {
      if (names.count(name)) state.taken_names.push_back(name);
    }
  }
  return state;
}

std::string NewerVersionMessage(const std::string& path, int file_version, int latest) {
  return "cannot open '" + path + "': its system tables have layout version " + std::to_string(file_version) +
         ", newer than this library's version " + std::to_string(latest) +
         ": it was written by a newer release of Aurora; open it with that release or a later one";
}

void UpgradeSystemSchema(storage::Connection& conn, const std::string& path, const std::vector<UpgradeStep>& steps) {
  int latest = LatestSchemaVersion(steps);
  storage::Transaction tx(conn);
  int version = VersionOf(conn, SchemaObjects(conn));
  if (version > latest) throw Exception(ErrorCode::ValidationError, NewerVersionMessage(path, version, latest));
  if (version == latest) return;  // another process upgraded it first; nothing to commit
  for (const UpgradeStep& step : steps) {
    if (step.version > version) step.apply(conn);
  }
  conn.Exec(std::string("CREATE TABLE IF NOT EXISTS ") + kVersionTable +
            " (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID");
  storage::Statement& st = conn.Prepare(std::string("INSERT INTO ") + kVersionTable +
                                        " (key, value) VALUES ('schema_version', ?1) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st.BindInt(1, latest);
  st.Step();
  st.Reset();
  tx.Commit();
}

}  // namespace aurora::engine
