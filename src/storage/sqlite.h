// storage/sqlite.h: thin RAII over the SQLite C API (the only place that includes sqlite3.h
// besides its .cc). Connection owns a handle and a cache of prepared statements keyed by SQL
// text; Statement binds values and steps rows; Transaction commits or rolls back.
//
// A Connection is used by one thread at a time (callers serialize).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "aurora/error.h"
#include "storage/file_ref.h"

struct sqlite3;
struct sqlite3_stmt;

namespace aurora::storage {

// Thrown on any SQLite failure; `code` is SQLite's extended result code. `read_only` marks a
// write refused because the connection was opened read-only (OpenOptions::read_only).
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message, bool read_only = false)
      : std::runtime_error(message), code(code), read_only(read_only) {}
  int code;
  bool read_only;
};

// Whether the error is a constraint failure (UNIQUE, PRIMARY KEY, CHECK …): SQLITE_CONSTRAINT.
inline bool IsConstraintViolation(const SqliteError& e) { return (e.code & 0xff) == 19; }
// Whether another connection held a lock the statement needed past the busy timeout
// (SQLITE_BUSY, or SQLITE_LOCKED for a shared-cache or in-process conflict).
inline bool IsBusy(const SqliteError& e) { return (e.code & 0xff) == 5 || (e.code & 0xff) == 6; }
// The error a user sees for a SQLite failure (no position): CONSTRAINT_VIOLATION for constraints,
// BUSY for a lock time-out, INTERRUPTED, VALIDATION_ERROR for a write on a read-only connection,
// a statement too large for SQLite's limits or a `matches` text too long, else INTERNAL
// ("storage error: …").
Error ToError(const SqliteError& e);
// The same as an aurora::Exception whose message starts with `context` ("cannot enqueue job").
Exception ToException(const SqliteError& e, const std::string& context);

// Whether the error says a table does not exist (a query on a collection not created yet).
inline bool IsMissingTable(const SqliteError& e) {
  return std::string_view(e.what()).substr(0, 14) == "no such table:";
}

// A value bound to a `?` parameter.
using BindValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// A statement run while a log is attached to its connection (Connection::SetLog): the SQL text,
// the values bound to it and the connection's purpose note at that time. Recorded once per
// execution (at its first Step()); Connection::Exec records its text. Transaction control (BEGIN,
// SAVEPOINT, COMMIT, ROLLBACK of storage::Transaction) is not recorded. `@explain` on mutations
// reads it (executor/mutation_explain.cc).
struct LoggedStatement {
  std::string sql;
  std::vector<BindValue> binds;
  std::string purpose;
};
using StatementLog = std::vector<LoggedStatement>;

class Connection;

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  // A statement of `owner`, recording into its log when one is attached.
  Statement(sqlite3* db, sqlite3_stmt* stmt, Connection* owner) : db_(db), stmt_(stmt), owner_(owner) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, like SQLite's.
  void Bind(int index, const BindValue& value);
  void BindAll(const std::vector<BindValue>& values);
  // The same without building a BindValue (hot paths). SQLite copies the text.
  void BindText(int index, std::string_view text);
  // Binds text without SQLite copying it. REQUIRES: `text` outlives the statement's next Step()
  // calls, and the caller calls Reset() before it goes away (Reset clears the bindings).
  void BindTextNoCopy(int index, std::string_view text);
  void BindInt(int index, std::int64_t value);
  void BindNull(int index);
  // Advances to the next row: true while there is one.
  bool Step();
  // Resets for the next execution and clears bindings.
  void Reset();

  int ColumnCount() const;
  bool IsNull(int col) const;
  std::int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;  // valid until the next Step/Reset
  BindValue Value(int col) const;            // typed column value
  const char* ColumnName(int col) const;

 private:
  bool Logging() const;
  void LogBind(int index, BindValue value);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  Connection* owner_ = nullptr;
  bool logged_ = false;             // this execution is in the log already
  std::vector<BindValue> binds_;    // bound while logging, for the log
};

