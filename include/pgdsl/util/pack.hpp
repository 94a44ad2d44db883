// SPDX-License-Identifier: BSL-1.0
// pack: a minimal heterogeneous container for the parts of a statement (select items, function
// arguments, joins). std::tuple's converting constructors and constraints made up most of the
// compile time of a statement; this holds values, visits them in order, and grows at the back.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace pgdsl::detail {

template <class... T>
struct pack;

template <std::size_t I, class T>
struct pack_element {
  T value;
};

template <class Indices, class... T>
struct pack_base;

template <std::size_t... I, class... T>
struct pack_base<std::index_sequence<I...>, T...> : pack_element<I, T>... {
  constexpr pack_base() = default;
  constexpr explicit pack_base(T... values) requires(sizeof...(T) > 0)
      : pack_element<I, T>{std::move(values)}... {}

  /// Calls f(element) for each element, first to last.
  template <class F>
  constexpr void for_each(F&& f) const {
    (f(static_cast<const pack_element<I, T>&>(*this).value), ...);
  }
  /// This pack's elements followed by `last`.
  template <class Last>
  constexpr auto with_back(Last&& last) && {
    return pack<T..., std::remove_cvref_t<Last>>(
        std::move(static_cast<pack_element<I, T>&>(*this).value)..., std::forward<Last>(last));
  }
};

/// Values of types T..., in order.
template <class... T>
struct pack : pack_base<std::index_sequence_for<T...>, T...> {
  using pack_base<std::index_sequence_for<T...>, T...>::pack_base;
};

}  // namespace pgdsl::detail
