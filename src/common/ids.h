// common/ids.h: time-ordered unique ids for documents and jobs.
#pragma once

#include <string>

namespace aurora::internal {

// 26 characters of Crockford base32: 48 bits of milliseconds since the epoch, then 80 bits that
// are random per millisecond and incremented within one, so ids sort in creation order within
// a process and are unique across processes. Thread-safe.
std::string NewId();

}  // namespace aurora::internal
