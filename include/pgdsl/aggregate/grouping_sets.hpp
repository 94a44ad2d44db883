// SPDX-License-Identifier: BSL-1.0
// Grouping sets: .group_by(pgdsl::rollup(a, b)), pgdsl::cube(a, b) and
// pgdsl::grouping_sets(pgdsl::grouping_set(a, b), pgdsl::grouping_set()) group by several key sets
// in one query. A column of a table such a key names reads as std::optional (its subtotal rows hold
// NULL there); pgdsl::grouping(a, b) tells which keys a row groups away (a bit per key, int4).
#pragma once

#include <cstdint>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/functions.hpp"
#include "pgdsl/statement/clause/group_by.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// The condition of the rule that grouping_sets() lists grouping_set(...)s.
template <class Argument, bool Holds>
inline constexpr bool grouping_sets_lists_sets = Holds;

/// Keyword (keys, ...): ROLLUP (a, b), CUBE (a, b), one set of GROUPING SETS, (a, b), and
/// GROUPING SETS (set, ...) itself.
template <fixed_string Keyword, class... Keys>
struct grouping_set_node {
  detail::item_list<Keys...> keys;

  using tables = detail::tables_of<Keys...>;
  using params = detail::params_of<Keys...>;
  using rolled_up_tables = tables;

  static constexpr void render(sql_writer& w) {
    w << Keyword.view() << '(';
    detail::item_list<Keys...>::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    keys.bind(f);
  }
};

namespace detail {
template <fixed_string Keyword, class... Keys>
constexpr auto make_grouping_set(Keys&&... keys) {
  (check_group_key<operand_t<Keys>>(), ...);
  return grouping_set_node<Keyword, operand_t<Keys>...>{
      make_item_list(to_operand(std::forward<Keys>(keys))...)};
}
template <class T>
inline constexpr bool is_plain_grouping_set = false;
template <class... Keys>
inline constexpr bool is_plain_grouping_set<grouping_set_node<"", Keys...>> = true;
}  // namespace detail

/// ROLLUP (a, b): the groups (a, b), (a) and the grand total ().
template <class... Keys>
[[nodiscard]] constexpr auto rollup(Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "rollup() needs at least one key");
  return detail::make_grouping_set<"ROLLUP ">(std::forward<Keys>(keys)...);
}
/// CUBE (a, b): the groups of every subset of the keys.
template <class... Keys>
[[nodiscard]] constexpr auto cube(Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "cube() needs at least one key");
  return detail::make_grouping_set<"CUBE ">(std::forward<Keys>(keys)...);
}
/// One set of grouping_sets(): (a, b); grouping_set() is the grand total ().
template <class... Keys>
[[nodiscard]] constexpr auto grouping_set(Keys&&... keys) {
  if constexpr (sizeof...(Keys) == 0)
    return grouping_set_node<"">{};
  else
    return detail::make_grouping_set<"">(std::forward<Keys>(keys)...);
}
/// GROUPING SETS (set, ...).
template <class... Sets>
[[nodiscard]] constexpr auto grouping_sets(Sets&&... sets) {
  static_assert(sizeof...(Sets) > 0, "grouping_sets() needs at least one grouping_set(...)");
  static_assert(
      (grouping_sets_lists_sets<std::remove_cvref_t<Sets>,
                                detail::is_plain_grouping_set<std::remove_cvref_t<Sets>>> &&
       ...),
      "grouping_sets() lists sets: pgdsl::grouping_set(a, b), pgdsl::grouping_set()");
  return grouping_set_node<"GROUPING SETS ", std::remove_cvref_t<Sets>...>{
      detail::make_item_list(std::forward<Sets>(sets)...)};
}

/// GROUPING(a, b): an int4 whose bit i (from the right, last key first) is set when the row
/// groups key i away (a subtotal over it).
template <expression... Keys>
[[nodiscard]] constexpr auto grouping(const Keys&... keys) {
  static_assert(sizeof...(Keys) > 0, "grouping() needs at least one key");
  return detail::call<"GROUPING", std::int32_t, null_rule::never>(keys...);
}

}  // namespace pgdsl
