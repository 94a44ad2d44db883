// SPDX-License-Identifier: BSL-1.0
// type_category: the families of SQL value types, as the DSL needs them to decide at compile time
// which operands may be compared, added or concatenated. PostgreSQL compares values within a
// family (int2 with int8, date with timestamptz) but not across families (text with int4).
#pragma once

#include <string_view>

namespace pgdsl {

/// The family a mapped C++ type belongs to; every type_traits specialization names one.
enum class type_category {
  boolean,      ///< bool
  integral,     ///< int2, int4, int8
  floating,     ///< float4, float8
  decimal,      ///< numeric
  text,         ///< text, varchar, bpchar, name
  bytea,        ///< bytea
  datetime,     ///< date, timestamp, timestamptz (PostgreSQL compares them with each other)
  uuid,         ///< uuid
  json,         ///< json, jsonb
  array,        ///< one-dimensional arrays
  enumeration,  ///< user enums (CREATE TYPE ... AS ENUM)
  other,        ///< anything else a user maps
};

/// The category's name as it should appear in diagnostics ("integral", "datetime", ...).
constexpr std::string_view category_name(type_category category) {
  switch (category) {
    case type_category::boolean:
      return "boolean";
    case type_category::integral:
      return "integral";
    case type_category::floating:
      return "floating";
    case type_category::decimal:
      return "decimal";
    case type_category::text:
      return "text";
    case type_category::bytea:
      return "bytea";
    case type_category::datetime:
      return "datetime";
    case type_category::uuid:
      return "uuid";
    case type_category::json:
      return "json";
    case type_category::array:
      return "array";
    case type_category::enumeration:
      return "enumeration";
    case type_category::other:
      return "other";
  }
  return "unknown";
}

/// True for the numeric families, which PostgreSQL lets arithmetic and comparison mix.
constexpr bool is_numeric_category(type_category category) {
  return category == type_category::integral || category == type_category::floating ||
         category == type_category::decimal;
}

}  // namespace pgdsl
