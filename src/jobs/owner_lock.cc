#include "jobs/owner_lock.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "aurora/error.h"

namespace aurora::jobs {
namespace {

constexpr int kIdDigits = 12;  // 48 bits
constexpr std::uint64_t kIdMask = (std::uint64_t{1} << 48) - 1;

struct flock ByteLock(short type, std::int64_t offset) {
  struct flock fl;
  std::memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = static_cast<off_t>(offset);
  fl.l_len = 1;
  fl.l_pid = 0;  // required for OFD locks
  return fl;
}

std::string OwnerId(std::uint64_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(1 + kIdDigits, 'w');
  for (int i = kIdDigits; i >= 1; --i) {
    out[static_cast<size_t>(i)] = kHex[n & 15];
    n >>= 4;
  }
  return out;
}

// The lock offset of an owner id, or -1 when the id is not of the form OwnerId() makes.
std::int64_t OffsetOf(std::string_view owner) {
  if (owner.size() != 1 + kIdDigits || owner[0] != 'w') return -1;
  std::uint64_t n = 0;
  auto r = std::from_chars(owner.data() + 1, owner.data() + owner.size(), n, 16);
  if (r.ec != std::errc() || r.ptr != owner.data() + owner.size()) return -1;
  return kOwnerLockBase + static_cast<std::int64_t>(n & kIdMask);
}

}  // namespace

OwnerLock::OwnerLock(const std::string& db_path) : file_(storage::FileRef::Open(db_path)) {
  if (!file_->writable()) {
    throw Exception(ErrorCode::ValidationError,
                    "cannot run workers on '" + db_path + "': the database file is read-only");
  }
  for (int attempt = 0; attempt < 64; ++attempt) {
    std::uint64_t n = 0;
    if (getrandom(&n, sizeof n, 0) != static_cast<ssize_t>(sizeof n)) continue;
    n &= kIdMask;
    struct flock fl = ByteLock(F_WRLCK, kOwnerLockBase + static_cast<std::int64_t>(n));
    // Exclusive: fails when a live owner holds this id already, so live ids never repeat.
    if (fcntl(file_->fd(), F_OFD_SETLK, &fl) != 0) continue;
    offset_ = kOwnerLockBase + static_cast<std::int64_t>(n);
    owner_ = OwnerId(n);
    return;
  }
  throw Exception(ErrorCode::Internal, "cannot take a job owner lock on '" + db_path + "': " + std::strerror(errno));
}

OwnerLock::~OwnerLock() {
  // The descriptor may stay open for reuse (storage/file_ref.h): release the lock explicitly.
  if (offset_ != 0) {
    struct flock fl = ByteLock(F_UNLCK, offset_);
    fcntl(file_->fd(), F_OFD_SETLK, &fl);
  }
}

Liveness CheckOwner(const storage::FileRef* file, std::string_view owner) {
  std::int64_t offset = OffsetOf(owner);
  if (!file || offset < 0) return Liveness::kUnknown;
  struct flock fl = ByteLock(F_WRLCK, offset);
  if (fcntl(file->fd(), F_OFD_GETLK, &fl) != 0) return Liveness::kUnknown;
  return fl.l_type == F_UNLCK ? Liveness::kDead : Liveness::kAlive;
}

}  // namespace aurora::jobs
