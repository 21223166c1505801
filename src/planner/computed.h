// planner/computed.h: computed fields in selections.
//
//   fullName: "${firstName} ${lastName}"     a template over the document (like handler templates)
//   name | uppercase                          a field's value through pipe functions
//   total: "${price}" | round(digits: 2)      both
//
// Computed in C++ on the projected JSON (executor::Project), after SQLite has filtered, sorted and
// paged. Pipe functions, with named literal arguments:
//   string      uppercase lowercase trim length substring(start:, length:) replace(from:, to:)
//               concat(with:)
//   math        round(digits: 0) floor ceil abs
//   conversion  toString toNumber toBoolean json
//   other       default(value:)   replaces null
//   date        formatDate(format:) year month day hour minute second millisecond dayOfWeek
//               dayOfYear toTimestamp(unit:) fromTimestamp(unit:) toDate addYears(n:) addMonths
//               addWeeks addDays addHours addMinutes addSeconds addMilliseconds startOf(unit:)
//               dateDiff(to:, unit:)    (common/date_time.h; dates are ISO-8601 strings or epoch
//               milliseconds, results are UTC "YYYY-MM-DDTHH:MM:SS.mmmZ")
// The word `now` as an argument (`default(value: now)`, `dateDiff(to: now, unit: "days")`) is
// the current time, the same for every row of one operation (NowScope).
// A function given a value of the wrong type answers null (null in, null out), so one odd
// document never fails a whole query. Unknown functions and arguments are VALIDATION_ERRORs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "aurora/json.h"
#include "common/date_time.h"
#include "common/template_text.h"

namespace aurora::plan {

struct PipeStep {
  std::string function;
  std::vector<std::pair<std::string, Json>> args;  // name → literal value
  std::vector<std::string> now_args;                // arguments written as `now` (value: the time of the operation)
};

struct ComputedField {
  bool is_template = false;  // the value is a template evaluated over the whole document
  std::vector<internal::TemplatePiece> pieces;
  std::vector<PipeStep> pipes;
};

}  // namespace aurora::plan

namespace aurora::planner {

// Checks a selection's computed template and pipes (function names with did-you-mean, argument
// names and literal types), throwing AqlError VALIDATION_ERROR at the offending token. No-op for
// a plain field.
void CheckComputed(const ast::Selection& s);

// The computed part of a checked selection, or null for a plain field.
std::shared_ptr<const plan::ComputedField> BuildComputed(const ast::Selection& s);

// The pipe function names, for docs and suggestions.
const std::vector<std::string>& PipeFunctionNames();

// Evaluates: for a template, `input` is the document; otherwise the field's value.
Json EvaluateComputed(const plan::ComputedField& computed, const Json& input);

// Fixes `now` for the operation being run on this thread: the outermost scope reads the clock
// once, nested scopes (a handler's action inside a mutation) keep it. executor::Execute holds one.
class NowScope {
 public:
  NowScope();
  ~NowScope();
  NowScope(const NowScope&) = delete;
  NowScope& operator=(const NowScope&) = delete;

 private:
  bool owner_;
};

internal::EpochMs WallClockNow();
// The time `now` reads: the scope's, or the clock when no NowScope is open.
internal::EpochMs OperationNow();

// Whether `v` is the bare word `now` (an enum word; the string "now" is text).
bool IsNowWord(const ast::Value& v);
// `now` as a value: OperationNow() as an ISO-8601 UTC string "YYYY-MM-DDTHH:MM:SS.mmmZ", the form
// of the _jobs times and of every date a pipe gives. Filters bind it (`at: { lt: now }`).
Json NowValue();

}  // namespace aurora::planner
