// tools/aql/shell.h: `aql [DB] [-e AQL]... [-f FILE]... [--vars JSON] [--json | --table]`.
#pragma once

namespace aurora::shell {

// Runs the shell with the process's arguments; returns the exit status (0 all operations
// succeeded, 1 one failed, 2 bad usage or a database that cannot be opened, 3 the only failures
// were BUSY: another process held the write lock, and running the same again may succeed).
int RunShell(int argc, const char* const* argv);

}  // namespace aurora::shell
