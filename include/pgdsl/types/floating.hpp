// SPDX-License-Identifier: BSL-1.0
// floating: float <-> float4 and double <-> float8. The binary form is the IEEE 754 bit pattern in
// network byte order, so NaN, -0.0 and +/-infinity travel exactly (no text rounding either).
// A float is not read from a float8 column: narrowing would lose digits silently.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <string_view>

#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559,
              "pgdsl needs IEEE 754 float and double: PostgreSQL's float4/float8 are IEEE 754");

namespace detail {
template <class Float, class Bits, oid TypeOid, oid ArrayOid>
struct floating_traits {
  static_assert(sizeof(Float) == sizeof(Bits));
  static constexpr oid type_oid = TypeOid;
  static constexpr oid array_oid = ArrayOid;
  static constexpr type_category category = type_category::floating;

  template <class Out>
  static void encode(const Float& value, Out& out) {
    append_big_endian(out, std::bit_cast<Bits>(value));
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};
}  // namespace detail

/// float maps to float4 (real).
template <>
struct type_traits<float>
    : detail::floating_traits<float, std::uint32_t, oids::float4, oids::float4_array> {
  static constexpr std::string_view sql_name = "float4";
  static float decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(float), sql_name);
    return std::bit_cast<float>(detail::read_big_endian<std::uint32_t>(wire, 0));
  }
};

/// double maps to float8 (double precision).
template <>
struct type_traits<double>
    : detail::floating_traits<double, std::uint64_t, oids::float8, oids::float8_array> {
  static constexpr std::string_view sql_name = "float8";
  static double decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(double), sql_name);
    return std::bit_cast<double>(detail::read_big_endian<std::uint64_t>(wire, 0));
  }
};

}  // namespace pgdsl
