// aurora/fiber.h: waiting inside job handlers without holding a thread.
//
// Handlers run as fibers on a few worker threads (Config::worker_threads). A handler that
// calls std::this_thread::sleep_for or blocking I/O stops every other job on its thread. Use
//
//   aurora::sleep_for(std::chrono::milliseconds(100));           // parks only this job
//   std::string body = aurora::run_blocking([&] { return slow_http_get(url); });
//
// run_blocking runs the function on a separate pool of threads (started on demand, up to 64)
// and parks the calling job until it returns; its result or exception comes back to the caller.
// Both also work outside a handler (there they simply block the calling thread).
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace aurora {

namespace detail {
void sleep_for_ns(std::chrono::nanoseconds duration);
// Runs `fn` on the blocking pool and waits for it without holding the worker thread.
// REQUIRES: fn does not throw.
void run_blocking_erased(std::function<void()> fn);
}  // namespace detail

// Suspends the calling job (fiber) for at least `duration`; other jobs keep running.
template <typename Rep, typename Period>
void sleep_for(std::chrono::duration<Rep, Period> duration) {
  detail::sleep_for_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(duration));
}

// Runs fn() on the blocking pool and returns its result (or rethrows its exception).
template <typename Fn>
auto run_blocking(Fn&& fn) -> std::invoke_result_t<Fn&> {
  using Result = std::invoke_result_t<Fn&>;
  std::exception_ptr error;
  if constexpr (std::is_void_v<Result>) {
    detail::run_blocking_erased([&] {
      try {
        fn();
      } catch (...) {
        error = std::current_exception();
      }
    });
    if (error) std::rethrow_exception(error);
  } else {
    std::optional<Result> result;
    detail::run_blocking_erased([&] {
      try {
        result.emplace(fn());
      } catch (...) {
        error = std::current_exception();
      }
    });
    if (error) std::rethrow_exception(error);
    return std::move(*result);
  }
}

}  // namespace aurora
