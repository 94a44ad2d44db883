// SPDX-License-Identifier: BSL-1.0
// Declarations of the expression node templates, so that expression_ops (the members every node
// has: .in(), .like(), .desc(), .as<>() ...) can name them before their headers define them.
#pragma once

#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

template <class Derived>
struct expression_ops;
template <class T>
struct parameter;
template <fixed_string Op, class L, class R>
struct comparison;
template <bool Negated, class L, class R>
struct distinct_from;
template <bool Negated, class E>
struct null_check;
template <bool Negated, class E, class Low, class High>
struct between_node;
template <bool Negated, class E, class Values>
struct in_array;
template <bool Negated, class E, class... Values>
struct in_list;
template <bool Negated, class E, class Query>
struct in_subquery;
template <class E, bool Descending, int Nulls>
struct sort_item;
template <class E, fixed_string Alias>
struct aliased_expression;
template <class Query>
struct scalar_subquery;

namespace detail {
template <class Q>
inline constexpr bool is_select_query = false;
template <class Partner, class V>
constexpr auto comparison_operand(V&& value);
template <class E>
constexpr bool check_pattern_match();
template <class Function, class Window>
constexpr auto make_over(const Function& function, const Window& window);
template <class Aggregate, class... Keys>
constexpr auto order_aggregate(const Aggregate& aggregate, Keys&&... keys);
template <class Aggregate, class Condition>
constexpr auto filter_aggregate(const Aggregate& aggregate, Condition&& condition);
}  // namespace detail

}  // namespace pgdsl
