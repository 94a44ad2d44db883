// SPDX-License-Identifier: BSL-1.0
// database: the fixture of every test that talks to the server. It connects from the environment
// (DATABASE_URL, else PG* variables, as tools/with-postgres.sh sets them) and gives each test its
// own schema, first on the search_path, so tests running in parallel never see each other's tables.
#pragma once

#include <unistd.h>
#include <atomic>
#include <string>

#include "pgdsl/execution/all.hpp"

namespace pgdsl::test {

/// A schema name no other test (process or fixture) uses.
inline std::string unique_schema_name() {
  static std::atomic<int> counter{0};
  return "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

/// Options that connect from the environment with `schema` first on the search_path.
inline connection_options options_for_schema(const std::string& schema) {
  connection_options options;
  options.options = "-c search_path=" + schema + ",public";
  return options;
}

/// A fresh schema and a connection whose search_path starts with it; the schema is dropped
/// (CASCADE) at the end of the test.
class database {
 public:
  // The search_path is a connection option, so it survives connection::reset().
  database()
      : schema_(unique_schema_name()), db_(connection::from_env(options_for_schema(schema_))) {
    db_.run_command(pgdsl::runtime_sql("CREATE SCHEMA " + schema_));
  }
  database(const database&) = delete;
  database& operator=(const database&) = delete;
  ~database() {
    try {
      connection cleanup = connection::from_env();
      cleanup.set_notice_handler([](const notice&) {});  // "drop cascades to ..." is expected
      cleanup.run_command(pgdsl::runtime_sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
    } catch (...) {  // a leftover schema in a throwaway cluster harms nobody
    }
  }

  /// The fixture's connection.
  connection& db() { return db_; }
  /// The schema's name.
  const std::string& schema() const { return schema_; }
  /// Another connection on the same schema (for concurrency tests).
  connection connect_another(connection_options options = {}) const {
    options.options = options_for_schema(schema_).options;
    return connection::from_env(std::move(options));
  }
  /// Runs one command on the fixture's connection.
  void run(const std::string& sql) { db_.run_command(pgdsl::runtime_sql(sql)); }

 private:
  std::string schema_;
  connection db_;
};

}  // namespace pgdsl::test
