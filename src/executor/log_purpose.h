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

}  // namespace aurora::executor
