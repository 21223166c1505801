#include "planner/computed.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "common/aql_error.h"
#include "common/suggest.h"
#include "planner/bind.h"

namespace aurora::planner {
namespace {

using internal::AqlError;

[[noreturn]] void Fail(const ast::Pos& pos, const std::string& message) {
  throw AqlError(ErrorCode::ValidationError, message, pos.line, pos.column);
}

enum class ArgType { Int, String, Any };

struct ArgSpec {
  const char* name;
  ArgType type;
  bool required;
};

struct FunctionSpec {
  const char* name;
  std::vector<ArgSpec> args;
};

const std::vector<FunctionSpec>& Functions() {
  static const std::vector<FunctionSpec> kFunctions = {
      {"uppercase", {}},
      {"lowercase", {}},
      {"trim", {}},
      {"length", {}},
      {"substring", {{"start", ArgType::Int, true}, {"length", ArgType::Int, false}}},
      {"replace", {{"from", ArgType::String, true}, {"to", ArgType::String, true}}},
      {"concat", {{"with", ArgType::Any, true}}},
      {"round", {{"digits", ArgType::Int, false}}},
      {"floor", {}},
      {"ceil", {}},
      {"abs", {}},
      {"toString", {}},
      {"toNumber", {}},
      {"toBoolean", {}},
      {"json", {}},
      {"default", {{"value", ArgType::Any, true}}},
  };
  return kFunctions;
}

const FunctionSpec* FindFunction(const std::string& name) {
  for (const auto& f : Functions()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

void CheckPipe(const ast::PipeCall& call) {
  const FunctionSpec* spec = FindFunction(call.name);
  if (!spec) {
    Fail(call.pos, "unknown pipe function '" + call.name + "'" + internal::DidYouMean(call.name, PipeFunctionNames()));
  }
  std::vector<std::string> names;
  for (const auto& a : spec->args) names.push_back(a.name);
  std::vector<std::string> seen;
  for (const auto& arg : call.args) {
    const ArgSpec* a = nullptr;
    for (const auto& x : spec->args) {
      if (arg.name == x.name) a = &x;
    }
    if (!a) {
      if (names.empty()) Fail(arg.pos, "'" + call.name + "' takes no arguments");
      Fail(arg.pos, "unknown argument '" + arg.name + "' for '" + call.name + "'" + internal::DidYouMean(arg.name, names));
    }
    if (std::find(seen.begin(), seen.end(), arg.name) != seen.end()) Fail(arg.pos, "argument '" + arg.name + "' is given twice");
    seen.push_back(arg.name);
    if (ast::HasVariable(arg.value)) Fail(arg.value.pos, "pipe arguments must be literals, not variables");
    if (a->type == ArgType::Int && arg.value.kind != ast::Value::Kind::Int) {
      Fail(arg.value.pos, "'" + call.name + "(" + arg.name + ":)' expects an integer");
    }
    if (a->type == ArgType::String && arg.value.kind != ast::Value::Kind::String) {
      Fail(arg.value.pos, "'" + call.name + "(" + arg.name + ":)' expects a string");
    }
  }
  for (const auto& a : spec->args) {
    if (a.required && std::find(seen.begin(), seen.end(), a.name) == seen.end()) {
      Fail(call.pos, "'" + call.name + "' needs the argument '" + a.name + "'");
    }
  }
}

// ---- evaluation -----------------------------------------------------------------------------

const Json& LookupPath(const Json& doc, std::string_view path) {
  static const Json kNull;
  const Json* cur = &doc;
  while (cur) {
    size_t dot = path.find('.');
    std::string_view seg = path.substr(0, dot);
    if (cur->is_array() && !seg.empty() && std::all_of(seg.begin(), seg.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      size_t i = std::stoul(std::string(seg));
      cur = i < cur->size() ? &cur->as_array()[i] : nullptr;
    } else {
      cur = cur->is_object() ? cur->find(seg) : nullptr;
    }
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return cur ? *cur : kNull;
}

std::string AsText(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.as_string();
  return v.dump();
}

const Json* Arg(const plan::PipeStep& step, std::string_view name) {
  for (const auto& [n, v] : step.args) {
    if (n == name) return &v;
  }
  return nullptr;
}

// Code point boundaries of UTF-8 text.
std::vector<size_t> CodePointStarts(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  return starts;
}

Json IntIfWhole(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return Json(static_cast<long long>(d));
  return Json(d);
}

Json Apply(const plan::PipeStep& step, const Json& v) {
  const std::string& f = step.function;
  if (f == "default") return v.is_null() ? *Arg(step, "value") : v;
  if (f == "json") return Json(v.dump());
  if (v.is_null()) return Json();
  if (f == "uppercase" || f == "lowercase") {
    if (!v.is_string()) return Json();
    std::string s = v.as_string();
    for (char& c : s) {
      c = static_cast<char>(f == "uppercase" ? std::toupper(static_cast<unsigned char>(c))
                                             : std::tolower(static_cast<unsigned char>(c)));
    }
    return Json(std::move(s));
  }
  if (f == "trim") {
    if (!v.is_string()) return Json();
    const std::string& s = v.as_string();
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return Json("");
    size_t b = s.find_last_not_of(" \t\r\n");
    return Json(s.substr(a, b - a + 1));
  }
  if (f == "length") {
    if (v.is_string()) return Json(static_cast<long long>(CodePointStarts(v.as_string()).size()));
    if (v.is_array()) return Json(static_cast<long long>(v.size()));
    return Json();
  }
  if (f == "substring") {
    if (!v.is_string()) return Json();
    const std::string& s = v.as_string();
    std::vector<size_t> starts = CodePointStarts(s);
    long long n = static_cast<long long>(starts.size());
    long long start = std::clamp<long long>(Arg(step, "start")->as_int(), 0, n);
    const Json* len = Arg(step, "length");
    long long end = len ? std::clamp<long long>(start + std::max<long long>(len->as_int(), 0), start, n) : n;
    size_t from = start < n ? starts[static_cast<size_t>(start)] : s.size();
    size_t to = end < n ? starts[static_cast<size_t>(end)] : s.size();
    return Json(s.substr(from, to - from));
  }
  if (f == "replace") {
    if (!v.is_string()) return Json();
    std::string s = v.as_string();
    const std::string& from = Arg(step, "from")->as_string();
    const std::string& to = Arg(step, "to")->as_string();
    if (from.empty()) return Json(std::move(s));
    std::string out;
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
      out += s.substr(pos, hit - pos) + to;
    }
    out += s.substr(pos);
    return Json(std::move(out));
  }
  if (f == "concat") {
    if (v.is_array() || v.is_object()) return Json();
    return Json(AsText(v) + AsText(*Arg(step, "with")));
  }
  if (f == "round" || f == "floor" || f == "ceil" || f == "abs") {
    if (!v.is_number()) return Json();
    if (v.is_int()) {
      if (f == "abs") return v.as_int() == std::numeric_limits<std::int64_t>::min() ? Json() : Json(static_cast<long long>(std::llabs(v.as_int())));
      return v;
    }
    double d = v.as_double();
    if (f == "floor") return IntIfWhole(std::floor(d));
    if (f == "ceil") return IntIfWhole(std::ceil(d));
    if (f == "abs") return Json(std::fabs(d));
    const Json* digits = Arg(step, "digits");
    long long n = digits ? std::clamp<long long>(digits->as_int(), 0, 15) : 0;
    if (n == 0) return IntIfWhole(std::round(d));
    double scale = std::pow(10.0, static_cast<double>(n));
    return Json(std::round(d * scale) / scale);
  }
  if (f == "toString") return Json(AsText(v));
  if (f == "toNumber") {
    if (v.is_number()) return v;
    if (v.is_bool()) return Json(v.as_bool() ? 1 : 0);
    if (!v.is_string()) return Json();
    std::string s = v.as_string();
    size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return Json();
    std::optional<Json> parsed = Json::parse(s);
    return parsed && parsed->is_number() ? *parsed : Json();
  }
  if (f == "toBoolean") {
    if (v.is_bool()) return v;
    if (v.is_number()) return Json(v.as_double() != 0);
    if (v.is_string() && (v.as_string() == "true" || v.as_string() == "false")) return Json(v.as_string() == "true");
    return Json();
  }
  return Json();
}

}  // namespace

const std::vector<std::string>& PipeFunctionNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (const auto& f : Functions()) out.push_back(f.name);
    return out;
  }();
  return kNames;
}

void CheckComputed(const ast::Selection& s) {
  if (s.computed) internal::SplitTemplate(*s.computed);
  if (!s.pipes.empty() && s.has_selection_set) {
    Fail(s.pipes[0].pos, "a pipe applies to a value: '" + s.name + "' has a selection set");
  }
  for (const auto& p : s.pipes) CheckPipe(p);
}

std::shared_ptr<const plan::ComputedField> BuildComputed(const ast::Selection& s) {
  if (!s.computed && s.pipes.empty()) return nullptr;
  auto c = std::make_shared<plan::ComputedField>();
  if (s.computed) {
    c->is_template = true;
    c->pieces = internal::SplitTemplate(*s.computed);
  }
  for (const auto& p : s.pipes) {
    plan::PipeStep step;
    step.function = p.name;
    for (const auto& a : p.args) step.args.emplace_back(a.name, ResolveValue(a.value, Json::object()));
    c->pipes.push_back(std::move(step));
  }
  return c;
}

Json EvaluateComputed(const plan::ComputedField& computed, const Json& input) {
  Json v;
  if (computed.is_template) {
    if (computed.pieces.size() == 1 && computed.pieces[0].is_path) {
      v = LookupPath(input, computed.pieces[0].text);
    } else {
      std::string text;
      for (const auto& p : computed.pieces) text += p.is_path ? AsText(LookupPath(input, p.text)) : p.text;
      v = Json(std::move(text));
    }
  } else {
    v = input;
  }
  for (const auto& step : computed.pipes) v = Apply(step, v);
  return v;
}

}  // namespace aurora::planner
