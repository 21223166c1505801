#include "planner/planner.h"

#include <cctype>

#include "checker/query_rules.h"
#include "common/aql_error.h"
#include "planner/computed.h"
#include "planner/search.h"
#include "planner/query_planner.h"

namespace aurora::planner {
namespace {

using Kind = ast::Value::Kind;

plan::FilterOp OpFromName(const std::string& n) {
  static const std::pair<const char*, plan::FilterOp> kOps[] = {
      {"eq", plan::FilterOp::Eq}, {"ne", plan::FilterOp::Ne}, {"gt", plan::FilterOp::Gt},
      {"gte", plan::FilterOp::Gte}, {"lt", plan::FilterOp::Lt}, {"lte", plan::FilterOp::Lte},
      {"in", plan::FilterOp::In}, {"nin", plan::FilterOp::Nin}, {"contains", plan::FilterOp::Contains},
      {"containsAny", plan::FilterOp::ContainsAny}, {"containsAll", plan::FilterOp::ContainsAll},
      {"startsWith", plan::FilterOp::StartsWith}, {"endsWith", plan::FilterOp::EndsWith},
      {"matches", plan::FilterOp::Matches}, {"isNull", plan::FilterOp::IsNull},
      {"isNotNull", plan::FilterOp::IsNotNull}};
  for (const auto& [name, op] : kOps) {
    if (n == name) return op;
  }
  throw internal::AqlError(ErrorCode::Internal, "unknown filter operator '" + n + "' reached the planner");
}

}  // namespace

plan::Projection BuildProjection(const ast::Selection& field) {
  plan::Projection p;
  p.all = !field.has_selection_set;
  for (const auto& s : field.selections) {
    plan::Projection::Field f;
    f.key = s.alias.empty() ? s.name : s.alias;
    f.name = s.name;
    f.pos = s.pos;
    f.sub = BuildProjection(s);
    if (s.name == "lookup" && !s.args.empty()) f.lookup = BuildLookup(s);
    f.computed = BuildComputed(s);
    p.fields.push_back(std::move(f));
  }
  return p;
}

namespace {

std::vector<plan::OrderKey> BuildOrder(const ast::Value& v) {
  std::vector<plan::OrderKey> keys;
  if (v.kind == Kind::List) {
    for (const auto& item : v.items) {
      auto more = BuildOrder(item);
      keys.insert(keys.end(), more.begin(), more.end());
    }
    return keys;
  }
  auto desc = [](const ast::Value& d) {
    std::string w = d.text;
    for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return w == "DESC";
  };
  const ast::ObjectField* field = nullptr;
  const ast::ObjectField* direction = nullptr;
  for (const auto& f : v.fields) {
    if (f.name == "field") field = &f;
    if (f.name == "direction") direction = &f;
  }
  if (field) {
    keys.push_back({MakePath(field->value.text, field->value.pos), direction && desc(direction->value)});
    return keys;
  }
  for (const auto& f : v.fields) keys.push_back({MakePath(f.name, f.pos), desc(f.value)});
  return keys;
}

void ApplyDirectives(const ast::Selection& s, plan::Step& step) {
  for (const auto& d : s.directives) {
    if (d.name == "include" && !d.args.empty()) step.include_if = d.args[0].value;
    if (d.name == "skip" && !d.args.empty()) step.skip_if = d.args[0].value;
    if (d.name == "explain") step.explain = true;
  }
}

std::string CollectionOf(const ast::Selection& s) {
  const ast::Argument* a = checker::FindArg(s, {"collection", "into", "from"});
  return a ? a->value.text : std::string();
}

plan::Step BuildMutationStep(const ast::Selection& s, const plan::MutationExtensions* mutations) {
  plan::Step step;
  step.key = s.alias.empty() ? s.name : s.alias;
  step.name = s.name;
  step.pos = s.pos;
  ApplyDirectives(s, step);
  const std::string& n = s.name;
  if (n == "transaction") {
    plan::Group group;
    for (const auto& inner : s.selections) group.steps.push_back(BuildMutationStep(inner, mutations));
    step.node = std::move(group);
  } else if (n == "insertInto" || n == "insert" || n == "insertMany") {
    plan::Insert ins;
    ins.collection = CollectionOf(s);
    ins.many = n == "insertMany";
    ins.data = checker::FindArg(s, {"data", "document", "documents"})->value;
    ins.projection = BuildProjection(s);
    step.node = std::move(ins);
  } else if (n == "update" || n == "upsert") {
    plan::Update up;
    up.collection = CollectionOf(s);
    up.where = BuildFilter(checker::FindArg(s, {"where"})->value);
    up.data = checker::FindArg(s, {"data", "set"})->value;
    up.upsert = n == "upsert";
    up.projection = BuildProjection(s);
    step.node = std::move(up);
  } else if (n == "deleteFrom" || n == "delete") {
    plan::Delete del;
    del.collection = CollectionOf(s);
    del.where = BuildFilter(checker::FindArg(s, {"where"})->value);
    del.projection = BuildProjection(s);
    step.node = std::move(del);
  } else {
    auto it = mutations ? mutations->find(n) : plan::MutationExtensions::const_iterator();
    if (!mutations || it == mutations->end()) {
      throw internal::AqlError(ErrorCode::Internal, "mutation '" + n + "' reached the planner unchecked");
    }
    step.node = it->second->Compile(s);
  }
  return step;
}

plan::Step BuildQueryStep(const ast::Selection& s) {
  plan::Step step;
  step.key = s.alias.empty() ? s.name : s.alias;
  step.name = s.name;
  step.pos = s.pos;
  ApplyDirectives(s, step);
  if (checker::IsTopLevelAggregate(s)) {
    step.node = BuildTopLevelAggregate(s);
    return step;
  }
  plan::CollectionScan scan;
  scan.collection = s.name;
  for (const auto& a : s.args) {
    if (a.name == "where") scan.where = BuildFilter(a.value);
    if (a.name == "orderBy") scan.order = BuildOrder(a.value);
    if (a.name == "limit") scan.limit = a.value;
    if (a.name == "offset") scan.offset = a.value;
    if (a.name == "search") scan.search = BuildSearch(a);
  }
  // A search without orderBy gives the most relevant documents first (then insertion order).
  if (scan.search && scan.order.empty()) scan.order.push_back({MakePath("score", scan.search->pos), true});
  scan.projection = BuildProjection(s);
  scan.extras = BuildQueryExtras(s);
  step.node = std::move(scan);
  return step;
}

}  // namespace

plan::FieldPath MakePath(const std::string& text, const ast::Pos& pos) {
  plan::FieldPath p;
  p.text = text;
  p.pos = pos;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    p.segments.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return p;
}

plan::Filter BuildFilter(const ast::Value& where) {
  if (where.kind == Kind::Variable) {
    plan::Filter dynamic;
    dynamic.kind = plan::Filter::Kind::Dynamic;
    dynamic.pos = where.pos;
    dynamic.operand = where;
    return dynamic;
  }
  plan::Filter all;
  all.kind = plan::Filter::Kind::And;
  all.pos = where.pos;
  for (const auto& f : where.fields) {
    if (f.name == "and" || f.name == "or") {
      plan::Filter group;
      group.kind = f.name == "and" ? plan::Filter::Kind::And : plan::Filter::Kind::Or;
      group.pos = f.pos;
      for (const auto& item : f.value.items) group.children.push_back(BuildFilter(item));
      all.children.push_back(std::move(group));
    } else if (f.name == "not") {
      plan::Filter n;
      n.kind = plan::Filter::Kind::Not;
      n.pos = f.pos;
      n.children.push_back(BuildFilter(f.value));
      all.children.push_back(std::move(n));
    } else if (f.value.kind == Kind::Object) {
      for (const auto& o : f.value.fields) {
        plan::Filter c;
        c.kind = plan::Filter::Kind::Compare;
        c.pos = o.pos;
        c.field = MakePath(f.name, f.pos);
        c.op = OpFromName(o.name);
        c.operand = o.value;
        all.children.push_back(std::move(c));
      }
    } else {
      plan::Filter c;
      c.kind = plan::Filter::Kind::Compare;
      c.pos = f.pos;
      c.field = MakePath(f.name, f.pos);
      c.op = plan::FilterOp::Eq;
      c.operand = f.value;
      all.children.push_back(std::move(c));
    }
  }
  return all;
}

plan::Plan BuildPlan(const checker::CheckedOperation& checked, const plan::MutationExtensions* mutations) {
  plan::Plan p;
  const ast::Operation& op = checked.op;
  p.kind = op.kind == ast::Operation::Kind::Mutation ? plan::Plan::Kind::Mutation : plan::Plan::Kind::Query;
  p.variables = op.variables;
  for (const auto& d : op.directives) p.explain = p.explain || d.name == "explain";
  for (const auto& s : op.selections) {
    p.steps.push_back(p.kind == plan::Plan::Kind::Mutation ? BuildMutationStep(s, mutations) : BuildQueryStep(s));
  }
  return p;
}

}  // namespace aurora::planner
