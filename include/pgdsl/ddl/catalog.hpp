// SPDX-License-Identifier: BSL-1.0
// The catalog reader: what the server says about a set of tables (columns with their types,
// typmods, nullability, defaults and identity; constraints; indexes; the enum types the columns
// use), read from pg_catalog in one query whatever the number of tables. Plain structs, so the
// drift check (verify_schema), pgdsl-codegen and migrations all build on the same reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pgdsl/execution/connection.hpp"

namespace pgdsl {

/// A column as pg_attribute describes it.
struct catalog_column {
  std::string name;
  std::string type_name;     ///< pg_type.typname of the value, or of the element for arrays
  bool is_array = false;     ///< a one-dimensional array of type_name
  bool is_enum = false;      ///< type_name is a user enum (CREATE TYPE ... AS ENUM)
  std::int32_t typmod = -1;  ///< atttypmod: varchar(n) is n + 4, numeric(p, s) ((p << 16) | s) + 4
  std::string display_type;  ///< format_type(): "character varying(120)", "integer[]"
  bool not_null = false;
  std::optional<std::string> default_sql;  ///< pg_get_expr of the default
  char identity = '\0';                    ///< 'a' (ALWAYS), 'd' (BY DEFAULT) or '\0'
};

/// A constraint as pg_constraint describes it.
struct catalog_constraint {
  std::string name;
  char kind = '\0';  ///< 'p' primary key, 'u' unique, 'f' foreign key, 'c' check, 'x' exclusion
  std::vector<std::string> columns;  ///< in key order
  std::string definition;            ///< pg_get_constraintdef()
  std::optional<std::string> referenced_table;
  std::vector<std::string> referenced_columns;
};

/// An index as pg_index describes it.
struct catalog_index {
  std::string name;
  bool is_unique = false;
  bool is_primary = false;
  std::vector<std::string> columns;      ///< key columns; "" for an expression key
  std::string definition;                ///< pg_get_indexdef()
  std::optional<std::string> predicate;  ///< the WHERE of a partial index
};

/// A table (or view) found by name on the search_path, or the name of one that was not found.
struct catalog_table {
  std::string name;
  bool exists = false;
  std::string schema;
  char kind = '\0';  ///< pg_class.relkind: 'r' table, 'p' partitioned, 'v' view, 'm' matview
  std::vector<catalog_column> columns;  ///< in attnum order
  std::vector<catalog_constraint> constraints;
  std::vector<catalog_index> indexes;

  /// The column of that name, or nullptr.
  const catalog_column* column(std::string_view column_name) const {
    for (const auto& c : columns)
      if (c.name == column_name) return &c;
    return nullptr;
  }
};

/// An enum type used by the tables' columns.
struct catalog_enum {
  std::string name;
  std::string schema;
  std::vector<std::string> labels;  ///< in sort order
};

/// What read_catalog() found.
struct catalog_snapshot {
  std::vector<catalog_table> tables;  ///< one per name asked for, in the order asked
  std::vector<catalog_enum> enums;    ///< sorted by name

  const catalog_table* table(std::string_view table_name) const {
    for (const auto& t : tables)
      if (t.name == table_name) return &t;
    return nullptr;
  }
};

namespace detail {

// One statement, one round trip: the names travel as one text[] parameter, and each kind of row
// (table, column, constraint, index, enum) is a branch of one UNION ALL with the same columns.
// Names are resolved as unqualified statements resolve them: to_regclass on the search_path.
inline constexpr const char catalog_query[] = R"(WITH wanted AS (
  SELECT w.name, to_regclass(quote_ident(w.name)) AS oid, w.ord::int4 AS ord
  FROM unnest($1::text[]) WITH ORDINALITY AS w(name, ord))
SELECT 'table' AS kind, w.name AS tbl, coalesce(c.relkind::text, '') AS name, n.nspname::text AS t1,
  NULL::text AS t2, NULL::text AS t3, w.ord AS num, c.oid IS NOT NULL AS f1, false AS f2,
  NULL::text[] AS l1, NULL::text[] AS l2
FROM wanted w LEFT JOIN pg_class c ON c.oid = w.oid LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
UNION ALL
SELECT 'column', w.name, a.attname::text, coalesce(et.typname, t.typname)::text,
  format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid), a.attnum::int4,
  a.attnotnull, et.oid IS NOT NULL,
  ARRAY[a.attidentity::text, coalesce(et.typtype, t.typtype)::text, a.atttypmod::text], NULL
