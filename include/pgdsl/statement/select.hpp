// SPDX-License-Identifier: BSL-1.0
// SELECT: select(items...) then .from(), joins, .where(), .group_by(), .having(), .order_by(),
// .limit(), .offset(), .for_update(). Each clause fills its slot once (a second .where() does not
// compile); the text is rendered in SQL's order whatever order the calls came in.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/aliased_expression.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/statement/clause/from.hpp"
#include "pgdsl/statement/clause/group_by.hpp"
#include "pgdsl/statement/clause/limit_offset.hpp"
#include "pgdsl/statement/clause/locking.hpp"
#include "pgdsl/statement/clause/order_by.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/clause/where.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/statement/result_column.hpp"

namespace pgdsl {
namespace detail {

/// The result columns a select item contributes: one, or all of a table's for all_of().
template <class Item, class NullTables>
struct select_item_columns {
  using type = type_list<result_column<Item, NullTables>>;
};
template <class... Columns, class NullTables>
struct select_item_columns<column_pack<type_list<Columns...>>, NullTables> {
  using type = type_list<result_column<Columns, NullTables>...>;
};

struct select_list_slot {};

/// SELECT [DISTINCT] items: the head of a SELECT statement.
template <bool Distinct, class... Items>
struct select_list {
  item_list<Items...> list;

  using slot = select_list_slot;
  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  template <class NullTables>
  using result_columns = concat_t<typename select_item_columns<Items, NullTables>::type...>;

  static constexpr void render(sql_writer& w) {
    w << (Distinct ? "SELECT DISTINCT " : "SELECT ");
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    list.bind(f);
  }
};

template <bool Distinct, class... Items, class Statement>
struct clause_methods<select_list<Distinct, Items...>, Statement> {
  /// Not a SELECT clause: explains what to write instead.
  template <class... Returned, bool Allowed = false>
  misuse returning(Returned&&...) const {
    static_assert(clause_can_be_added<returning_slot, Allowed>,
                  "RETURNING belongs to INSERT, UPDATE and DELETE: a SELECT returns its select "
                  "list");
    return {};
  }
};

/// A SELECT statement: its select list, then one slot per clause in SQL's order.
template <class List>
using new_select = statement<List, no_from, no_where, no_group_by, no_having, no_order_by, no_limit,
                             no_offset, no_lock>;

template <bool Distinct, class... Items, class... Clauses>
inline constexpr bool is_select_query<statement<select_list<Distinct, Items...>, Clauses...>> =
    true;

/// A select item as stored: aliases and all_of() packs as given, anything else as an operand.
template <class Item>
constexpr auto select_item(Item&& item) {
  if constexpr (requires { item.alias; } || is_column_pack<std::remove_cvref_t<Item>>)
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}

template <bool Distinct, class... Items>
constexpr auto make_select(Items&&... items) {
  using list = select_list<Distinct, decltype(select_item(std::declval<Items>()))...>;
  return new_select<list>(list{make_item_list(select_item(std::forward<Items>(items))...)}, {}, {},
                          {}, {}, {}, {}, {}, {});
}

}  // namespace detail

/// SELECT items: columns, expressions, expr.as<"alias">(), all_of(table).
template <class... Items>
[[nodiscard]] constexpr auto select(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
  return detail::make_select<false>(std::forward<Items>(items)...);
}
/// SELECT DISTINCT items.
template <class... Items>
[[nodiscard]] constexpr auto select_distinct(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "select_distinct() needs at least one column or expression");
  return detail::make_select<true>(std::forward<Items>(items)...);
}

}  // namespace pgdsl
