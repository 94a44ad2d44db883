// SPDX-License-Identifier: BSL-1.0
// ORDER BY, SELECT's sort keys: expr.asc() / expr.desc() as given, anything else in the server's
// default order.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/sort_item.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl {

/// The condition of the sort-key rule: names the key's SQL type.
template <class KeyType, bool Holds>
inline constexpr bool sort_key_has_a_column = Holds;

namespace detail {

/// An ORDER BY key: a sort_item as given, anything else as an operand (the server's default order).
template <class Item>
constexpr auto to_sort_operand(Item&& item) {
  if constexpr (requires { item.nulls_first(); })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}
template <class Item>
using sort_operand_t = decltype(to_sort_operand(std::declval<Item>()));

/// The expression a key sorts by (inside expr.asc() / expr.desc()).
template <class Key>
struct sort_expression {
  using type = Key;
};
template <class E, bool Descending, int Nulls>
struct sort_expression<sort_item<E, Descending, Nulls>> {
  using type = E;
};

/// A key without a column sorts every row alike: a bound value (a run-time string naming a column
/// included) is sent as $n and sorts nothing.
template <class Key>
constexpr void check_sort_key() {
  using expression = typename sort_expression<Key>::type;
  static_assert(
      sort_key_has_a_column<sql_type_name<sql_type_t<expression>>, expression::tables::size != 0>,
      "ORDER BY key has no column: a bound value (such as a run-time std::string) is "
      "sent as $n and sorts nothing; order by a column, e.g. .order_by(users.name), and "
      "choose between columns with if/switch");
}

struct order_by_slot {};

struct no_order_by {
  using slot = order_by_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// ORDER BY keys.
template <class... Keys>
struct order_by_clause : keyword_clause<" ORDER BY ", item_list<Keys...>> {
  using slot = order_by_slot;
};

template <class Statement>
struct clause_methods<no_order_by, Statement> {
  /// ORDER BY keys, all in one call: columns, expressions, expr.asc() / expr.desc().
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) && {
    (check_sort_key<sort_operand_t<Keys>>(), ...);
    using clause = order_by_clause<sort_operand_t<Keys>...>;
    return replace_clause<order_by_slot>(
        moved<Statement>(*this),
        clause{{make_item_list(to_sort_operand(std::forward<Keys>(keys))...)}});
  }
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const& {
    return copied<Statement>(*this).order_by(std::forward<Keys>(keys)...);
  }
};

template <class... Keys, class Statement>
struct clause_methods<order_by_clause<Keys...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse order_by(A&&...) const {
    static_assert(clause_can_be_added<order_by_slot, Allowed>,
                  "ORDER BY is already set: list every key in one .order_by()");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl
