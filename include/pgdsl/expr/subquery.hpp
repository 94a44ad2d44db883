// SPDX-License-Identifier: BSL-1.0
// Subqueries as expressions: EXISTS (SELECT ...) and scalar subqueries (SELECT ...) — a SELECT of
// one column used as a value, NULL when it finds no row. Columns of the enclosing query's tables
// may appear inside (correlation): they count as the enclosing query's references.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"

namespace pgdsl {

/// EXISTS (query).
template <class Query>
struct exists_expression : expression_ops<exists_expression<Query>> {
  Query query;

  using sql_type = bool;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    w << "EXISTS (";
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

/// (query) as a value.
template <class Query>
struct scalar_subquery : expression_ops<scalar_subquery<Query>> {
  static_assert(Query::result_columns::size == 1,
                "a subquery used as a value must select exactly one column");

  Query query;

  using sql_type = typename at_t<0, typename Query::result_columns>::sql_type;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = true;

  static constexpr void render(sql_writer& w) {
    w << '(';
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

/// EXISTS (query).
template <class Query>
requires detail::is_select_query<std::remove_cvref_t<Query>>
constexpr auto exists(Query&& query) {
  return exists_expression<std::remove_cvref_t<Query>>{{}, std::forward<Query>(query)};
}

/// A one-column SELECT used as a value (comparisons take a SELECT directly as well).
template <class Query>
requires detail::is_select_query<std::remove_cvref_t<Query>>
constexpr auto scalar(Query&& query) {
  return scalar_subquery<std::remove_cvref_t<Query>>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl
