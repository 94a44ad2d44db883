// SPDX-License-Identifier: BSL-1.0
// integer: signed C++ integers <-> int2/int4/int8, chosen by width, so std::int16_t, std::int32_t
// and std::int64_t (and `long long`, where it differs from std::int64_t) each map to the type of
// their size. Reading accepts only the exact server type: an int4 column is not read as int64.
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

namespace detail {
/// The shared body of the three integer mappings: big-endian two's complement of fixed width.
template <class Int, oid TypeOid, oid ArrayOid>
struct integer_traits {
  static constexpr oid type_oid = TypeOid;
  static constexpr oid array_oid = ArrayOid;
  static constexpr type_category category = type_category::integral;

  template <class Out>
  static void encode(const Int& value, Out& out) {
    append_big_endian(out, value);
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

template <class T>
concept mapped_signed_integer = std::signed_integral<T> && std::same_as<T, std::remove_cv_t<T>> &&
                                !std::same_as<T, wchar_t> &&  // a character, not a number
                                (sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
}  // namespace detail

/// 16-bit integers map to int2.
template <class Int>
requires detail::mapped_signed_integer<Int> &&(sizeof(Int) == 2) struct type_traits<Int>
    : detail::integer_traits<Int, oids::int2, oids::int2_array> {
  static constexpr std::string_view sql_name = "int2";
  static Int decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(Int), sql_name);
    return detail::read_big_endian<Int>(wire, 0);
  }
};

/// 32-bit integers map to int4.
template <class Int>
requires detail::mapped_signed_integer<Int> &&(sizeof(Int) == 4) struct type_traits<Int>
    : detail::integer_traits<Int, oids::int4, oids::int4_array> {
  static constexpr std::string_view sql_name = "int4";
  static Int decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(Int), sql_name);
    return detail::read_big_endian<Int>(wire, 0);
  }
};

/// 64-bit integers map to int8.
template <class Int>
requires detail::mapped_signed_integer<Int> &&(sizeof(Int) == 8) struct type_traits<Int>
    : detail::integer_traits<Int, oids::int8, oids::int8_array> {
  static constexpr std::string_view sql_name = "int8";
  static Int decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(Int), sql_name);
    return detail::read_big_endian<Int>(wire, 0);
  }
};

}  // namespace pgdsl
