#include "table_format.h"

#include <algorithm>
#include <vector>

namespace aurora::shell {
namespace {

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// Replaces control characters by visible escapes so a cell stays on one line.
std::string EscapeControls(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string Truncate(const std::string& text, std::size_t max_width) {
  if (DisplayWidth(text) <= max_width || max_width == 0) return text;
  std::size_t points = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(text[i]))) {
      if (points == max_width - 1) break;
      ++points;
    }
  }
  return text.substr(0, i) + "\u2026";
}

void AppendPadded(std::string& out, const std::string& cell, std::size_t width) {
  out += cell;
  std::size_t w = DisplayWidth(cell);
  if (w < width) out.append(width - w, ' ');
}

std::string RenderTable(const std::string& title, const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows, bool count_rows) {
  std::vector<std::size_t> widths;
  for (const std::string& c : columns) widths.push_back(DisplayWidth(c));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out = title + "\n";
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) text += " | ";
      if (i + 1 == cells.size()) {
        text += cells[i];  // no trailing spaces
      } else {
        AppendPadded(text, cells[i], widths[i]);
      }
    }
    out += text + "\n";
  };
  if (!columns.empty()) {
    line(columns);
    std::string rule;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (i > 0) rule += "-+-";
      rule.append(widths[i], '-');
    }
    out += rule + "\n";
    for (const auto& row : rows) line(row);
  }
  if (count_rows) {
    out += "(" + std::to_string(rows.size()) + (rows.size() == 1 ? " row)\n" : " rows)\n");
  }
  return out;
}

void AddColumns(const Json& object, std::vector<std::string>& columns) {
  for (const auto& member : object.as_object()) {
    if (std::find(columns.begin(), columns.end(), member.first) == columns.end()) {
      columns.push_back(member.first);
    }
  }
}

std::vector<std::string> RowOf(const Json& object, const std::vector<std::string>& columns) {
  std::vector<std::string> row;
  for (const std::string& c : columns) {
    const Json* v = object.find(c);
    row.push_back(v ? FormatCell(*v) : std::string());
  }
  return row;
}

std::string FormatField(const std::string& name, const Json& value) {
  if (value.is_array()) {
    bool all_objects = std::all_of(value.as_array().begin(), value.as_array().end(),
                                   [](const Json& v) { return v.is_object(); });
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    if (all_objects) {
      for (const Json& item : value.as_array()) AddColumns(item, columns);
      for (const Json& item : value.as_array()) rows.push_back(RowOf(item, columns));
    } else {
      columns.push_back("value");
      for (const Json& item : value.as_array()) rows.push_back({FormatCell(item)});
    }
    return RenderTable(name, columns, rows, true);
  }
  if (value.is_object()) {
    std::vector<std::string> columns;
    AddColumns(value, columns);
    return RenderTable(name, columns, {RowOf(value, columns)}, false);
  }
  return name + ": " + FormatCell(value) + "\n";
}

}  // namespace

std::size_t DisplayWidth(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) {
    if (!IsContinuationByte(static_cast<unsigned char>(c))) ++n;
  }
  return n;
}

std::string FormatCell(const Json& value, std::size_t max_width) {
  std::string text = value.is_string() ? value.as_string() : value.dump(false);
  return Truncate(EscapeControls(text), max_width);
}

std::string FormatTables(const Json& data) {
  if (!data.is_object()) return FormatCell(data, 0) + "\n";
  std::string out;
  for (const auto& member : data.as_object()) {
    out += FormatField(member.first, member.second);
    out += "\n";
  }
  return out;
}

}  // namespace aurora::shell
