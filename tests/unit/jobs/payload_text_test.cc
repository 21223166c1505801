// jobs/payload_text.h: a compiled payload writes the very text the general path writes
// (planner::ResolveValue(payload, variables).dump()), and declines exactly when the general
// path would refuse the payload (common/document_limits.h) or cannot be compiled to text.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "common/document_limits.h"
#include "jobs/payload_text.h"
#include "planner/bind.h"

using namespace aurora;
using aurora::jobs::PayloadText;

namespace {

const char* const kVariables[] = {"a", "b", "c", "missing"};

std::string RandomText(std::mt19937& rng) {
  static const char* const kPieces[] = {"x", "\"", "\\", "é", "\n", "\t", "\x01", "/", "${", "日本", " ", "\x7f"};
  std::string s;
  int n = static_cast<int>(rng() % 5);
  for (int i = 0; i < n; ++i) s += kPieces[rng() % (sizeof kPieces / sizeof *kPieces)];
  return s;
}

// A random AQL value: literals, variables, lists and objects (sometimes with a key twice).
ast::Value RandomValue(std::mt19937& rng, int depth) {
  ast::Value v;
  int kind = static_cast<int>(rng() % (depth > 4 ? 7 : 9));
  switch (kind) {
    case 0: v.kind = ast::Value::Kind::Null; break;
    case 1: v.kind = ast::Value::Kind::Bool; v.boolean = rng() % 2; break;
    case 2: v.kind = ast::Value::Kind::Int; v.integer = static_cast<std::int64_t>(rng()) - (1LL << 31); break;
    case 3: {
      static const double kNumbers[] = {0.5, -0.0, 1e300, 3.14159, -2.5e-8, 100.0};
      v.kind = ast::Value::Kind::Float;
      v.number = kNumbers[rng() % 6];
      break;
    }
    case 4: v.kind = ast::Value::Kind::String; v.text = RandomText(rng); break;
    case 5: v.kind = ast::Value::Kind::Enum; v.text = "HIGH"; break;
    case 6: v.kind = ast::Value::Kind::Variable; v.text = kVariables[rng() % 4]; break;
    case 7: {
      v.kind = ast::Value::Kind::List;
      int n = static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) v.items.push_back(RandomValue(rng, depth + 1));
      break;
    }
    default: {
      v.kind = ast::Value::Kind::Object;
      int n = static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) {
        std::string key = rng() % 8 == 0 ? "k0" : "k" + std::to_string(i) + RandomText(rng);
        v.fields.push_back(ast::ObjectField{key, {}, RandomValue(rng, depth + 1)});
      }
      break;
    }
  }
  return v;
}

// Nested lists `levels` deep around a string.
Json Nested(int levels) {
  Json v("leaf");
  for (int i = 0; i < levels; ++i) v = Json::array({v});
  return v;
}

Json RandomVariable(std::mt19937& rng) {
  switch (rng() % 6) {
    case 0: return Json();
    case 1: return Json(static_cast<long long>(rng()));
    case 2: return Json(RandomText(rng));
    case 3: return Json(std::string("nul\0inside", 10));  // refused in documents
    case 4: return Json::object({{"k", Json::array({1, "two", Json::object({{"x", 2.5}})})}});
    default: return Nested(250 + static_cast<int>(rng() % 10));  // around the 256-level limit
  }
}

bool HasRepeatedKey(const ast::Value& v) {
  for (std::size_t i = 0; i < v.fields.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (v.fields[i].name == v.fields[j].name) return true;
    }
    if (HasRepeatedKey(v.fields[i].value)) return true;
  }
  for (const ast::Value& item : v.items) {
    if (HasRepeatedKey(item)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("payload text: the same text as the general path, refusals left to it") {
  std::mt19937 rng(20261128);
  int compiled = 0, rendered = 0, declined = 0;
  for (int round = 0; round < 3000; ++round) {
    ast::Value payload = RandomValue(rng, 1);
    std::optional<PayloadText> text = PayloadText::Compile(payload);
    bool container = payload.kind == ast::Value::Kind::Object || payload.kind == ast::Value::Kind::List;
    CHECK(text.has_value() == (container && !HasRepeatedKey(payload)));
    if (!text) continue;
    ++compiled;
    for (int vars = 0; vars < 3; ++vars) {
      Json variables = Json::object({{"a", RandomVariable(rng)}, {"b", RandomVariable(rng)}, {"c", RandomVariable(rng)}});
      Json general = planner::ResolveValue(payload, variables);
      std::string problem = internal::DocumentProblem(general);
      std::optional<std::string> out = text->Render(variables);
      INFO("general: " << general.dump().substr(0, 200) << " problem: " << problem);
      REQUIRE(out.has_value() == problem.empty());
      if (out) {
        CHECK(*out == general.dump());
        ++rendered;
      } else {
        ++declined;
      }
    }
  }
  // The random inputs really exercise both outcomes.
  CHECK(compiled > 500);
  CHECK(rendered > 500);
  CHECK(declined > 50);
}

TEST_CASE("payload text: a NUL written in the AQL literal leaves it to the general path") {
  ast::Value payload;
  payload.kind = ast::Value::Kind::Object;
  ast::Value text;
  text.kind = ast::Value::Kind::String;
  text.text = std::string("a\0b", 3);
  payload.fields.push_back(ast::ObjectField{"note", {}, text});
  CHECK_FALSE(PayloadText::Compile(payload).has_value());
  payload.fields[0].value.text = "ab";
  payload.fields[0].name = std::string("n\0te", 4);
  CHECK_FALSE(PayloadText::Compile(payload).has_value());
}

TEST_CASE("payload text: a scalar or a lone variable is not compiled") {
  ast::Value v;
  v.kind = ast::Value::Kind::Variable;
  v.text = "p";
  CHECK_FALSE(PayloadText::Compile(v).has_value());
  v.kind = ast::Value::Kind::String;
  CHECK_FALSE(PayloadText::Compile(v).has_value());
}
