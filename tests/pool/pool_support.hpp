// SPDX-License-Identifier: BSL-1.0
// What the pool tests share: a bounded poll for what background threads do, and the variables
// tools/with-cluster.sh sets for the cluster tests.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "pgdsl/pool/all.hpp"
#include "support/catch.hpp"

namespace pgdsl::test {

/// Polls until `done` holds, at most ~10 s; a replica that has not replayed a table yet says
/// 42P01, which counts as "not yet".
template <class F>
bool eventually(F&& done) {
  for (int i = 0; i < 1'000; ++i) {
    try {
      if (done()) return true;
    } catch (const undefined_table&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

/// The value of a variable tools/with-cluster.sh sets (the test fails without it).
inline std::string cluster_variable(const char* name) {
  const char* value = std::getenv(name);
  INFO(name << " is not set: run this test through tools/with-cluster.sh");
  REQUIRE(value != nullptr);
  return value;
}

}  // namespace pgdsl::test
