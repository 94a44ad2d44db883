// SPDX-License-Identifier: BSL-1.0
// The differences between a table descriptor and the database that matter for pgdsl's
// correctness, as a typed list: what compare_table() finds between describe_table<T>() and the
// catalog, and what verify_schema reports.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "pgdsl/ddl/catalog.hpp"
#include "pgdsl/ddl/described_table.hpp"
#include "pgdsl/error/error.hpp"

namespace pgdsl {

/// One kind of drift between a descriptor and the database.
enum class difference_kind {
  missing_table,       ///< no table of that name on the search_path
  missing_column,      ///< the descriptor's column is not in the table
  type_differs,        ///< another type, array-ness or typmod (varchar(n), numeric(p, s))
  nullable_column,     ///< NULL allowed behind a non-optional member: reads throw unexpected_null
  not_null_column,     ///< NOT NULL behind a std::optional member: writing NULL fails
  missing_default,     ///< default_sql<...> declared, no default in the database
  missing_identity,    ///< identity declared, the column is not an identity column
  missing_unique_key,  ///< a declared primary/unique key has no unique index: ON CONFLICT fails
  extra_required_column,  ///< a NOT NULL column without default the descriptor lacks: INSERTs fail
};

/// A short name for a kind: "missing_table", "type_differs", ...
constexpr std::string_view to_string(difference_kind kind) {
  switch (kind) {
    case difference_kind::missing_table:
      return "missing_table";
    case difference_kind::missing_column:
      return "missing_column";
    case difference_kind::type_differs:
      return "type_differs";
    case difference_kind::nullable_column:
      return "nullable_column";
    case difference_kind::not_null_column:
      return "not_null_column";
    case difference_kind::missing_default:
      return "missing_default";
    case difference_kind::missing_identity:
      return "missing_identity";
    case difference_kind::missing_unique_key:
      return "missing_unique_key";
    case difference_kind::extra_required_column:
      return "extra_required_column";
  }
  return "unknown";
}

/// One difference: its kind, where (table, column or key columns) and what each side says.
struct schema_difference {
  difference_kind kind;
  std::string table;
  std::string column;    ///< the column, or the key's columns "a, b"; empty for a table
  std::string expected;  ///< what the descriptor declares
  std::string actual;    ///< what the database has

  /// One line: table "users", column "email": type_differs (descriptor varchar(80), database
  /// text).
  std::string describe() const {
    std::string text = "table \"" + table + "\"";
    if (!column.empty()) text += ", column \"" + column + "\"";
    text += ": " + std::string(to_string(kind));
    if (!expected.empty() || !actual.empty())
      text += " (descriptor " + expected + ", database " + actual + ")";
    return text;
  }
};

/// Thrown by require_schema when the database differs from the descriptors.
class schema_mismatch : public error {
 public:
  explicit schema_mismatch(std::vector<schema_difference> differences)
      : error(message_of(differences)), differences_(std::move(differences)) {}
  const std::vector<schema_difference>& differences() const noexcept { return differences_; }

 private:
  static std::string message_of(const std::vector<schema_difference>& differences) {
    std::string text = "the database differs from the table descriptors:";
    for (const auto& d : differences) text += "\n  " + d.describe();
    return text;
  }
  std::vector<schema_difference> differences_;
};

namespace detail {

inline std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
  return text;
}

inline bool same_type(const described_column& d, const catalog_column& c) {
  return d.type_name == c.type_name && d.is_array == c.is_array && d.typmod == c.typmod;
}

inline bool has_unique_index(const catalog_table& table, const std::vector<std::string>& key) {
  auto sorted_key = key;
  std::sort(sorted_key.begin(), sorted_key.end());
  for (const auto& index : table.indexes) {
    if (!index.is_unique || index.predicate) continue;
    auto columns = index.columns;
    std::sort(columns.begin(), columns.end());
    if (columns == sorted_key) return true;
  }
  return false;
}

}  // namespace detail

/// Every difference between a descriptor's description and the catalog's view of its table.
inline std::vector<schema_difference> compare_table(const described_table& described,
                                                    const catalog_table& actual) {
  std::vector<schema_difference> found;
  const auto add = [&](difference_kind kind, std::string column, std::string expected = {},
                       std::string in_database = {}) {
    found.push_back(
        {kind, described.name, std::move(column), std::move(expected), std::move(in_database)});
  };
  if (!actual.exists) {
    add(difference_kind::missing_table, "");
    return found;
  }
  for (const auto& column : described.columns) {
    const catalog_column* db = actual.column(column.name);
    if (db == nullptr) {
      add(difference_kind::missing_column, column.name, column.sql_type, "no such column");
      continue;
    }
    if (!detail::same_type(column, *db))
      add(difference_kind::type_differs, column.name, column.sql_type, db->display_type);
    if (column.not_null && !db->not_null)
      add(difference_kind::nullable_column, column.name, "NOT NULL", "nullable");
    if (!column.not_null && db->not_null)
      add(difference_kind::not_null_column, column.name, "nullable", "NOT NULL");
    if (column.has_default && !db->default_sql && db->identity == '\0')
      add(difference_kind::missing_default, column.name, "a default", "none");
    if (column.identity && db->identity == '\0')
      add(difference_kind::missing_identity, column.name, "identity",
          db->default_sql ? "default " + *db->default_sql : "none");
  }
  for (const auto& key : described.keys)
    if (!detail::has_unique_index(actual, key.columns))
      add(difference_kind::missing_unique_key, detail::join_names(key.columns),
          key.primary ? "PRIMARY KEY" : "UNIQUE", "no unique index");
  for (const auto& db : actual.columns) {
    const bool declared = std::any_of(described.columns.begin(), described.columns.end(),
                                      [&](const described_column& c) { return c.name == db.name; });
    if (!declared && db.not_null && !db.default_sql && db.identity == '\0')
      add(difference_kind::extra_required_column, db.name, "no such column",
          db.display_type + " NOT NULL without default");
  }
  return found;
}

}  // namespace pgdsl
