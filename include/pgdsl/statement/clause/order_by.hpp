// ORDER BY, SELECT's sort keys: expr.asc() / expr.desc() as given, anything else in the server's
// default order.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/sort_item.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl::detail {

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

}  // namespace pgdsl::detail
