#include "storage/file_ref.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "aurora/error.h"

namespace aurora::storage {
namespace {

struct Entry {
  int refs = 0;
  std::vector<std::pair<int, bool>> idle;  // open descriptors not in use (fd, writable)
};

struct Table {
  std::mutex mu;
  std::map<std::pair<dev_t, ino_t>, Entry> files;
  std::vector<int> in_use;  // descriptors handed out (for the fork handler)
};

Table& TheTable() {
  static Table* table = [] {
    auto* t = new Table;  // never destroyed: FileRefs may outlive static destruction order
    // Hold the table's lock across fork() so the child never inherits it locked; in the child,
    // point every descriptor at /dev/null (see file_ref.h).
    pthread_atfork([] { TheTable().mu.lock(); }, [] { TheTable().mu.unlock(); },
                   [] {
                     Table& tt = TheTable();
                     int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
                     if (null_fd >= 0) {
                       for (int fd : tt.in_use) dup3(null_fd, fd, O_CLOEXEC);
                       for (auto& [key, entry] : tt.files) {
                         for (auto& [fd, writable] : entry.idle) dup3(null_fd, fd, O_CLOEXEC);
                       }
                       close(null_fd);
                     }
                     tt.mu.unlock();
                   });
    return t;
  }();
  return *table;
}

}  // namespace

std::unique_ptr<FileRef> FileRef::Open(const std::string& path) {
  Table& table = TheTable();
  struct stat st;
  if (stat(path.c_str(), &st) == 0) {
    std::lock_guard<std::mutex> lock(table.mu);
    auto it = table.files.find({st.st_dev, st.st_ino});
    if (it != table.files.end() && !it->second.idle.empty() && st.st_nlink <= 1) {
      auto [fd, writable] = it->second.idle.back();
      it->second.idle.pop_back();
      it->second.refs++;
      table.in_use.push_back(fd);
      return std::unique_ptr<FileRef>(new FileRef(fd, st.st_dev, st.st_ino, writable));
    }
  }
  bool writable = true;
  int fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
    writable = false;
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    throw Exception(ErrorCode::Internal, "cannot open database file '" + path + "': " + std::strerror(errno));
  }
  if (fstat(fd, &st) != 0) {
    int err = errno;
    // Not yet known to the table: nothing of ours can be locking this file through it... but
    // SQLite may be. Keep the descriptor rather than risk dropping its locks.
    throw Exception(ErrorCode::Internal, "cannot stat database file '" + path + "': " + std::strerror(err));
  }
  std::lock_guard<std::mutex> lock(table.mu);
  Entry& entry = table.files[{st.st_dev, st.st_ino}];
  if (st.st_nlink > 1) {
    // Refuse, but do not close: a connection of ours may hold SQLite locks on this file.
    entry.idle.emplace_back(fd, writable);
    if (entry.refs == 0) {
      for (auto& [idle_fd, w] : entry.idle) close(idle_fd);
      table.files.erase({st.st_dev, st.st_ino});
    }
    throw Exception(ErrorCode::ValidationError,
                    "database file '" + path + "' has " + std::to_string(st.st_nlink) +
                        " hard links: SQLite keeps one write-ahead log per name, so a file reachable under two "
                        "names would be corrupted; remove the other links (a symbolic link is fine)");
  }
  entry.refs++;
  table.in_use.push_back(fd);
  return std::unique_ptr<FileRef>(new FileRef(fd, st.st_dev, st.st_ino, writable));
}

FileRef::~FileRef() {
  Table& table = TheTable();
  std::lock_guard<std::mutex> lock(table.mu);
  for (auto it = table.in_use.begin(); it != table.in_use.end(); ++it) {
    if (*it == fd_) {
      table.in_use.erase(it);
      break;
    }
  }
  auto it = table.files.find({dev_, ino_});
  if (it == table.files.end()) {
    close(fd_);
    return;
  }
  Entry& entry = it->second;
  entry.idle.emplace_back(fd_, writable_);
  if (--entry.refs == 0) {
    // No connection of ours has the file open any more: closing drops no lock of ours.
    for (auto& [fd, w] : entry.idle) close(fd);
    table.files.erase(it);
  }
}

}  // namespace aurora::storage
