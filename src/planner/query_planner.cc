#include "planner/query_planner.h"

#include "checker/query_rules.h"
#include "planner/planner.h"

namespace aurora::planner {
namespace {

const ast::Argument* Arg(const ast::Selection& s, const char* name) {
  for (const auto& a : s.args) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::string KeyOf(const ast::Selection& s) { return s.alias.empty() ? s.name : s.alias; }

plan::Aggregate BuildAggregate(const ast::Selection& agg) {
  plan::Aggregate out;
  for (const auto& t : agg.selections) {
    plan::AggregateTerm term;
    term.key = KeyOf(t);
    term.pos = t.pos;
    if (t.name == "count") term.fn = plan::AggregateFn::Count;
    if (t.name == "sum") term.fn = plan::AggregateFn::Sum;
    if (t.name == "avg") term.fn = plan::AggregateFn::Avg;
    if (t.name == "min") term.fn = plan::AggregateFn::Min;
    if (t.name == "max") term.fn = plan::AggregateFn::Max;
    if (const ast::Argument* f = Arg(t, "field")) term.field = MakePath(f->value.text, f->value.pos);
    out.terms.push_back(std::move(term));
  }
  return out;
}

plan::GroupBy BuildGroupBy(const ast::Selection& g) {
  plan::GroupBy out;
  if (const ast::Argument* f = Arg(g, "field")) out.fields.push_back(MakePath(f->value.text, f->value.pos));
  if (const ast::Argument* fs = Arg(g, "fields")) {
    out.key_object = true;
    for (const auto& item : fs->value.items) out.fields.push_back(MakePath(item.text, item.pos));
  }
  for (const auto& m : g.selections) {
    plan::GroupBy::Member member;
    member.key = KeyOf(m);
    if (m.name == "key") member.kind = plan::GroupBy::Member::Kind::Key;
    if (m.name == "count") member.kind = plan::GroupBy::Member::Kind::Count;
    if (m.name == "aggregate") {
      member.kind = plan::GroupBy::Member::Kind::Aggregate;
      member.aggregate = BuildAggregate(m);
    }
    if (m.name == "nodes") {
      member.kind = plan::GroupBy::Member::Kind::Nodes;
      member.nodes = BuildProjection(m);
    }
    out.members.push_back(std::move(member));
  }
  return out;
}

}  // namespace

std::shared_ptr<const plan::QueryExtras> BuildQueryExtras(const ast::Selection& field) {
  auto extras = std::make_shared<plan::QueryExtras>();
  for (const auto& a : field.args) {
    if (a.name == "first") extras->first = a.value;
    if (a.name == "last") extras->last = a.value;
    if (a.name == "after") extras->after = a.value;
    if (a.name == "before") extras->before = a.value;
  }
  extras->connection = checker::IsConnectionSelection(field);
  if (!extras->connection && !extras->paged()) return nullptr;
  if (!extras->connection) return extras;
  for (const auto& s : field.selections) {
    plan::ConnectionMember m;
    m.key = KeyOf(s);
    m.pos = s.pos;
    if (s.name == "aggregate") {
      m.kind = plan::ConnectionMember::Kind::Aggregate;
      m.aggregate = BuildAggregate(s);
    } else if (s.name == "groupBy") {
      m.kind = plan::ConnectionMember::Kind::GroupBy;
      m.group_by = BuildGroupBy(s);
    } else if (s.name == "nodes") {
      m.kind = plan::ConnectionMember::Kind::Nodes;
      m.selection = BuildProjection(s);
    } else if (s.name == "edges") {
      m.kind = plan::ConnectionMember::Kind::Edges;
      m.selection = BuildProjection(s);
    } else if (s.name == "pageInfo") {
      m.kind = plan::ConnectionMember::Kind::PageInfo;
      m.selection = BuildProjection(s);
    }
    extras->members.push_back(std::move(m));
  }
  return extras;
}

plan::CollectionScan BuildTopLevelAggregate(const ast::Selection& field) {
  plan::CollectionScan scan;
  scan.collection = Arg(field, "collection")->value.text;
  if (const ast::Argument* where = Arg(field, "where")) scan.where = BuildFilter(where->value);
  auto extras = std::make_shared<plan::QueryExtras>();
  extras->connection = true;
  extras->unwrap = true;
  plan::ConnectionMember m;
  m.key = KeyOf(field);
  m.pos = field.pos;
  if (field.name == "aggregate") {
    m.kind = plan::ConnectionMember::Kind::Aggregate;
    m.aggregate = BuildAggregate(field);
  } else {
    m.kind = plan::ConnectionMember::Kind::GroupBy;
    m.group_by = BuildGroupBy(field);
  }
  extras->members.push_back(std::move(m));
  scan.extras = std::move(extras);
  return scan;
}

std::shared_ptr<const plan::Lookup> BuildLookup(const ast::Selection& field) {
  auto lookup = std::make_shared<plan::Lookup>();
  lookup->collection = Arg(field, "collection")->value.text;
  const ast::Value& local = Arg(field, "localField")->value;
  const ast::Value& foreign = Arg(field, "foreignField")->value;
  lookup->local = MakePath(local.text, local.pos);
  lookup->foreign = MakePath(foreign.text, foreign.pos);
  if (const ast::Argument* where = Arg(field, "where")) lookup->where = BuildFilter(where->value);
  if (const ast::Argument* many = Arg(field, "many")) lookup->many = many->value.boolean;
  lookup->projection = BuildProjection(field);
  return lookup;
}

}  // namespace aurora::planner
