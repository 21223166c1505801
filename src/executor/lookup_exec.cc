// lookup(…): one SELECT per lookup field for all the documents of a result (never one per document).
#include <map>

#include "executor/query_exec.h"

namespace aurora::executor {
namespace {

bool Joinable(const Json* v) { return v && (v->is_string() || v->is_number() || v->is_bool()); }

}  // namespace

void ResolveLookups(const std::vector<Json*>& docs, const plan::Projection& projection, ExecContext& ctx) {
  for (const auto& field : projection.fields) {
    if (!field.lookup) continue;
    const plan::Lookup& lookup = *field.lookup;
    // The distinct local values, as one JSON array bound to the query.
    Json values = Json::array();
    std::map<std::string, bool> seen;
    for (Json* doc : docs) {
      const Json* local = doc->find(field.key);
      if (Joinable(local) && seen.emplace(local->dump(), true).second) values.push_back(*local);
    }
    std::vector<Json> found;
    std::multimap<std::string, size_t> by_key;  // foreign value (JSON text) → index in found
    if (values.size() > 0 || ctx.explain) {
      const sqlgen::FieldResolver& resolver = sqlgen::ResolverFor(ctx.resolvers, lookup.collection);
      resolver.BeforeRead(ctx.conn);
      // @explain has no documents: the parameter says what it would hold.
      std::string bound =
          ctx.explain ? "<the distinct values of '" + lookup.local.text + "', as a JSON array>" : values.dump();
      storage::Statement* st = PrepareQuery(ctx, sqlgen::LookupSql(lookup, resolver, ctx.variables, std::move(bound)),
                                            Purpose("lookup", field.key), lookup.collection);
      if (st) {
        std::vector<std::string> keys;
        while (st->Step()) {
          std::optional<Json> key = st->IsNull(0) ? std::optional<Json>() : Json::parse(st->TextView(0));
          if (!key) continue;
          keys.push_back(key->dump());
          found.push_back(ProjectRow(st->TextView(1), lookup.projection, lookup.collection));
        }
        st->Reset();
        for (size_t i = 0; i < keys.size(); ++i) by_key.emplace(keys[i], i);
      }
      if (HasLookups(lookup.projection)) {
        std::vector<Json*> inner;
        for (Json& doc : found) inner.push_back(&doc);
        ResolveLookups(inner, lookup.projection, ctx);
      }
    }
    for (Json* doc : docs) {
      const Json* local = doc->find(field.key);
      Json value = lookup.many ? Json::array() : Json();
      if (Joinable(local)) {
        auto [begin, end] = by_key.equal_range(local->dump());
        for (auto it = begin; it != end; ++it) {
          if (!lookup.many) {
            value = found[it->second];
            break;
          }
          value.push_back(found[it->second]);
        }
      }
      doc->set(field.key, std::move(value));
    }
  }
}

}  // namespace aurora::executor
