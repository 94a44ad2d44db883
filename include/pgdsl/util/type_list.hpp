// SPDX-License-Identifier: BSL-1.0
// type_list: a plain list of types, the cheapest way to carry sets of tables, column lists and
// parameter types through the expression tree (measured lighter than hana::set for these sizes).
#pragma once

#include <cstddef>
#include <type_traits>

namespace pgdsl {

template <class... T>
struct type_list {
  static constexpr std::size_t size = sizeof...(T);
};

namespace detail {

template <class... Lists>
struct concat_lists;
template <>
struct concat_lists<> {
  using type = type_list<>;
};
template <class... A>
struct concat_lists<type_list<A...>> {
  using type = type_list<A...>;
};
template <class... A, class... B, class... Rest>
struct concat_lists<type_list<A...>, type_list<B...>, Rest...>
    : concat_lists<type_list<A..., B...>, Rest...> {};

template <class T, class List>
inline constexpr bool list_contains = false;
template <class T, class... U>
inline constexpr bool list_contains<T, type_list<U...>> = (std::is_same_v<T, U> || ...);

template <class T, class List>
inline constexpr std::size_t list_index = 0;
template <class T, class First, class... Rest>
inline constexpr std::size_t list_index<T, type_list<First, Rest...>> =
    std::is_same_v<T, First> ? 0 : 1 + list_index<T, type_list<Rest...>>;

template <std::size_t I, class List>
struct list_at;
template <std::size_t I, class First, class... Rest>
struct list_at<I, type_list<First, Rest...>> : list_at<I - 1, type_list<Rest...>> {};
template <class First, class... Rest>
struct list_at<0, type_list<First, Rest...>> {
  using type = First;
};

template <class List, class Remove>
struct list_difference;
template <class... T, class Remove>
struct list_difference<type_list<T...>, Remove> {
  using type = typename concat_lists<
      std::conditional_t<list_contains<T, Remove>, type_list<>, type_list<T>>...>::type;
};

}  // namespace detail

/// The concatenation of several type_lists.
template <class... Lists>
using concat_t = typename detail::concat_lists<Lists...>::type;

/// True when T is one of the list's types.
template <class T, class List>
inline constexpr bool contains_v = detail::list_contains<T, List>;

/// The position of T in the list (the list's size when absent).
template <class T, class List>
inline constexpr std::size_t index_of_v = detail::list_index<T, List>;

/// The I-th type of the list.
template <std::size_t I, class List>
using at_t = typename detail::list_at<I, List>::type;

/// The types of List that are not in Remove, in order.
template <class List, class Remove>
using difference_t = typename detail::list_difference<List, Remove>::type;

/// True when every type of Sub is in Super.
template <class Sub, class Super>
inline constexpr bool is_subset_v = false;
template <class... T, class Super>
inline constexpr bool is_subset_v<type_list<T...>, Super> = (contains_v<T, Super> && ...);

}  // namespace pgdsl
