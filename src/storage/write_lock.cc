#include "storage/write_lock.h"

namespace aurora::storage {

TryWriteTransaction::TryWriteTransaction(Connection& conn) {
  if (conn.ReadOnly()) return;
  std::chrono::milliseconds timeout = conn.BusyTimeout();
  conn.SetBusyTimeout(std::chrono::milliseconds(0));
  try {
    tx_ = std::make_unique<Transaction>(conn);
  } catch (const SqliteError& e) {
    conn.SetBusyTimeout(timeout);
    if (!IsBusy(e)) throw;
    return;
  }
  conn.SetBusyTimeout(timeout);
}

TryWriteTransaction::~TryWriteTransaction() = default;

void TryWriteTransaction::Commit() { tx_->Commit(); }

}  // namespace aurora::storage
