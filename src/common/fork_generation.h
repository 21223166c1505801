// common/fork_generation.h: telling a forked child from the process that made an object.
//
// Some objects must not be used in a child made by fork(): a SQLite connection is one (its
// locks are per process: the child would write without holding them). Such an object records
// ForkGeneration() when it is made and compares it on every use, which costs one atomic load
// (getpid() would be a system call on every use).
#pragma once

#include <cstdint>

namespace aurora::internal {

// How many fork()s lie between this process and the first call of ForkGeneration in its
// lineage: 0 there, and one more in each child (counted by a pthread_atfork handler, which the
// first call registers; so call it before forking). Async-signal-safe after the first call.
std::uint64_t ForkGeneration();

}  // namespace aurora::internal
