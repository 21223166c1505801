#include <doctest/doctest.h>

#include <set>
#include <string>

#include "common/ids.h"

TEST_CASE("ids are unique and sort in creation order") {
  std::set<std::string> seen;
  std::string prev;
  for (int i = 0; i < 10000; ++i) {
    std::string id = aurora::internal::NewId();
    CHECK(id.size() == 26);
    CHECK(id > prev);
    CHECK(seen.insert(id).second);
    prev = id;
  }
}
