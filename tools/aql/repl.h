// tools/aql/repl.h: the interactive shell on a terminal: multi-line entries (until brackets
// balance), line editing and history (libedit, ~/.aql_history), a few dot-commands.
#pragma once

#include "script_runner.h"

namespace aurora::shell {

// Reads entries until end of input or `.quit`; runs each through `runner`. Returns the exit
// status: 0 (failed operations were reported, and the session went on).
int RunRepl(ScriptRunner& runner);

}  // namespace aurora::shell
