// storage/write_lock.h: a write transaction taken only when the write lock is free at once.
//
// For work that may be left to the next writer (moving the jobs inbox, rescuing jobs of dead
// processes): opening a database and reading it must never wait for, or fail on, a lock
// another connection holds.
#pragma once

#include "storage/sqlite.h"

namespace aurora::storage {

// BEGIN IMMEDIATE with a busy timeout of 0. acquired() is false when another connection holds
// the write lock, or when the connection is read-only; then nothing is open and Commit() must
// not be called. Otherwise rolls back on destruction unless committed, like Transaction.
// REQUIRES: no transaction is open on the connection.
class TryWriteTransaction {
 public:
  explicit TryWriteTransaction(Connection& conn);
  TryWriteTransaction(const TryWriteTransaction&) = delete;
  TryWriteTransaction& operator=(const TryWriteTransaction&) = delete;
  ~TryWriteTransaction();

  bool acquired() const { return tx_ != nullptr; }
  void Commit();

 private:
  std::unique_ptr<Transaction> tx_;
};

}  // namespace aurora::storage
