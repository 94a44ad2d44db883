// SPDX-License-Identifier: BSL-1.0
// A query read as a table, by a CTE (pgdsl/cte/) or a derived table in FROM (pgdsl/derived/): its
// columns are the query's result columns, typed as the query reads them; t[orders.total] names a
// selected column, t.column<"alias">() one by name.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/name_type.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the rule that a column of a CTE or derived table is one its query selects:
/// names the table and what was asked for.
template <class Table, class Asked, bool Holds>
inline constexpr bool query_selects_the_column = Holds;

namespace detail {

/// A string_view of static storage as a fixed_string (a result column's name as a type argument).
template <std::size_t N>
constexpr fixed_string<N> to_fixed_string(std::string_view text) {
  fixed_string<N> out;
  for (std::size_t i = 0; i < N; ++i) out.data[i] = text[i];
  return out;
}

/// Where in Columns the column keyed by Key is, or Columns::size.
template <class Key, class... Columns>
constexpr std::size_t index_of_key(type_list<Columns...>) {
  std::size_t index = 0;
  ((!std::is_same_v<typename Columns::key_type, Key> ? ++index : 0) && ...);
  return index;
}
template <class... Columns>
constexpr std::size_t index_of_name(std::string_view name, type_list<Columns...>) {
  std::size_t index = 0;
  ((Columns::name != name ? ++index : 0) && ...);
  return index;
}

}  // namespace detail

/// The table a named query is in FROM: named Name, with the result columns Columns of its query.
template <fixed_string Name, class Columns>
struct query_table {
  using table_identity = query_table;
  using description = table_description<name_type<Name>>;
  using columns = Columns;
  static constexpr auto sql_name = Name;

  static constexpr void render_reference(sql_writer& w) { w.identifier(Name.view()); }
};

/// A column of a named query: "name"."column", read as the query reads it (optional as well when
/// the table is outer-joined).
template <class Table, class Column>
struct query_table_column : expression_ops<query_table_column<Table, Column>> {
  static constexpr auto name = detail::to_fixed_string<Column::name.size()>(Column::name);

  using sql_type = typename Column::sql_type;
  using tables = type_list<Table>;
  using params = type_list<>;
  using description = column_description<name_type<Table::sql_name>, name_type<name>>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in =
      is_optional_v<typename Column::value_type> || contains_v<Table, NullTables>;

  static constexpr void render(sql_writer& w) {
    w.identifier(Table::sql_name.view());
    w << '.';
    w.identifier(Column::name);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// The column lookup of a named query whose table is Identity (a query_table).
template <class Identity>
struct query_table_columns {
  using table_identity = Identity;
  using columns = typename Identity::columns;

  /// The column the query selects as `selected` (a column or an aliased item), or else the one of
  /// `selected`'s name (orders.user_id for a column selected from another CTE).
  template <class Selected>
  constexpr auto operator[](const Selected&) const {
    constexpr std::size_t index = [] {
      constexpr std::size_t by_key = detail::index_of_key<Selected>(columns{});
      if constexpr (by_key == columns::size && requires { Selected::name.view(); })
        return detail::index_of_name(Selected::name.view(), columns{});
      else
        return by_key;
    }();
    static_assert(query_selects_the_column<typename Identity::description, description_t<Selected>,
                                           (index < columns::size)>,
                  "the query of this CTE or derived table does not select this column: select it "
                  "there, or name an aliased one with .column<\"alias\">()");
    if constexpr (index < columns::size)
      return query_table_column<Identity, at_t<index, columns>>{};
    else
      return query_table_column<Identity, at_t<0, columns>>{};
  }
  /// The column named `ColumnName` (an alias given in the query, or a column's name).
  template <fixed_string ColumnName>
  constexpr auto column() const {
    constexpr std::size_t index = detail::index_of_name(ColumnName.view(), columns{});
    static_assert(query_selects_the_column<typename Identity::description, name_type<ColumnName>,
                                           (index < columns::size)>,
                  "the query of this CTE or derived table selects no column of this name");
    if constexpr (index < columns::size)
      return query_table_column<Identity, at_t<index, columns>>{};
    else
      return query_table_column<Identity, at_t<0, columns>>{};
  }
};

}  // namespace pgdsl
