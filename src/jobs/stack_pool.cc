#include "jobs/stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <new>

namespace aurora::jobs {
namespace {

std::size_t PageSize() {
  static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

}  // namespace

StackPool::StackPool(std::size_t stack_size, std::size_t max_cached) : max_cached_(max_cached) {
  free_.reserve(max_cached_);
  std::size_t page = PageSize();
  std::size_t pages = (std::max<std::size_t>(stack_size, 4 * page) + page - 1) / page;
  total_size_ = (pages + 1) * page;
}

StackPool::~StackPool() {
  for (void* p : free_) munmap(p, total_size_);
}

boost::context::stack_context StackPool::Allocate() {
  void* base = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      base = free_.back();
      free_.pop_back();
    }
  }
  if (!base) {
    base = mmap(nullptr, total_size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) throw std::bad_alloc();
    mprotect(base, PageSize(), PROT_NONE);  // guard page at the low end
  }
  boost::context::stack_context sc;
  sc.size = total_size_;
  sc.sp = static_cast<char*>(base) + total_size_;
  return sc;
}

void StackPool::Deallocate(boost::context::stack_context& sc) noexcept {
  void* base = static_cast<char*>(sc.sp) - sc.size;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < max_cached_) {
      free_.push_back(base);
      return;
    }
  }
  munmap(base, total_size_);
}

}  // namespace aurora::jobs
