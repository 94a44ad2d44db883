// SPDX-License-Identifier: BSL-1.0
// The type rules of comparisons and assignments, decided from the PostgreSQL type families of the
// two sides. Each rule is a static_assert whose condition spells the SQL types (and the column,
// when there is one) as types, so both g++ and clang print them in the error's first line.
#pragma once

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/util/name_type.hpp"

namespace pgdsl {

/// Stands in an error message for an expression that is not a column.
struct an_expression {};

namespace detail {

template <class E>
struct description_of {
  using type = an_expression;
};
template <class E>
requires requires {
  typename E::description;
}
struct description_of<E> {
  using type = typename E::description;
};

template <class T, std::size_t... I>
auto sql_name_of(std::index_sequence<I...>) -> name<type_traits<T>::sql_name[I]...>;

}  // namespace detail

/// What error messages call an expression: column<name<table>, name<column>> or an_expression.
template <class E>
using description_t = typename detail::description_of<std::remove_cvref_t<E>>::type;

/// The SQL type name of T (e.g. name<'i','n','t','8'>) for error messages.
template <class T>
using sql_type_name =
    decltype(detail::sql_name_of<T>(std::make_index_sequence<type_traits<T>::sql_name.size()>{}));

namespace detail {

constexpr bool is_numeric(type_category c) {
  return c == type_category::integral || c == type_category::floating ||
         c == type_category::decimal;
}

/// PostgreSQL compares A with B: same type, numbers of any kind, dates and timestamps, or two
/// values of one family (text with text).
template <class A, class B>
constexpr bool comparable_types() {
  if constexpr (std::is_same_v<A, B>) {
    return true;
  } else {
    constexpr type_category a = type_traits<A>::category, b = type_traits<B>::category;
    if constexpr (a == type_category::array && b == type_category::array) {
      return comparable_types<typename A::value_type, typename B::value_type>();
    } else if constexpr (a == type_category::enumeration || a == type_category::other ||
                         a == type_category::array) {
      return false;
    } else {
      return a == b || (is_numeric(a) && is_numeric(b));
    }
  }
}

/// A value of type Value may be stored into a column of type Column: comparable families, except
/// that a number may not narrow from floating point or decimal into an integer column.
template <class Column, class Value>
constexpr bool assignable_types() {
  if constexpr (std::is_same_v<Column, Value>) {
    return true;
  } else {
    constexpr type_category c = type_traits<Column>::category, v = type_traits<Value>::category;
    if constexpr (c == type_category::integral && v != type_category::integral) {
      return false;
    } else if constexpr (c == type_category::array && v == type_category::array) {
      return assignable_types<typename Column::value_type, typename Value::value_type>();
    } else {
      return comparable_types<Column, Value>();
    }
  }
}

}  // namespace detail

/// The condition of the comparison rule, spelled so that a failure names both types.
template <class Left, class LeftType, class RightType, bool Holds>
inline constexpr bool values_are_comparable = Holds;
/// The condition of the assignment rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool value_fits_column = Holds;
/// The condition of the NULL comparison rule.
template <class Left, bool Holds>
inline constexpr bool compared_with_null = Holds;

namespace detail {

template <class Partner, class Operand>
constexpr void check_comparable() {
  using left = sql_type_t<Partner>;
  using right = sql_type_t<Operand>;
  // A type without a mapping has already been reported where it became an operand.
  if constexpr (has_type_traits<left> && has_type_traits<right>)
    static_assert(values_are_comparable<description_t<Partner>, sql_type_name<left>,
                                        sql_type_name<right>, comparable_types<left, right>()>,
                  "cannot compare values of these SQL types: bind a value of the column's type, or "
                  "convert one side with pgdsl::cast<T>(...)");
}

/// The right-hand side of a comparison with Partner, checked against Partner's type.
template <class Partner, class V>
constexpr auto comparison_operand(V&& value) {
  constexpr bool is_null_literal = std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>;
  static_assert(compared_with_null<description_t<Partner>, !is_null_literal>,
                "comparing with NULL is never true in SQL: use .is_null() or .is_not_null()");
  if constexpr (!is_null_literal) {
    auto operand = to_operand(std::forward<V>(value));
    check_comparable<Partner, decltype(operand)>();
    return operand;
  } else {
    return parameter<std::optional<sql_type_t<Partner>>>{};  // the assertion above has fired
  }
}

template <class E>
constexpr bool check_pattern_match() {
  constexpr bool is_text = type_traits<sql_type_t<E>>::category == type_category::text;
  static_assert(values_are_comparable<description_t<E>, sql_type_name<sql_type_t<E>>,
                                      sql_type_name<std::string>, is_text>,
                "LIKE and ILIKE match text: cast the value to text first "
                "(pgdsl::cast<std::string>(...))");
  return is_text;
}

}  // namespace detail
}  // namespace pgdsl
