// engine/plan_cache.h: compiled statements by text, least recently used evicted first.
//
// Key: the whole AQL document text. Value: each operation's plan, or the validation error it
// gave (those do not depend on variables). A hit skips parsing, checking and planning; variables
// are bound at execution. Not thread-safe: Database::Impl holds its lock around every use.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "aurora/error.h"
#include "planner/plan.h"

namespace aurora::engine {

struct CompiledDocument {
  // One per operation, in order: its plan, or the error checking/planning it gave.
  std::vector<std::variant<std::shared_ptr<const plan::Plan>, Error>> operations;
};

class PlanCache {
 public:
  explicit PlanCache(std::size_t capacity) : capacity_(capacity) {}

  // The entry for `text`, marked most recently used; nullptr when absent.
  std::shared_ptr<const CompiledDocument> Find(std::string_view text);
  void Insert(std::string text, std::shared_ptr<const CompiledDocument> doc);
  void Clear();

  std::size_t size() const { return map_.size(); }
  std::size_t hits() const { return hits_; }      // for tests
  std::size_t misses() const { return misses_; }  // for tests

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CompiledDocument>>;
  std::size_t capacity_;
  std::list<Entry> lru_;  // front: most recent
  std::unordered_map<std::string_view, std::list<Entry>::iterator> map_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

}  // namespace aurora::engine
