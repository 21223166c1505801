// storage/file_ref.h: descriptors on a database file that never break SQLite's locks.
//
// SQLite locks a database file with POSIX record locks, and POSIX drops every record lock a
// process holds on a file when the process closes ANY descriptor of that file. So a descriptor
// of our own on the database file (the job owner locks live there, see jobs/owner_lock.h) may
// be closed only when no SQLite connection of ours has the file open. A FileRef is such a
// descriptor, counted in one table per process keyed by the file's device and inode: closing a
// FileRef keeps its descriptor open for reuse while any other FileRef of the same file lives,
// and every storage::Connection on a file holds one for as long as it is open.
//
// Each FileRef is its own open file description, so open-file-description locks
// (F_OFD_SETLK) taken through two FileRefs conflict, within one process as between processes.
//
// A forked child does not keep these descriptions: right after fork() its copies are pointed
// at /dev/null, so a child that outlives its parent can never make the parent's owner locks
// look held.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

namespace aurora::storage {

class FileRef {
 public:
  // Opens `path` (read-write, or read-only when that is all it allows). Throws aurora::Exception
  // (INTERNAL) when the file cannot be opened, and (VALIDATION_ERROR) when it has more than one
  // hard link: SQLite keeps one WAL per name, so two names of one file would corrupt it.
  static std::unique_ptr<FileRef> Open(const std::string& path);
  FileRef(const FileRef&) = delete;
  FileRef& operator=(const FileRef&) = delete;
  ~FileRef();

  int fd() const { return fd_; }
  bool writable() const { return writable_; }

 private:
  FileRef(int fd, dev_t dev, ino_t ino, bool writable) : fd_(fd), dev_(dev), ino_(ino), writable_(writable) {}
  int fd_;
  dev_t dev_;
  ino_t ino_;
  bool writable_;
};

}  // namespace aurora::storage