struct OpenOptions {
  // SQLITE_OPEN_READONLY: the file must exist; every write fails (SqliteError::read_only).
  // Otherwise the file is opened for reading and writing, and created when missing.
  bool read_only = false;
  // How long a statement waits for a lock another connection holds (sqlite3_busy_timeout).
  std::chrono::milliseconds busy_timeout{5000};
};

class Connection {
 public:
  // Opens `path` (":memory:" for a private in-memory database). Throws SqliteError.
  explicit Connection(const std::string& path, const OpenOptions& options = OpenOptions());
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs SQL without results (may hold several statements). Never pass user values here.
  void Exec(const std::string& sql);
  // A prepared statement from the cache, reset and ready to bind. The reference stays valid
  // while the connection lives; do not hold two uses of the same SQL text at once.
  Statement& Prepare(const std::string& sql);
  // A fresh statement, not cached (for SQL that is rarely repeated).
  std::unique_ptr<Statement> PrepareUncached(const std::string& sql);
  // Finalizes every cached statement (after DROP TABLE, so none re-prepares against a table that
  // is gone). REQUIRES: no reference from Prepare() is in use.
  void ClearStatementCache() { cache_.clear(); }
  std::size_t CachedStatements() const { return cache_.size(); }
  // Empties the cache when it holds more than `max` statements, so that many different queries
  // (ad-hoc field names, generated filters) cannot grow memory without bound. Call only where no
  // reference from Prepare() is in use (the engine does, before each operation).
  void TrimStatementCache(std::size_t max) {
    if (cache_.size() > max) cache_.clear();
  }

  // Resets every statement still positioned on a row (a single-row SELECT, or an UPDATE …
  // RETURNING, stepped once and not reset). While one is, COMMIT can fail with "SQL statements
  // in progress": transactions call this right before COMMIT, when no caller is iterating.
  void ResetPendingStatements();

  // sqlite3_interrupt: the running statement (and any started before it finishes) fails with
  // SQLITE_INTERRUPT. Safe from another thread or a signal handler.
  void Interrupt();

  // Records every statement run from now on into `log` (null: stop). The caller owns the log and
  // detaches it before it goes away. Costs one pointer test per bind and step when detached.
  void SetLog(StatementLog* log) { log_ = log; }
  StatementLog* Log() const { return log_; }
  // A note copied into each logged statement (who runs it: "update", "handler audit: insert" …).
  void SetLogPurpose(std::string purpose) { log_purpose_ = std::move(purpose); }
  const std::string& LogPurpose() const { return log_purpose_; }

  std::int64_t Changes() const;
  bool InTransaction() const;
  // Whether the connection was opened read-only.
  bool ReadOnly() const;
  // The wait for locks of other connections (OpenOptions::busy_timeout); 0: fail at once.
  void SetBusyTimeout(std::chrono::milliseconds timeout);
  std::chrono::milliseconds BusyTimeout() const { return busy_timeout_; }
  sqlite3* handle() { return db_; }
  // A descriptor of the database file (null for an in-memory database), held while the
  // connection is open (storage/file_ref.h): the job owner locks are checked through it.
  const FileRef* file() const { return file_.get(); }

 private:
  friend class Statement;

  std::unique_ptr<FileRef> file_;  // destroyed after the handle is closed (see ~Connection)
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
  StatementLog* log_ = nullptr;
  std::string log_purpose_;
  std::chrono::milliseconds busy_timeout_{0};
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() was called.
// Nested use on a connection already in a transaction becomes a SAVEPOINT.
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void Commit();

 private:
  Connection& conn_;
  bool nested_;
  bool done_ = false;
};

// "name" with embedded quotes doubled. REQUIRES: the name was validated by the caller.
std::string QuoteIdentifier(std::string_view name);

}  // namespace aurora::storage
