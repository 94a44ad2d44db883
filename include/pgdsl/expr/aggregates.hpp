// SPDX-License-Identifier: BSL-1.0
// Aggregates: count(*), count(x), count(DISTINCT x), sum, avg, min, max, with PostgreSQL's result
// types (sum of int8 is numeric, avg of integers is numeric) and nullability (sum/avg/min/max are
// NULL over no rows, so they read as std::optional; count never is).
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"

namespace pgdsl {

/// The condition of the rule that a window aggregate is not DISTINCT.
template <class Aggregate, bool Holds>
inline constexpr bool window_aggregate_is_not_distinct = Holds;

namespace detail {
/// An aggregate's null rule, once its argument has checked itself against the tables the query
/// may leave missing (array_agg's elements: pgdsl/aggregate/collecting_aggregates.hpp).
template <bool Nullable, class Argument, class NullTables>
constexpr bool aggregate_nullable() {
  if constexpr (requires { Argument::template check_nulls_in<NullTables>(); })
    Argument::template check_nulls_in<NullTables>();
  return Nullable;
}
}  // namespace detail

/// Name([DISTINCT] argument) with result type T; count(*) when Argument is void.
template <fixed_string Name, class T, bool Distinct, bool Nullable, class Argument>
struct aggregate : expression_ops<aggregate<Name, T, Distinct, Nullable, Argument>> {
  Argument argument;

  using sql_type = T;
  using tables = typename Argument::tables;
  using params = typename Argument::params;
  static constexpr bool is_atomic = true;
  static constexpr bool is_distinct = Distinct;
  template <class NullTables>
  static constexpr bool nullable_in = detail::aggregate_nullable<Nullable, Argument, NullTables>();

  static constexpr void render(sql_writer& w) {
    w << Name.view() << '(';
    if constexpr (Distinct) w << "DISTINCT ";
    Argument::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    argument.bind(f);
  }
  /// The aggregate over a window of rows instead of a group (pgdsl/window/window_functions.hpp).
  template <class Window>
  [[nodiscard]] constexpr auto over(const Window& window) const {
    static_assert(window_aggregate_is_not_distinct<aggregate, !Distinct>,
                  "PostgreSQL has no DISTINCT in a window aggregate: aggregate a subquery that "
                  "selects the distinct values instead");
    return detail::make_over(*this, window);
  }
  /// Name(argument ORDER BY keys): the order the aggregate sees its rows in
  /// (pgdsl/aggregate/ordered_aggregate.hpp).
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const {
    return detail::order_aggregate(*this, std::forward<Keys>(keys)...);
  }
  /// Name(argument) FILTER (WHERE condition): only the rows where condition holds
  /// (pgdsl/aggregate/filtered_aggregate.hpp).
  template <class Condition>
  [[nodiscard]] constexpr auto filter(Condition&& condition) const {
    return detail::filter_aggregate(*this, std::forward<Condition>(condition));
  }
  /// The same aggregate over another argument (used by .order_by()).
  template <class Other>
  constexpr auto with_argument(Other other) const {
    return aggregate<Name, T, Distinct, Nullable, Other>{{}, std::move(other)};
  }
};

/// The * of count(*).
struct all_rows_marker {
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { w << '*'; }
  template <class F>
  constexpr void bind(F&) const {}
};

/// The condition of the numeric-aggregate rule.
template <class Argument, class ArgumentType, bool Holds>
inline constexpr bool aggregate_takes_numbers = Holds;

namespace detail {

template <class T>
constexpr bool is_number() {
  return is_numeric(type_traits<T>::category);
}

template <class E>
constexpr void check_numeric_argument() {
  static_assert(aggregate_takes_numbers<description_t<E>, sql_type_name<sql_type_t<E>>,
                                        is_number<sql_type_t<E>>()>,
                "sum() and avg() take numbers");
}

// sum: int2/int4 -> int8, int8 -> numeric, float4 -> float4, float8 -> float8, numeric -> numeric.
template <class T>
using sum_type_t =
    std::conditional_t<type_traits<T>::category == type_category::integral,
                       std::conditional_t<(sizeof(T) < 8), std::int64_t, numeric>, T>;
// avg: integers and numeric -> numeric, floating point -> float8.
template <class T>
using avg_type_t =
    std::conditional_t<type_traits<T>::category == type_category::floating, double, numeric>;

template <fixed_string Name, class T, bool Distinct, bool Nullable, class E>
constexpr auto make_aggregate(E&& argument) {
  return aggregate<Name, T, Distinct, Nullable, operand_t<E>>{
      {}, to_operand(std::forward<E>(argument))};
}

}  // namespace detail

/// count(*).
constexpr auto count() {
  return aggregate<"count", std::int64_t, false, false, all_rows_marker>{};
}
/// count(x): the rows where x is not NULL.
template <expression E>
constexpr auto count(const E& argument) {
  return detail::make_aggregate<"count", std::int64_t, false, false>(argument);
}
/// count(DISTINCT x).
template <expression E>
constexpr auto count_distinct(const E& argument) {
  return detail::make_aggregate<"count", std::int64_t, true, false>(argument);
}
template <expression E>
constexpr auto sum(const E& argument) {
  detail::check_numeric_argument<E>();
  return detail::make_aggregate<"sum", detail::sum_type_t<sql_type_t<E>>, false, true>(argument);
}
template <expression E>
constexpr auto avg(const E& argument) {
  detail::check_numeric_argument<E>();
  return detail::make_aggregate<"avg", detail::avg_type_t<sql_type_t<E>>, false, true>(argument);
}
template <expression E>
constexpr auto min(const E& argument) {
  return detail::make_aggregate<"min", sql_type_t<E>, false, true>(argument);
}
template <expression E>
constexpr auto max(const E& argument) {
  return detail::make_aggregate<"max", sql_type_t<E>, false, true>(argument);
}

}  // namespace pgdsl
