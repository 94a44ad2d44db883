// SPDX-License-Identifier: BSL-1.0
// AND, OR and NOT, written && || !. AND and OR put themselves in parentheses, so any nesting
// reads unambiguously: ("a" = $1 AND ("b" = $2 OR "c" = $3)).
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"

namespace pgdsl {

/// (left Op right) with Op " AND " or " OR ".
template <fixed_string Op, class L, class R>
struct logical : expression_ops<logical<Op, L, R>>, detail::binary_operands<L, R> {
  using sql_type = bool;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << '(';
    L::render(w);
    w << Op.view();
    R::render(w);
    w << ')';
  }
};

/// NOT operand.
template <class E>
struct negation : expression_ops<negation<E>>, detail::unary_operand<E> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;

  static constexpr void render(sql_writer& w) {
    w << "NOT ";
    detail::render_operand<E>(w);
  }
};

/// The condition of the boolean-operand rule.
template <class Operand, class OperandType, bool Holds>
inline constexpr bool operand_is_boolean = Holds;

namespace detail {

template <class E>
constexpr void check_boolean() {
  static_assert(operand_is_boolean<description_t<E>, sql_type_name<sql_type_t<E>>,
                                   std::is_same_v<sql_type_t<E>, bool>>,
                "AND, OR and NOT need boolean operands (conditions such as x == y)");
}

template <fixed_string Op, class L, class R>
constexpr auto combine(L&& left, R&& right) {
  auto l = to_operand(std::forward<L>(left));
  auto r = to_operand(std::forward<R>(right));
  check_boolean<decltype(l)>();
  check_boolean<decltype(r)>();
  return logical<Op, decltype(l), decltype(r)>{{}, {std::move(l), std::move(r)}};
}

}  // namespace detail

template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator&&(L&& left, R&& right) {
  return detail::combine<" AND ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator||(L&& left, R&& right) {
  return detail::combine<" OR ">(std::forward<L>(left), std::forward<R>(right));
}
template <expression E>
constexpr auto operator!(const E& operand) {
  detail::check_boolean<E>();
  return negation<E>{{}, {operand}};
}

}  // namespace pgdsl
