// SPDX-License-Identifier: BSL-1.0
// bytea: binary strings. pgdsl::bytea (a std::vector<std::byte>) is read and written;
// std::span<const std::byte> is a parameter only, for data that is already somewhere else.
// The binary form of bytea is the bytes themselves, so parameters are bound without a copy.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// The C++ type of a PostgreSQL bytea value.
using bytea = std::vector<std::byte>;

namespace detail {
struct bytea_traits_base {
  static constexpr std::string_view sql_name = "bytea";
  static constexpr oid type_oid = oids::bytea;
  static constexpr oid array_oid = oids::bytea_array;
  static constexpr type_category category = type_category::bytea;

  static std::string_view view_of(std::span<const std::byte> bytes) {
    // char may alias any object, so viewing the bytes as chars is well defined.
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
};
}  // namespace detail

/// pgdsl::bytea maps to bytea.
template <>
struct type_traits<bytea> : detail::bytea_traits_base {
  template <class Out>
  static void encode(const bytea& value, Out& out) {
    const std::string_view bytes = view_of(value);
    out.append(bytes.data(), bytes.size());
  }
  static std::string_view wire_view(const bytea& value) { return view_of(value); }
  static bytea decode(std::string_view wire) {
    const auto* first = reinterpret_cast<const std::byte*>(wire.data());
    return bytea(first, first + wire.size());
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// std::span<const std::byte> is a bytea parameter.
template <>
struct type_traits<std::span<const std::byte>> : detail::bytea_traits_base {
  template <class Out>
  static void encode(const std::span<const std::byte>& value, Out& out) {
    const std::string_view bytes = view_of(value);
    out.append(bytes.data(), bytes.size());
  }
  static std::string_view wire_view(const std::span<const std::byte>& value) {
    return view_of(value);
  }
};

}  // namespace pgdsl
