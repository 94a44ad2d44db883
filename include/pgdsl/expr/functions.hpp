// SPDX-License-Identifier: BSL-1.0
// SQL functions: coalesce, lower, upper, length, now. A function node renders name(arg, ...)
// and has a fixed result type; it is NULL when an argument is (coalesce: only when all are).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// How a function's result may be NULL.
enum class null_rule { if_any_argument, if_all_arguments, never, always };

/// Name(args...) with result type T.
template <fixed_string Name, class T, null_rule Nulls, class... Args>
struct function_call : expression_ops<function_call<Name, T, Nulls, Args...>> {
  detail::pack<Args...> arguments;

  using sql_type = T;
  using tables = detail::tables_of<Args...>;
  using params = detail::params_of<Args...>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Nulls == null_rule::always ||
                                      (Nulls == null_rule::if_any_argument &&
                                       detail::any_nullable<NullTables, Args...>) ||
                                      (Nulls == null_rule::if_all_arguments &&
                                       (Args::template nullable_in<NullTables> && ...));

  static constexpr void render(sql_writer& w) {
    w << Name.view() << '(';
    detail::render_list<Args...>(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    arguments.for_each([&f](const auto& argument) { argument.bind(f); });
  }
};

namespace detail {
template <fixed_string Name, class T, null_rule Nulls, class... Args>
constexpr auto call(Args&&... arguments) {
  return function_call<Name, T, Nulls, operand_t<Args>...>{
      {}, pack<operand_t<Args>...>(to_operand(std::forward<Args>(arguments))...)};
}

template <class E>
constexpr void check_text_argument() {
  static_assert(values_are_comparable<description_t<E>, sql_type_name<sql_type_t<E>>,
                                      sql_type_name<std::string>,
                                      type_traits<sql_type_t<E>>::category == type_category::text>,
                "this function takes text: cast the argument with pgdsl::cast<std::string>(...)");
}
}  // namespace detail

/// coalesce(first, rest...): the first argument that is not NULL; typed as the first.
template <class First, class... Rest>
constexpr auto coalesce(First&& first, Rest&&... rest) {
  auto head = to_operand(std::forward<First>(first));
  (detail::check_comparable<decltype(head), operand_t<Rest>>(), ...);
  return function_call<"coalesce", sql_type_t<decltype(head)>, null_rule::if_all_arguments,
                       decltype(head), operand_t<Rest>...>{
      {},
      detail::pack<decltype(head), operand_t<Rest>...>(std::move(head),
                                                       to_operand(std::forward<Rest>(rest))...)};
}

/// lower(text), upper(text).
template <class E>
constexpr auto lower(E&& text) {
  detail::check_text_argument<operand_t<E>>();
  return detail::call<"lower", std::string, null_rule::if_any_argument>(std::forward<E>(text));
}
template <class E>
constexpr auto upper(E&& text) {
  detail::check_text_argument<operand_t<E>>();
  return detail::call<"upper", std::string, null_rule::if_any_argument>(std::forward<E>(text));
}
/// length(text), in characters.
template <class E>
constexpr auto length(E&& text) {
  detail::check_text_argument<operand_t<E>>();
  return detail::call<"length", std::int32_t, null_rule::if_any_argument>(std::forward<E>(text));
}
/// now(): the start time of the current transaction.
constexpr auto now() {
  return function_call<"now", timestamptz, null_rule::never>{};
}

}  // namespace pgdsl
