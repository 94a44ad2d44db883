// SPDX-License-Identifier: BSL-1.0
// Catch2 for pgdsl's tests, v3 or v2: the one place that knows the difference. CMake finds either
// (cmake/pgdslTesting.cmake, v3 first) and defines PGDSL_CATCH2_MAJOR; tests include this file.
#pragma once

#if PGDSL_CATCH2_MAJOR == 3
#include <catch2/catch_template_test_macros.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators_all.hpp>
#include <catch2/matchers/catch_matchers_predicate.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <string>

namespace Catch {
// v2's spellings of the string matchers, which the tests use; v3 moved them into Matchers and
// renamed Contains (for strings) to ContainsSubstring.
inline Matchers::StringContainsMatcher Contains(const std::string& text,
                                                CaseSensitive sensitivity = CaseSensitive::Yes) {
  return Matchers::ContainsSubstring(text, sensitivity);
}
using Matchers::StartsWith;
}  // namespace Catch
#else
#include <catch2/catch.hpp>
#endif
