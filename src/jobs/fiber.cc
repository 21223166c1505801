// aurora::sleep_for and aurora::run_blocking (include/aurora/fiber.h).
#include "aurora/fiber.h"

#include <boost/fiber/fss.hpp>
#include <boost/fiber/future.hpp>
#include <boost/fiber/operations.hpp>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "jobs/attempt_state.h"

namespace aurora {
namespace internal {
namespace {

// Fiber-local: many jobs run on one thread, so a thread_local would be shared by all of them.
boost::fibers::fiber_specific_ptr<AttemptState*>& CurrentSlot() {
  static boost::fibers::fiber_specific_ptr<AttemptState*> slot([](AttemptState** p) { delete p; });
  return slot;
}

}  // namespace

AttemptState* CurrentAttempt() {
  AttemptState** p = CurrentSlot().get();
  return p ? *p : nullptr;
}

void SetCurrentAttempt(AttemptState* attempt) { CurrentSlot().reset(attempt ? new AttemptState*(attempt) : nullptr); }

}  // namespace internal

namespace {

// Threads for blocking work: a new one starts when a task arrives and none is idle, up to
// kMaxThreads. They live for the rest of the process (the pool is never destroyed, so exit
// never waits for a task that blocks forever).
class BlockingPool {
 public:
  static BlockingPool& Instance() {
    static BlockingPool* pool = new BlockingPool();
    return *pool;
  }

  void Submit(std::function<void()> task) {
    std::unique_lock<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
    if (idle_ == 0 && threads_ < kMaxThreads) {
      ++threads_;
      std::thread([this] { Loop(); }).detach();
    } else {
      cv_.notify_one();
    }
  }

 private:
  static constexpr int kMaxThreads = 64;

  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      ++idle_;
      cv_.wait(lock, [&] { return !queue_.empty(); });
      --idle_;
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  int threads_ = 0;
  int idle_ = 0;
};

}  // namespace

namespace detail {

void sleep_for_ns(std::chrono::nanoseconds duration) {
  if (duration.count() <= 0) return;
  internal::AttemptState* attempt = internal::CurrentAttempt();
  if (!attempt) {
    boost::this_fiber::sleep_for(duration);
    return;
  }
  // In slices, so that a stop request (cancel, timeout, shutdown) ends the sleep within ~5 ms.
  constexpr std::chrono::nanoseconds kSlice = std::chrono::milliseconds(5);
  auto end = std::chrono::steady_clock::now() + duration;
  while (attempt->reason.load(std::memory_order_relaxed) == StopReason::None) {
    auto left = end - std::chrono::steady_clock::now();
    if (left <= std::chrono::nanoseconds(0)) return;
    boost::this_fiber::sleep_for(std::min<std::chrono::nanoseconds>(left, kSlice));
  }
}

void run_blocking_erased(std::function<void()> fn) {
  // The pool thread holds its own reference to the promise, so the shared state outlives
  // set_value() even when the waiting fiber resumes (and returns) before set_value does.
  auto done = std::make_shared<boost::fibers::promise<void>>();
  boost::fibers::future<void> waited = done->get_future();
  BlockingPool::Instance().Submit([&fn, done] {
    fn();
    done->set_value();
  });
  waited.get();
}

}  // namespace detail
}  // namespace aurora
