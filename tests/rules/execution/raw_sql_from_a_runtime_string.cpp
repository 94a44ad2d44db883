// SPDX-License-Identifier: BSL-1.0
// expect: raw SQL text made at run time must be marked: pass pgdsl::runtime_sql
// A std::string built at run time passed as raw SQL: it must say so with pgdsl::runtime_sql(), so
// every place where SQL text is assembled can be found and reviewed.
#include <string>

#include "pgdsl/execution/all.hpp"

void drop(pgdsl::connection& db, const std::string& table) {
  db.execute_raw("DROP TABLE " + table);
}
