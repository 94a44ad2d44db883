// SPDX-License-Identifier: BSL-1.0
// The SQL script of a run, for a DBA who applies it by hand (offline) or a dry run: the history
// table's CREATE, then each migration between BEGIN and COMMIT (unless no-transaction) with the
// INSERT of its history row. The only place where values are written into SQL text, as literals,
// because the script is read by people and psql, never sent by pgdsl.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pgdsl/migrate/detail/history_table.hpp"
#include "pgdsl/migrate/migration.hpp"
#include "pgdsl/migrate/migration_errors.hpp"

namespace pgdsl::detail {

/// A SQL string literal ('it''s'); standard_conforming_strings (the default) assumed.
inline std::string sql_literal(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

/// The script of `list` (from version `from` to `target`, for the header line); `table` is
/// quoted. Throws invalid_migration at a C++ step, which has no SQL.
inline std::string offline_script(const std::vector<const migration*>& list, std::int64_t from,
                                  std::optional<std::int64_t> target, const std::string& table) {
  std::string out = "-- pgdsl-migrate: from V" + std::to_string(from) + " to " +
                    (target ? "V" + std::to_string(*target) : std::string("the latest")) + ", " +
                    std::to_string(list.size()) + " migration(s)\n" + history_table_ddl(table) +
                    ";\n";
  for (const migration* m : list) {
    if (m->is_step())
      throw invalid_migration(m->label() +
                              " is a C++ step: it cannot be written as SQL; stop the offline "
                              "script before it (--to " +
                              std::to_string(m->version - 1) + ")");
    out += "\n-- " + m->label() + (m->transactional ? "" : ", no transaction") + "\n";
    if (m->transactional) out += "BEGIN;\n";
    out += m->up_sql;
    if (!m->up_sql.empty() && m->up_sql.back() != '\n') out += '\n';
    out += "INSERT INTO " + table + " (version, description, kind, checksum, success) VALUES (" +
           std::to_string(m->version) + ", " + sql_literal(m->description) + ", 'sql', " +
           sql_literal(m->checksum) + ", true);\n";
    if (m->transactional) out += "COMMIT;\n";
  }
  return out;
}

}  // namespace pgdsl::detail
