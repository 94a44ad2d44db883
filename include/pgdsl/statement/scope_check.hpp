// SPDX-License-Identifier: BSL-1.0
// The rule that every column's table is in FROM or JOIN. A statement can only judge it once it is
// complete and known not to be a subquery (whose columns may belong to the enclosing query), so it
// runs when the SQL text is first used: at q.sql or at execution.
#pragma once

#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the FROM rule: names the first table missing from FROM.
template <class MissingTable, bool Holds>
inline constexpr bool table_is_in_from = Holds;

namespace detail {

template <class Missing>
constexpr void check_scope() {
  if constexpr (Missing::size != 0) {
    static_assert(table_is_in_from<typename at_t<0, Missing>::description, false>,
                  "a column's table is not in FROM or JOIN: add it with .from(table) or "
                  ".join(table).on(condition)");
  }
}

}  // namespace detail
}  // namespace pgdsl
