// What a SQL name must be before it is quoted into SQL text: non-empty and free of NUL.
// Quoting (doubling embedded ") makes every other character safe.
#pragma once

#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// True for names pgdsl can quote as identifiers.
template <std::size_t N>
constexpr bool valid_sql_name(const fixed_string<N>& name) {
  if (N == 0) return false;
  for (std::size_t i = 0; i < N; ++i)
    if (name[i] == '\0') return false;
  return true;
}

}  // namespace pgdsl
