// SPDX-License-Identifier: BSL-1.0
// plain_read: whether a static statement only reads, decided at compile time from its SQL text,
// so that a replica handle can refuse anything else before the program runs. A plain read is a
// SELECT without a row lock (FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE, in a subquery too);
// INSERT, UPDATE, DELETE and WITH (which may hide a data-modifying CTE) are not. Identifiers are
// always double-quoted and values never enter the SQL, so the words cannot come from a name.
#pragma once

#include <string_view>

#include "pgdsl/execution/statement_concept.hpp"
#include "pgdsl/util/detail/constexpr_find.hpp"

namespace pgdsl {

namespace detail {
constexpr bool sql_contains(std::string_view sql, std::string_view word) noexcept {
  return constexpr_find(sql, word) != std::string_view::npos;
}
constexpr bool sql_is_plain_read(std::string_view sql) noexcept {
  if (sql.size() < 7 || !sql_contains(sql.substr(0, 7), "SELECT ")) return false;
  for (std::string_view lock :
       {" FOR UPDATE", " FOR NO KEY UPDATE", " FOR SHARE", " FOR KEY SHARE"})
    if (sql_contains(sql, lock)) return false;
  return true;
}
}  // namespace detail

/// True for a static statement that is a plain read (may run on a hot standby).
template <class Q>
inline constexpr bool is_plain_read = false;
template <static_statement Q>
inline constexpr bool is_plain_read<Q> = detail::sql_is_plain_read(Q::sql.view());

/// A static statement that is a plain read.
template <class Q>
concept plain_read = is_plain_read<Q>;

}  // namespace pgdsl
