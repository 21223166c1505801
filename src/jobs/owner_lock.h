// jobs/owner_lock.h: proof that a process that claimed jobs is still alive.
//
// Liveness is keyed by the database file itself, never by a name: a symbolic link, another
// spelling of the path or a deleted side file cannot make a live owner look dead. Each
// Database that runs workers holds an exclusive open-file-description lock (F_OFD_SETLK) on
// one byte of the database file, far past the bytes SQLite locks, for as long as it runs. The
// byte is the owner's id: owner "w<12 hex digits>" locks offset kOwnerLockBase + that number.
// The kernel drops the lock when the process dies in any way (kill -9 included). So, looked at
// through any descriptor of the same file:
//   * the byte is locked: the owner is alive (its jobs are never rescued, not even when their
//     lease ran out because a long write of the owner's own kept it from renewing it);
//   * the byte is free: the owner is provably dead (it held the lock from before its first
//     claim until it handed every job back);
//   * the id is not of this form (an in-memory database's owner): unknown, the lease decides.
// The locks live in SQLite's database file, so our descriptors on it follow the rules of
// storage/file_ref.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "storage/file_ref.h"

namespace aurora::jobs {

// Offsets kOwnerLockBase … kOwnerLockBase + 2^48 - 1 of the database file hold owner locks.
// SQLite's own lock bytes are at 1 GiB; no file gets near 2^62 bytes.
constexpr std::int64_t kOwnerLockBase = std::int64_t{1} << 62;

class OwnerLock {
 public:
  // Takes a fresh owner id's lock on the database file at `db_path`. Throws aurora::Exception
  // when the file cannot be opened for writing or no lock can be taken.
  explicit OwnerLock(const std::string& db_path);
  OwnerLock(const OwnerLock&) = delete;
  OwnerLock& operator=(const OwnerLock&) = delete;
  ~OwnerLock();  // releases the lock

  const std::string& owner() const { return owner_; }

 private:
  std::unique_ptr<storage::FileRef> file_;
  std::int64_t offset_ = 0;
  std::string owner_;
};

enum class Liveness { kAlive, kDead, kUnknown };

// Whether `owner` holds its lock, looked at through `file` (any FileRef of the database file
// other than the owner's own). Null `file` (in-memory database) or a foreign id: kUnknown.
Liveness CheckOwner(const storage::FileRef* file, std::string_view owner);

}  // namespace aurora::jobs
