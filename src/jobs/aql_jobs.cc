#include "jobs/aql_jobs.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "common/aql_error.h"
#include "common/date_time.h"
#include "common/document_limits.h"
#include "common/suggest.h"
#include "executor/exec_context.h"
#include "executor/executor.h"
#include "jobs/inbox_read.h"
#include "jobs/iso_time.h"
#include "jobs/job_store.h"
#include "jobs/payload_text.h"
#include "planner/bind.h"
#include "planner/extension.h"
#include "sqlgen/column_resolver.h"

namespace aurora::jobs {
namespace {

using internal::AqlError;

[[noreturn]] void Fail(const std::string& message, const ast::Pos& pos, ErrorCode code = ErrorCode::ValidationError) {
  throw AqlError(code, message, pos.line, pos.column);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ---- `_jobs` as a queryable table ---------------------------------------------------------

const std::vector<std::string> kStatusWords = {"PENDING", "SCHEDULED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"};
constexpr const char* kStatusList = "PENDING, SCHEDULED, RUNNING, COMPLETED, FAILED or CANCELLED";

class JobsResolver final : public sqlgen::ColumnResolver {
 public:
  JobsResolver()
      : ColumnResolver("_jobs", {
                                    sqlgen::Column::Text("id"),
                                    sqlgen::Column::Text("type"),
                                    sqlgen::Column::Json("payload"),
                                    sqlgen::Column::Text("status"),
                                    sqlgen::Column::Custom("priority", "t.priority",
                                                           "json_quote(CASE t.priority WHEN 3 THEN 'CRITICAL' "
                                                           "WHEN 2 THEN 'HIGH' WHEN 1 THEN 'NORMAL' ELSE 'LOW' END)"),
                                    sqlgen::Column::Integer("retries"),
                                    sqlgen::Column::Integer("max_retries"),
                                    sqlgen::Column::Text("error"),
                                    sqlgen::Column::Text("last_retry"),
                                    sqlgen::Column::Text("run_at"),
                                    sqlgen::Column::Text("created_at"),
                                    sqlgen::Column::Text("started_at"),
                                    sqlgen::Column::Text("completed_at"),
                                    sqlgen::Column::Integer("timeout"),
                                }) {}

  Json ConvertOperand(const plan::FieldPath& path, const Json& value) const override {
    if (path.segments.size() != 1) return value;
    // A status is one of six words: anything else (a typo, a number) would match no job and read
    // as "none", so it is refused. null passes (status is never null: `ne: null` matches all).
    if (path.segments[0] == "status" && !value.is_null()) {
      if (value.is_string()) {
        if (auto s = parse_job_status(value.as_string())) return Json(to_string(*s));
      }
      std::string shown = value.is_string() ? value.as_string() : value.dump();
      if (shown.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;  // whole characters
        shown = shown.substr(0, cut) + "…";
      }
      throw AqlError(ErrorCode::ValidationError,
                     "'" + shown + "' is not a job status (" + kStatusList + ")" +
                         (value.is_string() ? internal::DidYouMean(Upper(value.as_string()), kStatusWords) : ""),
                     path.pos.line, path.pos.column);
    }
    if (!value.is_string()) return value;
    if (path.segments[0] == "priority") {
      if (auto p = parse_priority(value.as_string())) return Json(static_cast<int>(*p));
      throw AqlError(ErrorCode::ValidationError,
                     "'" + value.as_string() + "' is not a priority (LOW, NORMAL, HIGH or CRITICAL)" +
                         internal::DidYouMean(Upper(value.as_string()), {"LOW", "NORMAL", "HIGH", "CRITICAL"}),
                     path.pos.line, path.pos.column);
    }
    return value;
  }

  std::string TieBreakSql() const override { return "t.id"; }
  // Handler-enqueued jobs wait in _jobs_inbox until moved: move them before any read, or, when
  // that would wait for the write lock, read them where they are (jobs/inbox_read.h).
  void BeforeRead(storage::Connection& conn) const override { read_inbox_ = !TryFlushInbox(conn); }
  std::string Table(std::string_view collection) const override {
    return read_inbox_ ? kJobsWithInbox : ColumnResolver::Table(collection);
  }

 private:
  // Set by BeforeRead for the read that follows it (one Database's operations run one at a time).
  mutable bool read_inbox_ = false;
};

// ---- Argument reading -------------------------------------------------------------------

const std::vector<std::string> kJobArgs = {"type", "jobType", "payload", "priority", "retries",
                                           "maxRetries", "runAt", "delay", "timeout"};

// A selection set's projection (as planner::BuildProjection), checked against `allowed`.
plan::Projection ProjectionOf(const ast::Selection& field, const std::vector<std::string>& allowed) {
  plan::Projection p;
  p.all = !field.has_selection_set;
  for (const ast::Selection& s : field.selections) {
    if (s.kind != ast::Selection::Kind::Field || s.name.empty()) {
      Fail("'" + field.name + "' supports only plain fields in its selection set", s.pos);
    }
    if (std::find(allowed.begin(), allowed.end(), s.name) == allowed.end()) {
      std::string list;
      for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
      Fail("'" + field.name + "' has no field '" + s.name + "' (it has " + list + ")" +
               internal::DidYouMean(s.name, allowed),
           s.name_pos.line ? s.name_pos : s.pos);
    }
    plan::Projection::Field f;
    f.key = s.alias.empty() ? s.name : s.alias;
    f.name = s.name;
    f.pos = s.pos;
    p.fields.push_back(std::move(f));
  }
  return p;
}

void CheckArgNames(const std::string& field, const std::vector<ast::Argument>& args,
                   const std::vector<std::string>& allowed) {
  for (size_t i = 0; i < args.size(); ++i) {
    const ast::Argument& a = args[i];
    if (std::find(allowed.begin(), allowed.end(), a.name) == allowed.end()) {
      Fail("unknown argument '" + a.name + "' of " + field + internal::DidYouMean(a.name, allowed), a.pos);
    }
    for (size_t j = 0; j < i; ++j) {
      if (args[j].name == a.name) Fail("argument '" + a.name + "' given twice", a.pos);
    }
  }
}

// One job's arguments as AST values (from a field's arguments or an object in `jobs: [...]`).
struct JobArgs {
  ast::Pos pos;
  std::vector<ast::ObjectField> fields;
};

const ast::ObjectField* Find(const JobArgs& args, std::initializer_list<const char*> names) {
  for (const ast::ObjectField& f : args.fields) {
    for (const char* n : names) {
      if (f.name == n) return &f;
    }
  }
  return nullptr;
}

void CheckJobArgs(const std::string& where, const JobArgs& args) {
  std::vector<ast::Argument> as_args;
  for (const ast::ObjectField& f : args.fields) as_args.push_back(ast::Argument{f.name, f.pos, f.value});
  CheckArgNames(where, as_args, kJobArgs);
  const ast::ObjectField* type = Find(args, {"type", "jobType"});
  if (!type) Fail(where + " needs a job type: type: \"…\"", args.pos);
  if (Find(args, {"type"}) && Find(args, {"jobType"})) Fail("give either type or jobType, not both", type->pos);
  if (Find(args, {"retries"}) && Find(args, {"maxRetries"})) Fail("give either retries or maxRetries, not both", type->pos);
  if (Find(args, {"runAt"}) && Find(args, {"delay"})) Fail("give either runAt or delay, not both", type->pos);
}

std::int64_t IntArg(const Json& v, const ast::ObjectField& f, std::int64_t min) {
  std::int64_t out = 0;
  // A double converts only when it is a whole number inside the 64-bit range (checked before
  // the cast: casting 1e308 is undefined).
  constexpr double kTwo63 = 9223372036854775808.0;
  if (v.is_int()) {
    out = v.as_int();
  } else if (v.is_double() && v.as_double() >= -kTwo63 && v.as_double() < kTwo63 &&
             v.as_double() == std::trunc(v.as_double())) {
    out = static_cast<std::int64_t>(v.as_double());
  } else {
    Fail(f.name + " must be an integer", f.value.pos);
  }
  if (out < min) Fail(f.name + " must be at least " + std::to_string(min) + ", got " + std::to_string(out), f.value.pos);
  return out;
}

// Where each argument of one job is (null: not given), found once per compiled step.
struct JobFields {
  const ast::ObjectField* type = nullptr;
  const ast::ObjectField* payload = nullptr;
  const ast::ObjectField* priority = nullptr;
  const ast::ObjectField* retries = nullptr;
  const ast::ObjectField* run_at = nullptr;
  const ast::ObjectField* delay = nullptr;
  const ast::ObjectField* timeout = nullptr;
};

// REQUIRES: CheckJobArgs(args) passed. The pointers point into `args`.
JobFields Locate(const JobArgs& args) {
  JobFields f;
  f.type = Find(args, {"type", "jobType"});
  f.payload = Find(args, {"payload"});
  f.priority = Find(args, {"priority"});
  f.retries = Find(args, {"retries", "maxRetries"});
  f.run_at = Find(args, {"runAt"});
  f.delay = Find(args, {"delay"});
  f.timeout = Find(args, {"timeout"});
  return f;
}

// `payload_text`, when given, is args.payload compiled (jobs/payload_text.h): the payload's
// text is then written straight from the variables.
NewJob ResolveJob(const JobFields& args, const Json& variables, Millis now, const PayloadText* payload_text = nullptr) {
  static const std::string kLatest = "9999-12-31T23:59:59.999Z";
  NewJob job;
  const ast::ObjectField* type = args.type;
  if (type->value.kind == ast::Value::Kind::String) {
    job.type = type->value.text;
  } else {
    Json t = planner::ResolveValue(type->value, variables);
    if (!t.is_string()) Fail("the job type must be a non-empty string", type->value.pos);
    job.type = t.as_string();
  }
  if (job.type.empty()) Fail("the job type must be a non-empty string", type->value.pos);
  if (std::string problem = JobTypeProblem(job.type); !problem.empty()) Fail(problem, type->value.pos);
  std::optional<std::string> text;
  if (args.payload && payload_text) text = payload_text->Render(variables);
  if (text) {
    job.payload_json = std::move(*text);
  } else if (const ast::ObjectField* f = args.payload) {
    Json p = planner::ResolveValue(f->value, variables);
    if (std::string problem = internal::DocumentProblem(p); !problem.empty()) Fail("payload: " + problem, f->value.pos);
    job.payload_json = p.is_null() ? "{}" : p.dump();
  }
  if (const ast::ObjectField* f = args.priority) {
    Json p = planner::ResolveValue(f->value, variables);
    if (p.is_string()) {
      auto parsed = parse_priority(p.as_string());
      if (!parsed) {
        Fail("'" + p.as_string() + "' is not a priority (LOW, NORMAL, HIGH or CRITICAL)" +
                 internal::DidYouMean(Upper(p.as_string()), {"LOW", "NORMAL", "HIGH", "CRITICAL"}),
             f->value.pos);
      }
      job.priority = *parsed;
    } else if (p.is_int() && p.as_int() >= 0 && p.as_int() <= 3) {
      job.priority = static_cast<Priority>(p.as_int());
    } else if (!p.is_null()) {
      Fail("priority must be LOW, NORMAL, HIGH or CRITICAL", f->value.pos);
    }
  }
  if (const ast::ObjectField* f = args.retries) {
    Json v = planner::ResolveValue(f->value, variables);
    if (!v.is_null()) {
      std::int64_t retries = IntArg(v, *f, 0);
      if (retries > kMaxRetries) {
        Fail(f->name + " must be at most " + std::to_string(kMaxRetries) + ", got " + std::to_string(retries), f->value.pos);
      }
      job.max_retries = static_cast<int>(retries);
    }
  }
  if (const ast::ObjectField* f = args.run_at) {
    Json v = planner::ResolveValue(f->value, variables);
    if (v.is_string()) {
      auto ms = ParseIsoMs(v.as_string());
      if (!ms) Fail("runAt must be an ISO-8601 time such as \"2026-11-28T13:30:00Z\"", f->value.pos);
      job.run_at = *ms;
    } else if (!v.is_null()) {
      job.run_at = IntArg(v, *f, 0);  // ms since the epoch
      if (*job.run_at > internal::kMaxEpochMs) Fail("runAt must not be later than " + kLatest, f->value.pos);
    }
  }
  if (const ast::ObjectField* f = args.delay) {
    Json v = planner::ResolveValue(f->value, variables);
    if (!v.is_null()) {
      std::int64_t delay = IntArg(v, *f, 0);
      if (delay > internal::kMaxEpochMs - now) Fail("delay puts the job later than " + kLatest, f->value.pos);
      job.run_at = now + delay;
    }
  }
  if (const ast::ObjectField* f = args.timeout) {
    Json v = planner::ResolveValue(f->value, variables);
    if (!v.is_null()) {
      job.timeout_ms = IntArg(v, *f, 1);
      if (*job.timeout_ms > kMaxTimeoutMs) {
        Fail("timeout must be at most 100 years (" + std::to_string(kMaxTimeoutMs) +
                 " ms; leave it out for no timeout), got " + std::to_string(*job.timeout_ms),
             f->value.pos);
      }
    }
  }
  return job;
}

Json Describe(const EnqueuedJob& e) {
  return Json::object({{"jobId", e.id},
                       {"id", e.id},
                       {"status", to_string(e.status)},
                       {"type", e.type},
                       {"priority", to_string(e.priority)},
                       {"runAt", FormatIsoMs(e.run_at)}});
}

const std::vector<std::string> kEnqueueFields = {"jobId", "id", "status", "type", "priority", "runAt"};

void NotifyAfterCommit(executor::ExecContext& ctx, const EnqueueNotifier& notify, const std::vector<EnqueuedJob>& jobs) {
  if (jobs.empty() || !notify) return;
  Millis earliest = std::numeric_limits<Millis>::max();
  Priority highest = Priority::Low;
  for (const EnqueuedJob& j : jobs) {
    earliest = std::min(earliest, j.run_at);
    highest = std::max(highest, j.priority);
  }
  ctx.after_commit.push_back([notify, earliest, highest] { notify(earliest, highest); });
}

// Whether a handler action's `n` jobs go to the inbox (jobs/job_store.h EnqueueToInbox). The
// inbox saves pages per commit when a commit holds few jobs: a handler fired by a write of one
// or a few documents. A transaction that fires many (insertMany, a wide update) already writes
// the `_jobs` pages once for all its jobs, and moving them later would only add work: after
// the first kInboxPerTransaction, its jobs go straight to `_jobs`. Either way the job is the same.
bool UseInbox(executor::ExecContext& ctx, std::size_t n) {
  constexpr std::size_t kInboxPerTransaction = 8;
  if (ctx.handler_chain.empty() || !ctx.inbox_jobs) return false;
  if (static_cast<std::size_t>(*ctx.inbox_jobs) + n > kInboxPerTransaction) return false;
  *ctx.inbox_jobs += static_cast<int>(n);
  return true;
}

// ---- enqueueJob ---------------------------------------------------------------------------

class EnqueueStep final : public plan::CustomStep {
 public:
  EnqueueStep(JobArgs args, plan::Projection projection, EnqueueNotifier notify, EnqueueClaimer claimer)
      : args_(std::move(args)), fields_(Locate(args_)),
        payload_text_(fields_.payload ? PayloadText::Compile(fields_.payload->value) : std::nullopt),
        projection_(std::move(projection)), notify_(std::move(notify)), claimer_(std::move(claimer)) {}
  EnqueueStep(const EnqueueStep&) = delete;  // fields_ points into args_
  EnqueueStep& operator=(const EnqueueStep&) = delete;

  Json Run(executor::ExecContext& ctx) const override {
    Millis now = SystemClock::Instance().NowMs();
    NewJob job = ResolveJob(fields_, ctx.variables, now, payload_text_ ? &*payload_text_ : nullptr);
    EnqueuedJob e;
    if (UseInbox(ctx, 1)) {
      e = EnqueueToInbox(ctx.conn, job, now);  // a handler's action, in the firing write's transaction
    } else if (!EnqueueClaimed(ctx, job, now, e)) {
      e = Enqueue(ctx.conn, job, now);
    }
    if (e.claim_token == 0) NotifyAfterCommit(ctx, notify_, {e});
    if (ctx.result_unused) return Json();  // a handler's action: nobody reads the response
    return executor::Project(Describe(e), projection_);
  }

 private:
  // A user's enqueueJob of a job ready now claims it in its INSERT when this process has a
  // handler and a free slot, as Database::enqueue_job does: the job starts on a fiber right
  // after the mutation commits, with no dispatcher round. Handler actions never claim (their
  // jobs go through the inbox). False when no slot was reserved; `e` is then untouched.
  bool EnqueueClaimed(executor::ExecContext& ctx, NewJob& job, Millis now, EnqueuedJob& e) const {
    if (!claimer_.reserve || !ctx.handler_chain.empty() || (job.run_at && *job.run_at > now)) return false;
    std::optional<Executor::Reservation> claim = claimer_.reserve(job.type, job.priority);
    if (!claim) return false;
    try {
      e = Enqueue(ctx.conn, job, now, &claim->request);
    } catch (...) {
      claimer_.release();
      throw;
    }
    if (e.claim_token == 0) {
      claimer_.release();  // an older job was waiting: this one went in PENDING
      return true;
    }
    // Exactly one of these runs: the executor's Execute drops the other.
    ctx.after_commit.push_back([adopt = claimer_.adopt, run = ToClaimedJob(std::move(job), e), now]() mutable {
      adopt(std::move(run), now);
    });
    ctx.after_rollback.push_back(claimer_.release);
    return true;
  }

  JobArgs args_;
  JobFields fields_;
  std::optional<PayloadText> payload_text_;
  plan::Projection projection_;
  EnqueueNotifier notify_;
  EnqueueClaimer claimer_;
};

class EnqueueExtension final : public plan::MutationExtension {
 public:
  EnqueueExtension(EnqueueNotifier notify, EnqueueClaimer claimer)
      : notify_(std::move(notify)), claimer_(std::move(claimer)) {}
  std::shared_ptr<const plan::CustomStep> Compile(const ast::Selection& field) const override {
    JobArgs args{field.pos, {}};
    for (const ast::Argument& a : field.args) args.fields.push_back(ast::ObjectField{a.name, a.pos, a.value});
    CheckJobArgs(field.name, args);
    return std::make_shared<EnqueueStep>(std::move(args), ProjectionOf(field, kEnqueueFields), notify_, claimer_);
  }

 private:
  EnqueueNotifier notify_;
  EnqueueClaimer claimer_;
};

// ---- enqueueJobs --------------------------------------------------------------------------

class EnqueueManyStep final : public plan::CustomStep {
 public:
  EnqueueManyStep(ast::Value list, plan::Projection projection, EnqueueNotifier notify)
      : list_(std::move(list)), projection_(std::move(projection)), notify_(std::move(notify)) {}
  Json Run(executor::ExecContext& ctx) const override {
    Millis now = SystemClock::Instance().NowMs();
    std::vector<NewJob> jobs;
    if (list_.kind == ast::Value::Kind::List) {
      for (const ast::Value& item : list_.items) {
        if (item.kind == ast::Value::Kind::Variable) {
          AddResolved(planner::ResolveValue(item, ctx.variables), item.pos, now, jobs);
        } else {
          JobArgs args = ToArgs(item);
          jobs.push_back(ResolveJob(Locate(args), ctx.variables, now));
        }
      }
    } else {
      Json v = planner::ResolveValue(list_, ctx.variables);
      if (!v.is_array()) Fail("jobs must be a list of jobs", list_.pos);
      for (const Json& item : v.as_array()) AddResolved(item, list_.pos, now, jobs);
    }
    std::vector<EnqueuedJob> done =
        EnqueueMany(ctx.conn, jobs, now, UseInbox(ctx, jobs.size()) ? JobTable::kInbox : JobTable::kQueue);
    NotifyAfterCommit(ctx, notify_, done);
    if (ctx.result_unused) return Json();
    Json out = Json::array();
    for (const EnqueuedJob& e : done) out.push_back(Describe(e));
    return executor::Project(out, projection_);
  }

  static JobArgs ToArgs(const ast::Value& item) {
    if (item.kind != ast::Value::Kind::Object) Fail("each of jobs must be an object such as {type: \"…\"}", item.pos);
    JobArgs args{item.pos, item.fields};
    CheckJobArgs("a job in jobs", args);
    return args;
  }

 private:
  // A job given as a variable's JSON object: turned into literal arguments, then resolved.
  static void AddResolved(const Json& value, const ast::Pos& pos, Millis now, std::vector<NewJob>& jobs) {
    if (!value.is_object()) Fail("each of jobs must be an object such as {type: \"…\"}", pos);
    JobArgs args{pos, {}};
    Json vars = Json::object();
    for (const auto& [key, v] : value.as_object()) {
      ast::ObjectField f;
      f.name = key;
      f.pos = pos;
      f.value.kind = ast::Value::Kind::Variable;
      f.value.text = key;
      f.value.pos = pos;
      args.fields.push_back(std::move(f));
      vars.set(key, v);
    }
    CheckJobArgs("a job in jobs", args);
    jobs.push_back(ResolveJob(Locate(args), vars, now));
  }

  ast::Value list_;
  plan::Projection projection_;
  EnqueueNotifier notify_;
};

class EnqueueManyExtension final : public plan::MutationExtension {
 public:
  explicit EnqueueManyExtension(EnqueueNotifier notify) : notify_(std::move(notify)) {}
  std::shared_ptr<const plan::CustomStep> Compile(const ast::Selection& field) const override {
    CheckArgNames(field.name, field.args, {"jobs"});
    if (field.args.empty()) Fail("enqueueJobs needs jobs: [{type: \"…\"}, …]", field.pos);
    const ast::Value& list = field.args[0].value;
    if (list.kind == ast::Value::Kind::List) {
      for (const ast::Value& item : list.items) {
        if (item.kind != ast::Value::Kind::Variable) EnqueueManyStep::ToArgs(item);  // validate now
      }
    } else if (list.kind != ast::Value::Kind::Variable) {
      Fail("jobs must be a list of jobs", list.pos);
    }
    return std::make_shared<EnqueueManyStep>(list, ProjectionOf(field, kEnqueueFields), notify_);
  }

 private:
  EnqueueNotifier notify_;
};

// ---- cancelJob / retryJob -----------------------------------------------------------------

class ChangeStep final : public plan::CustomStep {
 public:
  ChangeStep(bool cancel, ast::Argument id, plan::Projection projection, EnqueueNotifier notify)
      : cancel_(cancel), id_(std::move(id)), projection_(std::move(projection)), notify_(std::move(notify)) {}
  Json Run(executor::ExecContext& ctx) const override {
    Json id = planner::ResolveValue(id_.value, ctx.variables);
    if (!id.is_string()) Fail("id must be a job id (a string)", id_.value.pos);
    Millis now = SystemClock::Instance().NowMs();
    ChangeOutcome out = cancel_ ? Cancel(ctx.conn, id.as_string(), now) : Retry(ctx.conn, id.as_string(), now);
    if (out.result == ChangeResult::kNotFound) {
      Fail("no job with id '" + id.as_string() + "'", id_.value.pos, ErrorCode::NotFound);
    }
    if (!cancel_ && out.result == ChangeResult::kDone && notify_) {
      auto notify = notify_;
      ctx.after_commit.push_back([notify, now] { notify(now, Priority::Low); });
    }
    Json result = Json::object({{"jobId", id.as_string()},
                                {"id", id.as_string()},
                                {"status", to_string(*out.status)},
                                {"changed", out.result == ChangeResult::kDone}});
    return executor::Project(result, projection_);
  }

 private:
  bool cancel_;
  ast::Argument id_;
  plan::Projection projection_;
  EnqueueNotifier notify_;
};

class ChangeExtension final : public plan::MutationExtension {
 public:
  ChangeExtension(bool cancel, EnqueueNotifier notify) : cancel_(cancel), notify_(std::move(notify)) {}
  std::shared_ptr<const plan::CustomStep> Compile(const ast::Selection& field) const override {
    CheckArgNames(field.name, field.args, {"id", "jobId"});
    if (field.args.size() != 1) Fail(field.name + " needs the job's id: " + field.name + "(id: \"…\")", field.pos);
    return std::make_shared<ChangeStep>(cancel_, field.args[0],
                                        ProjectionOf(field, {"jobId", "id", "status", "changed"}), notify_);
  }

 private:
  bool cancel_;
  EnqueueNotifier notify_;
};

}  // namespace

void RegisterAql(engine::Extensions& extensions, EnqueueNotifier notify, EnqueueClaimer claimer) {
  extensions.resolvers["_jobs"] = std::make_shared<JobsResolver>();
  extensions.mutations["enqueueJob"] = std::make_shared<EnqueueExtension>(notify, std::move(claimer));
  extensions.mutations["enqueueJobs"] = std::make_shared<EnqueueManyExtension>(notify);
  extensions.mutations["cancelJob"] = std::make_shared<ChangeExtension>(true, notify);
  extensions.mutations["retryJob"] = std::make_shared<ChangeExtension>(false, notify);
}

}  // namespace aurora::jobs
