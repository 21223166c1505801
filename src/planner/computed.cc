#include "planner/computed.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <limits>

#include "common/aql_error.h"
#include "common/date_time.h"
#include "common/suggest.h"
#include "planner/bind.h"

namespace aurora::planner {
namespace {

using internal::AqlError;

using internal::Fail;

// Date: a date literal (a string ParseDateTime reads) or the word `now`. DateUnit: a unit of
// DateDiff/StartOf. EpochUnit: "milliseconds" or "seconds". Format: a formatDate format string.
// Offset: a fixed UTC offset "+02:00" (ParseUtcOffset).
enum class ArgType { Int, String, Any, Date, DateUnit, EpochUnit, Format, Offset };

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
      // dates: common/date_time.h
      {"formatDate", {{"format", ArgType::Format, true}, {"offset", ArgType::Offset, false}}},
      {"year", {}},
      {"month", {}},
      {"day", {}},
      {"hour", {}},
      {"minute", {}},
      {"second", {}},
      {"millisecond", {}},
      {"dayOfWeek", {}},
      {"dayOfYear", {}},
      {"toTimestamp", {{"unit", ArgType::EpochUnit, false}}},
      {"fromTimestamp", {{"unit", ArgType::EpochUnit, false}}},
      {"toDate", {}},
      {"addYears", {{"n", ArgType::Int, true}}},
      {"addMonths", {{"n", ArgType::Int, true}}},
      {"addWeeks", {{"n", ArgType::Int, true}}},
      {"addDays", {{"n", ArgType::Int, true}}},
      {"addHours", {{"n", ArgType::Int, true}}},
      {"addMinutes", {{"n", ArgType::Int, true}}},
      {"addSeconds", {{"n", ArgType::Int, true}}},
      {"addMilliseconds", {{"n", ArgType::Int, true}}},
      {"startOf", {{"unit", ArgType::DateUnit, true}}},
      {"dateDiff", {{"to", ArgType::Date, true}, {"unit", ArgType::DateUnit, true}}},
  };
  return kFunctions;
}

