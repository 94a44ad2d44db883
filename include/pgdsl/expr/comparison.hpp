// SPDX-License-Identifier: BSL-1.0
// Comparisons: = <> < <= > >= (and LIKE, which shares the shape), IS [NOT] DISTINCT FROM.
// Written with C++ operators; a value on either side becomes a bound parameter of the other
// side's family, and the pair is checked by the comparison rule.
#pragma once

#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"

namespace pgdsl {

/// left Op right, where Op is " = ", " <> ", " LIKE ", ...
template <fixed_string Op, class L, class R>
struct comparison : expression_ops<comparison<Op, L, R>>, detail::binary_operands<L, R> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<L>(w);
    w << Op.view();
    detail::render_operand<R>(w);
  }
};

/// left IS [NOT] DISTINCT FROM right: NULL-safe, never NULL itself.
template <bool Negated, class L, class R>
struct distinct_from : expression_ops<distinct_from<Negated, L, R>>, detail::binary_operands<L, R> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<L>(w);
    w << (Negated ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ");
    detail::render_operand<R>(w);
  }
};

namespace detail {

template <fixed_string Op, class L, class R>
constexpr auto compare(L&& left, R&& right) {
  using left_type = std::remove_cvref_t<L>;
  auto operand = comparison_operand<left_type>(std::forward<R>(right));
  return comparison<Op, left_type, decltype(operand)>{{},
                                                      {std::forward<L>(left), std::move(operand)}};
}

// A value on the left: render it first so that $n still follow the text left to right.
template <fixed_string Op, class L, class R>
constexpr auto compare_value_first(L&& left, R&& right) {
  using right_type = std::remove_cvref_t<R>;
  auto operand = comparison_operand<right_type>(std::forward<L>(left));
  return comparison<Op, decltype(operand), right_type>{
      {}, {std::move(operand), std::forward<R>(right)}};
}

}  // namespace detail

// Each operator has a value-first form: C++20 would otherwise rewrite `42 == x` into `x == 42`,
// which must return bool. Both take forwarding references so that, between two expressions, the
// written order always wins over the rewritten one.
template <class L, class R>
requires expression<L>
constexpr auto operator==(L&& left, R&& right) {
  return detail::compare<" = ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator==(L&& left, R&& right) {
  return detail::compare_value_first<" = ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator!=(L&& left, R&& right) {
  return detail::compare<" <> ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator!=(L&& left, R&& right) {
  return detail::compare_value_first<" <> ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator<(L&& left, R&& right) {
  return detail::compare<" < ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator<(L&& left, R&& right) {
  return detail::compare_value_first<" < ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator<=(L&& left, R&& right) {
  return detail::compare<" <= ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator<=(L&& left, R&& right) {
  return detail::compare_value_first<" <= ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator>(L&& left, R&& right) {
  return detail::compare<" > ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator>(L&& left, R&& right) {
  return detail::compare_value_first<" > ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator>=(L&& left, R&& right) {
  return detail::compare<" >= ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator>=(L&& left, R&& right) {
  return detail::compare_value_first<" >= ">(std::forward<L>(left), std::forward<R>(right));
}

}  // namespace pgdsl
