// SPDX-License-Identifier: BSL-1.0
// column = value: what INSERT's and UPDATE's set() take. The value is checked against the column
// when the assignment is written: its type family, and that NULL never goes into a NOT NULL column.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"

namespace pgdsl {

/// Column = Value.
template <class Column, class Value>
struct assignment {
  Value value;

  using column = Column;
  using tables = typename Value::tables;
  using params = typename Value::params;

  /// The column as a SET target or in INSERT's column list: unqualified.
  static constexpr void render_target(sql_writer& w) { w.identifier(Column::name.view()); }
  static constexpr void render_value(sql_writer& w) { detail::render_operand<Value>(w); }
  /// "column" = value, as in SET.
  static constexpr void render(sql_writer& w) {
    render_target(w);
    w << " = ";
    render_value(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    value.bind(f);
  }
};

/// The condition of the NOT NULL rule.
template <class Column, bool Holds>
inline constexpr bool column_accepts_null = Holds;

/// Builds column = value after checking the value against the column.
template <class Column, class V>
constexpr auto make_assignment(V&& value) {
  using column_sql_type = typename Column::sql_type;
  if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>) {
    static_assert(column_accepts_null<typename Column::description, Column::is_nullable>,
                  "cannot store NULL in a NOT NULL column: declare the column std::optional<T> "
                  "if it is nullable");
    return assignment<Column, parameter<std::optional<column_sql_type>>>{{}};
  } else {
    auto operand = to_operand(std::forward<V>(value));
    using operand_type = decltype(operand);
    using value_sql_type = sql_type_t<operand_type>;
    static_assert(value_fits_column<typename Column::description, sql_type_name<column_sql_type>,
                                    sql_type_name<value_sql_type>,
                                    detail::assignable_types<column_sql_type, value_sql_type>()>,
                  "cannot store a value of this SQL type in the column: bind a value of the "
                  "column's type, or convert it with pgdsl::cast<T>(...)");
    static_assert(column_accepts_null < typename Column::description,
                  Column::is_nullable || !nullable_v < operand_type >>,
                  "cannot store a value that may be NULL (a std::optional or a nullable "
                  "expression) in a NOT NULL column: pass the contained value, or use "
                  "pgdsl::coalesce(value, fallback)");
    return assignment<Column, operand_type>{std::move(operand)};
  }
}

}  // namespace pgdsl