const FunctionSpec* FindFunction(const std::string& name) {
  for (const auto& f : Functions()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

const std::vector<std::string> kEpochUnits = {"milliseconds", "seconds"};

void CheckDateArg(const ast::PipeCall& call, const ast::Argument& arg, ArgType type) {
  const std::string what = "'" + call.name + "(" + arg.name + ":)'";
  const ast::Value& v = arg.value;
  switch (type) {
    case ArgType::Date:
      if (IsNowWord(v)) return;
      if (v.kind != ast::Value::Kind::String) Fail(v.pos, what + " expects a date string or now");
      if (!internal::ParseDateTime(v.text)) {
        Fail(v.pos, what + " expects a date such as \"2024-05-01\" or \"2024-05-01T10:00:00Z\", got \"" + v.text + "\"");
      }
      return;
    case ArgType::DateUnit:
    case ArgType::EpochUnit: {
      const std::vector<std::string>& units = type == ArgType::DateUnit ? internal::DateUnitNames() : kEpochUnits;
      std::string unit = v.kind == ast::Value::Kind::String ? internal::CanonicalDateUnit(v.text) : "";
      if (std::find(units.begin(), units.end(), unit) != units.end()) return;
      std::string list;
      for (const auto& u : units) list += (list.empty() ? "" : ", ") + std::string("\"") + u + "\"";
      std::string got = v.kind == ast::Value::Kind::String ? "\"" + v.text + "\"" + internal::DidYouMean(v.text, units)
                        : v.kind == ast::Value::Kind::Enum ? v.text + " (write units as strings: \"" + v.text + "\")"
                                                            : "something else";
      Fail(v.pos, what + " expects one of " + list + " (or the singular), got " + got);
    }
    case ArgType::Offset:
      if (v.kind == ast::Value::Kind::String && internal::ParseUtcOffset(v.text)) return;
      Fail(v.pos, what + " expects a UTC offset such as \"+02:00\" or \"-05:30\"");
    case ArgType::Format: {
      if (v.kind != ast::Value::Kind::String) Fail(v.pos, what + " expects a format string such as \"%Y-%m-%d\"");
      std::string bad = internal::UnknownDateDirective(v.text);
      if (bad.empty()) return;
      std::string list;
      for (const auto& d : internal::DateDirectives()) list += (list.empty() ? "" : " ") + d;
      Fail(v.pos, "unknown directive '" + bad + "' in " + what + " (directives: " + list + ")");
    }
    default: return;
  }
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
    CheckDateArg(call, arg, a->type);
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

// A date input: an ISO-8601 string (ParseDateTime) or epoch milliseconds.
std::optional<internal::EpochMs> AsDate(const Json& v) {
  if (v.is_string()) return internal::ParseDateTime(v.as_string());
  if (v.is_int()) {
    if (v.as_int() < internal::kMinEpochMs || v.as_int() > internal::kMaxEpochMs) return std::nullopt;
    return v.as_int();
  }
  if (v.is_double()) {
    double d = std::floor(v.as_double());
    if (!std::isfinite(d) || d < static_cast<double>(internal::kMinEpochMs) || d > static_cast<double>(internal::kMaxEpochMs)) {
      return std::nullopt;
    }
    return static_cast<internal::EpochMs>(d);
  }
  return std::nullopt;
}

Json DateJson(std::optional<internal::EpochMs> ms) { return ms ? Json(internal::FormatIso(*ms)) : Json(); }

bool InSeconds(const plan::PipeStep& step) {
  const Json* unit = Arg(step, "unit");
  return unit && internal::CanonicalDateUnit(unit->as_string()) == "seconds";
}

// The date functions (common/date_time.h); nullopt when `f` is not one.
std::optional<Json> ApplyDate(const plan::PipeStep& step, const Json& v) {
  const std::string& f = step.function;
  static const std::vector<std::pair<std::string, std::int64_t>> kAdd = {
      {"addWeeks", 7 * 86400000LL}, {"addDays", 86400000},  {"addHours", 3600000},
      {"addMinutes", 60000},        {"addSeconds", 1000},   {"addMilliseconds", 1}};
  if (f == "fromTimestamp" && v.is_number() && InSeconds(step)) {
    double seconds = v.as_double();
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e15) return Json();
    return DateJson(AsDate(Json(std::floor(seconds * 1000))));
  }
  std::optional<internal::EpochMs> ms;
  bool is_date_function = true;
  if (f == "formatDate" || f == "year" || f == "month" || f == "day" || f == "hour" || f == "minute" || f == "second" ||
      f == "millisecond" || f == "dayOfWeek" || f == "dayOfYear" || f == "toTimestamp" || f == "fromTimestamp" ||
      f == "toDate" || f == "addYears" || f == "addMonths" || f == "startOf" || f == "dateDiff") {
    ms = AsDate(v);
  } else {
    is_date_function = std::any_of(kAdd.begin(), kAdd.end(), [&](const auto& a) { return a.first == f; });
    if (is_date_function) ms = AsDate(v);
  }
  if (!is_date_function) return std::nullopt;
  if (!ms) return Json();
  if (f == "formatDate") {
    // The wall-clock time at a fixed offset: shift, then format as if UTC.
    const Json* offset = Arg(step, "offset");
    if (offset) ms = internal::AddMillis(*ms, std::int64_t{*internal::ParseUtcOffset(offset->as_string())} * 60000);
    return ms ? Json(internal::FormatDate(*ms, Arg(step, "format")->as_string())) : Json();
  }
  if (f == "toTimestamp") return Json(static_cast<long long>(InSeconds(step) ? (*ms - ((*ms % 1000 + 1000) % 1000)) / 1000 : *ms));
  if (f == "fromTimestamp" || f == "toDate") return DateJson(ms);
  if (f == "dayOfWeek") return Json(internal::DayOfWeek(*ms));
  if (f == "dayOfYear") return Json(internal::DayOfYear(*ms));
  if (f == "startOf") return DateJson(internal::StartOf(*ms, internal::CanonicalDateUnit(Arg(step, "unit")->as_string())));
  if (f == "dateDiff") {
    std::optional<internal::EpochMs> to = AsDate(*Arg(step, "to"));
    if (!to) return Json();
    return Json(static_cast<long long>(internal::DateDiff(*ms, *to, internal::CanonicalDateUnit(Arg(step, "unit")->as_string()))));
  }
  if (f == "addYears" || f == "addMonths") {
    std::int64_t n = Arg(step, "n")->as_int();
    if (f == "addYears" && (n > 100000 || n < -100000)) return Json();
    return DateJson(internal::AddMonths(*ms, f == "addYears" ? n * 12 : n));
  }
  for (const auto& [name, unit] : kAdd) {
    if (f != name) continue;
    std::int64_t n = Arg(step, "n")->as_int();
    if (n > internal::kMaxEpochMs / unit || n < -internal::kMaxEpochMs / unit) return Json();  // no overflow
    return DateJson(internal::AddMillis(*ms, n * unit));
  }
  internal::CivilTime c = internal::ToCivil(*ms);
  if (f == "year") return Json(c.year);
  if (f == "month") return Json(c.month);
  if (f == "day") return Json(c.day);
  if (f == "hour") return Json(c.hour);
  if (f == "minute") return Json(c.minute);
  if (f == "second") return Json(c.second);
  return Json(c.millisecond);
}

Json Apply(const plan::PipeStep& step, const Json& v) {
  const std::string& f = step.function;
  if (f == "default") return v.is_null() ? *Arg(step, "value") : v;
  if (f == "json") return Json(v.dump());
  if (v.is_null()) return Json();
  if (std::optional<Json> date = ApplyDate(step, v)) return std::move(*date);
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
    long long end = len ? start + std::clamp<long long>(len->as_int(), 0, n - start) : n;  // no overflow
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
    for (const auto& a : p.args) {
      if (IsNowWord(a.value)) step.now_args.push_back(a.name);
      step.args.emplace_back(a.name, IsNowWord(a.value) ? Json() : ResolveValue(a.value, Json::object()));
    }
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
  for (const auto& step : computed.pipes) {
    if (step.now_args.empty()) {
      v = Apply(step, v);
      continue;
    }
    plan::PipeStep at_now = step;
    for (auto& [name, value] : at_now.args) {
      if (std::find(step.now_args.begin(), step.now_args.end(), name) != step.now_args.end()) {
        value = Json(internal::FormatIso(OperationNow()));
      }
    }
    v = Apply(at_now, v);
  }
  return v;
}

namespace {
thread_local std::optional<internal::EpochMs> t_operation_now;
}  // namespace

NowScope::NowScope() : owner_(!t_operation_now) {
  if (owner_) t_operation_now = WallClockNow();
}

NowScope::~NowScope() {
  if (owner_) t_operation_now.reset();
}

internal::EpochMs WallClockNow() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return std::clamp<internal::EpochMs>(ms.count(), internal::kMinEpochMs, internal::kMaxEpochMs);
}

internal::EpochMs OperationNow() { return t_operation_now ? *t_operation_now : WallClockNow(); }

bool IsNowWord(const ast::Value& v) { return v.kind == ast::Value::Kind::Enum && v.text == "now"; }

Json NowValue() { return Json(internal::FormatIso(OperationNow())); }

}  // namespace aurora::planner
