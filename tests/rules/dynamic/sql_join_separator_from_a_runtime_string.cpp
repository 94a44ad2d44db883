// SPDX-License-Identifier: BSL-1.0
// expect: raw SQL text made at run time must be marked: pass pgdsl::runtime_sql\(text\)
// sql::join's separator is SQL text too: a separator made at run time is refused.
#include <string>
#include <vector>

#include "pgdsl/pgdsl.hpp"

pgdsl::sql columns(const std::string& separator, const std::vector<pgdsl::identifier>& names) {
  return pgdsl::sql::join(separator, names);
}
