// SPDX-License-Identifier: BSL-1.0
// expect: raw SQL text made at run time must be marked: pass pgdsl::runtime_sql\(text\)
// Appending to a composed statement with += follows the same rule as +: no run-time text.
#include <string>

#include "pgdsl/pgdsl.hpp"

pgdsl::sql with_order(pgdsl::sql q, const std::string& order) {
  q += order;
  return q;
}
