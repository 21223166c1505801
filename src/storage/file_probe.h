// storage/file_probe.h: what a database file is, read from its first bytes and the file system
// before SQLite opens it. Opening is not harmless: SQLite creates `-wal` and `-shm` files beside
// a WAL-mode file, and PRAGMA journal_mode=WAL rewrites the header, so what open() must refuse
// (a file that is not SQLite at all) is recognised without SQLite (engine/open_database.h).
#pragma once

#include <cstdint>
#include <string>

namespace aurora::storage {

struct FileProbe {
  bool exists = false;
  std::uintmax_t size = 0;
  // Starts with SQLite's 16-byte magic "SQLite format 3\0".
  bool sqlite_header = false;
  // The header's read and write versions (bytes 18 and 19) are 2: the file is in WAL mode.
  bool wal_mode = false;
  // access(W_OK): false for a file without write permission (except for root, who may write
  // anything) and for any file on a read-only mount.
  bool writable = false;
  // The directory can take new files (SQLite's `-wal`, `-shm` and `-journal` files).
  bool directory_writable = false;
  bool shm_exists = false;  // `<path>-shm`, the WAL index readers need
};

// REQUIRES: `path` names a file, not ":memory:".
FileProbe ProbeFile(const std::string& path);

}  // namespace aurora::storage
