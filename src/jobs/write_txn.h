// jobs/write_txn.h: a write transaction for the job system's hot paths. Like
// storage::Transaction (BEGIN IMMEDIATE … COMMIT, rollback unless committed) but through the
// connection's prepared-statement cache, so BEGIN and COMMIT are not parsed again every time.
// REQUIRES: no transaction is open on the connection.
#pragma once

#include "storage/sqlite.h"

namespace aurora::jobs {

class WriteTxn {
 public:
  explicit WriteTxn(storage::Connection& conn) : conn_(conn) { conn_.Prepare("BEGIN IMMEDIATE").Step(); }
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;
  ~WriteTxn() {
    if (done_) return;
    try {
      conn_.Prepare("ROLLBACK").Step();
    } catch (...) {
      // SQLite rolls back on close anyway.
    }
  }
  void Commit() {
    conn_.ResetPendingStatements();
    conn_.Prepare("COMMIT").Step();
    done_ = true;
  }

 private:
  storage::Connection& conn_;
  bool done_ = false;
};

}  // namespace aurora::jobs
