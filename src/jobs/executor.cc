#include "jobs/executor.h"

#include <algorithm>
#include <atomic>
#include <boost/fiber/all.hpp>
#include <condition_variable>
#include <limits>
#include <map>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "aurora/error.h"
#include "common/log.h"
#include "jobs/attempt_state.h"
#include "jobs/job_store.h"
#include "jobs/owner_lock.h"
#include "jobs/rescue.h"
#include "jobs/retry_policy.h"
#include "jobs/stack_pool.h"
#include "jobs/write_txn.h"

namespace aurora::jobs {
namespace {

constexpr Millis kNever = std::numeric_limits<Millis>::max();

using Batch = std::vector<ClaimedJob>;
using Channel = boost::fibers::buffered_channel<Batch>;

// The result of one attempt, handed from a fiber to the dispatcher.
struct Completion {
  std::string id;
  std::int64_t token = 0;
  bool ok = false;
  std::string error;
};

// A job an enqueuer claimed in its own INSERT and handed to a fiber thread (Executor::Adopt),
// waiting for the dispatcher to take it into its in-flight set.
struct Adopted {
  std::string id, type;
  std::int64_t token = 0;
  int retries = 0;
  int max_retries = 0;
  std::optional<Millis> timeout_ms;
  int worker = 0;
  Millis started = 0;
  std::shared_ptr<internal::AttemptState> attempt;
};

// An attempt this process runs (dispatcher-only state).
struct InFlight {
  std::string type;
  std::int64_t token = 0;
  int retries = 0;
  int max_retries = 0;
  int worker = 0;
  std::shared_ptr<internal::AttemptState> attempt;
  bool isolated = false;  // a suspect running alone (jobs/job_store.h ClaimSuspect)
  // Ran past its timeout: asked to stop, and whatever it returns is recorded as that failure.
  // Until it returns its job stays RUNNING under this claim, so no second attempt can start.
  bool timed_out = false;
};

constexpr const char* kTimedOut = "timed out: the attempt ran longer than its timeout";

std::size_t NextPowerOfTwo(std::size_t n) {
  std::size_t p = 2;
  while (p < n) p *= 2;
  return p;
}

std::string RandomHex() {
  std::random_device rd;
  std::uint64_t v = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (char& c : out) {
    c = kHex[v & 15];
    v >>= 4;
  }
  return out;
}

}  // namespace

class ExecutorCore : public std::enable_shared_from_this<ExecutorCore> {
 public:
  ExecutorCore(std::mutex& db_mu, storage::Connection& conn, const Config& config, Executor::HandleFactory handles)
      : db_mu_(db_mu),
        handles_(std::move(handles)),
        conn_(conn),
        clock_(SystemClock::Instance()),
        max_(std::max(1, config.max_concurrent_jobs)),
        backoff_{config.backoff_base.count(), config.backoff_cap.count()},
        lease_ms_(std::max<Millis>(config.lease.count(), 100)),
        poll_ms_(std::max<Millis>(config.poll_interval.count(), 1)),
        shutdown_ms_(std::max<Millis>(config.shutdown_timeout.count(), 0)),
        sync_full_(config.synchronous == Synchronous::Full),
        logger_(config.log),
        stacks_(std::make_shared<StackPool>(config.fiber_stack_size, 256)) {
    if (conn.file()) {
      lock_ = std::make_unique<OwnerLock>(config.path);
      owner_ = lock_->owner();
    } else {
      owner_ = "mem-" + RandomHex();
    }
    int threads = std::max(1, config.worker_threads);
    workers_.resize(static_cast<std::size_t>(threads));
    for (Worker& w : workers_) w.channel = std::make_unique<Channel>(NextPowerOfTwo(2 * static_cast<std::size_t>(max_) + 2));
  }

  void Start() {
    auto self = shared_from_this();
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      workers_[i].thread = std::thread([self, i] { self->WorkerMain(i); });
    }
    dispatcher_ = std::thread([self] { self->DispatcherMain(); });
  }

  const std::string& owner() const { return owner_; }

