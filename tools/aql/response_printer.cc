#include "response_printer.h"

#include <ostream>

#include "table_format.h"

namespace aurora::shell {

std::string FormatError(const std::string& source_name, const Error& error, int line_offset) {
  std::string out = source_name;
  if (error.line > 0) {
    out += ":" + std::to_string(error.line + line_offset);
    if (error.column > 0) out += ":" + std::to_string(error.column);
  }
  out += ": error: ";
  out += error.message.empty() ? std::string("unknown error") : error.message;
  out += " [";
  out += to_string(error.code);
  out += "]";
  return out;
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
  for (const Error& e : response.errors) PrintError(source_name, e, line_offset);
}

}  // namespace aurora::shell
