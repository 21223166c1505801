// tools/aql/response_printer.h: how the shell shows responses: pretty JSON, one compact line
// each (--json), or tables (--table); errors and warnings go to stderr as
// FILE:LINE:COL: error: MSG [CODE] and FILE:LINE:COL: warning: MSG [CODE].
#pragma once

#include <iosfwd>
#include <string>

#include "aurora/response.h"
#include "shell_options.h"

namespace aurora::shell {

class ResponsePrinter {
 public:
  ResponsePrinter(OutputFormat format, std::ostream& out, std::ostream& err)
      : format_(format), out_(out), err_(err) {}

  // Prints one response of the source called `source_name`. `line_offset` is added to error
  // lines (for text that does not start on line 1 of its source).
  void Print(const Response& response, const std::string& source_name, int line_offset = 0);

  // Prints an error that is not part of a response (e.g. an exception caught by the shell).
  void PrintError(const std::string& source_name, const Error& error, int line_offset = 0);

 private:
  OutputFormat format_;
  std::ostream& out_;
  std::ostream& err_;
};

// "FILE:LINE:COL: error: MESSAGE [CODE]" (or "FILE: error: …" when the error has no position).
std::string FormatError(const std::string& source_name, const Error& error, int line_offset = 0);

// "FILE:LINE:COL: warning: MESSAGE [CODE]" (or "FILE: warning: …" without a position).
std::string FormatWarning(const std::string& source_name, const Warning& warning, int line_offset = 0);

}  // namespace aurora::shell