  void Register(const std::string& type, std::unique_ptr<JobHandler> handler) {
    if (type.empty()) throw Exception(ErrorCode::ValidationError, "a job handler needs a non-empty type");
    if (!handler) throw Exception(ErrorCode::ValidationError, "register_handler: the handler is null");
    {
      std::lock_guard<std::mutex> lock(handlers_mu_);
      handlers_[type] = std::shared_ptr<JobHandler>(std::move(handler));
      auto types = std::make_shared<std::vector<std::string>>();
      for (const auto& entry : handlers_) types->push_back(entry.first);
      std::sort(types->begin(), types->end());
      type_list_ = std::move(types);
    }
    std::lock_guard<std::mutex> lock(mu_);
    types_changed_ = true;
    cv_.notify_one();
  }

  void Notify(Millis run_at, Priority priority) {
    std::lock_guard<std::mutex> lock(mu_);
    if (run_at > clock_.NowMs()) {
      scheduled_hint_ = std::min(scheduled_hint_, run_at);
    } else {
      wake_ = true;
      if (priority == Priority::Critical) critical_wake_ = true;
    }
    cv_.notify_one();
  }

  std::optional<Executor::Reservation> Reserve(const std::string& type, Priority priority) {
    std::shared_ptr<const std::vector<std::string>> types;
    {
      std::lock_guard<std::mutex> lock(handlers_mu_);
      if (!handlers_.count(type)) return std::nullopt;
      types = type_list_;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || used_ >= (priority == Priority::Critical ? 2 * max_ : max_)) return std::nullopt;
    ++used_;
    ++reserved_;
    ClaimRequest request{types.get(), 1, Priority::Low, NewToken(), owner_, lease_ms_};
    return Executor::Reservation{request, std::move(types)};
  }

