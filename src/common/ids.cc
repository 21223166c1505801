#include "common/ids.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace aurora::internal {

std::string NewId() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  static uint64_t last_ms = 0;
  static uint64_t hi = 0;  // top 16 of the 80 random bits
  static uint64_t lo = 0;  // low 64
  static const char kDigits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  uint64_t ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
  uint64_t r_hi, r_lo, t;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (ms <= last_ms) {
      ms = last_ms;
      if (++lo == 0) hi = (hi + 1) & 0xFFFF;
    } else {
      last_ms = ms;
      hi = rng() & 0xFFFF;
      lo = rng() >> 1;  // leave room to increment
    }
    r_hi = hi;
    r_lo = lo;
    t = ms;
  }
  std::string out(26, '0');
  // 10 chars of time (50 bits, top 2 zero), 16 chars of randomness (80 bits).
  for (int i = 9; i >= 0; --i) {
    out[i] = kDigits[t & 31];
    t >>= 5;
  }
  for (int i = 25; i >= 10; --i) {
    out[i] = kDigits[r_lo & 31];
    r_lo = (r_lo >> 5) | ((r_hi & 31) << 59);
    r_hi >>= 5;
  }
  return out;
}

}  // namespace aurora::internal
