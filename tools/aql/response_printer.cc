#include "response_printer.h"

#include <ostream>

#include "table_format.h"

namespace aurora::shell {

namespace {

// "FILE:LINE:COL: KIND: MESSAGE [CODE]"
std::string FormatLine(const std::string& source_name, const char* kind, const std::string& message, const char* code,
                       int line, int column, int line_offset) {
  std::string out = source_name;
  if (line > 0) {
    out += ":" + std::to_string(line + line_offset);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": ";
  out += kind;
  out += ": ";
  out += message.empty() ? std::string("unknown ") + kind : message;
  out += " [";
  out += code;
  out += "]";
  return out;
}

}  // namespace

std::string FormatError(const std::string& source_name, const Error& error, int line_offset) {
  return FormatLine(source_name, "error", error.message, to_string(error.code), error.line, error.column, line_offset);
}

std::string FormatWarning(const std::string& source_name, const Warning& warning, int line_offset) {
  return FormatLine(source_name, "warning", warning.message, to_string(warning.code), warning.line, warning.column,
                    line_offset);
}

void ResponsePrinter::PrintError(const std::string& source_name, const Error& error, int line_offset) {
  out_.flush();  // keep stdout and stderr in order on a terminal
  err_ << FormatError(source_name, error, line_offset) << "\n";
  err_.flush();
}

void ResponsePrinter::Print(const Response& response, const std::string& source_name, int line_offset) {
  switch (format_) {
    case OutputFormat::Json:
      out_ << response.dump(false) << "\n";
      break;
    case OutputFormat::Pretty:
      if (response.ok()) out_ << response.dump(true) << "\n";
      break;
    case OutputFormat::Table:
      if (response.ok()) out_ << FormatTables(response.data);
      break;
  }
  if (!response.warnings.empty()) {
    out_.flush();  // keep stdout and stderr in order on a terminal
    for (const Warning& w : response.warnings) err_ << FormatWarning(source_name, w, line_offset) << "\n";
    err_.flush();
  }
  for (const Error& e : response.errors) PrintError(source_name, e, line_offset);
}

}  // namespace aurora::shell
