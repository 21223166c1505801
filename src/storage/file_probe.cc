#include "storage/file_probe.h"

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>

#include "storage/file_ref.h"

namespace aurora::storage {

FileProbe ProbeFile(const std::string& path) {
  namespace fs = std::filesystem;
  FileProbe probe;
  std::error_code ec;
  fs::path file(path);
  probe.exists = fs::exists(file, ec);
  fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  probe.directory_writable = access(dir.c_str(), W_OK) == 0;
  if (!probe.exists) return probe;
  probe.size = fs::file_size(file, ec);
  if (ec) probe.size = 0;
  probe.writable = access(path.c_str(), W_OK) == 0;
  probe.shm_exists = fs::exists(path + "-shm", ec);
  char header[20] = {};
  // Through a FileRef, never a descriptor of our own that we close: closing any descriptor of
  // the file would drop the SQLite locks another Database of this process holds on it
  // (storage/file_ref.h). Throws for a file with several hard links.
  std::unique_ptr<FileRef> ref = FileRef::Open(path);
  if (pread(ref->fd(), header, sizeof header, 0) == static_cast<ssize_t>(sizeof header)) {
    probe.sqlite_header = std::memcmp(header, "SQLite format 3", 16) == 0;  // 15 letters and a NUL
    probe.wal_mode = probe.sqlite_header && header[18] == 2 && header[19] == 2;
  }
  return probe;
}

}  // namespace aurora::storage
