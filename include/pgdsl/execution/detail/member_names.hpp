// Member-name reflection for plain aggregates, so .as<S>() can map columns to members by name
// on g++ 12 and clang 14 alike: the field count comes from aggregate initialisation, each member's
// address from a structured binding of an object that is declared but never defined, and its name
// from __PRETTY_FUNCTION__ of a template taking that address. Aggregates of up to 16 members.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace pgdsl::detail {

inline constexpr std::size_t max_reflected_members = 16;

// Converts to anything, to count how many initialisers an aggregate takes.
struct member_count_probe {
  template <class T>
  operator T() const;  // NOLINT: implicit on purpose; never defined, only used unevaluated
};

template <class T, class... A>
constexpr std::size_t aggregate_field_count() {
  if constexpr (sizeof...(A) > max_reflected_members)
    return sizeof...(A);
  else if constexpr (requires { T{A{}..., member_count_probe{}}; })
    return aggregate_field_count<T, A..., member_count_probe>();
  else
    return sizeof...(A);
}

/// The members of an aggregate object as a tuple of references, in declaration order.
template <class T>
constexpr auto tie_members(T& object) {
  constexpr std::size_t count = aggregate_field_count<std::remove_const_t<T>>();
  static_assert(count >= 1 && count <= max_reflected_members,
                "pgdsl maps aggregates of 1 to 16 members; adapt larger structs with "
                "BOOST_HANA_DEFINE_STRUCT");
  if constexpr (count == 1) {
    auto& [m0] = object;
    return std::tie(m0);
  } else if constexpr (count == 2) {
    auto& [m0, m1] = object;
    return std::tie(m0, m1);
  } else if constexpr (count == 3) {
    auto& [m0, m1, m2] = object;
    return std::tie(m0, m1, m2);
  } else if constexpr (count == 4) {
    auto& [m0, m1, m2, m3] = object;
    return std::tie(m0, m1, m2, m3);
  } else if constexpr (count == 5) {
    auto& [m0, m1, m2, m3, m4] = object;
    return std::tie(m0, m1, m2, m3, m4);
  } else if constexpr (count == 6) {
    auto& [m0, m1, m2, m3, m4, m5] = object;
    return std::tie(m0, m1, m2, m3, m4, m5);
  } else if constexpr (count == 7) {
    auto& [m0, m1, m2, m3, m4, m5, m6] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6);
  } else if constexpr (count == 8) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7);
  } else if constexpr (count == 9) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8);
  } else if constexpr (count == 10) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9);
  } else if constexpr (count == 11) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10);
  } else if constexpr (count == 12) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11);
  } else if constexpr (count == 13) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12);
  } else if constexpr (count == 14) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13);
  } else if constexpr (count == 15) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14);
  } else if constexpr (count == 16) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = object;
    return std::tie(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15);
  }
}

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
  if constexpr (count == 1) {
    const auto& [m0] = fake_object<T>.value;
    return std::tuple(&m0);
  } else if constexpr (count == 2) {
    const auto& [m0, m1] = fake_object<T>.value;
    return std::tuple(&m0, &m1);
  } else if constexpr (count == 3) {
    const auto& [m0, m1, m2] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2);
  } else if constexpr (count == 4) {
    const auto& [m0, m1, m2, m3] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3);
  } else if constexpr (count == 5) {
    const auto& [m0, m1, m2, m3, m4] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4);
  } else if constexpr (count == 6) {
    const auto& [m0, m1, m2, m3, m4, m5] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5);
  } else if constexpr (count == 7) {
    const auto& [m0, m1, m2, m3, m4, m5, m6] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6);
  } else if constexpr (count == 8) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7);
  } else if constexpr (count == 9) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8);
  } else if constexpr (count == 10) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9);
  } else if constexpr (count == 11) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10);
  } else if constexpr (count == 12) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11);
  } else if constexpr (count == 13) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11, &m12);
  } else if constexpr (count == 14) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13] = fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11, &m12, &m13);
  } else if constexpr (count == 15) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14] =
        fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11, &m12, &m13,
                      &m14);
  } else if constexpr (count == 16) {
    const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] =
        fake_object<T>.value;
    return std::tuple(&m0, &m1, &m2, &m3, &m4, &m5, &m6, &m7, &m8, &m9, &m10, &m11, &m12, &m13,
                      &m14, &m15);
  }
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
