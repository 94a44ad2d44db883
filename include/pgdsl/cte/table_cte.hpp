// SPDX-License-Identifier: BSL-1.0
// A CTE whose columns are declared as a table descriptor: pgdsl::cte(tree, query) renders
// "tree"("id", "depth") AS (query). The table is declared before its query exists, so the query may
// read it: that is how WITH RECURSIVE refers to itself. Its columns are ordinary columns
// (tree.id), and the query's columns must match them in number, SQL type and nullability.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/cte/cte.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

/// The conditions of the rules that a declared CTE's query matches its table.
template <class Table, class DeclaredCount, class QueryCount, bool Holds>
inline constexpr bool cte_query_has_the_declared_columns = Holds;
template <class Column, class DeclaredType, class QueryType, bool Holds>
inline constexpr bool cte_query_column_has_the_declared_type = Holds;
template <class Column, bool Holds>
inline constexpr bool cte_query_column_is_not_null = Holds;
template <std::size_t N>
struct column_count {};

namespace detail {

template <class Column, class Selected>
constexpr void check_declared_column() {
  using declared = typename Column::sql_type;
  using selected = typename Selected::sql_type;
  static_assert(
      cte_query_column_has_the_declared_type<typename Column::description, sql_type_name<declared>,
                                             sql_type_name<selected>,
                                             std::is_same_v<declared, selected>>,
      "the CTE's query selects a value of another SQL type than the column declared "
      "for it: convert it with pgdsl::cast<T>(...)");
  constexpr bool fits = Column::is_nullable || !is_optional_v<typename Selected::value_type>;
  static_assert(cte_query_column_is_not_null<typename Column::description, fits>,
                "the CTE's query selects a value that may be NULL for a NOT NULL column: declare "
                "the column std::optional, or coalesce() the value");
}

template <class Columns, class Selected, std::size_t... I>
constexpr void check_declared_columns(std::index_sequence<I...>) {
  (check_declared_column<at_t<I, Columns>, at_t<I, Selected>>(), ...);
}

template <class... Columns>
constexpr void render_declared_names(sql_writer& w, type_list<Columns...>) {
  render_column_names<Columns...>(w);
}

}  // namespace detail

/// "table"(columns...) AS (query): a WITH entry whose table is the descriptor Table.
template <class Table, class Query, materialization Materialization = materialization::automatic>
struct table_cte_definition {
  Query query;

  using query_type = Query;
  using table_identity = typename Table::table_identity;

  static constexpr void render_definition(sql_writer& w) {
    Table::render_reference(w);
    w << " (";
    detail::render_declared_names(w, columns_of_t<Table>{});
    w << ") AS ";
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

  [[nodiscard]] constexpr auto materialized() const {
    return table_cte_definition<Table, Query, materialization::materialized>{query};
  }
  [[nodiscard]] constexpr auto not_materialized() const {
    return table_cte_definition<Table, Query, materialization::not_materialized>{query};
  }
};

/// cte(table, query): the CTE named and typed by the descriptor `table` (a struct deriving from
/// pgdsl::table<"name">), defined by `query`, which may read `table` itself under with_recursive().
template <table_type Table, class Query>
[[nodiscard]] constexpr auto cte(const Table&, Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  constexpr bool is_select = detail::is_select_query<query_type>;
  static_assert(cte_query_is_a_select<query_type, is_select>,
                "a CTE is defined by a SELECT (or UNION ...) here");
  if constexpr (is_select) {
    using declared = columns_of_t<Table>;
    using selected = typename query_type::result_columns;
    static_assert(cte_query_has_the_declared_columns<
                      typename Table::description, column_count<declared::size>,
                      column_count<selected::size>, declared::size == selected::size>,
                  "the CTE's query selects another number of columns than its table declares");
    if constexpr (declared::size == selected::size)
      detail::check_declared_columns<declared, selected>(
          std::make_index_sequence<declared::size>{});
  }
  return table_cte_definition<Table, query_type>{std::forward<Query>(query)};
}

}  // namespace pgdsl
