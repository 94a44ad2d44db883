// SPDX-License-Identifier: BSL-1.0
// A common table expression: pgdsl::cte<"name">(query) names a SELECT for a WITH list and is a
// table in FROM and JOIN; its columns are the query's result columns, typed as the query reads
// them: big[orders.total] for a selected column, big.column<"alias">() by name.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/name_type.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the rule that a CTE column is one its query selects: names the CTE and what
/// was asked for.
template <class Cte, class Asked, bool Holds>
inline constexpr bool cte_selects_the_column = Holds;
/// The condition of the rule that a CTE is defined by a SELECT.
template <class Query, bool Holds>
inline constexpr bool cte_query_is_a_select = Holds;

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

/// The table a CTE is in FROM: named Name, with the result columns Columns of its query.
template <fixed_string Name, class Columns>
struct cte_table {
  using table_identity = cte_table;
  using description = table_description<name_type<Name>>;
  using columns = Columns;
  static constexpr auto sql_name = Name;

  static constexpr void render_reference(sql_writer& w) { w.identifier(Name.view()); }
};

/// A column of a CTE: "name"."column", read as the CTE's query reads it.
template <class Table, class Column>
struct cte_column : expression_ops<cte_column<Table, Column>> {
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

/// How a CTE is evaluated: as PostgreSQL decides, MATERIALIZED or NOT MATERIALIZED.
enum class materialization { automatic, materialized, not_materialized };

/// name AS (query): one entry of a WITH list, and the table it defines.
template <fixed_string Name, class Query,
          materialization Materialization = materialization::automatic>
struct cte_definition {
  static_assert(valid_sql_name(Name), "a CTE name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name),
                "a CTE name must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  Query query;

  using query_type = Query;
  using table_identity = cte_table<Name, typename Query::result_columns>;
  using columns = typename Query::result_columns;
  static constexpr auto sql_name = Name;

  static constexpr void render_definition(sql_writer& w) {
    w.identifier(Name.view());
    w << " AS ";
    if constexpr (Materialization == materialization::materialized) w << "MATERIALIZED ";
    if constexpr (Materialization == materialization::not_materialized) w << "NOT MATERIALIZED ";
    w << '(';
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }

  /// The column of the CTE that its query selects as `selected` (a column or an aliased item), or
  /// else the one of `selected`'s name (orders.user_id for a CTE column selected from another CTE).
  template <class Selected>
  constexpr auto operator[](const Selected&) const {
    constexpr std::size_t index = [] {
      constexpr std::size_t by_key = detail::index_of_key<Selected>(columns{});
      if constexpr (by_key == columns::size && requires { Selected::name.view(); })
        return detail::index_of_name(Selected::name.view(), columns{});
      else
        return by_key;
    }();
    static_assert(cte_selects_the_column<typename table_identity::description,
                                         description_t<Selected>, (index < columns::size)>,
                  "the CTE's query does not select this column: select it in the CTE, or name an "
                  "aliased one with .column<\"alias\">()");
    if constexpr (index < columns::size)
      return cte_column<table_identity, at_t<index, columns>>{};
    else
      return cte_column<table_identity, at_t<0, columns>>{};
  }
  /// The column of the CTE named `ColumnName` (an alias given in its query, or a column's name).
  template <fixed_string ColumnName>
  constexpr auto column() const {
    constexpr std::size_t index = detail::index_of_name(ColumnName.view(), columns{});
    static_assert(cte_selects_the_column<typename table_identity::description,
                                         name_type<ColumnName>, (index < columns::size)>,
                  "the CTE's query selects no column of this name");
    if constexpr (index < columns::size)
      return cte_column<table_identity, at_t<index, columns>>{};
    else
      return cte_column<table_identity, at_t<0, columns>>{};
  }

  /// AS MATERIALIZED: computed once, even where inlining it would be cheaper.
  [[nodiscard]] constexpr auto materialized() const {
    return cte_definition<Name, Query, materialization::materialized>{query};
  }
  /// AS NOT MATERIALIZED: inlined into each reference, so the outer query's conditions reach it.
  [[nodiscard]] constexpr auto not_materialized() const {
    return cte_definition<Name, Query, materialization::not_materialized>{query};
  }
};

/// cte<"name">(select(...)...): a named query for with(...), usable as a table.
template <fixed_string Name, class Query>
[[nodiscard]] constexpr auto cte(Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  static_assert(cte_query_is_a_select<query_type, detail::is_select_query<query_type>>,
                "a CTE is defined by a SELECT (or UNION ...) here");
  return cte_definition<Name, query_type>{std::forward<Query>(query)};
}

}  // namespace pgdsl
