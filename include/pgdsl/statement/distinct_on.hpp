// SPDX-License-Identifier: BSL-1.0
// SELECT DISTINCT ON (keys) items: distinct_on(keys...).select(items...) keeps the first row of
// each group of equal keys (first in the statement's ORDER BY, whose leading keys PostgreSQL
// requires to be the DISTINCT ON keys). A head of its own, so plain SELECTs do not pay for it.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/statement/select.hpp"

namespace pgdsl {
namespace detail {

/// SELECT DISTINCT ON (Keys) Items: the head of a DISTINCT ON statement.
template <class Keys, class... Items>
struct distinct_on_list {
  Keys keys;
  item_list<Items...> list;

  using slot = select_list_slot;
  using tables = concat_t<typename Keys::tables, typename item_list<Items...>::tables>;
  using params = concat_t<typename Keys::params, typename item_list<Items...>::params>;
  template <class NullTables>
  using result_columns = concat_t<typename select_item_columns<Items, NullTables>::type...>;

  static constexpr void render(sql_writer& w) {
    w << "SELECT DISTINCT ON (";
    Keys::render(w);
    w << ") ";
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    keys.bind(f);
    list.bind(f);
  }
};

template <class Keys, class... Items, class... Clauses>
inline constexpr bool is_select_query<statement<distinct_on_list<Keys, Items...>, Clauses...>> =
    true;

/// What distinct_on(keys...) returns: the keys, waiting for the select list.
template <class Keys>
struct pending_distinct_on {
  Keys keys;

  /// SELECT DISTINCT ON (keys) items.
  template <class... Items>
  [[nodiscard]] constexpr auto select(Items&&... items) const {
    static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
    using list = distinct_on_list<Keys, decltype(select_item(std::declval<Items>()))...>;
    return new_select<list>(list{keys, make_item_list(select_item(std::forward<Items>(items))...)},
                            {}, {}, {}, {}, {}, {}, {}, {});
  }
};

}  // namespace detail

/// DISTINCT ON (keys):
/// distinct_on(orders.user_id).select(...).from(orders).order_by(orders.user_id,
/// orders.placed_at.desc()) is each user's latest order.
template <class... Keys>
[[nodiscard]] constexpr auto distinct_on(Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "distinct_on() needs at least one key");
  auto list = detail::make_item_list(to_operand(std::forward<Keys>(keys))...);
  return detail::pending_distinct_on<decltype(list)>{std::move(list)};
}

}  // namespace pgdsl
