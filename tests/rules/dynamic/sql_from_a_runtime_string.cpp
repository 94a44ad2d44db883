// SPDX-License-Identifier: BSL-1.0
// expect: raw SQL text made at run time must be marked: pass pgdsl::runtime_sql\(text\)
// A composed statement takes SQL text only from string literals: a std::string made at run time
// (here from user input) is refused, so it cannot carry a value or a name into the text.
#include <string>

#include "pgdsl/pgdsl.hpp"

std::string user_input();

pgdsl::sql statement() {
  return pgdsl::sql("SELECT * FROM users WHERE name = '") + user_input() + "'";
}