  void Adopt(ClaimedJob job, Millis now) {
    std::size_t best = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      --reserved_;
      best = LeastLoaded();
      workers_[best].load++;
      job.attempt = std::make_shared<internal::AttemptState>();
      attempts_[job.id] = job.attempt;
      adopted_.push_back(Adopted{job.id, job.type, job.token, job.retries, job.max_retries, job.timeout_ms,
                                 static_cast<int>(best), now, job.attempt});
      // The dispatcher takes adopted attempts over when they report back; it only needs waking
      // for a timeout to watch, or to finish a shutdown.
      if (job.timeout_ms || stopping_) {
        adopted_wake_ = true;
        cv_.notify_one();
      }
    }
    Batch batch;
    batch.push_back(std::move(job));
    // Never blocks (a channel holds more batches than there are slots); fails only when the
    // dispatcher has ended after handing everything back, and then the job is PENDING again.
    workers_[best].channel->try_push(std::move(batch));
  }

  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    --used_;
    --reserved_;
    cv_.notify_one();
  }

  void StopAttempt(std::string_view id, StopReason reason) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = attempts_.find(std::string(id));
    if (it != attempts_.end()) it->second->Request(reason);
  }

  void Shutdown() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (shutdown_started_) return;
      shutdown_started_ = true;
      stopping_ = true;
      shutdown_deadline_ = clock_.NowMs() + shutdown_ms_;
      cv_.notify_one();
    }
    if (dispatcher_.joinable()) dispatcher_.join();
    // The dispatcher closed the channels; each worker thread ends when its fibers have.
    bool all_exited;
    {
      std::unique_lock<std::mutex> lock(exit_mu_);
      all_exited = exit_cv_.wait_for(lock, std::chrono::milliseconds(handed_back_ || abandoned_ ? 100 : 5000),
                                     [&] { return exited_ == workers_.size(); });
    }
    for (Worker& w : workers_) {
      if (!w.thread.joinable()) continue;
      if (all_exited) {
        w.thread.join();
      } else {
        w.thread.detach();  // handlers still running after shutdown_timeout; their results are dropped
      }
    }
    lock_.reset();
  }

 private:
  struct Worker {
    std::thread thread;
    std::unique_ptr<Channel> channel;
    int load = 0;  // attempts running on this thread; under mu_
  };

  // REQUIRES: mu_ held.
  std::size_t LeastLoaded() const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < workers_.size(); ++i) {
      if (workers_[i].load < workers_[best].load) best = i;
    }
    return best;
  }

  // ---- Fibers (worker threads) ----------------------------------------------------------

  void WorkerMain(std::size_t index) {
    Worker& w = workers_[index];
    boost::fibers::mutex mu;
    boost::fibers::condition_variable cv;
    int running = 0;
    Batch batch;
    while (w.channel->pop(batch) == boost::fibers::channel_op_status::success) {
      for (ClaimedJob& job : batch) {
        ++running;
        auto self = shared_from_this();
        boost::fibers::fiber(std::allocator_arg, PooledStack{stacks_},
                             [self, job = std::move(job), &running, &mu, &cv]() mutable {
                               self->RunJob(job);
                               std::unique_lock<boost::fibers::mutex> lock(mu);
                               if (--running == 0) cv.notify_all();
                             })
            .detach();
      }
      batch.clear();
    }
    {
      std::unique_lock<boost::fibers::mutex> lock(mu);
      cv.wait(lock, [&] { return running == 0; });
    }
    std::lock_guard<std::mutex> lock(exit_mu_);
    ++exited_;
    exit_cv_.notify_all();
  }

  void RunJob(ClaimedJob& claimed) {
    Completion c;
    c.id = claimed.id;
    c.token = claimed.token;
    Job job;  // outside the try: a payload type error names its path in the payload
    try {
      std::shared_ptr<JobHandler> handler;
      {
        std::lock_guard<std::mutex> lock(handlers_mu_);
        auto it = handlers_.find(claimed.type);
        if (it != handlers_.end()) handler = it->second;
      }
      if (!handler) throw std::runtime_error("no handler registered for job type '" + claimed.type + "'");
      job.id = std::move(claimed.id);
      job.type = std::move(claimed.type);
      std::string parse_error;
      std::optional<Json> payload = Json::parse(claimed.payload_json, &parse_error);
      if (!payload) throw std::runtime_error("job payload is not valid JSON: " + parse_error);
      job.payload = std::move(*payload);
      job.priority = claimed.priority;
      job.retries = claimed.retries;
      job.max_retries = claimed.max_retries;
      if (claimed.timeout_ms) job.timeout = std::chrono::milliseconds(*claimed.timeout_ms);
      job.attempt = claimed.attempt;
      if (handles_) job.database_handle = handles_();
      internal::SetCurrentAttempt(job.attempt.get());
      struct ClearAttempt {
        ~ClearAttempt() { internal::SetCurrentAttempt(nullptr); }
      } clear_attempt;
      JobResult result = handler->handle(job);
      c.ok = result.is_ok();
      if (!c.ok) c.error = result.error_message();
    } catch (const JsonError& e) {
      // "expected string, got int at payload.user.name" when the handler misread its payload.
      std::optional<std::string> path = job.payload.path_to(e.value());
      c.ok = false;
      c.error = path ? e.what() + std::string(" at payload") + *path : e.what();
    } catch (const std::exception& e) {
      c.ok = false;
      c.error = *e.what() ? e.what() : "the handler threw an exception";
    } catch (...) {
      c.ok = false;
      c.error = "the handler threw an exception that is not a std::exception";
    }
    std::lock_guard<std::mutex> lock(mu_);
    completions_.push_back(std::move(c));
    cv_.notify_one();
  }

  // ---- Dispatcher thread ----------------------------------------------------------------

  // Free slots. REQUIRES: mu_ held.
  int Free() const { return max_ - used_; }
  int CriticalFree() const { return 2 * max_ - used_; }

  Millis NextDeadline() const {
    Millis d = next_maintenance_;
    if (!types_.empty()) d = std::min(d, next_poll_);
    d = std::min(d, next_scheduled_);
    if (!deadlines_.empty()) d = std::min(d, deadlines_.begin()->first);
    if (stopping_) d = std::min(d, shutdown_deadline_);
    return d;
  }

  void DispatcherMain() {
    std::mt19937_64 rng{std::random_device{}()};
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    Millis now = clock_.NowMs();
    next_poll_ = now;
    next_maintenance_ = now;
    maybe_more_ = true;
    std::int64_t data_version = -1;
    for (;;) {
      std::vector<Completion> done;
      std::vector<Adopted> adopted;
      bool wake = false, critical = false, stopping = false, types_changed = false;
      {
        std::unique_lock<std::mutex> lock(mu_);
        for (;;) {
          now = clock_.NowMs();
          if (scheduled_hint_ < next_scheduled_) next_scheduled_ = scheduled_hint_;
          scheduled_hint_ = kNever;
          if (!completions_.empty() || types_changed_ || adopted_wake_ || (stopping_ && !stopping_seen_)) break;
          if (stopping_ && inflight_.empty() && reserved_ == 0) break;
          if (wake_ && Free() > 0) break;
          if (critical_wake_ && CriticalFree() > 0) break;
          Millis deadline = NextDeadline();
          if (deadline <= now) break;
          cv_.wait_for(lock, std::chrono::milliseconds(std::min<Millis>(deadline - now, 3600000)));
        }
        done.swap(completions_);
        adopted.swap(adopted_);  // before any of their completions: Adopt queues them first
        adopted_wake_ = false;
        wake = wake_;
        critical = critical_wake_;
        wake_ = critical_wake_ = false;
        types_changed = types_changed_;
        types_changed_ = false;
        stopping = stopping_;
        stopping_seen_ = stopping_;
      }
      if (types_changed) {
        std::lock_guard<std::mutex> lock(handlers_mu_);
        types_.clear();
        for (const auto& entry : handlers_) types_.push_back(entry.first);
        std::sort(types_.begin(), types_.end());
        wake = true;
      }
      if (wake) maybe_more_ = true;
      for (Adopted& a : adopted) {
        if (a.timeout_ms) deadlines_.emplace(a.started + *a.timeout_ms, std::make_pair(a.id, a.token));
        if (stopping) a.attempt->Request(StopReason::ShuttingDown);
        inflight_[a.id] = InFlight{std::move(a.type), a.token, a.retries, a.max_retries, a.worker, a.attempt};
      }

      // Attempts past their timeout are asked to stop; they fail when they return (InFlight).
      while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
        auto [id, token] = deadlines_.begin()->second;
        deadlines_.erase(deadlines_.begin());
        auto it = inflight_.find(id);
        if (it != inflight_.end() && it->second.token == token) {
          it->second.timed_out = true;
          it->second.attempt->Request(StopReason::TimedOut);
        }
      }
      if (stopping && !shutdown_told_) {
        shutdown_told_ = true;
        for (auto& [id, f] : inflight_) f.attempt->Request(StopReason::ShuttingDown);
      }

      // The results that still count (a timed-out, cancelled-and-reclaimed or handed-back
      // attempt's late result does not); their slots are free for this round's claim.
      std::vector<const Completion*> valid;
      {
        std::unordered_set<std::string_view> seen;
        for (const Completion& c : done) {
          auto it = inflight_.find(c.id);
          if (it == inflight_.end() || it->second.token != c.token || !seen.insert(c.id).second) continue;
          valid.push_back(&c);
        }
      }
      const int finishing = static_cast<int>(valid.size());
      int free_slots = 0, critical_free = 0;

      bool poll_due = now >= next_poll_;
      if (poll_due) next_poll_ = now + poll_ms_;
      bool maint_due = now >= next_maintenance_;
      bool sched_due = next_scheduled_ <= now;
      bool can_claim = !stopping && !types_.empty();
      bool handed_back = false;
      std::vector<ClaimedJob> claimed;
      int claim_limit = 0;
      try {
        std::lock_guard<std::mutex> db_lock(db_mu_);
        {
          // Under db_mu_: enqueuers reserve slots (Reserve) only while holding it too.
          std::lock_guard<std::mutex> lock(mu_);
          free_slots = Free() + finishing;
          critical_free = CriticalFree() + finishing;
        }
        bool refresh = false;
        if (poll_due) {
          storage::Statement& st = conn_.Prepare("PRAGMA data_version");
          std::int64_t v = st.Step() ? st.Int(0) : 0;
          st.Reset();
          if (v != data_version) {
            data_version = v;
            refresh = true;
            maybe_more_ = true;
          }
        }
        bool claim = can_claim && free_slots > 0 && (maybe_more_ || sched_due || refresh);
        bool critical_claim = can_claim && !claim && critical_free > 0 && (critical || refresh);
        bool deadline_passed = stopping && now >= shutdown_deadline_ && !inflight_.empty();
        if (done.empty() && !claim && !critical_claim && !maint_due && !sched_due && !refresh && !deadline_passed) {
          // nothing to write
        } else {
          bool relaxed = sync_full_ && done.empty() && !maint_due && !deadline_passed;
          if (relaxed) conn_.Exec("PRAGMA synchronous=NORMAL");
          try {
            WriteTxn tx(conn_);
            CompletedTally tally;
            bool released = false;  // a claim let go: its job may be PENDING again (retried)
            for (const Completion* cp : valid) {
              const Completion& c = *cp;
              auto it = inflight_.find(c.id);
              if (c.ok && !it->second.timed_out) {
                // Cancelled meanwhile: the result is dropped, the job's claim let go.
                if (!Complete(conn_, c.id, c.token, now, &tally, it->second.type)) {
                  released |= ReleaseClaim(conn_, c.id, c.token);
                }
              } else {
                auto outcome = Fail(conn_, c.id, c.token, it->second.retries, it->second.max_retries,
                                    it->second.timed_out ? std::string(kTimedOut) : c.error, now, backoff_,
                                    jitter(rng));
                if (!outcome) released |= ReleaseClaim(conn_, c.id, c.token);
                if (outcome && outcome->status == JobStatus::Scheduled) {
                  next_scheduled_ = std::min(next_scheduled_, outcome->run_at);
                }
              }
            }
            AddCompleted(conn_, tally);
            if (sched_due || refresh) {
              if (PromoteDue(conn_, now) > 0) maybe_more_ = true;
              next_scheduled_ = NextScheduledAt(conn_).value_or(kNever);
            }
            if (maint_due) {
              if (!inflight_.empty()) RenewLeases(conn_, owner_, now + lease_ms_);
              // A job cancelled by another connection (or process) meanwhile: tell its attempt.
              for (auto& [id, f] : inflight_) {
                if (!StillRunning(conn_, id, f.token)) f.attempt->Request(StopReason::Cancelled);
              }
              if (RescueOrphans(conn_, owner_, now) > 0) maybe_more_ = true;
            }
            std::vector<std::string> returned;
            if (deadline_passed) {
              // shutdown_timeout is over: hand every unfinished attempt back at once.
              std::unordered_set<std::string_view> finished;
              for (const Completion* c : valid) finished.insert(c->id);
              for (const auto& [id, f] : inflight_) {
                if (finished.count(id)) continue;
                f.attempt->Request(StopReason::Abandoned);
                bool changed = f.timed_out  // it already ran past its timeout: that failure stands
                                   ? Fail(conn_, id, f.token, f.retries, f.max_retries, kTimedOut, now, backoff_,
                                          jitter(rng))
                                         .has_value()
                                   : HandBack(conn_, id, f.token);
                if (!changed) released |= ReleaseClaim(conn_, id, f.token);
              }
              handed_back = true;
            }
            // Claim only after the completions above: they free the slots being filled.
            // First, when no suspect runs here, one suspect to run alone beside the batch.
            bool suspect_free = !suspect_running_;
            for (const Completion* c : valid) suspect_free = suspect_free || c->id == suspect_id_;
            if (claim && suspect_free) {
              ClaimRequest req{&types_, 1, Priority::Low, NewToken(), owner_, lease_ms_};
              if (std::optional<ClaimedJob> suspect = ClaimSuspect(conn_, req, now)) {
                claimed.push_back(std::move(*suspect));
                --free_slots;
              }
            }
            if (claim && free_slots > 0) {
              claim_limit = free_slots;
              ClaimRequest req{&types_, claim_limit, Priority::Low, NewToken(), owner_, lease_ms_};
              for (ClaimedJob& job : Claim(conn_, req, now)) claimed.push_back(std::move(job));
            } else if (critical_claim) {
              ClaimRequest req{&types_, critical_free, Priority::Critical, NewToken(), owner_, lease_ms_};
              claimed = Claim(conn_, req, now);
            }
            tx.Commit();
            if (relaxed) {
              relaxed = false;
              RestoreFullSync();
            }
            // Committed: now update the in-memory view.
            {
              std::lock_guard<std::mutex> lock(mu_);
              for (const Completion* c : valid) {
                auto it = inflight_.find(c->id);
                workers_[static_cast<std::size_t>(it->second.worker)].load--;
                if (it->second.isolated) {
                  suspect_running_ = false;  // another suspect may wait: look again at once
                  maybe_more_after_suspect_ = true;
                  wake_ = true;
                }
                attempts_.erase(c->id);
                inflight_.erase(it);
              }
              for (const ClaimedJob& job : claimed) {
                if (job.isolated) {
                  suspect_running_ = true;
                  suspect_id_ = job.id;
                }
              }
              used_ += static_cast<int>(claimed.size()) - finishing;
            }
            if (claim_limit > 0) maybe_more_ = static_cast<int>(claimed.size()) >= claim_limit;
            if (maybe_more_after_suspect_ || released) maybe_more_ = true;
            maybe_more_after_suspect_ = false;
            if (released) {
              std::lock_guard<std::mutex> lock(mu_);
              wake_ = true;
            }
            if (maint_due) next_maintenance_ = now + lease_ms_ / 3;
          } catch (...) {
            if (relaxed) RestoreFullSync();
            throw;
          }
        }
      } catch (const std::exception& e) {
        // The transaction rolled back: keep the results for the next round and retry shortly.
        // Once shutdown_timeout is over, give up instead (a full disk, a lock held forever):
        // the attempts stay RUNNING under this owner, whose lock dies with this Database, so
        // the next process rescues them. close() then returns without the write.
        write_failures_.Report(logger_, LogLevel::Error,
                               std::string("job queue: a background write failed: ") + e.what() +
                                   (stopping ? "" : " (retrying)"));
        {
          std::lock_guard<std::mutex> lock(mu_);
          completions_.insert(completions_.begin(), std::make_move_iterator(done.begin()),
                              std::make_move_iterator(done.end()));
        }
        if (stopping && clock_.NowMs() >= shutdown_deadline_) {
          logger_.Log(LogLevel::Error,
                      "job queue: closing without recording the end of " + std::to_string(inflight_.size()) +
                          " running attempt(s); the next process to open the database hands them back");
          abandoned_ = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      write_failures_.Clear();
      if (handed_back) {
        handed_back_ = true;
        std::lock_guard<std::mutex> lock(mu_);
        used_ -= static_cast<int>(inflight_.size());
        inflight_.clear();
        attempts_.clear();
        suspect_running_ = false;
      }
      Dispatch(std::move(claimed), now);
      if (stopping) {
        std::lock_guard<std::mutex> lock(mu_);
        if (inflight_.empty() && reserved_ == 0 && adopted_.empty()) break;
      }
    }
    for (Worker& w : workers_) w.channel->close();
  }

  void RestoreFullSync() noexcept {
    try {
      conn_.Exec("PRAGMA synchronous=FULL");
    } catch (...) {
    }
  }

  void Dispatch(std::vector<ClaimedJob> claimed, Millis now) {
    if (claimed.empty()) return;
    std::vector<Batch> batches(workers_.size());
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (ClaimedJob& job : claimed) {
        std::size_t best = LeastLoaded();
        workers_[best].load++;
        job.attempt = std::make_shared<internal::AttemptState>();
        attempts_[job.id] = job.attempt;
        inflight_[job.id] = InFlight{job.type, job.token, job.retries, job.max_retries, static_cast<int>(best), job.attempt,
                                     job.isolated};
        if (job.timeout_ms) deadlines_.emplace(now + *job.timeout_ms, std::make_pair(job.id, job.token));
        batches[best].push_back(std::move(job));
      }
    }
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      if (!batches[i].empty()) workers_[i].channel->push(std::move(batches[i]));
    }
  }

  std::mutex& db_mu_;
  const Executor::HandleFactory handles_;
  storage::Connection& conn_;
  const Clock& clock_;
  const int max_;
  const Backoff backoff_;
  const Millis lease_ms_;
  const Millis poll_ms_;
  const Millis shutdown_ms_;
  const bool sync_full_;
  const internal::Logger logger_;
  std::shared_ptr<StackPool> stacks_;
  std::unique_ptr<OwnerLock> lock_;
  std::string owner_;

  std::mutex handlers_mu_;
  std::unordered_map<std::string, std::shared_ptr<JobHandler>> handlers_;
  std::shared_ptr<const std::vector<std::string>> type_list_;  // handlers_' keys, sorted

  // Shared with fibers and callers, under mu_.
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Completion> completions_;
  bool wake_ = false;
  bool critical_wake_ = false;
  bool types_changed_ = false;
  bool stopping_ = false;
  bool stopping_seen_ = false;
  bool shutdown_started_ = false;
  Millis shutdown_deadline_ = kNever;
  Millis scheduled_hint_ = kNever;
  // Slots in use: attempts in flight (claimed by the dispatcher or adopted) plus reservations.
  // Only taken (raised) with db_mu_ held too, by Reserve and by a claim round, so the two never
  // both count on the same free slot; given back whenever an attempt ends.
  int used_ = 0;
  int reserved_ = 0;             // Reserve()d, neither Adopt()ed nor Release()d yet
  std::vector<Adopted> adopted_;  // handed to fibers, not yet in inflight_
  // The stop flags of every attempt running here, by job id (for StopAttempt from any thread).
  std::unordered_map<std::string, std::shared_ptr<internal::AttemptState>> attempts_;
  bool adopted_wake_ = false;

  // Dispatcher-only.
  std::vector<std::string> types_;
  std::unordered_map<std::string, InFlight> inflight_;
  std::multimap<Millis, std::pair<std::string, std::int64_t>> deadlines_;
  Millis next_poll_ = 0;
  Millis next_maintenance_ = 0;
  Millis next_scheduled_ = kNever;
  bool maybe_more_ = true;
  bool shutdown_told_ = false;  // running attempts were asked to stop (ShuttingDown)
  // At most one suspect (jobs/job_store.h ClaimSuspect) runs in this process at a time.
  bool suspect_running_ = false;
  std::string suspect_id_;
  bool maybe_more_after_suspect_ = false;
  std::atomic<bool> handed_back_{false};
  std::atomic<bool> abandoned_{false};  // gave up writing on close (see DispatcherMain)
  internal::Throttled write_failures_;

  std::thread dispatcher_;
  std::vector<Worker> workers_;
  std::mutex exit_mu_;
  std::condition_variable exit_cv_;
  std::size_t exited_ = 0;
};

Executor::Executor(std::mutex& db_mu, storage::Connection& conn, const Config& config, HandleFactory handles)
    : core_(std::make_shared<ExecutorCore>(db_mu, conn, config, std::move(handles))) {
  core_->Start();
}

Executor::~Executor() { Shutdown(); }

void Executor::register_handler(const std::string& type, std::unique_ptr<JobHandler> handler) {
  core_->Register(type, std::move(handler));
}

void Executor::Notify(Millis run_at, Priority priority) { core_->Notify(run_at, priority); }

std::optional<Executor::Reservation> Executor::Reserve(const std::string& type, Priority priority) {
  return core_->Reserve(type, priority);
}

void Executor::Adopt(ClaimedJob job, Millis now) { core_->Adopt(std::move(job), now); }

void Executor::Release() { core_->Release(); }

void Executor::StopAttempt(std::string_view id, StopReason reason) { core_->StopAttempt(id, reason); }

void Executor::Shutdown() { core_->Shutdown(); }

const std::string& Executor::owner() const { return core_->owner(); }

}  // namespace aurora::jobs
