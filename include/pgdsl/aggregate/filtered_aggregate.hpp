// SPDX-License-Identifier: BSL-1.0
// FILTER (WHERE ...) on an aggregate: count().filter(orders.status == "paid") counts only the rows
// where the condition holds; the result keeps the aggregate's type and null rule, and may still be
// used over a window (FILTER comes before OVER).
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/aggregates.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/logical.hpp"

namespace pgdsl {

/// Aggregate FILTER (WHERE Condition).
template <class Aggregate, class Condition>
struct filtered_aggregate : expression_ops<filtered_aggregate<Aggregate, Condition>> {
  Aggregate aggregate;
  Condition condition;

  using sql_type = typename Aggregate::sql_type;
  using tables = concat_t<typename Aggregate::tables, typename Condition::tables>;
  using params = concat_t<typename Aggregate::params, typename Condition::params>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Aggregate::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    Aggregate::render(w);
    w << " FILTER (WHERE ";
    Condition::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    aggregate.bind(f);
    condition.bind(f);
  }
  /// The filtered aggregate over a window of rows.
  template <class Window>
  [[nodiscard]] constexpr auto over(const Window& window) const {
    static_assert(window_aggregate_is_not_distinct<Aggregate, !Aggregate::is_distinct>,
                  "PostgreSQL has no DISTINCT in a window aggregate: aggregate a subquery that "
                  "selects the distinct values instead");
    return detail::make_over(*this, window);
  }
};

namespace detail {

template <class Aggregate, class Condition>
constexpr auto filter_aggregate(const Aggregate& aggregate, Condition&& condition) {
  auto operand = to_operand(std::forward<Condition>(condition));
  using operand_type = decltype(operand);
  static_assert(
      operand_is_boolean<description_t<operand_type>, sql_type_name<sql_type_t<operand_type>>,
                         std::is_same_v<sql_type_t<operand_type>, bool>>,
      "FILTER (WHERE ...) takes a condition: a boolean expression such as x == y");
  return filtered_aggregate<Aggregate, decltype(operand)>{{}, aggregate, std::move(operand)};
}

}  // namespace detail
}  // namespace pgdsl
