// json_bench: building and parsing large aurora::Json objects against arrays of the same size
// (docs/performance.md "JSON values"). Not a test: run it by hand,
//   build/tools/bench/json_bench [--n 40000] [--reps 7]
// An object of n members should cost about what an array of n elements costs (plus hashing
// the keys), never n² key comparisons. Reports the median of --reps runs of each case.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "aurora/json.h"

namespace {

using aurora::Json;
using Clock = std::chrono::steady_clock;

double MedianMillis(int reps, const std::function<void()>& run) {
  std::vector<double> times;
  for (int r = 0; r < reps; ++r) {
    auto start = Clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void Report(const char* name, double ms) {
  std::cout << "  " << name << std::string(28 - std::strlen(name), ' ') << ms << " ms\n";
}

}  // namespace

int main(int argc, char** argv) {
  int n = 40000;
  int reps = 7;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--n") == 0) n = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
  }
  std::vector<std::string> keys;
  for (int i = 0; i < n; ++i) keys.push_back("key" + std::to_string(i));
  std::string object_text = "{";
  std::string array_text = "[";
  for (int i = 0; i < n; ++i) {
    if (i) {
      object_text += ',';
      array_text += ',';
    }
    object_text += "\"" + keys[i] + "\":" + std::to_string(i);
    array_text += std::to_string(i);
  }
  object_text += "}";
  array_text += "]";

  std::size_t sink = 0;  // keeps the work observable
  std::cout << n << " members or elements, median of " << reps << " runs\n";
  Report("parse object", MedianMillis(reps, [&] { sink += Json::parse(object_text)->size(); }));
  Report("parse array", MedianMillis(reps, [&] { sink += Json::parse(array_text)->size(); }));
  Report("build object (set)", MedianMillis(reps, [&] {
           Json j = Json::object();
           for (int i = 0; i < n; ++i) j.set(keys[i], i);
           sink += j.size();
         }));
  Report("build object (operator[])", MedianMillis(reps, [&] {
           Json j;
           for (int i = 0; i < n; ++i) j[keys[i]] = i;
           sink += j.size();
         }));
  Report("build array (push_back)", MedianMillis(reps, [&] {
           Json j = Json::array();
           for (int i = 0; i < n; ++i) j.push_back(i);
           sink += j.size();
         }));
  const Json object = *Json::parse(object_text);
  const Json array = *Json::parse(array_text);
  Report("look up every key", MedianMillis(reps, [&] {
           for (const std::string& k : keys) sink += object.find(k) != nullptr;
         }));
  Report("read every index", MedianMillis(reps, [&] {
           for (int i = 0; i < n; ++i) sink += array[static_cast<std::size_t>(i)].is_int();
         }));
  const Json copy = object;
  Report("compare two objects", MedianMillis(reps, [&] { sink += object == copy; }));
  return sink == 0 ? 1 : 0;
}
