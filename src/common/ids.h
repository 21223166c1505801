// common/ids.h: time-ordered unique ids for documents and jobs.
#pragma once

#include <cstdint>
#include <string>

namespace aurora::internal {

// 26 characters of Crockford base32: 48 bits of milliseconds since the epoch, then 80 bits that
// are random per millisecond and incremented within one, so ids sort in creation order within
// a process and are unique across processes. The random numbers come from an engine seeded with
// 256 bits of operating-system randomness in each process, and seeded again in a child made by
// fork() before its first id (a child going on with its parent's engine and counter would make
// the parent's ids in the same millisecond). Thread-safe, and safe to call in a child forked
// while another thread was making an id.
std::string NewId();

// NewId with the clock reading `ms` (milliseconds since the epoch) instead of the system
// clock's, for tests that must stay within one millisecond. The time part never goes back: a
// reading below the last one counts as the last one.
std::string NewIdAt(std::uint64_t ms);

}  // namespace aurora::internal
