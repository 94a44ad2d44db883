// SPDX-License-Identifier: BSL-1.0
// type_traits: the contract between a C++ type and the PostgreSQL type it maps to. Each supported
// type specializes pgdsl::type_traits (one header per type family); the DSL reads the compile-time
// members (sql_name, OIDs, category) and the execution layer calls encode/decode/accepts.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"

namespace pgdsl {

/// Maps a C++ type to a PostgreSQL type. The primary template is left undefined: a type is
/// supported exactly when a specialization exists. A specialization provides
///   static constexpr std::string_view sql_name;   // "int8", "text", ...
///   static constexpr oid type_oid;                // 0 when the server should infer it
///   static constexpr oid array_oid;               // OID of T[] (0 when not fixed)
///   static constexpr type_category category;
///   template <class Out> static void encode(const T&, Out&);  // binary form via out.append
///   static T decode(std::string_view wire);       // from the binary form
///   static constexpr bool accepts(oid server_type);
/// and optionally `static std::string_view wire_view(const T&)` when the binary form is the
/// value's own bytes. See docs/types.md for a worked user type.
template <class T>
struct type_traits;

namespace detail {
/// The smallest sink encode() must write to: anything with append(const char*, std::size_t).
struct byte_sink_archetype {
  void append(const char*, std::size_t) {}
};
}  // namespace detail

/// A C++ type that can be sent as a parameter: it has a type_traits specialization with a name,
/// OID, category and encode(). (array_oid is expected too, but only arrays of T need it; see
/// array_oid_v.)
template <class T>
concept parameter_type = requires(const T& value, detail::byte_sink_archetype& out) {
  { type_traits<T>::sql_name } -> std::convertible_to<std::string_view>;
  { type_traits<T>::type_oid } -> std::convertible_to<oid>;
  { type_traits<T>::category } -> std::convertible_to<type_category>;
  type_traits<T>::encode(value, out);
};

/// A C++ type that can also be read from a result: decode() and accepts() as well.
template <class T>
concept result_type = parameter_type<T> && requires(std::string_view wire, oid server_type) {
  { type_traits<T>::decode(wire) } -> std::same_as<T>;
  { type_traits<T>::accepts(server_type) } -> std::same_as<bool>;
};

/// A parameter type whose binary form is its own bytes, so it can be bound without a copy.
template <class T>
concept has_wire_view = parameter_type<T> && requires(const T& value) {
  { type_traits<T>::wire_view(value) } -> std::same_as<std::string_view>;
};

/// True for std::optional<T> (a nullable value).
template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

namespace detail {
template <class T>
struct nullable_base {
  using type = T;
};
template <class T>
struct nullable_base<std::optional<T>> {
  using type = T;
};
}  // namespace detail

/// T for std::optional<T>, else T itself: the type whose type_traits describe a nullable value.
template <class T>
using nullable_base_t = typename detail::nullable_base<T>::type;

/// The SQL name of T, or of the T inside std::optional<T>; for messages and CASTs.
template <class T>
requires parameter_type<nullable_base_t<T>>
inline constexpr std::string_view sql_name_v = type_traits<nullable_base_t<T>>::sql_name;

/// The category of T, or of the T inside std::optional<T>.
template <class T>
requires parameter_type<nullable_base_t<T>>
inline constexpr type_category category_v = type_traits<nullable_base_t<T>>::category;

/// The OID of the array type T[], or 0 when T's traits do not fix one (or omit array_oid).
template <parameter_type T>
inline constexpr oid array_oid_v = [] {
  if constexpr (requires { type_traits<T>::array_oid; }) {
    return static_cast<oid>(type_traits<T>::array_oid);
  } else {
    return oids::unspecified;
  }
}();

/// Encodes a value into a fresh std::string; convenient for tests and for code that binds values
/// one at a time.
template <parameter_type T>
std::string encode_to_string(const T& value) {
  std::string out;
  type_traits<T>::encode(value, out);
  return out;
}

}  // namespace pgdsl
