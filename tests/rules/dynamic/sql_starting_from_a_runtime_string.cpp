// SPDX-License-Identifier: BSL-1.0
// expect: raw SQL text made at run time must be marked: pass pgdsl::runtime_sql\(text\)
// The first part of a composed statement follows the same rule as every other text part.
#include <string>

#include "pgdsl/pgdsl.hpp"

pgdsl::sql statement(const std::string& where_clause) {
  pgdsl::sql q(where_clause);
  return q;
}
