// SPDX-License-Identifier: BSL-1.0
// static_statement: what execute() needs from a statement whose SQL is known at compile time.
// The DSL's statements satisfy it; so does anything else that renders its SQL into static storage,
// names its parameter types in $n order and describes its result columns.
#pragma once

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "pgdsl/types/all.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

namespace detail {

template <class T>
inline constexpr bool is_type_list = false;
template <class... T>
inline constexpr bool is_type_list<type_list<T...>> = true;

// Accepts any parameter value, to check that q.bind(f) is callable.
struct any_parameter_sink {
  template <class T>
  void operator()(const T&) const noexcept {}
};

template <class List, template <class> class Pred>
inline constexpr bool all_of_list = false;
template <class... T, template <class> class Pred>
inline constexpr bool all_of_list<type_list<T...>, Pred> = (Pred<T>::value && ...);

}  // namespace detail

/// One output column of a statement: the expression type that finds it (row[users.email]), the
/// C++ type it decodes into, its bare name (for .as<S>()) and its qualified name (for messages).
template <class E>
concept result_column_type = requires {
  typename E::key_type;
  typename E::value_type;
  { E::name } -> std::convertible_to<std::string_view>;
  { E::qualified_name } -> std::convertible_to<std::string_view>;
};

namespace detail {
template <class E>
struct is_result_column : std::bool_constant<result_column_type<E>> {};
template <class T>
struct is_bindable : std::bool_constant<parameter_type<nullable_base_t<T>>> {};
}  // namespace detail

/// A statement with compile-time SQL. Q::sql.c_str() lives in static storage and is unique per
/// statement type, so its address identifies the statement (the prepared-statement cache key).
template <class Q>
concept static_statement = requires(const Q& q) {
  { Q::sql.c_str() } -> std::same_as<const char*>;
  { Q::sql.size() } -> std::convertible_to<std::size_t>;
  { Q::param_count } -> std::convertible_to<std::size_t>;
  typename Q::param_types;
  typename Q::result_columns;
  requires detail::is_type_list<typename Q::param_types>;
  requires detail::is_type_list<typename Q::result_columns>;
  requires Q::param_types::size == Q::param_count;
  requires detail::all_of_list<typename Q::param_types, detail::is_bindable>;
  requires detail::all_of_list<typename Q::result_columns, detail::is_result_column>;
  q.bind(detail::any_parameter_sink{});
};

}  // namespace pgdsl
