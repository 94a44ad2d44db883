// SPDX-License-Identifier: BSL-1.0
// A table under an alias, for self-joins: constexpr auto boss = employees.as<"boss">();
// boss[employees.name] is that column seen through the alias: "boss"."name".
#pragma once

#include <type_traits>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/name_type.hpp"

namespace pgdsl {

/// What error messages call an aliased table.
template <class TableName, class AliasName>
struct alias_description {};

/// Column seen through the alias Alias (a table_alias type).
template <class Alias, class Column>
struct aliased_column : expression_ops<aliased_column<Alias, Column>> {
  using value_type = typename Column::value_type;
  using sql_type = typename Column::sql_type;
  using tables = type_list<Alias>;
  using params = type_list<>;
  using description = column_description<name_type<Alias::alias>, name_type<Column::name>>;
  static constexpr auto name = Column::name;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Column::is_nullable || contains_v<Alias, NullTables>;

  static constexpr void render(sql_writer& w) {
    w.identifier(Alias::alias.view());
    w << '.';
    w.identifier(Column::name.view());
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// Table (a table<...> base) under the name Alias.
template <class Table, fixed_string Alias>
struct table_alias {
  static_assert(valid_sql_name(Alias), "an alias must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Alias),
                "an alias must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  using table_identity = table_alias;
  using description = alias_description<name_type<Table::sql_name>, name_type<Alias>>;
  static constexpr auto alias = Alias;

  /// "table" AS "alias", as FROM and JOIN write it.
  static constexpr void render_reference(sql_writer& w) {
    Table::render_reference(w);
    w << " AS ";
    w.identifier(Alias.view());
  }

  /// The column `column` of the aliased table.
  template <class Column>
  constexpr auto operator[](const Column&) const {
    static_assert(std::is_same_v<typename Column::table_type, Table>,
                  "this column belongs to another table than the alias");
    return aliased_column<table_alias, Column>{};
  }
};

}  // namespace pgdsl
