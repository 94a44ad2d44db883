// SPDX-License-Identifier: BSL-1.0
// What a table descriptor promises about the database, as plain run-time values: each column's
// type (pg_type name, array or not, typmod), nullability, default or identity, and the column
// sets that must be unique (primary key, unique columns and keys), plus the DDL text autogenerate
// writes from (column definitions, CREATE TABLE, CREATE INDEX) and declared renames. The drift
// check compares it with the catalog (catalog.hpp); autogenerate (migrate/) diffs the two.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pgdsl/ddl/column_definition.hpp"
#include "pgdsl/ddl/create_index.hpp"
#include "pgdsl/ddl/create_table.hpp"
#include "pgdsl/ddl/table_args.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/schema/reflection.hpp"

namespace pgdsl {

/// A column as its descriptor declares it.
struct described_column {
  std::string name;
  std::string type_name;  ///< pg_type.typname of the value, or of the element for arrays
  bool is_array = false;
  std::int32_t typmod = -1;  ///< as atttypmod: varchar(n) n + 4, numeric(p, s) ((p << 16) | s) + 4
  std::string sql_type;      ///< as CREATE TABLE writes it: varchar(120), int4[]
  bool not_null = false;
  bool has_default = false;  ///< default_sql<...>
  bool identity = false;
  std::optional<std::string> default_sql;  ///< the text of default_sql<...>
  std::string definition;    ///< as CREATE TABLE lists it: "email" varchar(80) NOT NULL UNIQUE
  std::string renamed_from;  ///< renamed_from<"old">, or empty
};

/// A set of columns that must be unique (what ON CONFLICT (columns) needs).
struct described_key {
  std::vector<std::string> columns;
  bool primary = false;
};

/// An index a table declares in its table_args().
struct described_index {
  std::string name;
  bool is_unique = false;
  std::string create_sql;  ///< CREATE [UNIQUE] INDEX "name" ON "table" (...) [WHERE ...]
};

/// A table as its descriptor declares it.
struct described_table {
  std::string name;
  std::vector<described_column> columns;
  std::vector<described_key> keys;
  std::vector<described_index> indexes;
  std::string create_sql;    ///< CREATE TABLE "name" (...)
  std::string renamed_from;  ///< the table's `using renamed_from = pgdsl::renamed_from<"old">`
};

namespace detail {

template <class Column>
struct column_type_text {
  static constexpr void render(sql_writer& w) { render_column_type<Column>(w); }
};
template <class Column>
struct column_definition_text {
  static constexpr void render(sql_writer& w) { render_column_definition<Column>(w); }
};

template <class Column, class Constraints>
struct column_facts;
template <class Column, class... Constraints>
struct column_facts<Column, type_list<Constraints...>> {
  using base = nullable_base_t<typename Column::value_type>;
  static constexpr bool is_array = type_traits<base>::category == type_category::array;
  using scalar =
      typename std::conditional_t<is_array, array_element_of<base>, std::type_identity<base>>::type;
  static constexpr std::size_t length = first_nonzero(varchar_length_of<Constraints>...);
  static constexpr std::size_t digits = first_nonzero(precision_of<Constraints>::digits...);
  static constexpr std::size_t scale = first_nonzero(precision_of<Constraints>::scale...);
  static constexpr bool primary =
      (std::is_same_v<unnamed_constraint_t<Constraints>, primary_key> || ...);
  static constexpr bool unique_column =
      (std::is_same_v<unnamed_constraint_t<Constraints>, unique> || ...);
  static constexpr bool identity_column = (std::is_same_v<Constraints, identity> || ...);
  static constexpr bool default_column = (requires { Constraints::sql; } || ...);

  template <class C>
  static void read_default(described_column& c) {
    if constexpr (requires { C::sql; }) c.default_sql = std::string(C::sql.view());
  }
  template <class C>
  static void read_rename(described_column& c) {
    if (!renamed_from_name<C>.empty()) c.renamed_from = std::string(renamed_from_name<C>);
  }

  static described_column describe() {
    described_column c;
    c.name = std::string(Column::name.view());
    c.type_name = length != 0   ? "varchar"
                  : digits != 0 ? "numeric"
                                : std::string(type_traits<scalar>::sql_name);
    c.is_array = is_array;
    if (length != 0) c.typmod = static_cast<std::int32_t>(length + 4);
    if (digits != 0) c.typmod = static_cast<std::int32_t>(((digits << 16) | scale) + 4);
    c.sql_type = std::string(sql_of<column_type_text<Column>>.view());
    c.not_null = !Column::is_nullable;
    c.has_default = default_column;
    c.identity = identity_column;
    (read_default<Constraints>(c), ...);
    (read_rename<Constraints>(c), ...);
    c.definition = std::string(sql_of<column_definition_text<Column>>.view());
    return c;
  }
  static void add_keys(std::vector<described_key>& keys) {
    if (primary) keys.push_back({{std::string(Column::name.view())}, true});
    if (unique_column) keys.push_back({{std::string(Column::name.view())}, false});
  }
};

template <class Table, class Part>
struct part_index {
  static void add(std::vector<described_index>&) {}
};
template <class Table, fixed_string Name, bool Unique, class Predicate, class... Keys>
struct part_index<Table, index_part<Name, Unique, Predicate, Keys...>> {
  static void add(std::vector<described_index>& indexes) {
    using statement =
        create_index_statement<Table, index_part<Name, Unique, Predicate, Keys...>, 0>;
    indexes.push_back({std::string(Name.view()), Unique, std::string(sql_of<statement>.view())});
  }
};

template <class Part>
struct part_keys {
  static void add(std::vector<described_key>&) {}
};
template <bool Primary, fixed_string Name, class... Columns>
struct part_keys<key_part<Primary, Name, Columns...>> {
  static void add(std::vector<described_key>& keys) {
    keys.push_back({{std::string(Columns::name.view())...}, Primary});
  }
};
template <fixed_string Name, class Predicate, class... Keys>
struct part_keys<index_part<Name, true, Predicate, Keys...>> {
  static void add(std::vector<described_key>& keys) {
    // A unique index on plain columns, without WHERE, serves ON CONFLICT like a unique key.
    if constexpr (std::is_same_v<Predicate, no_predicate> && (column_type<Keys> && ...))
      keys.push_back({{std::string(Keys::name.view())...}, false});
  }
};

template <class Table, class Columns, class Parts>
struct table_facts;
template <class Table, class... Columns, class... Parts>
struct table_facts<Table, type_list<Columns...>, type_list<Parts...>> {
  static void describe(described_table& t) {
    (t.columns.push_back(column_facts<Columns, typename Columns::constraints>::describe()), ...);
    (column_facts<Columns, typename Columns::constraints>::add_keys(t.keys), ...);
    (part_keys<Parts>::add(t.keys), ...);
    (part_index<Table, Parts>::add(t.indexes), ...);
    t.create_sql = std::string(sql_of<create_table_statement<Table, 0>>.view());
    if constexpr (requires { Table::renamed_from::old_name; })
      t.renamed_from = std::string(Table::renamed_from::old_name.view());
  }
};

}  // namespace detail

/// The description of table descriptor Table.
template <table_type Table>
described_table describe_table() {
  described_table t;
  t.name = std::string(Table::sql_name.view());
  detail::table_facts<Table, columns_of_t<Table>, detail::table_parts_t<Table>>::describe(t);
  return t;
}

}  // namespace pgdsl
