#include "storage/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace aurora::storage {
namespace {

// A write SQLite refused because the connection itself was opened read-only.
bool RefusedAsReadOnly(sqlite3* db, int rc) {
  return (rc & 0xff) == SQLITE_READONLY && sqlite3_db_readonly(db, "main") == 1;
}

[[noreturn]] void Throw(sqlite3* db, int rc) {
  throw SqliteError(sqlite3_extended_errcode(db),
                    std::string(sqlite3_errmsg(db)) + " (sqlite " + std::to_string(rc) + ")",
                    RefusedAsReadOnly(db, rc));
}

}  // namespace

Statement::~Statement() { sqlite3_finalize(stmt_); }

bool Statement::Logging() const { return owner_ && owner_->log_; }

void Statement::LogBind(int index, BindValue value) {
  if (index < 1) return;
  auto i = static_cast<size_t>(index);
  if (binds_.size() < i) binds_.resize(i);
  binds_[i - 1] = std::move(value);
}

void Statement::Bind(int index, const BindValue& value) {
  if (Logging()) LogBind(index, value);
  int rc = SQLITE_OK;
  if (std::holds_alternative<std::nullptr_t>(value)) {
    rc = sqlite3_bind_null(stmt_, index);
  } else if (auto* i = std::get_if<std::int64_t>(&value)) {
    rc = sqlite3_bind_int64(stmt_, index, *i);
  } else if (auto* d = std::get_if<double>(&value)) {
    rc = sqlite3_bind_double(stmt_, index, *d);
  } else {
    const std::string& s = std::get<std::string>(value);
    rc = sqlite3_bind_text64(stmt_, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  if (rc != SQLITE_OK) Throw(db_, rc);
}

void Statement::BindText(int index, std::string_view text) {
  if (Logging()) LogBind(index, std::string(text));
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) Throw(db_, rc);
}

void Statement::BindTextNoCopy(int index, std::string_view text) {
  if (Logging()) LogBind(index, std::string(text));
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) Throw(db_, rc);
}

void Statement::BindInt(int index, std::int64_t value) {
  if (Logging()) LogBind(index, value);
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) Throw(db_, rc);
}

void Statement::BindNull(int index) {
  if (Logging()) LogBind(index, nullptr);
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) Throw(db_, rc);
}

void Statement::BindAll(const std::vector<BindValue>& values) {
  for (size_t i = 0; i < values.size(); ++i) Bind(static_cast<int>(i + 1), values[i]);
}

bool Statement::Step() {
  if (!logged_ && Logging()) {
    logged_ = true;
    const char* sql = sqlite3_sql(stmt_);
    owner_->log_->push_back({sql ? sql : "", std::move(binds_), owner_->log_purpose_});
    binds_.clear();
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  Throw(db_, rc);
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  logged_ = false;
  binds_.clear();
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::Text(int col) const { return std::string(TextView(col)); }
std::string_view Statement::TextView(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
BindValue Statement::Value(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_NULL: return nullptr;
    case SQLITE_INTEGER: return Int(col);
    case SQLITE_FLOAT: return Double(col);
    default: return Text(col);
  }
}
const char* Statement::ColumnName(int col) const { return sqlite3_column_name(stmt_, col); }

Connection::Connection(const std::string& path, const OpenOptions& options) {
  int flags = (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.empty() ? ":memory:" : path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SqliteError(rc, "cannot open database '" + path + "': " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  SetBusyTimeout(options.busy_timeout);
  if (!path.empty() && path != ":memory:") {
    try {
      file_ = FileRef::Open(path);
    } catch (...) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw;
    }
  }
}

void Connection::SetBusyTimeout(std::chrono::milliseconds timeout) {
  auto ms = std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, std::numeric_limits<int>::max());
  sqlite3_busy_timeout(db_, static_cast<int>(ms));
  busy_timeout_ = std::chrono::milliseconds(ms);
}

bool Connection::ReadOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }

Connection::~Connection() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close_v2(db_);
}

