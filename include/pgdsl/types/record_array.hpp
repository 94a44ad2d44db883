// SPDX-License-Identifier: BSL-1.0
// record_array: std::vector<std::tuple<T...>> read from an array of anonymous records (record[],
// what ARRAY(SELECT ROW(...) ...) returns): the array's binary form, each element a record in
// its binary form (a field count, then per field its type OID, length and value, -1 for NULL).
// Each field is decoded by its own type's traits, so a field may itself be such an array (two
// levels of nesting). Result-only: a record array cannot be sent as a parameter.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/array.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"
#include "pgdsl/types/wire.hpp"

namespace pgdsl {

namespace oids {
inline constexpr oid record = 2249;
inline constexpr oid record_array = 2287;
}  // namespace oids

namespace detail {

template <class... T>
inline constexpr bool never_sent = false;

/// A field type a nested row can hold: decoded and recognized by its traits (result_type minus
/// encode, so that arrays of enums, which are read but not sent, qualify too).
template <class T>
concept record_field = requires(std::string_view wire, oid server_type) {
  { type_traits<nullable_base_t<T>>::decode(wire) } -> std::same_as<nullable_base_t<T>>;
  { type_traits<nullable_base_t<T>>::accepts(server_type) } -> std::same_as<bool>;
};

/// One field of a record: its value read as Field (std::optional<T> when it may be NULL).
template <class Field>
Field decode_record_field(wire_reader& reader, std::size_t index) {
  using base = nullable_base_t<Field>;
  const auto type = reader.read<oid>();
  const auto size = reader.read<std::int32_t>();
  if (size == -1) {
    if constexpr (is_optional_v<Field>)
      return std::nullopt;
    else
      throw unexpected_null("field " + std::to_string(index + 1) + " of a nested row",
                            type_traits<base>::sql_name);
  }
  if (size < 0) throw decode_error("cannot decode a record: invalid field length");
  if (!type_traits<base>::accepts(type))
    throw type_mismatch("field " + std::to_string(index + 1) + " of a nested row", type,
                        type_traits<base>::sql_name);
  return Field(type_traits<base>::decode(reader.read_bytes(static_cast<std::size_t>(size))));
}

/// One record in binary form, its fields in order.
template <class... T>
std::tuple<T...> decode_record(std::string_view wire) {
  wire_reader reader(wire, "record");
  const auto count = reader.read<std::int32_t>();
  if (count != static_cast<std::int32_t>(sizeof...(T)))
    throw decode_error("a nested row has " + std::to_string(count) + " fields, but " +
                       std::to_string(sizeof...(T)) + " were selected");
  auto fields = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::tuple<T...>{decode_record_field<T>(reader, I)...};  // braces: left to right
  }
  (std::index_sequence_for<T...>{});
  reader.expect_end();
  return fields;
}

}  // namespace detail

/// std::vector<std::tuple<T...>>: the rows of a nested collection (pgdsl::nested), read from
/// record[]; a T is std::optional where the field can be NULL.
template <class... T>
requires(detail::record_field<T>&&...) struct type_traits<std::vector<std::tuple<T...>>> {
  using value_type = std::vector<std::tuple<T...>>;
  static constexpr std::string_view sql_name = "record[]";
  static constexpr oid type_oid = oids::record_array;
  static constexpr oid array_oid = oids::unspecified;
  static constexpr type_category category = type_category::array;

  template <class Out>
  static void encode(const value_type&, Out&) {
    static_assert(detail::never_sent<Out>,
                  "a nested collection (std::vector<std::tuple<...>>, record[]) is read from "
                  "results only; it cannot be sent as a parameter");
  }

  static value_type decode(std::string_view wire) {
    detail::wire_reader reader(wire, sql_name);
    const auto dimensions = reader.read<std::int32_t>();
    reader.read<std::int32_t>();  // flags: NULL elements are refused below
    const auto element = reader.read<oid>();
    if (element != oids::record)
      throw type_mismatch("nested collection element", element, "record");
    value_type rows;
    if (dimensions == 0) {
      reader.expect_end();
      return rows;
    }
    if (dimensions != 1) throw decode_error("cannot decode record[]: not one-dimensional");
    const auto length = reader.read<std::int32_t>();
    reader.read<std::int32_t>();  // lower bound
    if (length < 0) throw decode_error("cannot decode record[]: invalid length");
    rows.reserve(std::min<std::size_t>(static_cast<std::size_t>(length), reader.remaining() / 8));
    for (std::int32_t i = 0; i < length; ++i) {
      const auto size = reader.read<std::int32_t>();
      if (size < 0) throw unexpected_null::array_element(static_cast<std::size_t>(i), "nested row");
      rows.push_back(
          detail::decode_record<T...>(reader.read_bytes(static_cast<std::size_t>(size))));
    }
    reader.expect_end();
    return rows;
  }

  static constexpr bool accepts(oid server_type) { return server_type == oids::record_array; }
};

}  // namespace pgdsl
