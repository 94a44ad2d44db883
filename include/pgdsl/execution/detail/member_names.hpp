// SPDX-License-Identifier: BSL-1.0
// Member-name reflection for plain aggregates, so .as<S>() can map columns to members by name
// on g++ 12 and clang 14 alike: the field count comes from aggregate initialisation, each member's
// address from a structured binding of an object that is declared but never defined, and its name
// from __PRETTY_FUNCTION__ of a template taking that address. Counting and binding are the shared
// engine of util/detail/aggregate_members.hpp (up to 64 members, the same limit as tables).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/util/detail/aggregate_members.hpp"

namespace pgdsl::detail {

template <class T>
struct reflection_wrapper {
  const T value;
};

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif

// Declared, never defined: only the addresses of its members are used, at compile time.
template <class T>
extern const reflection_wrapper<T> fake_object;

template <class T>
constexpr auto member_addresses() {
  constexpr std::size_t count = aggregate_field_count<T>();
  static_assert(count >= 1 && count <= max_aggregate_members,
                "pgdsl maps aggregates of 1 to 64 members; adapt larger structs with "
                "BOOST_HANA_DEFINE_STRUCT");
  return visit_members<count>(fake_object<T>.value,
                              [](const auto&... members) { return std::tuple(&members...); });
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// clang 14 takes a pointer to a subobject as a template argument only inside a class object.
template <class M>
struct address_holder {
  const M* address;
};
template <class M>
address_holder(const M*) -> address_holder<M>;

template <auto Holder>
constexpr std::string_view signature_of() {
  return __PRETTY_FUNCTION__;
}

// The member's name is the identifier right before the holder's closing brace:
// g++ "{(& fake_object<S>.reflection_wrapper<S>::value.S::name)}", clang
// "{&fake_object.value.name}".
constexpr std::string_view name_in_signature(std::string_view signature) {
  const std::size_t close = signature.rfind('}');
  std::size_t end = close;
  while (end > 0 && (signature[end - 1] == ')' || signature[end - 1] == ' ')) --end;
  std::size_t begin = end;
  while (begin > 0 && signature[begin - 1] != '.' && signature[begin - 1] != ':') --begin;
  return signature.substr(begin, end - begin);
}

/// The names of an aggregate's members, in declaration order. Use it only in constant
/// expressions: the views point into compile-time strings.
template <class T>
consteval auto member_names() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{
        name_in_signature(signature_of<address_holder{std::get<I>(member_addresses<T>())}>())...};
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(member_addresses<T>())>>{});
}

}  // namespace pgdsl::detail
