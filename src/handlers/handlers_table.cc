#include "handlers/handlers_table.h"

#include <cctype>

#include "common/aql_error.h"
#include "common/suggest.h"
#include "sqlgen/column_resolver.h"

namespace aurora::handlers {
namespace {

using sqlgen::Column;

// `event` is one of three words: another operand (a typo, a number) would match no handler and
// read as "none", so it is refused like an unknown _jobs status. null passes.
class HandlersResolver final : public sqlgen::ColumnResolver {
 public:
  HandlersResolver()
      : ColumnResolver("_handlers", {Column::Text("name"), Column::Custom("on", kOn, "json_quote(" + std::string(kOn) + ")"),
                                     Column::Text("event"), Column::Text("collection"), Column::Text("action"),
                                     Column::Boolean("paused"), Column::Text("source"), Column::Text("created_at")}) {}

  Json ConvertOperand(const plan::FieldPath& path, const Json& value) const override {
    if (path.segments.size() != 1 || path.segments[0] != "event" || value.is_null()) return value;
    static const std::vector<std::string> kEvents = {"insert", "update", "delete"};
    if (value.is_string()) {
      std::string word = value.as_string();
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const std::string& e : kEvents) {
        if (word == e) return Json(word);
      }
      throw internal::AqlError(ErrorCode::ValidationError,
                               "'" + Shown(value.as_string()) + "' is not a handler event (insert, update or delete)" +
                                   internal::DidYouMean(word, kEvents),
                               path.pos.line, path.pos.column);
    }
    throw internal::AqlError(ErrorCode::ValidationError,
                             "'" + Shown(value.dump()) + "' is not a handler event (insert, update or delete)",
                             path.pos.line, path.pos.column);
  }

 private:
  static constexpr const char* kOn = "(t.event || ':' || t.collection)";

  // At most 60 bytes, cut between characters.
  static std::string Shown(const std::string& s) {
    if (s.size() <= 60) return s;
    std::size_t cut = 60;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "…";
  }
};

}  // namespace

std::shared_ptr<const sqlgen::FieldResolver> HandlersTable() { return std::make_shared<HandlersResolver>(); }

}  // namespace aurora::handlers