void Connection::Exec(const std::string& sql) {
  if (log_) log_->push_back({sql, {}, log_purpose_});
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw SqliteError(sqlite3_extended_errcode(db_), msg, RefusedAsReadOnly(db_, rc));
  }
}

Statement& Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return *it->second;
  }
  auto stmt = PrepareUncached(sql);
  Statement& ref = *stmt;
  cache_.emplace(sql, std::move(stmt));
  return ref;
}

std::unique_ptr<Statement> Connection::PrepareUncached(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt, nullptr);
  if (rc != SQLITE_OK) Throw(db_, rc);
  return std::make_unique<Statement>(db_, stmt, this);
}

void Connection::ResetPendingStatements() {
  for (sqlite3_stmt* st = sqlite3_next_stmt(db_, nullptr); st != nullptr; st = sqlite3_next_stmt(db_, st)) {
    if (sqlite3_stmt_busy(st)) sqlite3_reset(st);
  }
}

std::int64_t Connection::Changes() const { return sqlite3_changes64(db_); }
bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

namespace {

// Transaction control goes through cached prepared statements: they run on every write.
// Nested savepoints share one name; ROLLBACK TO and RELEASE act on the innermost.
void Run(Connection& conn, const char* sql) {
  Statement& st = conn.Prepare(sql);
  StatementLog* log = conn.Log();
  conn.SetLog(nullptr);  // transaction control is not part of a statement log
  try {
    st.Step();
  } catch (...) {
    conn.SetLog(log);
    throw;
  }
  conn.SetLog(log);
  st.Reset();
}

}  // namespace

Transaction::Transaction(Connection& conn) : conn_(conn), nested_(conn.InTransaction()) {
  Run(conn_, nested_ ? "SAVEPOINT aurora_sp" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  // Twice: an interrupt (Connection::Interrupt) can fail the first attempt; it is cleared once
  // no statement runs. SQLite itself may already have rolled back an interrupted write.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (nested_) {
        Run(conn_, "ROLLBACK TO aurora_sp");
        Run(conn_, "RELEASE aurora_sp");
      } else if (conn_.InTransaction()) {
        Run(conn_, "ROLLBACK");
      }
      return;
    } catch (...) {
      // Nothing sensible to do in a destructor but try again; SQLite rolls back on close anyway.
    }
  }
}

void Transaction::Commit() {
  if (!nested_) conn_.ResetPendingStatements();
  Run(conn_, nested_ ? "RELEASE aurora_sp" : "COMMIT");
  done_ = true;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void Connection::Interrupt() { sqlite3_interrupt(db_); }

Error ToError(const SqliteError& e) {
  std::string msg = e.what();
  if ((e.code & 0xff) == SQLITE_INTERRUPT) {
    return Error{ErrorCode::Interrupted, "the operation was interrupted; nothing was written", 0, 0};
  }
  if (IsBusy(e)) return Error{ErrorCode::Busy, "another connection holds the write lock; try again", 0, 0};
  if (e.read_only) {
    return Error{ErrorCode::ValidationError,
                 "the database was opened read-only (this process may not write its file): writes are refused", 0, 0};
  }
  if (msg.rfind("matches:", 0) == 0) return Error{ErrorCode::ValidationError, msg, 0, 0};
  if (IsConstraintViolation(e)) return Error{ErrorCode::ConstraintViolation, msg, 0, 0};
  for (const char* limit : {"too many SQL variables", "Expression tree is too large", "string or blob too big",
                            "parser stack overflow", "too many terms in compound SELECT",
                            "too many arguments on function"}) {
    if (msg.rfind(limit, 0) == 0) {
      return Error{ErrorCode::ValidationError, "the statement is too large for SQLite: " + msg, 0, 0};
    }
  }
  return Error{ErrorCode::Internal, "storage error: " + msg, 0, 0};
}

Exception ToException(const SqliteError& e, const std::string& context) {
  Error error = ToError(e);
  return Exception(error.code, context + ": " + error.message);
}

}  // namespace aurora::storage
