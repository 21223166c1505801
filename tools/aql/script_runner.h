// tools/aql/script_runner.h: runs AQL text through the public API and prints each response.
#pragma once

#include <string>
#include <string_view>

#include "aurora/database.h"
#include "response_printer.h"

namespace aurora::shell {

class ScriptRunner {
 public:
  ScriptRunner(Database& db, Json variables, ResponsePrinter& printer)
      : db_(db), variables_(std::move(variables)), printer_(printer) {}

  // Runs every operation of `text` in order, printing each response; errors are reported
  // against `source_name`. Returns true when every operation succeeded.
  bool Run(std::string_view text, const std::string& source_name);
  // Whether an operation run so far failed with another code than BUSY, and whether one failed
  // with BUSY (the exit status tells the two apart: tools/aql/shell.h).
  bool failed_other_than_busy() const { return failed_other_than_busy_; }
  bool failed_busy() const { return failed_busy_; }

  Database& database() { return db_; }

 private:
  Database& db_;
  Json variables_;
  ResponsePrinter& printer_;
  bool failed_other_than_busy_ = false;
  bool failed_busy_ = false;
};

}  // namespace aurora::shell
