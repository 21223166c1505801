// common/suggest.h: "did you mean …?" for misspelled names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aurora::internal {

// The candidate closest to `word` by edit distance, or "" when none is close enough
// (distance at most max(1, word.size() / 3)).
std::string NearestName(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace aurora::internal
