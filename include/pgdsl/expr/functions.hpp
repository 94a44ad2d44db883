// SPDX-License-Identifier: BSL-1.0
// SQL functions: coalesce, lower, upper, length, now, and function<"name", R>(...) for any other
// (extension and user-defined ones too). A function node renders name(arg, ...) and has a fixed
// result type; it is NULL when an argument is (coalesce: only when all are), or as declared.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/util/name_type.hpp"
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

/// The condition of the rule on function<"name", R>'s name: names the function.
template <class FunctionName, bool Holds>
inline constexpr bool function_name_is_plain = Holds;
/// The condition of the rule on function<"name", R>'s declared result type.
template <class FunctionName, class ResultType, bool Holds>
inline constexpr bool function_result_has_a_mapping = Holds;

namespace detail {
/// A function name as SQL spells it unquoted: [a-z_][a-z0-9_]*, optionally schema-qualified.
constexpr bool is_plain_function_name(std::string_view name) {
  bool part_start = true;
  int dots = 0;
  for (char c : name) {
    const bool letter = (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (c == '.') {
      if (part_start || ++dots > 1) return false;
      part_start = true;
    } else if (letter || (digit && !part_start)) {
      part_start = false;
    } else {
      return false;
    }
  }
  return !part_start;
}
}  // namespace detail

/// function<"similarity", float>(a, b): any SQL function, extension and user-defined ones
/// included, called with these arguments (C++ values are bound as $n) and read as R. The result is
/// NULL when an argument is, unless Nulls says otherwise (null_rule::never, if_all_arguments,
/// always); R = std::optional<T> declares a function that may return NULL whatever its arguments.
/// The name is written as SQL spells it unquoted (lower case, digits, _, optionally schema.name).
template <fixed_string Name, class R, null_rule Nulls = null_rule::if_any_argument, class... Args>
[[nodiscard]] constexpr auto function(Args&&... arguments) {
  using name_t = name_type<Name>;
  using result_t = nullable_base_t<R>;
  static_assert(function_name_is_plain<name_t, detail::is_plain_function_name(Name.view())>,
                "function<\"name\", R>: write the name as SQL spells it unquoted (lower-case "
                "letters, digits and _, optionally schema.name); it is rendered as given");
  static_assert(
      function_result_has_a_mapping<name_t, R, has_type_traits<result_t>>,
      "function<\"name\", R>: R is the C++ type the result is read as and needs a "
      "PostgreSQL mapping (docs/types.md); std::optional<T> for a result that may be NULL");
  constexpr null_rule rule = is_optional_v<R> ? null_rule::always : Nulls;
  return detail::call<Name, result_t, rule>(std::forward<Args>(arguments)...);
}

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
