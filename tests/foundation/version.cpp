// SPDX-License-Identifier: BSL-1.0
// The version macros agree with each other (compiling is passing).
#include "pgdsl/version.hpp"

#include <string_view>

namespace {
#define PGDSL_TEST_TEXT(x) #x
#define PGDSL_TEST_VERSION(major, minor, patch) \
  PGDSL_TEST_TEXT(major) "." PGDSL_TEST_TEXT(minor) "." PGDSL_TEST_TEXT(patch)
static_assert(std::string_view(PGDSL_VERSION_STRING) ==
                  PGDSL_TEST_VERSION(PGDSL_VERSION_MAJOR, PGDSL_VERSION_MINOR, PGDSL_VERSION_PATCH),
              "PGDSL_VERSION_STRING must spell PGDSL_VERSION_MAJOR.MINOR.PATCH");
static_assert(PGDSL_VERSION ==
                  PGDSL_VERSION_MAJOR * 10000 + PGDSL_VERSION_MINOR * 100 + PGDSL_VERSION_PATCH,
              "PGDSL_VERSION must be 10000 * major + 100 * minor + patch");
#if !defined(PGDSL_VERSION) || PGDSL_VERSION < 0
#error "PGDSL_VERSION must be usable in #if"
#endif
#undef PGDSL_TEST_VERSION
#undef PGDSL_TEST_TEXT
}  // namespace
