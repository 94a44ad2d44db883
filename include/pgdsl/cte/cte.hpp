// SPDX-License-Identifier: BSL-1.0
// A common table expression: pgdsl::cte<"name">(query) names a SELECT for a WITH list and is a
// table in FROM and JOIN; its columns are the query's result columns, typed as the query reads
// them (statement/query_table.hpp): big[orders.total] for a selected column, big.column<"alias">()
// by name.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/statement/query_table.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// The condition of the rule that a CTE is defined by a SELECT.
template <class Query, bool Holds>
inline constexpr bool cte_query_is_a_select = Holds;

/// How a CTE is evaluated: as PostgreSQL decides, MATERIALIZED or NOT MATERIALIZED.
enum class materialization { automatic, materialized, not_materialized };

/// name AS (query): one entry of a WITH list, and the table it defines.
template <fixed_string Name, class Query,
          materialization Materialization = materialization::automatic>
struct cte_definition : query_table_columns<query_table<Name, typename Query::result_columns>> {
  static_assert(valid_sql_name(Name), "a CTE name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name),
                "a CTE name must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  Query query;

  using query_type = Query;
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

  /// AS MATERIALIZED: computed once, even where inlining it would be cheaper.
  [[nodiscard]] constexpr auto materialized() const {
    return cte_definition<Name, Query, materialization::materialized>{{}, query};
  }
  /// AS NOT MATERIALIZED: inlined into each reference, so the outer query's conditions reach it.
  [[nodiscard]] constexpr auto not_materialized() const {
    return cte_definition<Name, Query, materialization::not_materialized>{{}, query};
  }
};

/// cte<"name">(select(...)...): a named query for with(...), usable as a table.
template <fixed_string Name, class Query>
[[nodiscard]] constexpr auto cte(Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  static_assert(cte_query_is_a_select<query_type, detail::is_select_query<query_type>>,
                "a CTE is defined by a SELECT (or UNION ...) here");
  return cte_definition<Name, query_type>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl
