// SPDX-License-Identifier: BSL-1.0
// The one reflection engine for aggregates, shared by table descriptors (their columns) and by
// structs that results map into (their members): the member count comes from aggregate
// initialization, the members themselves from visit_members, a generated structured-binding
// ladder. Both uses therefore have the same limit, max_aggregate_members.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/util/detail/visit_members.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::detail {

// Converts to anything, to count how many initializers an aggregate takes.
struct any_initializer {
  template <class T>
  operator T() const;  // NOLINT: implicit on purpose; never defined, only used unevaluated
};
template <std::size_t>
using any_initializer_at = any_initializer;

template <class T, std::size_t... I>
constexpr bool initializable_with(std::index_sequence<I...>) {
  return requires {
    T{any_initializer_at<I>{}...};
  };
}

/// How many initializers aggregate T takes (a base class takes one, as does each member), counted
/// up to Limit: callers choose one past their own limit, so a larger aggregate is reported, not
/// cut.
template <class T, std::size_t Limit = max_aggregate_members + 1, std::size_t N = 0>
constexpr std::size_t initializer_count() {
  if constexpr (N >= Limit || !initializable_with<T>(std::make_index_sequence<N + 1>{}))
    return N;
  else
    return initializer_count<T, Limit, N + 1>();
}

/// The number of members of an aggregate without base classes.
template <class T>
constexpr std::size_t aggregate_field_count() {
  return initializer_count<std::remove_cv_t<T>>();
}

/// The members of an aggregate object as a tuple of references, in declaration order.
template <class T>
constexpr auto tie_members(T& object) {
  constexpr std::size_t count = aggregate_field_count<T>();
  static_assert(count >= 1 && count <= max_aggregate_members,
                "pgdsl maps aggregates of 1 to 64 members; adapt larger structs with "
                "BOOST_HANA_DEFINE_STRUCT");
  return visit_members<count>(object, [](auto&... members) { return std::tie(members...); });
}

struct member_types_visitor {
  template <class... M>
  type_list<std::remove_cv_t<M>...> operator()(M&...) const;
};

/// The types of an aggregate's first N members, cv-qualifiers removed, as a type_list.
template <class T, std::size_t N>
using member_types_t = decltype(visit_members<N>(std::declval<const T&>(), member_types_visitor{}));

}  // namespace pgdsl::detail
