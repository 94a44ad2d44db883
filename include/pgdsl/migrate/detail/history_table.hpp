// SPDX-License-Identifier: BSL-1.0
// The history table's statements: created on first use in the current schema, read whole
// (it holds one row per version), a row written in the migration's own transaction on success and
// upserted outside it on failure, so the failure survives the rollback.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/migrate/migration_status.hpp"

namespace pgdsl::detail {

/// The CREATE TABLE of the history; `table` is already quoted.
inline std::string history_table_ddl(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (\n  version bigint PRIMARY KEY,\n  description text NOT NULL,\n"
         "  kind text NOT NULL,\n  checksum text NOT NULL,\n"
         "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
         "  duration_ms double precision NOT NULL DEFAULT 0,\n  success boolean NOT NULL,\n"
         "  error text\n)";
}

/// True when the current schema (the first existing one of the search_path) has the table.
inline bool history_table_exists(connection& db, const std::string& unquoted_table) {
  return db
      .query<bool>(
          "SELECT EXISTS (SELECT FROM pg_class WHERE relname = $1 AND relnamespace = "
          "current_schema()::regnamespace)",
          unquoted_table)
      .scalar();
}

/// The history's rows by version; empty when the table does not exist yet.
inline std::vector<history_entry> read_history(connection& db, const std::string& table,
                                               const std::string& unquoted_table) {
  std::vector<history_entry> entries;
  if (!history_table_exists(db, unquoted_table)) return entries;
  const std::string sql =
      "SELECT version, description, kind, checksum, applied_at::text, duration_ms, success, "
      "error FROM " +
      table + " ORDER BY version";
  for (auto&& [version, description, kind, checksum, applied_at, duration, success, error] :
       db.query<std::int64_t, std::string, std::string, std::string, std::string, double, bool,
                std::optional<std::string>>(runtime_sql(sql)))
    entries.push_back(history_entry{version, std::move(description), std::move(kind),
                                    std::move(checksum), std::move(applied_at), duration, success,
                                    std::move(error)});
  return entries;
}

/// Records a version as applied (inside the migration's transaction).
inline void record_applied(connection& db, const std::string& table, std::int64_t version,
                           const std::string& description, const std::string& kind,
                           const std::string& checksum, double duration_ms) {
  const std::string sql = "INSERT INTO " + table +
                          " (version, description, kind, checksum, duration_ms, success) VALUES "
                          "($1, $2, $3, $4, $5, true)";
  db.execute_raw(runtime_sql(sql), version, description, kind, checksum, duration_ms);
}

/// Records a version as failed (after the rollback, or after a partial no-transaction run).
inline void record_failed(connection& db, const std::string& table, std::int64_t version,
                          const std::string& description, const std::string& kind,
                          const std::string& checksum, double duration_ms,
                          const std::string& error) {
  const std::string sql =
      "INSERT INTO " + table +
      " (version, description, kind, checksum, duration_ms, success, error) VALUES "
      "($1, $2, $3, $4, $5, false, $6) ON CONFLICT (version) DO UPDATE SET success = false, "
      "error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms, applied_at = now()";
  db.execute_raw(runtime_sql(sql), version, description, kind, checksum, duration_ms, error);
}

/// Deletes a version's row.
inline void remove_history_row(connection& db, const std::string& table, std::int64_t version) {
  db.execute_raw(runtime_sql("DELETE FROM " + table + " WHERE version = $1"), version);
}

}  // namespace pgdsl::detail
