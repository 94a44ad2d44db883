// SPDX-License-Identifier: BSL-1.0
// Arithmetic: + - * / % and unary minus, with PostgreSQL's result types (int4 + int8 is int8,
// anything with numeric is numeric, anything with float8 is float8); + on two texts is ||.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"

namespace pgdsl {

/// (left Op right) of result type T.
template <fixed_string Op, class T, class L, class R>
struct arithmetic : expression_ops<arithmetic<Op, T, L, R>>, detail::binary_operands<L, R> {
  using sql_type = T;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << '(';
    detail::render_operand<L>(w);
    w << Op.view();
    detail::render_operand<R>(w);
    w << ')';
  }
};

/// (- operand).
template <class E>
struct minus : expression_ops<minus<E>>, detail::unary_operand<E> {
  using sql_type = sql_type_t<E>;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << "(- ";
    detail::render_operand<E>(w);
    w << ')';
  }
};

/// The condition of the arithmetic rule.
template <class Left, class LeftType, class RightType, bool Holds>
inline constexpr bool arithmetic_applies = Holds;

namespace detail {

// Rank of a numeric type in PostgreSQL's resolution: the higher rank is the result type.
template <class T>
constexpr int numeric_rank() {
  constexpr type_category c = type_traits<T>::category;
  if constexpr (c == type_category::integral) return static_cast<int>(sizeof(T));  // 2, 4, 8
  if constexpr (c == type_category::decimal) return 16;
  if constexpr (c == type_category::floating) return sizeof(T) == 4 ? 32 : 64;
  return 0;
}

template <class A, class B>
using numeric_result_t = std::conditional_t<(numeric_rank<A>() >= numeric_rank<B>()), A, B>;

// The result type of A Op B, or void when PostgreSQL has no such operator.
template <char Op, class A, class B>
auto arithmetic_result() {
  constexpr type_category a = type_traits<A>::category, b = type_traits<B>::category;
  if constexpr (Op == '+' && a == type_category::text && b == type_category::text) {
    return std::string{};
  } else if constexpr (is_numeric(a) && is_numeric(b)) {
    if constexpr (Op == '%' && (a == type_category::floating || b == type_category::floating)) {
      return;
    } else {
      return numeric_result_t<A, B>{};
    }
  }
}

template <char Op>
constexpr fixed_string<3> spaced_operator() {
  const char text[4] = {' ', Op, ' ', '\0'};
  return fixed_string<3>(text);
}

template <char Op, class L, class R>
constexpr auto make_arithmetic(L&& left, R&& right) {
  auto l = to_operand(std::forward<L>(left));
  auto r = to_operand(std::forward<R>(right));
  using lt = sql_type_t<decltype(l)>;
  using rt = sql_type_t<decltype(r)>;
  using result = decltype(arithmetic_result<Op, lt, rt>());
  static_assert(arithmetic_applies<description_t<decltype(l)>, sql_type_name<lt>, sql_type_name<rt>,
                                   !std::is_void_v<result>>,
                "PostgreSQL has no such operator for these SQL types: + - * / work on numbers "
                "(+ also joins two texts), % on integers and numeric");
  using result_type = std::conditional_t<std::is_void_v<result>, lt, result>;
  if constexpr (Op == '+' && std::is_same_v<result, std::string>) {
    return arithmetic<" || ", result_type, decltype(l), decltype(r)>{{},
                                                                     {std::move(l), std::move(r)}};
  } else {
    return arithmetic<spaced_operator<Op>(), result_type, decltype(l), decltype(r)>{
        {}, {std::move(l), std::move(r)}};
  }
}

}  // namespace detail

template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator+(L&& left, R&& right) {
  return detail::make_arithmetic<'+'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator-(L&& left, R&& right) {
  return detail::make_arithmetic<'-'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator*(L&& left, R&& right) {
  return detail::make_arithmetic<'*'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator/(L&& left, R&& right) {
  return detail::make_arithmetic<'/'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator%(L&& left, R&& right) {
  return detail::make_arithmetic<'%'>(std::forward<L>(left), std::forward<R>(right));
}
template <expression E>
constexpr auto operator-(const E& operand) {
  return minus<E>{{}, {operand}};
}

}  // namespace pgdsl
