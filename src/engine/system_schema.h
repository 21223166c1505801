// engine/system_schema.h: the layout of the system tables (_collections, _handlers, _jobs,
// _jobs_inbox, _jobs_completed, their indexes), versioned in the database file.
//
// The version is the row ('schema_version', N) of the system table `_aurora_meta (key, value)`.
// A row rather than PRAGMA user_version: user_version (like application_id) belongs to whoever
// owns the file, and a SQLite file adopted with Config::adopt_existing_sqlite may already count
// its own migrations there. The row changes in the transaction of the upgrade it records, and
// the sqlite3 shell shows it by name.
//
// Files written before the version was recorded have no row. One whose system tables and
// indexes are exactly those of version 1 is version 1 (opening it with this library writes
// nothing); an older unversioned layout is version 0. A new file is version 0 too: it gets every
// step.
//
// To change the layout: write a function that changes a file of the previous version, and add
// it with its version at the end of the list in system_schema.cc (UpgradeSteps). Opening an
// older file runs the missing steps and records the new version, all in one transaction; a file
// of a newer version than the list's last is refused.
#pragma once

#include <string>
#include <vector>

#include "storage/sqlite.h"

namespace aurora::engine {

struct UpgradeStep {
  int version;  // the version a file has after this step
  void (*apply)(storage::Connection& conn);
};

// Every step, in order; versions count up from 1.
const std::vector<UpgradeStep>& UpgradeSteps();
// The version this library writes: the last step's.
int LatestSchemaVersion(const std::vector<UpgradeStep>& steps = UpgradeSteps());

// What a file holds, from reads only.
struct SchemaState {
  bool has_tables = false;  // any table at all (false for a new or empty file)
  bool aurora = false;      // Aurora's system tables are there (`_collections`)
  int version = 0;          // see above; 0 when the file is not (yet) an Aurora database
  // System table names already taken by tables of a file that is not an Aurora database.
  std::vector<std::string> taken_names;
};
SchemaState ReadSchemaState(storage::Connection& conn);

// Brings the file to LatestSchemaVersion(steps) in one write transaction: re-reads the version
// inside it (another process may have upgraded meanwhile), runs the missing steps, records the
// version. Waits for the write lock up to the busy timeout (SqliteError, BUSY). Throws
// aurora::Exception (VALIDATION_ERROR) when the file turns out newer than the steps.
void UpgradeSystemSchema(storage::Connection& conn, const std::string& path,
                         const std::vector<UpgradeStep>& steps = UpgradeSteps());

// The message for a file of version `file_version` opened by a library that knows `latest`.
std::string NewerVersionMessage(const std::string& path, int file_version, int latest);

}  // namespace aurora::engine
