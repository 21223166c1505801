// jobs/payload_text.h: an enqueueJob payload argument compiled once into JSON text with holes.
//
// `payload: { product_id: $id, path: "/img", tags: [$a, 1] }` becomes the literal text
// `{"product_id":` · hole $id · `,"path":"/img","tags":[` · hole $a · `,1]}`. Each enqueue then
// writes the payload's JSON straight from its variables, without building a Json value first
// and walking it again to check and print it. The text is byte for byte what
// planner::ResolveValue(payload, variables).dump() gives (tests/unit/jobs/payload_text_test.cc).
//
// Anything unusual takes the general way (Compile or Render answer nullopt): a payload that is
// not an object or list literal, an object literal naming a key twice, a NUL in a literal, a
// variable whose value breaks the document limits (common/document_limits.h). The general way
// then reports the error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "aurora/json.h"

namespace aurora::jobs {

class PayloadText {
 public:
  static std::optional<PayloadText> Compile(const ast::Value& payload);

  // The payload's JSON text with `variables` filled in, or nullopt when a variable's value is
  // not storable as it is (the general path reports why).
  std::optional<std::string> Render(const Json& variables) const;

 private:
  struct Hole {
    std::string variable;  // name without '$'
    int depth = 1;         // the level its value sits at in the payload (the payload is 1)
  };
  std::vector<std::string> literals_;  // literals_[i] comes before holes_[i]; one more than holes_
  std::vector<Hole> holes_;
  std::size_t literal_size_ = 0;
};

}  // namespace aurora::jobs
