// SPDX-License-Identifier: BSL-1.0
// pgdsl::nested(select(...)): a correlated SELECT of many rows as one column of the enclosing
// query, whose value is std::vector<std::tuple<...>> (one tuple per row, std::optional where a
// column can be NULL). The server builds the collection, ARRAY(SELECT ROW(n.*) FROM (<select>)
// AS n) in the SQL, which stays a compile-time constant; the rows arrive as a binary record
// array (types/record_array.hpp). A nested select may itself hold a nested column.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/types/record_array.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

namespace detail {

template <class Columns>
struct nested_row;
template <class... Columns>
struct nested_row<type_list<Columns...>> {
  using type = std::tuple<typename Columns::value_type...>;
};

}  // namespace detail

/// ARRAY(SELECT ROW(n.*) FROM (query) AS n): the rows of a SELECT as one value.
template <class Query>
struct nested_select : expression_ops<nested_select<Query>> {
  Query query;

  using row_type = typename detail::nested_row<typename Query::result_columns>::type;
  using sql_type = std::vector<row_type>;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = false;  // no rows is an empty array, never NULL

  static constexpr void render(sql_writer& w) {
    w << "ARRAY(SELECT ROW(";
    w.identifier("pgdsl_nested");
    w << ".*) FROM (";
    Query::render(w);
    w << ") AS ";
    w.identifier("pgdsl_nested");
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

/// The rows of a SELECT (usually correlated with the enclosing query: WHERE orders.user_id ==
/// users.id) as one column, read as std::vector<std::tuple<...>>; name it with .as<"name">().
/// Its ORDER BY orders the collection.
template <class Query>
constexpr auto nested(Query&& query) {
  static_assert(
      detail::is_select_query<std::remove_cvref_t<Query>>,
      "pgdsl::nested() takes a SELECT statement: nested(select(...).from(...).where(...))");
  if constexpr (detail::is_select_query<std::remove_cvref_t<Query>>)
    return nested_select<std::remove_cvref_t<Query>>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl
