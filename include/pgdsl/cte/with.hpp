// SPDX-License-Identifier: BSL-1.0
// WITH: pgdsl::with(cte1, cte2).select(...) is a SELECT whose first clause is the WITH list, so
// only statements that use one pay for it; the CTEs' values are bound first, in list order.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/cte/cte.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/statement/select.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// The condition of the rule that with() takes CTEs.
template <class Argument, bool Holds>
inline constexpr bool with_takes_ctes = Holds;

namespace detail {

struct with_slot {};

template <class T>
inline constexpr bool is_cte_definition = requires {
  &T::render_definition;
};

/// WITH [RECURSIVE] name AS (query), ...
template <bool Recursive, class... Definitions>
struct with_clause {
  pack<Definitions...> definitions;

  using slot = with_slot;
  using params = concat_t<typename Definitions::query_type::params...>;
  using unscoped_tables = concat_t<typename Definitions::query_type::outer_tables...>;

  static constexpr void render(sql_writer& w) {
    w << (Recursive ? "WITH RECURSIVE " : "WITH ");
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), Definitions::render_definition(w)), ...);
    w << ' ';
  }
  template <class F>
  constexpr void bind(F& f) const {
    definitions.for_each([&f](const auto& definition) { definition.bind(f); });
  }
};

template <bool Recursive, class... Definitions, bool Distinct, class... Items, class... Clauses>
inline constexpr bool is_select_query<statement<with_clause<Recursive, Definitions...>,
                                                select_list<Distinct, Items...>, Clauses...>> =
    true;

/// What with(...) returns: the WITH list, waiting for the statement it precedes.
template <bool Recursive, class... Definitions>
struct with_list {
  with_clause<Recursive, Definitions...> clause;

  /// WITH ... SELECT items.
  template <class... Items>
  [[nodiscard]] constexpr auto select(Items&&... items) const {
    return make<false>(std::forward<Items>(items)...);
  }
  template <class... Items>
  [[nodiscard]] constexpr auto select_distinct(Items&&... items) const {
    return make<true>(std::forward<Items>(items)...);
  }

 private:
  template <bool Distinct, class... Items>
  constexpr auto make(Items&&... items) const {
    static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
    using list = select_list<Distinct, decltype(select_item(std::declval<Items>()))...>;
    return statement<with_clause<Recursive, Definitions...>, list, no_from, no_where, no_group_by,
                     no_having, no_order_by, no_limit, no_offset, no_lock>(
        clause, list{make_item_list(select_item(std::forward<Items>(items))...)}, {}, {}, {}, {},
        {}, {}, {}, {});
  }
};

template <class Argument>
constexpr void check_with_argument() {
  static_assert(with_takes_ctes<Argument, is_cte_definition<Argument>>,
                "with() takes CTEs: pgdsl::cte<\"name\">(select(...))");
}

template <bool Recursive, class... Definitions>
constexpr auto make_with(Definitions&&... definitions) {
  static_assert(sizeof...(Definitions) > 0, "with() needs at least one CTE");
  (check_with_argument<std::remove_cvref_t<Definitions>>(), ...);
  using clause = with_clause<Recursive, std::remove_cvref_t<Definitions>...>;
  return with_list<Recursive, std::remove_cvref_t<Definitions>...>{
      clause{pack<std::remove_cvref_t<Definitions>...>(std::forward<Definitions>(definitions)...)}};
}

}  // namespace detail

/// WITH cte, ...: with(big_orders, totals).select(...).from(totals)...
template <class... Definitions>
[[nodiscard]] constexpr auto with(Definitions&&... definitions) {
  return detail::make_with<false>(std::forward<Definitions>(definitions)...);
}
/// WITH RECURSIVE cte, ...: a CTE declared with a table (cte(tree, query)) may read itself.
template <class... Definitions>
[[nodiscard]] constexpr auto with_recursive(Definitions&&... definitions) {
  return detail::make_with<true>(std::forward<Definitions>(definitions)...);
}

}  // namespace pgdsl
