// jobs/stack_pool.h: fiber stacks for handler fibers. Each stack is mmap'ed with a guard page
// below it (an overflow faults instead of corrupting memory); only the pages a fiber touches
// cost memory. Freed stacks are kept for reuse, up to a limit, so starting a fiber costs no
// system call in the steady state. Thread-safe: fibers may end on any worker thread.
#pragma once

#include <boost/context/stack_context.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace aurora::jobs {

class StackPool {
 public:
  StackPool(std::size_t stack_size, std::size_t max_cached);
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;
  ~StackPool();

  boost::context::stack_context Allocate();
  void Deallocate(boost::context::stack_context& sc) noexcept;

 private:
  std::size_t total_size_;  // usable size plus the guard page, page-aligned
  std::size_t max_cached_;
  std::mutex mu_;
  std::vector<void*> free_;
};

// The StackAllocator concept of Boost.Context over a shared StackPool.
struct PooledStack {
  std::shared_ptr<StackPool> pool;
  boost::context::stack_context allocate() { return pool->Allocate(); }
  void deallocate(boost::context::stack_context& sc) noexcept { pool->Deallocate(sc); }
};

}  // namespace aurora::jobs
