// SPDX-License-Identifier: BSL-1.0
// ORDER BY over a whole UNION / INTERSECT / EXCEPT. PostgreSQL sorts a set operation only by its
// result columns, so a key names a column the first query selects (users.id, or
// users.id.desc().nulls_last()) and renders as that result column's name: ORDER BY "id" DESC.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/sort_item.hpp"
#include "pgdsl/statement/clause/order_by.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the rule on a set operation's sort keys: names the key.
template <class Key, bool Holds>
inline constexpr bool set_sort_key_is_a_result_column = Holds;

namespace detail {

/// A key of a set operation's ORDER BY: the result column's name, direction, NULLS placement.
template <class Column, bool Descending, int Nulls, bool Explicit>
struct set_sort_key {
  static constexpr void render(sql_writer& w) {
    w.identifier(Column::name.view());
    if constexpr (Explicit) w << (Descending ? " DESC" : " ASC");
    if constexpr (Nulls == 1) w << " NULLS FIRST";
    if constexpr (Nulls == 2) w << " NULLS LAST";
  }
};

template <class Key>
struct set_sort_key_of {
  using type = set_sort_key<Key, false, 0, false>;
};
template <class E, bool Descending, int Nulls>
struct set_sort_key_of<sort_item<E, Descending, Nulls>> {
  using type = set_sort_key<E, Descending, Nulls, true>;
};

/// How many of Columns are named `name` (the key must name exactly one).
template <class... Columns>
constexpr std::size_t columns_named(std::string_view name, type_list<Columns...>) {
  return ((Columns::name == name ? 1U : 0U) + ... + 0U);
}

template <class Statement, class Key>
constexpr void check_set_sort_key() {
  using column = typename sort_expression<Key>::type;
  constexpr bool named = requires {
    column::name;
  };
  if constexpr (named)
    static_assert(
        set_sort_key_is_a_result_column<description_t<column>,
                                        columns_named(column::name.view(),
                                                      typename Statement::result_columns{}) == 1>,
        "ORDER BY of UNION, INTERSECT or EXCEPT sorts by the result's columns: name a column "
        "the first query selects (rendered by its name, which must be unique in the result)");
  else
    static_assert(set_sort_key_is_a_result_column<description_t<column>, false>,
                  "ORDER BY of UNION, INTERSECT or EXCEPT sorts by the result's columns: name a "
                  "column the first query selects (rendered by its name, which must be unique in "
                  "the result)");
}

struct no_set_order_by {
  using slot = order_by_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

template <class... Keys>
struct set_order_by_clause {
  using slot = order_by_slot;
  static constexpr void render(sql_writer& w) {
    w << " ORDER BY ";
    render_list<Keys...>(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Statement>
struct clause_methods<no_set_order_by, Statement> {
  /// ORDER BY result columns, all in one call: users.id, users.id.desc().nulls_last(), ...
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&...) && {
    (check_set_sort_key<Statement, std::remove_cvref_t<Keys>>(), ...);
    return replace_clause<order_by_slot>(
        moved<Statement>(*this),
        set_order_by_clause<typename set_sort_key_of<std::remove_cvref_t<Keys>>::type...>{});
  }
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const& {
    return copied<Statement>(*this).order_by(std::forward<Keys>(keys)...);
  }
};

template <class... Keys, class Statement>
struct clause_methods<set_order_by_clause<Keys...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse order_by(A&&...) const {
    static_assert(clause_can_be_added<order_by_slot, Allowed>,
                  "ORDER BY is already set: list every key in one .order_by()");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl
