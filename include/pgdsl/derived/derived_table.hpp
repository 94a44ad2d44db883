// SPDX-License-Identifier: BSL-1.0
// Derived tables: pgdsl::derived<"t">(select(...)) is a subquery in FROM or JOIN under the alias
// "t", whose columns are the query's result columns, typed as it reads them (t[orders.total],
// t.column<"alias">()). .join_lateral(t) / .left_join_lateral(t) / .cross_join_lateral(t) make it
// LATERAL, so its query may read the tables before it. Its values are bound where its text is.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/fwd.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/statement/clause/from.hpp"
#include "pgdsl/statement/query_table.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the rule that a derived table is defined by a SELECT.
template <class Query, bool Holds>
inline constexpr bool derived_table_query_is_a_select = Holds;
/// The condition of the rule that a subquery in FROM reading an earlier table of the same FROM is
/// LATERAL: names the derived table and the first table it reads.
template <class DerivedTable, class ReadTable, bool Holds>
inline constexpr bool subquery_reading_from_is_lateral = Holds;

namespace detail {

/// [LATERAL] (query) AS "name": a derived table as an entry of FROM or of a JOIN.
template <class Identity, class Query, bool Lateral>
struct derived_entry {
  Query query;

  using identity = Identity;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_join = false;

  /// Only a LATERAL subquery sees the tables before it in FROM.
  template <class Scope>
  static constexpr void check_after() {
    if constexpr (!Lateral) {
      using read = difference_t<tables, difference_t<tables, Scope>>;
      if constexpr (read::size != 0)
        static_assert(subquery_reading_from_is_lateral<typename Identity::description,
                                                       typename at_t<0, read>::description, false>,
                      "a subquery in FROM reads a table of the same FROM: join it with "
                      ".join_lateral(t), .left_join_lateral(t) or .cross_join_lateral(t)");
    }
  }
  static constexpr void render(sql_writer& w) {
    if constexpr (Lateral) w << "LATERAL ";
    w << '(';
    Query::render(w);
    w << ") AS ";
    w.identifier(Identity::sql_name.view());
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

}  // namespace detail

/// A SELECT named for FROM: its columns are looked up like a CTE's (statement/query_table.hpp).
template <fixed_string Name, class Query>
struct derived_table : query_table_columns<query_table<Name, typename Query::result_columns>> {
  static_assert(valid_sql_name(Name),
                "a derived table's name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name),
                "a derived table's name must be at most 63 bytes (PostgreSQL would truncate it)");

  Query query;

  using query_type = Query;
  using identity = query_table<Name, typename Query::result_columns>;

  /// The entries FROM and JOIN render (pgdsl/statement/clause/from.hpp).
  constexpr auto from_entry() const { return detail::derived_entry<identity, Query, false>{query}; }
  constexpr auto lateral_entry() const {
    return detail::derived_entry<identity, Query, true>{query};
  }
};

/// derived<"t">(select(...)...): a subquery usable in .from() and .join(), named "t".
template <fixed_string Name, class Query>
[[nodiscard]] constexpr auto derived(Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  static_assert(derived_table_query_is_a_select<query_type, detail::is_select_query<query_type>>,
                "a derived table is defined by a SELECT (or UNION ...)");
  return derived_table<Name, query_type>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl
