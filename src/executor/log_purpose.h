// executor/log_purpose.h: names the statements a part of the executor runs, for mutation @explain.
//
// While a LogPurpose lives, every statement ctx.conn records in its log (storage::Connection::SetLog)
// is noted `what`; inside a handler's action, "handler <name>: <what>". When no log is attached
// (every operation but an explained mutation) it does nothing but test one pointer.
#pragma once

#include <string>
#include <string_view>

#include "executor/exec_context.h"

namespace aurora::executor {

class LogPurpose {
 public:
  LogPurpose(ExecContext& ctx, std::string_view what) {
    if (!ctx.conn.Log()) return;
    conn_ = &ctx.conn;
    saved_ = conn_->LogPurpose();
    std::string purpose(what);
    if (!ctx.handler_chain.empty()) purpose = "handler " + ctx.handler_chain.back() + ": " + purpose;
    conn_->SetLogPurpose(std::move(purpose));
  }
  ~LogPurpose() {
    if (conn_) conn_->SetLogPurpose(std::move(saved_));
  }
  LogPurpose(const LogPurpose&) = delete;
  LogPurpose& operator=(const LogPurpose&) = delete;

 private:
  storage::Connection* conn_ = nullptr;
  std::string saved_;
};

// Sets the connection's statement log to `log` (null: none) while it lives, then puts back the
// log and the purpose it had: attaches the log of an explained mutation, or pauses it around
// statements that are not the mutation's own.
class LogSwap {
 public:
  LogSwap(storage::Connection& conn, storage::StatementLog* log)
      : conn_(conn), saved_log_(conn.Log()), saved_purpose_(conn.LogPurpose()) {
    conn_.SetLog(log);
  }
  ~LogSwap() {
    conn_.SetLog(saved_log_);
    conn_.SetLogPurpose(std::move(saved_purpose_));
  }
  LogSwap(const LogSwap&) = delete;
  LogSwap& operator=(const LogSwap&) = delete;

 private:
  storage::Connection& conn_;
  storage::StatementLog* saved_log_;
  std::string saved_purpose_;
};

}  // namespace aurora::executor
