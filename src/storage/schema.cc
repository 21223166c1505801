#include "storage/schema.h"

#include "common/date_time.h"
#include "storage/catalog.h"

namespace aurora::storage {
namespace {

// YYYY-MM-DD, optionally followed by [T ]hh:mm[:ss[.fff…]][Z|±hh:mm], naming a real date and time.
bool IsIsoDateTime(std::string_view s) { return internal::ParseDateTime(s).has_value(); }

bool Flag(const Json& obj, std::string_view key) {
  const Json* v = obj.find(key);
  return v && v->is_bool() && v->as_bool();
}

}  // namespace

const FieldSchema* CollectionSchema::Find(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

FieldSchema* CollectionSchema::Find(std::string_view name) {
  for (auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool CollectionSchema::HasSearch() const { return !SearchFields().empty(); }

std::vector<std::string> CollectionSchema::SearchFields() const {
  std::vector<std::string> out;
  for (const auto& f : fields) {
    if (f.search) out.push_back(f.name);
  }
  return out;
}

Json CollectionSchema::ToJson() const {
  Json list = Json::array();
  for (const auto& f : fields) {
    Json o = Json::object({{"name", f.name},
                           {"type", f.type},
                           {"required", f.required},
                           {"unique", f.unique},
                           {"indexed", f.indexed},
                           {"search", f.search}});
    if (f.default_value) o.set("default", *f.default_value);
    list.push_back(std::move(o));
  }
  return Json::object({{"fields", std::move(list)}});
}

CollectionSchema CollectionSchema::FromJson(const Json& json) {
  CollectionSchema out;
  const Json* list = json.find("fields");
  if (!list || !list->is_array()) return out;
  for (const Json& f : list->as_array()) {
    if (!f.is_object() || !f["name"].is_string() || !f["type"].is_string()) continue;
    FieldSchema field;
    field.name = f["name"].as_string();
    field.type = f["type"].as_string();
    field.required = Flag(f, "required");
    field.unique = Flag(f, "unique");
    field.indexed = Flag(f, "indexed");
    field.search = Flag(f, "search");
    if (const Json* d = f.find("default")) field.default_value = *d;
    out.fields.push_back(std::move(field));
  }
  return out;
}

const std::vector<std::string>& SchemaTypeNames() {
  static const std::vector<std::string> kNames = {"String", "Int", "Float", "Boolean", "ID", "DateTime", "JSON", "Object", "Any"};
  return kNames;
}

bool ValueHasType(const Json& value, std::string_view type) {
  if (!type.empty() && type.back() == '!') type.remove_suffix(1);
  if (type.size() >= 2 && type.front() == '[' && type.back() == ']') {
    if (!value.is_array()) return false;
    std::string_view inner = type.substr(1, type.size() - 2);
    bool inner_required = !inner.empty() && inner.back() == '!';
    for (const Json& item : value.as_array()) {
      if (item.is_null()) {
        if (inner_required) return false;
        continue;
      }
      if (!ValueHasType(item, inner)) return false;
    }
    return true;
  }
  if (type == "String" || type == "ID") return value.is_string();
  if (type == "Int") return value.is_int();
  if (type == "Float") return value.is_number();
  if (type == "Boolean") return value.is_bool();
  if (type == "DateTime") return value.is_string() && IsIsoDateTime(value.as_string());
  if (type == "Object") return value.is_object();
  return true;  // JSON, Any
}

std::optional<CollectionSchema> LoadSchema(Connection& conn, std::string_view collection) {
  Statement& st = conn.Prepare("SELECT schema FROM _collections WHERE name = ?1");
  st.Bind(1, std::string(collection));
  std::optional<CollectionSchema> out;
  if (st.Step() && !st.IsNull(0)) {
    std::optional<Json> json = Json::parse(st.TextView(0));
    if (json) out = CollectionSchema::FromJson(*json);
  }
  st.Reset();
  return out;
}

void SaveSchema(Connection& conn, std::string_view collection, const CollectionSchema* schema) {
  Statement& st = conn.Prepare("UPDATE _collections SET schema = ?1 WHERE name = ?2");
  if (schema) {
    st.Bind(1, schema->ToJson().dump());
  } else {
    st.Bind(1, nullptr);
  }
  st.Bind(2, std::string(collection));
  st.Step();
  st.Reset();
}

std::string FieldIndexName(std::string_view collection, std::string_view field) {
  return "aidx$" + std::string(collection) + "$" + std::string(field);
}

std::string FieldIndexExpression(std::string_view field) {
  return "json_extract(doc, '$." + std::string(field) + "')";
}

void CreateFieldIndex(Connection& conn, std::string_view collection, const FieldSchema& field) {
  if (!field.indexed && !field.unique) return;
  conn.Exec(std::string(field.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
            QuoteIdentifier(FieldIndexName(collection, field.name)) + " ON " + QuoteIdentifier(collection) + " (" +
            FieldIndexExpression(field.name) + ")");
}

void DropFieldIndex(Connection& conn, std::string_view collection, std::string_view field) {
  conn.Exec("DROP INDEX IF EXISTS " + QuoteIdentifier(FieldIndexName(collection, field)));
}

}  // namespace aurora::storage
