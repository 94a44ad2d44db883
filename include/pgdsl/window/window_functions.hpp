// SPDX-License-Identifier: BSL-1.0
// Window functions: row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead,
// first_value, last_value, nth_value, each called with .over(window); aggregates take .over() too.
// A window function without OVER is not SQL: it is no expression until .over() makes it one.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/aggregates.hpp"
#include "pgdsl/expr/functions.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/window/window.hpp"

namespace pgdsl {

/// The condition of the rule on what .over() takes.
template <class Window, bool Holds>
inline constexpr bool over_takes_a_window = Holds;
/// The condition of the rule on RANGE frames with an offset.
template <class Window, bool Holds>
inline constexpr bool range_offset_has_one_numeric_key = Holds;
/// The condition of the rule on lag()/lead()'s default: names its SQL type and the value's.
template <class ValueType, class DefaultType, bool Holds>
inline constexpr bool default_has_the_value_type = Holds;
/// The condition of the rule on integer arguments (ntile's buckets, lag's offset, nth_value's n).
template <class ArgumentType, bool Holds>
inline constexpr bool argument_is_an_integer = Holds;

namespace detail {

template <class Order>
struct single_numeric_key : std::false_type {};
template <class Key>
struct single_numeric_key<item_list<Key>>
    : std::bool_constant<is_numeric(
          type_traits<sql_type_t<typename sort_expression<Key>::type>>::category)> {};

template <class Window>
constexpr bool range_offset_allowed() {
  if constexpr (requires { typename Window::pgdsl_window_tag; })
    return !Window::frame_type::range_with_offset ||
           single_numeric_key<std::remove_cvref_t<decltype(Window::order)>>::value;
  else
    return true;  // reported by the rule above
}

}  // namespace detail

/// Function OVER Window: a window function or an aggregate computed over a window of rows.
template <class Function, class Window>
struct over_call : expression_ops<over_call<Function, Window>> {
  Function function;
  Window window;

  using sql_type = sql_type_t<Function>;
  using tables = concat_t<typename Function::tables, typename Window::tables>;
  using params = concat_t<typename Function::params, typename Window::params>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Function::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    Function::render(w);
    w << " OVER ";
    Window::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    function.bind(f);
    window.bind(f);
  }
};

/// A window function waiting for its window: call .over(window) to make it an expression.
template <class Call>
struct window_function {
  Call call;

  using pgdsl_needs_over = void;

  template <class Window>
  [[nodiscard]] constexpr auto over(const Window& window) const {
    return detail::make_over(call, window);
  }
};

namespace detail {

/// function OVER window, once the window is checked (aggregates' .over() comes here too).
template <class Function, class Window>
constexpr auto make_over(const Function& function, const Window& window) {
  constexpr bool is_window = requires {
    typename Window::pgdsl_window_tag;
  };
  static_assert(over_takes_a_window<Window, is_window>,
                ".over() takes a window: pgdsl::window().partition_by(...).order_by(...)");
  if constexpr (is_window) {
    static_assert(range_offset_has_one_numeric_key<Window, range_offset_allowed<Window>()>,
                  "RANGE with an offset (preceding<N>, following<N>) needs exactly one ORDER BY "
                  "key, a number: use ROWS or GROUPS otherwise");
    return over_call<Function, Window>{{}, function, window};
  } else {
    return function;
  }
}

}  // namespace detail