FROM wanted w JOIN pg_attribute a ON a.attrelid = w.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
UNION ALL
SELECT 'constraint', w.name, k.conname::text, k.contype::text, pg_get_constraintdef(k.oid),
  CASE WHEN k.confrelid <> 0 THEN (SELECT relname::text FROM pg_class WHERE oid = k.confrelid) END,
  0, false, false,
  ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, ord)
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord),
  ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, ord)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord)
FROM wanted w JOIN pg_constraint k ON k.conrelid = w.oid
UNION ALL
SELECT 'index', w.name, ic.relname::text, NULL, pg_get_indexdef(i.indexrelid),
  pg_get_expr(i.indpred, i.indrelid), 0, i.indisunique, i.indisprimary,
  ARRAY(SELECT coalesce(a.attname::text, '') FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(num, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.num
        WHERE u.ord <= i.indnkeyatts ORDER BY u.ord), NULL
FROM wanted w JOIN pg_index i ON i.indrelid = w.oid JOIN pg_class ic ON ic.oid = i.indexrelid
UNION ALL
SELECT 'enum', NULL, t.typname::text, n.nspname::text, NULL, NULL, 0, false, false,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
  NULL
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND t.oid IN (
  SELECT CASE WHEN ct.typcategory = 'A' THEN ct.typelem ELSE ct.oid END
  FROM wanted w JOIN pg_attribute a ON a.attrelid = w.oid AND a.attnum > 0
  JOIN pg_type ct ON ct.oid = a.atttypid)
ORDER BY 1, 2, 7, 3)";

inline char first_char(const std::optional<std::string>& text) {
  return text && !text->empty() ? (*text)[0] : '\0';
}

}  // namespace detail

/// Reads the catalog entries of the named tables (resolved on the search_path) in one query.
inline catalog_snapshot read_catalog(connection& db, const std::vector<std::string>& table_names) {
  catalog_snapshot snapshot;
  snapshot.tables.resize(table_names.size());
  for (std::size_t i = 0; i < table_names.size(); ++i) snapshot.tables[i].name = table_names[i];
  const auto rows =
      db.query<std::string, std::optional<std::string>, std::string, std::optional<std::string>,
               std::optional<std::string>, std::optional<std::string>, std::int32_t, bool, bool,
               std::optional<std::vector<std::string>>, std::optional<std::vector<std::string>>>(
          detail::catalog_query, table_names);
  const auto table_of = [&](const std::optional<std::string>& name) -> catalog_table& {
    for (auto& t : snapshot.tables)
      if (name && t.name == *name) return t;
    throw error("read_catalog: the catalog answered for a table that was not asked for");
  };
  for (const auto& [kind, table, name, t1, t2, t3, number, f1, f2, l1, l2] : rows) {
    if (kind == "table") {
      auto& t = table_of(table);
      t.exists = f1;
      t.kind = name.empty() ? '\0' : name[0];
      t.schema = t1.value_or("");
    } else if (kind == "column") {
      catalog_column c;
      c.name = name;
      c.type_name = t1.value_or("");
      c.display_type = t2.value_or("");
      c.default_sql = t3;
      c.not_null = f1;
      c.is_array = f2;
      if (l1 && l1->size() == 3) {
        c.identity = (*l1)[0].empty() ? '\0' : (*l1)[0][0];
        c.is_enum = (*l1)[1] == "e";
        c.typmod = static_cast<std::int32_t>(std::stol((*l1)[2]));
      }
      table_of(table).columns.push_back(std::move(c));
    } else if (kind == "constraint") {
      catalog_constraint c;
      c.name = name;
      c.kind = detail::first_char(t1);
      c.definition = t2.value_or("");
      c.referenced_table = t3;
      c.columns = l1.value_or(std::vector<std::string>{});
      c.referenced_columns = l2.value_or(std::vector<std::string>{});
      table_of(table).constraints.push_back(std::move(c));
    } else if (kind == "index") {
      catalog_index i;
      i.name = name;
      i.definition = t2.value_or("");
      i.predicate = t3;
      i.is_unique = f1;
      i.is_primary = f2;
      i.columns = l1.value_or(std::vector<std::string>{});
      table_of(table).indexes.push_back(std::move(i));
    } else if (kind == "enum") {
      snapshot.enums.push_back(
          catalog_enum{name, t1.value_or(""), l1.value_or(std::vector<std::string>{})});
    }
    (void)number;
  }
  return snapshot;
}

}  // namespace pgdsl
