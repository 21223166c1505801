#include "storage/file_probe.h"

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

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
  std::ifstream in(path, std::ios::binary);
  if (in.read(header, sizeof header)) {
    probe.sqlite_header = std::memcmp(header, "SQLite format 3", 16) == 0;  // 15 letters and a NUL
    probe.wal_mode = probe.sqlite_header && header[18] == 2 && header[19] == 2;
  }
  return probe;
}

}  // namespace aurora::storage
