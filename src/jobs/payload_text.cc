#include "jobs/payload_text.h"

#include <algorithm>

#include "common/document_limits.h"
#include "planner/bind.h"

namespace aurora::jobs {
namespace {

// Appends `value` (at `depth` in the payload) to the literal being built and records holes.
// False when the value must take the general way.
bool Emit(const ast::Value& value, int depth, std::vector<std::string>& literals,
          std::vector<std::string>& hole_names, std::vector<int>& hole_depths) {
  switch (value.kind) {
    case ast::Value::Kind::Variable:
      hole_names.push_back(value.text);
      hole_depths.push_back(depth);
      literals.emplace_back();
      return true;
    case ast::Value::Kind::List: {
      literals.back() += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) literals.back() += ',';
        if (!Emit(value.items[i], depth + 1, literals, hole_names, hole_depths)) return false;
      }
      literals.back() += ']';
      return true;
    }
    case ast::Value::Kind::Object: {
      literals.back() += '{';
      for (std::size_t i = 0; i < value.fields.size(); ++i) {
        const ast::ObjectField& f = value.fields[i];
        // A key written twice keeps its first place and its last value (Json::set): rare
        // enough to leave to the general way. So is a NUL, which the general way refuses.
        bool repeated = std::any_of(value.fields.begin(), value.fields.begin() + static_cast<std::ptrdiff_t>(i),
                                    [&](const ast::ObjectField& g) { return g.name == f.name; });
        if (repeated || f.name.find('\0') != std::string::npos) return false;
        if (i > 0) literals.back() += ',';
        Json(f.name).dump_to(literals.back());
        literals.back() += ':';
        if (!Emit(f.value, depth + 1, literals, hole_names, hole_depths)) return false;
      }
      literals.back() += '}';
      return true;
    }
    default: {
      Json scalar = planner::ResolveValue(value, Json());
      if (scalar.is_string() && scalar.as_string().find('\0') != std::string::npos) return false;
      scalar.dump_to(literals.back());
      return true;
    }
  }
}

}  // namespace

std::optional<PayloadText> PayloadText::Compile(const ast::Value& payload) {
  if (payload.kind != ast::Value::Kind::Object && payload.kind != ast::Value::Kind::List) return std::nullopt;
  std::vector<std::string> literals(1);
  std::vector<std::string> names;
  std::vector<int> depths;
  if (!Emit(payload, 1, literals, names, depths)) return std::nullopt;
  PayloadText out;
  out.literals_ = std::move(literals);
  for (std::size_t i = 0; i < names.size(); ++i) out.holes_.push_back(Hole{std::move(names[i]), depths[i]});
  for (const std::string& l : out.literals_) out.literal_size_ += l.size();
  return out;
}

std::optional<std::string> PayloadText::Render(const Json& variables) const {
  std::string out;
  out.reserve(literal_size_ + 32 * holes_.size());
  out += literals_[0];
  for (std::size_t i = 0; i < holes_.size(); ++i) {
    const Json& value = variables[holes_[i].variable];
    switch (value.type()) {
      case Json::Type::String:
        if (value.as_string().find('\0') != std::string::npos) return std::nullopt;
        break;
      case Json::Type::Array:
      case Json::Type::Object:
        if (!internal::DocumentProblem(value, holes_[i].depth).empty()) return std::nullopt;
        break;
      default: break;
    }
    value.dump_to(out);
    out += literals_[i + 1];
  }
  return out;
}

}  // namespace aurora::jobs