namespace detail {

template <fixed_string Name, class T, null_rule Nulls, class... Args>
constexpr auto window_call(Args&&... arguments) {
  auto made = call<Name, T, Nulls>(std::forward<Args>(arguments)...);
  return window_function<decltype(made)>{std::move(made)};
}

template <class E>
constexpr void check_integer_argument() {
  static_assert(
      argument_is_an_integer<sql_type_name<sql_type_t<E>>,
                             type_traits<sql_type_t<E>>::category == type_category::integral>,
      "this argument counts rows or buckets: pass an integer");
}

/// lag()/lead()'s default: a C++ value becomes a parameter of the value's type; an expression
/// must have that type already (PostgreSQL would otherwise pick a common type for the result).
template <class Value, class Default>
constexpr auto offset_default(Default&& fallback) {
  using value_type = sql_type_t<Value>;
  if constexpr (expression<Default>) {
    using default_type = sql_type_t<Default>;
    static_assert(default_has_the_value_type<sql_type_name<value_type>, sql_type_name<default_type>,
                                             std::is_same_v<value_type, default_type>>,
                  "lag() and lead() take a default of the value's SQL type: cast it with "
                  "pgdsl::cast<T>(...)");
    return std::remove_cvref_t<Default>(std::forward<Default>(fallback));
  } else {
    using stored = nullable_base_t<parameter_storage_t<Default>>;
    constexpr bool converts =
        std::is_constructible_v<value_type, stored> && comparable_types<value_type, stored>();
    static_assert(
        default_has_the_value_type<sql_type_name<value_type>, sql_type_name<stored>, converts>,
        "lag() and lead() take a default of the value's SQL type: pass a value that "
        "converts to it");
    if constexpr (converts)
      return parameter<value_type>{{}, value_type(std::forward<Default>(fallback))};
    else
      return parameter<value_type>{};
  }
}

template <fixed_string Name, class V>
constexpr auto offset_function(V&& value) {
  return window_call<Name, sql_type_t<operand_t<V>>, null_rule::always>(std::forward<V>(value));
}
template <fixed_string Name, class V, class N>
constexpr auto offset_function(V&& value, N&& offset) {
  check_integer_argument<operand_t<N>>();
  return window_call<Name, sql_type_t<operand_t<V>>, null_rule::always>(std::forward<V>(value),
                                                                        std::forward<N>(offset));
}
template <fixed_string Name, class V, class N, class D>
constexpr auto offset_function(V&& value, N&& offset, D&& fallback) {
  check_integer_argument<operand_t<N>>();
  auto v = to_operand(std::forward<V>(value));
  auto d = offset_default<decltype(v)>(std::forward<D>(fallback));
  return window_call<Name, sql_type_t<decltype(v)>, null_rule::if_any_argument>(
      std::move(v), std::forward<N>(offset), std::move(d));
}

}  // namespace detail

/// row_number(): 1, 2, 3, ... within the partition, in the window's order.
constexpr auto row_number() {
  return window_function<function_call<"row_number", std::int64_t, null_rule::never>>{};
}
/// rank(): the row's rank with gaps (peers share one); dense_rank(): without gaps.
constexpr auto rank() {
  return window_function<function_call<"rank", std::int64_t, null_rule::never>>{};
}
constexpr auto dense_rank() {
  return window_function<function_call<"dense_rank", std::int64_t, null_rule::never>>{};
}
/// percent_rank(): (rank - 1) / (rows - 1), 0 to 1; cume_dist(): rows up to the row's last peer
/// over all rows.
constexpr auto percent_rank() {
  return window_function<function_call<"percent_rank", double, null_rule::never>>{};
}
constexpr auto cume_dist() {
  return window_function<function_call<"cume_dist", double, null_rule::never>>{};
}
/// ntile(buckets): the bucket number, 1 to buckets, dividing the partition as equally as possible.
template <class N>
constexpr auto ntile(N&& buckets) {
  detail::check_integer_argument<operand_t<N>>();
  return detail::window_call<"ntile", std::int32_t, null_rule::if_any_argument>(
      std::forward<N>(buckets));
}
/// lag(value [, offset [, default]]): value at the row `offset` rows (1 by default) before the
/// current one. Without a default it is NULL for the first rows, so it reads as std::optional; a
/// default of the value's type makes it NULL only when the value (or the default) can be.
template <class... A>
constexpr auto lag(A&&... arguments) {
  static_assert(sizeof...(A) >= 1 && sizeof...(A) <= 3, "lag(value [, offset [, default]])");
  return detail::offset_function<"lag">(std::forward<A>(arguments)...);
}
/// lead(value [, offset [, default]]): likewise, `offset` rows after the current one.
template <class... A>
constexpr auto lead(A&&... arguments) {
  static_assert(sizeof...(A) >= 1 && sizeof...(A) <= 3, "lead(value [, offset [, default]])");
  return detail::offset_function<"lead">(std::forward<A>(arguments)...);
}
/// first_value(value), last_value(value): value at the first/last row of the frame (the frame
/// holds the current row, so they are NULL only when the value can be). Mind the default frame:
/// with an ORDER BY it ends at the current row's last peer.
template <expression E>
constexpr auto first_value(const E& value) {
  return detail::window_call<"first_value", sql_type_t<E>, null_rule::if_any_argument>(value);
}
template <expression E>
constexpr auto last_value(const E& value) {
  return detail::window_call<"last_value", sql_type_t<E>, null_rule::if_any_argument>(value);
}
/// nth_value(value, n): value at the n-th row of the frame, NULL when the frame is shorter.
template <expression E, class N>
constexpr auto nth_value(const E& value, N&& n) {
  detail::check_integer_argument<operand_t<N>>();
  return detail::window_call<"nth_value", sql_type_t<E>, null_rule::always>(value,
                                                                            std::forward<N>(n));
}

}  // namespace pgdsl
