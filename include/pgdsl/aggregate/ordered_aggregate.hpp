// SPDX-License-Identifier: BSL-1.0
// ORDER BY inside an aggregate: string_agg(x, ', ').order_by(y) renders
// string_agg(x, $1 ORDER BY y), the order in which string_agg and array_agg collect their rows.
// The keys follow the rules of a statement's ORDER BY (a column in each, asc/desc/nulls).
#pragma once

#include <utility>

#include "pgdsl/expr/aggregates.hpp"
#include "pgdsl/expr/sort_item.hpp"
#include "pgdsl/statement/clause/order_by.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"

namespace pgdsl {

/// The condition of the rule that an aggregate is ordered once.
template <class Aggregate, bool Holds>
inline constexpr bool aggregate_is_ordered_once = Holds;

namespace detail {

/// An aggregate's argument followed by ORDER BY keys.
template <class Argument, class Order>
struct ordered_argument {
  Argument argument;
  Order order;

  using tables = concat_t<typename Argument::tables, typename Order::tables>;
  using params = concat_t<typename Argument::params, typename Order::params>;
  template <class NullTables>
  static constexpr void check_nulls_in() {
    if constexpr (requires { Argument::template check_nulls_in<NullTables>(); })
      Argument::template check_nulls_in<NullTables>();
  }
  static constexpr void render(sql_writer& w) {
    Argument::render(w);
    w << " ORDER BY ";
    Order::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    argument.bind(f);
    order.bind(f);
  }
};

template <class T>
inline constexpr bool is_ordered_argument = false;
template <class Argument, class Order>
inline constexpr bool is_ordered_argument<ordered_argument<Argument, Order>> = true;

template <class Aggregate, class... Keys>
constexpr auto order_aggregate(const Aggregate& aggregate, Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "order_by() needs at least one key");
  static_assert(
      aggregate_is_ordered_once<Aggregate, !is_ordered_argument<decltype(aggregate.argument)>>,
      "this aggregate is already ordered: list every key in one .order_by()");
  (check_sort_key<sort_operand_t<Keys>>(), ...);
  auto order = make_item_list(to_sort_operand(std::forward<Keys>(keys))...);
  return aggregate.with_argument(ordered_argument<decltype(aggregate.argument), decltype(order)>{
      aggregate.argument, std::move(order)});
}

}  // namespace detail
}  // namespace pgdsl
