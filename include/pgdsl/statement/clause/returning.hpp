// SPDX-License-Identifier: BSL-1.0
// RETURNING items, for INSERT, UPDATE and DELETE: what the statement hands back per affected row,
// typed like a select list.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/statement/result_column.hpp"

namespace pgdsl::detail {

struct returning_slot {};

/// An empty RETURNING slot: the statement yields no rows.
struct no_returning {
  using slot = returning_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// RETURNING items.
template <class... Items>
struct returning_clause {
  item_list<Items...> list;

  using slot = returning_slot;
  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  template <class NullTables>
  using result_columns = result_columns_of<NullTables, Items...>;

  static constexpr void render(sql_writer& w) {
    w << " RETURNING ";
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    list.bind(f);
  }
};

template <class Item>
constexpr auto returning_item(Item&& item) {
  if constexpr (requires { item.alias; })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}

template <class Statement>
struct clause_methods<no_returning, Statement> {
  /// RETURNING items: the statement then yields rows.
  template <class... Items>
  [[nodiscard]] constexpr auto returning(Items&&... items) && {
    static_assert(sizeof...(Items) > 0, "returning() needs at least one column or expression");
    using clause = returning_clause<decltype(returning_item(std::declval<Items>()))...>;
    return replace_clause<returning_slot>(
        moved<Statement>(*this),
        clause{make_item_list(returning_item(std::forward<Items>(items))...)});
  }
  template <class... Items>
  [[nodiscard]] constexpr auto returning(Items&&... items) const& {
    return copied<Statement>(*this).returning(std::forward<Items>(items)...);
  }
};

template <class... Items, class Statement>
struct clause_methods<returning_clause<Items...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse returning(A&&...) const {
    static_assert(clause_can_be_added<returning_slot, Allowed>, "RETURNING is already set");
    return {};
  }
};

}  // namespace pgdsl::detail
