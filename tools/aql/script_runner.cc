#include "script_runner.h"

#include <exception>
#include <vector>

namespace aurora::shell {

bool ScriptRunner::Run(std::string_view text, const std::string& source_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<Response> responses;
  try {
    responses = db_.execute_all(text, variables_);
  } catch (const std::exception& e) {  // the API promises not to throw; never crash if it does
    printer_.PrintError(source_name, Error{ErrorCode::Internal, e.what(), 0, 0});
    failed_other_than_busy_ = true;
    return false;
  }
  bool ok = true;
  for (const Response& r : responses) {
    printer_.Print(r, source_name);
    ok = ok && r.ok();
    for (const Error& e : r.errors) (e.code == ErrorCode::Busy ? failed_busy_ : failed_other_than_busy_) = true;
  }
  return ok;
}

}  // namespace aurora::shell
