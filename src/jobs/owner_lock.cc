#include "jobs/owner_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <random>

#include "aurora/error.h"

namespace aurora::jobs {
namespace {

constexpr off_t kSlotSize = 64;
constexpr int kMaxSlots = 4096;

struct flock SlotLock(short type, int slot) {
  struct flock fl;
  std::memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = static_cast<off_t>(slot) * kSlotSize;
  fl.l_len = 1;
  fl.l_pid = 0;  // required for OFD locks
  return fl;
}

std::string RandomHex() {
  std::random_device rd;
  std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^ static_cast<std::uint64_t>(getpid()));
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  std::uint64_t v = rng();
  for (char& c : out) {
    c = kHex[v & 15];
    v >>= 4;
  }
  return out;
}

std::string ReadSlot(int fd, int slot) {
  char buf[kSlotSize] = {};
  ssize_t n = pread(fd, buf, sizeof buf, static_cast<off_t>(slot) * kSlotSize);
  if (n <= 0) return {};
  return std::string(buf, strnlen(buf, static_cast<size_t>(n)));
}

}  // namespace

std::string LockPathFor(const std::string& db_path) { return db_path + "-jobs.lock"; }

OwnerLock::OwnerLock(const std::string& lock_path) {
  fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Exception(ErrorCode::Internal, "cannot open job lock file '" + lock_path + "': " + std::strerror(errno));
  }
  for (int slot = 0; slot < kMaxSlots; ++slot) {
    struct flock fl = SlotLock(F_WRLCK, slot);
    if (fcntl(fd_, F_OFD_SETLK, &fl) != 0) continue;
    owner_ = std::to_string(slot) + "-" + RandomHex();
    char buf[kSlotSize] = {};
    std::memcpy(buf, owner_.data(), owner_.size());
    if (pwrite(fd_, buf, sizeof buf, static_cast<off_t>(slot) * kSlotSize) != kSlotSize) {
      int err = errno;
      close(fd_);
      throw Exception(ErrorCode::Internal, "cannot write job lock file '" + lock_path + "': " + std::strerror(err));
    }
    return;
  }
  close(fd_);
  throw Exception(ErrorCode::Internal, "no free slot in job lock file '" + lock_path + "'");
}

OwnerLock::~OwnerLock() {
  if (fd_ >= 0) close(fd_);  // closing the description releases its locks
}

bool OwnerIsDead(const std::string& lock_path, std::string_view owner) {
  size_t dash = owner.find('-');
  int slot = -1;
  if (dash == std::string_view::npos ||
      std::from_chars(owner.data(), owner.data() + dash, slot).ec != std::errc() || slot < 0 ||
      slot >= kMaxSlots) {
    return false;
  }
  int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock fl = SlotLock(F_WRLCK, slot);
  bool dead = false;
  if (fcntl(fd, F_OFD_GETLK, &fl) == 0) {
    dead = fl.l_type == F_UNLCK || ReadSlot(fd, slot) != owner;
  }
  close(fd);
  return dead;
}

}  // namespace aurora::jobs
