#include <doctest/doctest.h>

#include "engine/plan_cache.h"

using namespace aurora;

TEST_CASE("plan cache evicts the least recently used entry") {
  engine::PlanCache cache(2);
  auto doc = std::make_shared<const engine::CompiledDocument>();
  cache.Insert("a", doc);
  cache.Insert("b", doc);
  CHECK(cache.Find("a"));  // a is now most recent
  cache.Insert("c", doc);  // evicts b
  CHECK_FALSE(cache.Find("b"));
  CHECK(cache.Find("a"));
  CHECK(cache.Find("c"));
  CHECK(cache.size() == 2);
  CHECK(cache.hits() == 3);
  CHECK(cache.misses() == 1);
}
