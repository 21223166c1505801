// engine/open_database.h: the connection behind Database::open, and what open refuses.
//
// In order:
//   1. A file that exists, is not empty and does not start with SQLite's header is refused
//      before SQLite touches it (SQLite would leave `-wal`/`-shm` files or rewrite it).
//   2. A file this process may not write (no write permission, read-only mount) is opened
//      read-only: queries work, writes are refused (VALIDATION_ERROR), workers are refused. On
//      a read-only directory a WAL-mode file without its `-shm` file cannot be read at all
//      (SQLite must create that file even to read): refused, with the reason.
//   3. Its system schema is read (reads only: engine/system_schema.h). A SQLite database with
//      tables but without Aurora's system tables is refused, unchanged, unless
//      Config::adopt_existing_sqlite; a file of a newer layout version than this library's is
//      refused; an older one is upgraded in one transaction (the one write open may wait for).
//   4. WAL mode (files only) when the file is not in it yet, the synchronous level, the SQL
//      functions of storage/sql_functions.h.
// A file already set up is only read: opening never waits for the write lock.
#pragma once

#include <memory>

#include "aurora/config.h"
#include "storage/sqlite.h"

namespace aurora::engine {

// Throws aurora::Exception: VALIDATION_ERROR for a file refused above, BUSY when an upgrade
// waited past Config::busy_timeout, INTERNAL when the file cannot be opened or read.
std::unique_ptr<storage::Connection> OpenDatabase(const Config& config);

}  // namespace aurora::engine
