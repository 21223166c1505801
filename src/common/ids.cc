#include "common/ids.h"

#include <pthread.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <mutex>
#include <random>

#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define AURORA_HAVE_GETRANDOM 1
#endif

namespace aurora::internal {
namespace {

// The generator's state, shared by the threads of one process.
struct IdState {
  std::mutex mu;
  std::uint64_t last_ms = 0;
  std::uint64_t hi = 0;  // top 16 of the 80 random bits
  std::uint64_t lo = 0;  // low 64
  // Seeded with 256 bits of operating-system randomness before the first id of a process, and
  // again in a forked child before its first id (`seeded` is cleared there): the child's copy of
  // the engine is its parent's, and a seed of 32 bits (as std::random_device gives) would let
  // two processes started together share a sequence.
  std::mt19937_64 rng;
  bool seeded = false;
};

IdState& State();

// fork() copies the state, and with it `mu` as it is at that instant: locked forever in the
// child if another thread of the parent was making an id. So the forking thread takes `mu`
// around the fork (no id is half made while it is copied) and both sides release it.
void LockBeforeFork() { State().mu.lock(); }
void UnlockInParent() { State().mu.unlock(); }
void UnlockInChild() {
  // The parent goes on with the same engine and the same millisecond: the child must not.
  State().seeded = false;
  State().mu.unlock();  // the child's only thread is the one that took it in LockBeforeFork
}

IdState& State() {
  static IdState* state = [] {
    auto* s = new IdState();  // never destroyed: ids may be made while static objects are
    pthread_atfork(LockBeforeFork, UnlockInParent, UnlockInChild);
    return s;
  }();
  return *state;
}

// Fills `words` with operating-system randomness (getrandom, else std::random_device).
void OsRandom(std::uint32_t* words, std::size_t n) {
#ifdef AURORA_HAVE_GETRANDOM
  if (getrandom(words, n * sizeof *words, 0) == static_cast<ssize_t>(n * sizeof *words)) return;
#endif
  std::random_device rd;
  for (std::size_t i = 0; i < n; ++i) words[i] = rd();
}

void Seed(IdState& s) {
  std::uint32_t words[8];
  OsRandom(words, 8);
  std::seed_seq seq(std::begin(words), std::end(words));
  s.rng.seed(seq);
  s.seeded = true;
}

}  // namespace

std::string NewId() {
  return NewIdAt(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count()));
}

std::string NewIdAt(std::uint64_t ms) {
  static const char kDigits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  IdState& s = State();
  std::uint64_t r_hi, r_lo, t;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (ms <= s.last_ms && s.seeded) {
      ms = s.last_ms;
      if (++s.lo == 0) s.hi = (s.hi + 1) & 0xFFFF;
    } else {
      if (!s.seeded) Seed(s);
      if (ms < s.last_ms) ms = s.last_ms;
      s.last_ms = ms;
      s.hi = s.rng() & 0xFFFF;
      s.lo = s.rng() >> 1;  // leave room to increment
    }
    r_hi = s.hi;
    r_lo = s.lo;
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
