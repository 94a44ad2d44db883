// SPDX-License-Identifier: BSL-1.0
// array: std::vector<T> <-> one-dimensional PostgreSQL arrays of any mapped element type;
// std::vector<std::optional<T>> holds NULL elements. The binary form is a header (dimensions,
// NULL flag, element OID, length, lower bound) then each element length-prefixed, -1 for NULL.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/bytea.hpp"  // std::vector<std::byte> is bytea, not an array of bytes
#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// The most elements a PostgreSQL array may have (the server's MaxArraySize).
inline constexpr std::size_t max_array_elements = 134'217'727;

namespace detail {
/// "int4" -> "int4[]", as a constant with static storage so sql_name can view it.
template <class Element>
struct array_sql_name {
  static constexpr std::string_view element = type_traits<Element>::sql_name;
  static constexpr auto storage = [] {
    std::array<char, element.size() + 2> text{};
    for (std::size_t i = 0; i < element.size(); ++i) text[i] = element[i];
    text[element.size()] = '[';
    text[element.size() + 1] = ']';
    return text;
  }();
  static constexpr std::string_view value{storage.data(), storage.size()};
};

/// An array element: a mapped type, or std::optional of one, that is not itself an array
/// (std::vector<std::vector<T>> would be multi-dimensional, which pgdsl does not map).
template <class T>
concept array_element = parameter_type<nullable_base_t<T>> &&
                        type_traits<nullable_base_t<T>>::category != type_category::array;
}  // namespace detail

/// std::vector<T> maps to T's array type (int4[] for std::vector<std::int32_t>).
template <class T>
requires detail::array_element<T>
struct type_traits<std::vector<T>> {
  using element = nullable_base_t<T>;
  using element_traits = type_traits<element>;

  static constexpr std::string_view sql_name = detail::array_sql_name<element>::value;
  static constexpr oid type_oid = array_oid_v<element>;
  static constexpr oid array_oid = oids::unspecified;  // arrays of arrays are not mapped
  static constexpr type_category category = type_category::array;

  /// The binary array header names the element OID, so elements must have a fixed one.
  template <class Out>
  requires(element_traits::type_oid !=
           oids::unspecified) static void encode(const std::vector<T>& values, Out& out) {
    if (values.size() > max_array_elements)
      throw out_of_range_value("cannot send an array of " + std::to_string(values.size()) +
                               " elements as " + std::string(sql_name) +
                               ": PostgreSQL arrays hold at most " +
                               std::to_string(max_array_elements));
    bool has_null = false;
    if constexpr (is_optional_v<T>)
      for (const auto& value : values) has_null = has_null || !value.has_value();

    std::string buffer;
    detail::append_big_endian(buffer, std::int32_t{values.empty() ? 0 : 1});  // dimensions
    detail::append_big_endian(buffer, std::int32_t{has_null ? 1 : 0});
    detail::append_big_endian(buffer, element_traits::type_oid);
    if (!values.empty()) {
      detail::append_big_endian(buffer, static_cast<std::int32_t>(values.size()));
      detail::append_big_endian(buffer, std::int32_t{1});  // lower bound
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      const T& value = values[i];  // by index: std::vector<bool> has no element references
      if constexpr (is_optional_v<T>) {
        if (!value) {
          detail::append_big_endian(buffer, std::int32_t{-1});
          continue;
        }
      }
      const std::size_t length_at = buffer.size();
      buffer.append(4, '\0');
      if constexpr (is_optional_v<T>) {
        element_traits::encode(*value, buffer);
      } else {
        element_traits::encode(value, buffer);
      }
      const std::size_t length = buffer.size() - length_at - 4;
      if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw out_of_range_value("array element " + std::to_string(i) + " is too large to send");
      std::string prefix;
      detail::append_big_endian(prefix, static_cast<std::int32_t>(length));
      buffer.replace(length_at, 4, prefix);
    }
    out.append(buffer.data(), buffer.size());
  }

  /// Reads a one-dimensional (or empty) array; the lower bound is not kept.
  static std::vector<T> decode(std::string_view wire) requires result_type<element> {
    detail::wire_reader reader(wire, sql_name);
    const auto dimensions = reader.read<std::int32_t>();
    const auto flags = reader.read<std::int32_t>();
    const auto element_oid = reader.read<oid>();
    if (flags != 0 && flags != 1)
      throw decode_error("cannot decode " + std::string(sql_name) + ": invalid flags " +
                         std::to_string(flags));
    if (dimensions < 0 || dimensions > 1)
      throw decode_error("cannot decode " + std::string(sql_name) + ": the array has " +
                         std::to_string(dimensions) +
                         " dimensions, but std::vector reads one-dimensional arrays only");
    if (!element_traits::accepts(element_oid))
      throw type_mismatch("array element", element_oid, element_traits::sql_name);
    std::vector<T> values;
    if (dimensions == 0) {
      reader.expect_end();
      return values;
    }
    const auto length = reader.read<std::int32_t>();
    reader.read<std::int32_t>();  // lower bound
    if (length < 0 || static_cast<std::size_t>(length) > max_array_elements)
      throw decode_error("cannot decode " + std::string(sql_name) + ": invalid length " +
                         std::to_string(length));
    // Each element takes at least its 4-byte length, so never reserve past what the data holds.
    values.reserve(std::min<std::size_t>(static_cast<std::size_t>(length), reader.remaining() / 4));
    for (std::int32_t i = 0; i < length; ++i) {
      const auto size = reader.read<std::int32_t>();
      if (size == -1) {
        if constexpr (is_optional_v<T>) {
          values.emplace_back(std::nullopt);
          continue;
        } else {
          throw unexpected_null::array_element(static_cast<std::size_t>(i),
                                               element_traits::sql_name);
        }
      }
      if (size < 0)
        throw decode_error("cannot decode " + std::string(sql_name) + ": element " +
                           std::to_string(i) + " has invalid length " + std::to_string(size));
      values.emplace_back(
          element_traits::decode(reader.read_bytes(static_cast<std::size_t>(size))));
    }
    reader.expect_end();
    return values;
  }

  /// The element's array types (text[], varchar[], bpchar[] and name[] for std::string
  /// elements); for elements without a fixed OID (user enums), any user-defined type, leaving
  /// the element check to decode().
  static constexpr bool accepts(oid server_type) requires result_type<element> {
    if (type_oid != oids::unspecified && server_type == type_oid) return true;
    if (const oid builtin_element = array_element_oid(server_type))
      return element_traits::accepts(builtin_element);
    return type_oid == oids::unspecified && is_user_defined_oid(server_type);
  }
};

}  // namespace pgdsl
