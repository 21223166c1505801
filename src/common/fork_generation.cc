#include "common/fork_generation.h"

#include <pthread.h>

#include <atomic>

namespace aurora::internal {
namespace {

std::atomic<std::uint64_t> generation{0};

void CountFork() { generation.fetch_add(1, std::memory_order_relaxed); }

}  // namespace

std::uint64_t ForkGeneration() {
  static const bool registered = [] {
    pthread_atfork(nullptr, nullptr, CountFork);
    return true;
  }();
  (void)registered;
  return generation.load(std::memory_order_relaxed);
}

}  // namespace aurora::internal
