// SPDX-License-Identifier: BSL-1.0
// Helpers of the migration tests: a fresh schema per test (support/database.hpp) whose migrator
// gets its own history table and, through the default lock key, its own advisory lock; and the
// history read back through plain SQL rather than the runner's own reader.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace migrate_test {

/// Options of the tests' migrators: a short poll, a lock timeout that ends a hung test.
inline pgdsl::migrator_options test_options() {
  pgdsl::migrator_options options;
  options.lock_poll_interval = std::chrono::milliseconds(5);
  options.lock_timeout = std::chrono::seconds(30);
  return options;
}

/// The versions the history records as applied successfully, in order.
inline std::vector<std::int64_t> applied_versions(pgdsl::connection& db) {
  std::vector<std::int64_t> versions;
  for (auto [v] : db.query<std::int64_t>(
           "SELECT version FROM pgdsl_schema_history WHERE success ORDER BY version"))
    versions.push_back(v);
  return versions;
}

/// True when the current schema has a table of that name.
inline bool has_table(pgdsl::connection& db, const std::string& name) {
  return db
      .query<bool>(
          "SELECT EXISTS (SELECT FROM pg_class WHERE relname = $1 AND relnamespace = "
          "current_schema()::regnamespace)",
          name)
      .scalar();
}

}  // namespace migrate_test
