#include "engine/plan_cache.h"

namespace aurora::engine {

std::shared_ptr<const CompiledDocument> PlanCache::Find(std::string_view text) {
  auto it = map_.find(text);
  if (it == map_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void PlanCache::Insert(std::string text, std::shared_ptr<const CompiledDocument> doc) {
  if (capacity_ == 0) return;
  auto it = map_.find(text);
  if (it != map_.end()) {
    it->second->second = std::move(doc);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.emplace_front(std::move(text), std::move(doc));
  map_.emplace(lru_.front().first, lru_.begin());
  while (map_.size() > capacity_) {
    map_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

void PlanCache::Clear() {
  map_.clear();
  lru_.clear();
}

}  // namespace aurora::engine
