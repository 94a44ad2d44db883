// SPDX-License-Identifier: BSL-1.0
// expr.as<"name">(): a select-list item with a column alias. The alias becomes the result
// column's name (what .as<Struct>() matches member names against); the node is the key of row[...].
#pragma once

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// operand AS "Alias".
template <class E, fixed_string Alias>
struct aliased_expression {
  static_assert(!Alias.empty(), "a column alias must not be empty");
  static_assert(Alias.size() <= max_sql_name_bytes,
                "a column alias must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  E operand;

  using aliased_type = E;
  using sql_type = sql_type_t<E>;
  using tables = typename E::tables;
  using params = typename E::params;
  static constexpr auto alias = Alias;
  template <class NullTables>
  static constexpr bool nullable_in = E::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    E::render(w);
    w << " AS ";
    w.identifier(Alias.view());
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
  }
};

}  // namespace pgdsl
