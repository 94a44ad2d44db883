// SPDX-License-Identifier: BSL-1.0
// Column constraints: markers listed after a column's type. The DSL reads them for its rules
// (a column with a default or identity may be left out of an INSERT); DDL generation reads them
// later.
#pragma once

#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// PRIMARY KEY.
struct primary_key {};
/// UNIQUE.
struct unique {};
/// GENERATED ... AS IDENTITY: the server assigns the value, so INSERT may omit it.
struct identity {};
/// DEFAULT <Sql>: INSERT may omit the column. The text is SQL written by the schema's author.
template <fixed_string Sql>
struct default_sql {
  static constexpr auto sql = Sql;
};
/// REFERENCES the column Target points to, e.g. references<&users_t::id>.
template <auto Target>
struct references {
  static constexpr auto target = Target;
};

namespace detail {
template <class Constraint>
inline constexpr bool gives_default = false;
template <>
inline constexpr bool gives_default<identity> = true;
template <fixed_string Sql>
inline constexpr bool gives_default<default_sql<Sql>> = true;
}  // namespace detail

}  // namespace pgdsl
