#include "engine/open_database.h"

#include "aurora/error.h"
#include "engine/system_schema.h"
#include "storage/file_probe.h"
#include "storage/sql_functions.h"

namespace aurora::engine {
namespace {

[[noreturn]] void Refuse(const std::string& message) { throw Exception(ErrorCode::ValidationError, message); }

bool InMemory(const Config& config) { return config.path.empty() || config.path == ":memory:"; }

// Refusals decided from the file's bytes and permissions, before SQLite opens it.
void CheckFileBeforeOpening(const std::string& path, const storage::FileProbe& probe, const Config& config) {
  if (probe.exists && probe.size > 0 && !probe.sqlite_header) {
    Refuse("cannot open '" + path +
           "': it is not an Aurora database (not even a SQLite database: it does not start with SQLite's "
           "header); the file was not changed");
  }
  bool read_only = probe.exists && !probe.writable;
  if (!read_only) return;
  if (probe.wal_mode && !probe.shm_exists && !probe.directory_writable) {
    Refuse("cannot open '" + path + "' read-only: the file is in WAL mode and its '" + path +
           "-shm' file is missing; SQLite must create that file even to read, and its directory is read-only "
           "(a read-only mount, or no write permission). Open it where it can be written, copy it (with its "
           "-wal file, if any) to a writable place, or take it out of WAL mode (sqlite3 FILE "
           "'PRAGMA journal_mode=DELETE') before making it read-only");
  }
  if (config.workers_enabled) {
    Refuse("cannot open '" + path +
           "' with workers_enabled: this process may not write the file (no write permission, or a read-only "
           "mount), and workers write the job queue");
  }
}

// Refusals decided from the system tables (read without writing).
void CheckSchema(const std::string& path, const SchemaState& state, const Config& config, bool read_only) {
  int latest = LatestSchemaVersion();
  if (state.has_tables && !state.aurora) {
    if (!config.adopt_existing_sqlite) {
      Refuse("cannot open '" + path +
             "': it is a SQLite database with tables of its own but not an Aurora database (it has no "
             "'_collections' table); opening it would add Aurora's system tables and switch it to WAL mode. Set "
             "Config::adopt_existing_sqlite = true to do that; the file was not changed");
    }
    if (!state.taken_names.empty()) {
      Refuse("cannot adopt '" + path + "': it already has a table named '" + state.taken_names.front() +
             "', a name Aurora's system tables use; the file was not changed");
    }
  }
  if (state.version > latest) Refuse(NewerVersionMessage(path, state.version, latest));
  if (read_only && state.version < latest) {
    Refuse("cannot open '" + path + "' read-only: " +
           (state.has_tables ? "its system tables have layout version " + std::to_string(state.version) +
                                   " and need an upgrade to version " + std::to_string(latest)
                             : std::string("it is empty and needs Aurora's system tables")) +
           ", which needs write access; open it once where this process may write it");
  }
}

std::string JournalMode(storage::Connection& conn) {
  auto st = conn.PrepareUncached("PRAGMA journal_mode");
  return st->Step() ? st->Text(0) : "";
}

const char* SynchronousPragma(Synchronous level) {
  switch (level) {
    case Synchronous::Full: return "PRAGMA synchronous=FULL";
    case Synchronous::Normal: return "PRAGMA synchronous=NORMAL";
    case Synchronous::Off: return "PRAGMA synchronous=OFF";
  }
  return "PRAGMA synchronous=NORMAL";
}

std::unique_ptr<storage::Connection> Open(const Config& config) {
  const std::string& path = config.path;
  storage::OpenOptions options;
  options.busy_timeout = config.busy_timeout;
  bool memory = InMemory(config);
  storage::FileProbe probe;
  if (!memory) {
    probe = storage::ProbeFile(path);
    CheckFileBeforeOpening(path, probe, config);
    options.read_only = probe.exists && !probe.writable;
  }
  std::unique_ptr<storage::Connection> conn;
  try {
    conn = std::make_unique<storage::Connection>(memory ? ":memory:" : path, options);
  } catch (const storage::SqliteError& e) {
    std::string why = !memory && !probe.exists && !probe.directory_writable
                          ? " (the file does not exist, and its directory is missing or cannot take new files)"
                          : "";
    throw Exception(ErrorCode::Internal, e.what() + why);  // "cannot open database 'PATH': REASON"
  }
  SchemaState state = ReadSchemaState(*conn);
  CheckSchema(memory ? ":memory:" : path, state, config, options.read_only);
  // Only now may the file change: it is new, an Aurora database, or to be adopted.
  if (!memory && !options.read_only && JournalMode(*conn) != "wal") conn->Exec("PRAGMA journal_mode=WAL");
  conn->Exec(SynchronousPragma(config.synchronous));
  storage::RegisterSqlFunctions(*conn);
  if (state.version < LatestSchemaVersion()) UpgradeSystemSchema(*conn, path);
  return conn;
}

}  // namespace

std::unique_ptr<storage::Connection> OpenDatabase(const Config& config) {
  try {
    return Open(config);
  } catch (const storage::SqliteError& e) {
    if ((e.code & 0xff) == 26) {  // SQLITE_NOTADB: a SQLite header, but not a database SQLite can read
      Refuse("cannot open '" + config.path + "': it is not an Aurora database (SQLite cannot read it: " +
             e.what() + ")");
    }
    throw storage::ToException(e, "cannot open '" + config.path + "'");
  }
}

}  // namespace aurora::engine
