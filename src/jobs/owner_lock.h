// jobs/owner_lock.h: proof that a process that claimed jobs is still alive.
//
// Next to a database file `app.db` lives `app.db-jobs.lock`. Each process that runs workers
// takes a free slot in it: an exclusive open-file-description lock (F_OFD_SETLK) on the slot's
// first byte, held for as long as the process runs, and writes its owner id into the slot. The
// kernel drops the lock when the process dies in any way (kill -9 included). Another process
// proves the owner gone when the slot's lock is free, or when the slot now holds another
// owner's id. Owner ids are "<slot>-<random hex>", and they are what `_jobs.owner` stores.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace aurora::jobs {

// The lock file of a database file.
std::string LockPathFor(const std::string& db_path);

class OwnerLock {
 public:
  // Opens (creating) the lock file and takes a free slot. Throws aurora::Exception on failure.
  explicit OwnerLock(const std::string& lock_path);
  OwnerLock(const OwnerLock&) = delete;
  OwnerLock& operator=(const OwnerLock&) = delete;
  ~OwnerLock();  // releases the slot

  const std::string& owner() const { return owner_; }

 private:
  int fd_ = -1;
  std::string owner_;
};

// True when `owner` provably no longer runs (see above). False when it may be alive, or when
// the lock file cannot be read or the id is not ours to judge.
bool OwnerIsDead(const std::string& lock_path, std::string_view owner);

}  // namespace aurora::jobs
