// SPDX-License-Identifier: BSL-1.0
// oid: PostgreSQL type identifiers as plain constants, so the DSL and the type mapping can reason
// about server types at compile time without including <libpq-fe.h>. The values are the stable
// OIDs of PostgreSQL's built-in types (pg_type.dat); they have never changed between releases.
#pragma once

#include <cstdint>
#include <string_view>

namespace pgdsl {

/// A PostgreSQL object identifier; for types, the value libpq reports as PQftype / PQparamtype.
using oid = std::uint32_t;

/// OIDs of the built-in types pgdsl maps, and of their one-dimensional array types.
namespace oids {
inline constexpr oid unspecified = 0;  ///< "let the server infer the type" for a parameter
inline constexpr oid boolean = 16;
inline constexpr oid bytea = 17;
inline constexpr oid name = 19;
inline constexpr oid int8 = 20;
inline constexpr oid int2 = 21;
inline constexpr oid int4 = 23;
inline constexpr oid text = 25;
inline constexpr oid json = 114;
inline constexpr oid float4 = 700;
inline constexpr oid float8 = 701;
inline constexpr oid bpchar = 1042;
inline constexpr oid varchar = 1043;
inline constexpr oid date = 1082;
inline constexpr oid timestamp = 1114;
inline constexpr oid timestamptz = 1184;
inline constexpr oid numeric = 1700;
inline constexpr oid uuid = 2950;
inline constexpr oid jsonb = 3802;

inline constexpr oid json_array = 199;
inline constexpr oid boolean_array = 1000;
inline constexpr oid bytea_array = 1001;
inline constexpr oid name_array = 1003;
inline constexpr oid int2_array = 1005;
inline constexpr oid int4_array = 1007;
inline constexpr oid text_array = 1009;
inline constexpr oid bpchar_array = 1014;
inline constexpr oid varchar_array = 1015;
inline constexpr oid int8_array = 1016;
inline constexpr oid float4_array = 1021;
inline constexpr oid float8_array = 1022;
inline constexpr oid timestamp_array = 1115;
inline constexpr oid date_array = 1182;
inline constexpr oid timestamptz_array = 1185;
inline constexpr oid numeric_array = 1231;
inline constexpr oid uuid_array = 2951;
inline constexpr oid jsonb_array = 3807;

/// OIDs below this value belong to the system catalogs; user types (CREATE TYPE, enums, their
/// array types) always get an OID at or above it (PostgreSQL's FirstNormalObjectId).
inline constexpr oid first_user_defined = 16384;
}  // namespace oids

/// True for OIDs the server assigns to user-created objects, e.g. a CREATE TYPE ... AS ENUM.
constexpr bool is_user_defined_oid(oid type) {
  return type >= oids::first_user_defined;
}

namespace detail {
struct oid_entry {
  oid type;
  oid array;
  std::string_view name;
  std::string_view array_name;
};
inline constexpr oid_entry builtin_oids[] = {
    {oids::boolean, oids::boolean_array, "bool", "bool[]"},
    {oids::bytea, oids::bytea_array, "bytea", "bytea[]"},
    {oids::name, oids::name_array, "name", "name[]"},
    {oids::int8, oids::int8_array, "int8", "int8[]"},
    {oids::int2, oids::int2_array, "int2", "int2[]"},
    {oids::int4, oids::int4_array, "int4", "int4[]"},
    {oids::text, oids::text_array, "text", "text[]"},
    {oids::json, oids::json_array, "json", "json[]"},
    {oids::float4, oids::float4_array, "float4", "float4[]"},
    {oids::float8, oids::float8_array, "float8", "float8[]"},
    {oids::bpchar, oids::bpchar_array, "bpchar", "bpchar[]"},
    {oids::varchar, oids::varchar_array, "varchar", "varchar[]"},
    {oids::date, oids::date_array, "date", "date[]"},
    {oids::timestamp, oids::timestamp_array, "timestamp", "timestamp[]"},
    {oids::timestamptz, oids::timestamptz_array, "timestamptz", "timestamptz[]"},
    {oids::numeric, oids::numeric_array, "numeric", "numeric[]"},
    {oids::uuid, oids::uuid_array, "uuid", "uuid[]"},
    {oids::jsonb, oids::jsonb_array, "jsonb", "jsonb[]"},
};
}  // namespace detail

/// The element type of a built-in array type (oids::int4 for oids::int4_array), or 0 when `array`
/// is not one of the array types listed in pgdsl::oids.
constexpr oid array_element_oid(oid array) {
  for (const auto& entry : detail::builtin_oids)
    if (entry.array == array) return entry.type;
  return oids::unspecified;
}

/// The SQL name of a built-in type OID ("int4"; array types as "int4[]", which the server spells
/// "_int4"), or an empty view for OIDs pgdsl does not know.
constexpr std::string_view builtin_type_name(oid type) {
  for (const auto& entry : detail::builtin_oids) {
    if (entry.type == type) return entry.name;
    if (entry.array == type) return entry.array_name;
  }
  return {};
}

}  // namespace pgdsl
