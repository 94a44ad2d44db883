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
#undef PGDSL_TEST_VERSION
#undef PGDSL_TEST_TEXT
}  // namespace
