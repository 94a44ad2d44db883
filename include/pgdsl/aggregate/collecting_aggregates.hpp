// SPDX-License-Identifier: BSL-1.0
// Aggregates that collect: string_agg(text, delimiter) -> text, array_agg(x) -> std::vector,
// bool_and / bool_or(condition) -> bool. Each is NULL over no rows (std::optional), as PostgreSQL
// makes them. array_agg's elements are std::optional when its argument may be NULL by itself.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pgdsl/expr/aggregates.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// The condition of the rules on a collecting aggregate's argument: names it and its SQL type.
template <class Argument, class ArgumentType, bool Holds>
inline constexpr bool string_agg_takes_text = Holds;
template <class Argument, class ArgumentType, bool Holds>
inline constexpr bool bool_aggregate_takes_a_condition = Holds;
/// The condition of the rule that array_agg's elements are read as std::optional where an outer
/// join may make them NULL.
template <class Argument, bool Holds>
inline constexpr bool array_agg_elements_are_not_null = Holds;

/// array_agg(x, pgdsl::null_elements): read the elements as std::optional whatever x is.
struct null_elements_t {};
inline constexpr null_elements_t null_elements{};

namespace detail {

/// Several arguments of one aggregate: a, b.
template <class... Args>
struct aggregate_arguments {
  pack<Args...> arguments;

  using tables = tables_of<Args...>;
  using params = params_of<Args...>;
  static constexpr void render(sql_writer& w) { render_list<Args...>(w); }
  template <class F>
  constexpr void bind(F& f) const {
    arguments.for_each([&f](const auto& argument) { argument.bind(f); });
  }
};

/// array_agg's element type: std::optional<T> when the argument may be NULL by itself.
template <class E>
using array_element_t =
    std::conditional_t<nullable_v<E>, std::optional<sql_type_t<E>>, sql_type_t<E>>;

/// array_agg's argument read as plain T elements: refused where the query outer-joins its table,
/// which would put NULL elements into the array for the rows the join did not find.
template <class E>
struct not_null_elements : detail::unary_operand<E> {
  template <class NullTables>
  static constexpr void check_nulls_in() {
    static_assert(array_agg_elements_are_not_null<description_t<E>, !nullable_v<E, NullTables>>,
                  "array_agg() over an outer-joined table collects NULL for the rows the join did "
                  "not find: read them as std::optional with pgdsl::array_agg(x, "
                  "pgdsl::null_elements)");
  }
  static constexpr void render(sql_writer& w) { E::render(w); }
};

template <class E>
constexpr void check_bool_argument() {
  static_assert(bool_aggregate_takes_a_condition<description_t<E>, sql_type_name<sql_type_t<E>>,
                                                 std::is_same_v<sql_type_t<E>, bool>>,
                "bool_and() and bool_or() take a condition: a boolean expression such as x > y");
}

}  // namespace detail

/// string_agg(value, delimiter): the group's text values joined by delimiter (NULLs skipped).
template <expression E, class Delimiter>
constexpr auto string_agg(const E& value, Delimiter&& delimiter) {
  static_assert(string_agg_takes_text<description_t<E>, sql_type_name<sql_type_t<E>>,
                                      type_traits<sql_type_t<E>>::category == type_category::text>,
                "string_agg() joins text: cast the value with pgdsl::cast<std::string>(...)");
  auto text = to_operand(value);
  auto separator = detail::comparison_operand<E>(std::forward<Delimiter>(delimiter));
  using arguments = detail::aggregate_arguments<decltype(text), decltype(separator)>;
  return aggregate<"string_agg", std::string, false, true, arguments>{
      {},
      arguments{detail::pack<decltype(text), decltype(separator)>(std::move(text),
                                                                  std::move(separator))}};
}

/// array_agg(value): the group's values as an array, read as std::vector (of std::optional when
/// value may be NULL).
template <expression E>
constexpr auto array_agg(const E& value) {
  using operand = operand_t<const E&>;
  using element = detail::array_element_t<operand>;
  if constexpr (nullable_v<operand>) {
    return detail::make_aggregate<"array_agg", std::vector<element>, false, true>(value);
  } else {
    using argument = detail::not_null_elements<operand>;
    return aggregate<"array_agg", std::vector<element>, false, true, argument>{
        {}, argument{{to_operand(value)}}};
  }
}
/// array_agg(value, pgdsl::null_elements): elements read as std::optional (an outer join's NULLs).
template <expression E>
constexpr auto array_agg(const E& value, null_elements_t) {
  using element = std::optional<sql_type_t<operand_t<const E&>>>;
  return detail::make_aggregate<"array_agg", std::vector<element>, false, true>(value);
}

/// bool_and(condition): true when it holds for every row of the group.
template <expression E>
constexpr auto bool_and(const E& condition) {
  detail::check_bool_argument<E>();
  return detail::make_aggregate<"bool_and", bool, false, true>(condition);
}
/// bool_or(condition): true when it holds for some row of the group.
template <expression E>
constexpr auto bool_or(const E& condition) {
  detail::check_bool_argument<E>();
  return detail::make_aggregate<"bool_or", bool, false, true>(condition);
}

}  // namespace pgdsl
