// SPDX-License-Identifier: BSL-1.0
// What a SQL name must be before it is quoted into SQL text: non-empty, free of NUL, and at most
// 63 bytes of UTF-8 (PostgreSQL silently truncates longer identifiers, so two long names could
// become one). Quoting (doubling embedded ") makes every other character safe.
#pragma once

#include <cstddef>

#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// PostgreSQL's identifier limit: NAMEDATALEN - 1 bytes (UTF-8 bytes, not characters).
inline constexpr std::size_t max_sql_name_bytes = 63;

/// True for names pgdsl can quote as identifiers.
template <std::size_t N>
constexpr bool valid_sql_name(const fixed_string<N>& name) {
  if (N == 0) return false;
  for (std::size_t i = 0; i < N; ++i)
    if (name[i] == '\0') return false;
  return true;
}

/// True for names PostgreSQL keeps whole; N counts bytes, so a UTF-8 name is measured in bytes.
template <std::size_t N>
constexpr bool sql_name_fits(const fixed_string<N>&) {
  return N <= max_sql_name_bytes;
}

}  // namespace pgdsl
