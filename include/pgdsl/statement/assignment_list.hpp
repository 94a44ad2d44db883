// SPDX-License-Identifier: BSL-1.0
// The assignments of INSERT's and UPDATE's set(): which columns they name, in what order, and the
// two ways they render (SET "a" = $1, "b" = $2 / ("a", "b") VALUES ($1, $2)).
#pragma once

#include <tuple>
#include <type_traits>

#include "pgdsl/schema/assignment.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

template <class T>
inline constexpr bool is_assignment = false;
template <class Column, class Value>
inline constexpr bool is_assignment<assignment<Column, Value>> = true;

/// The condition of the assignment-target rule.
template <class Column, class Table, bool Holds>
inline constexpr bool column_belongs_to_table = Holds;
/// The condition of the INSERT completeness rule: names the first required column left out.
template <class Column, bool Holds>
inline constexpr bool insert_sets_column = Holds;
/// The condition of the once-per-statement rule.
template <class Column, bool Holds>
inline constexpr bool column_assigned_once = Holds;

namespace detail {

template <class Column, class Identity>
constexpr void static_assert_belongs() {
  static_assert(
      column_belongs_to_table<typename Column::description, typename Identity::description,
                              std::is_same_v<typename Column::table_type, Identity>>,
      "set() assigns a column of another table than the statement's");
}

template <class Column, class List>
constexpr std::size_t occurrences() {
  return []<class... C>(type_list<C...>) {
    return (std::size_t{std::is_same_v<Column, C>} + ...);
  }(List{});
}

template <class Column, class List>
constexpr void static_assert_once() {
  static_assert(
      column_assigned_once<typename Column::description, occurrences<Column, List>() == 1>,
      "a column is assigned twice in one set()");
}

template <class Table, class... Assignments>
constexpr void check_assignments() {
  static_assert((is_assignment<Assignments> && ...),
                "set() takes assignments such as users.name = value");
  if constexpr ((is_assignment<Assignments> && ...)) {
    using identity = typename Table::table_identity;
    (static_assert_belongs<typename Assignments::column, identity>(), ...);
    using columns = type_list<typename Assignments::column...>;
    (static_assert_once<typename Assignments::column, columns>(), ...);
  }
}

template <class Column>
inline constexpr bool is_required_column = !Column::is_nullable && !Column::has_default;

template <class Column, class Given>
constexpr void static_assert_given() {
  static_assert(insert_sets_column < typename Column::description,
                !is_required_column<Column> || contains_v < Column, Given >>,
                "INSERT leaves out a NOT NULL column that has no default: set it, or declare it "
                "with default_sql<...>, identity or std::optional");
}

/// Every NOT NULL column without a default of Table appears in Given.
template <class Table, class Given>
constexpr void check_required_columns() {
  []<class... Column>(type_list<Column...>) {
    (static_assert_given<Column, Given>(), ...);
  }(columns_of_t<Table>{});
}

}  // namespace detail
}  // namespace pgdsl
