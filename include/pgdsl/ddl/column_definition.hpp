// SPDX-License-Identifier: BSL-1.0
// A column's definition in CREATE TABLE, from its descriptor: the SQL type from the C++ mapping
// (type_traits<T>::sql_name, varchar(n) and numeric(p, s) from the column's modifiers, enum types
// quoted as identifiers, arrays as T[]), NOT NULL unless the C++ type is std::optional, then each
// constraint marker in the order it is listed.
#pragma once

#include <type_traits>

#include "pgdsl/ddl/detail/constraint_traits.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/constraints.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/types/all.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The conditions the DDL rules check, spelled so that a failure names the column.
template <class Column, bool Holds>
inline constexpr bool varchar_is_on_a_text_column = Holds;
template <class Column, bool Holds>
inline constexpr bool precision_is_on_a_numeric_column = Holds;
template <class Column, bool Holds>
inline constexpr bool key_column_is_not_optional = Holds;
template <class Column, class Referenced, bool Holds>
inline constexpr bool foreign_key_has_the_referenced_type = Holds;

namespace detail {

/// The element type of an array mapping (std::vector<T>: T), for std::conditional_t.
template <class Array>
struct array_element_of {
  using type = typename type_traits<Array>::element;
};

/// The SQL name of a scalar (non-array) mapped type, with the column's modifiers applied.
template <class Column, class T, class... Constraints>
constexpr void render_scalar_type(sql_writer& w) {
  using traits = type_traits<T>;
  constexpr std::size_t length = first_nonzero(varchar_length_of<Constraints>...);
  constexpr std::size_t digits = first_nonzero(precision_of<Constraints>::digits...);
  constexpr std::size_t scale = first_nonzero(precision_of<Constraints>::scale...);
  if constexpr (length != 0) {
    static_assert(varchar_is_on_a_text_column<typename Column::description,
                                              traits::category == type_category::text>,
                  "varchar<n> applies to a text column (std::string or a vector of them)");
    w << "varchar(";
    w.number(length);
    w << ')';
  } else if constexpr (digits != 0) {
    static_assert(precision_is_on_a_numeric_column<typename Column::description,
                                                   std::is_same_v<T, pgdsl::numeric>>,
                  "precision<p, s> applies to a pgdsl::numeric column (or a vector of them)");
    w << "numeric(";
    w.number(digits);
    w << ", ";
    w.number(scale);
    w << ')';
  } else if constexpr (traits::category == type_category::enumeration) {
    w.identifier(traits::sql_name);  // a user type: its name is an identifier, quoted
  } else {
    w << traits::sql_name;
  }
}

template <class Column, class Constraints>
struct column_type_renderer;
template <class Column, class... Constraints>
struct column_type_renderer<Column, type_list<Constraints...>> {
  static constexpr void render(sql_writer& w) {
    using type = nullable_base_t<typename Column::value_type>;
    if constexpr (type_traits<type>::category == type_category::array) {
      render_scalar_type<Column, typename type_traits<type>::element, Constraints...>(w);
      w << "[]";
    } else {
      render_scalar_type<Column, type, Constraints...>(w);
    }
  }
};

constexpr void render_action(sql_writer& w, referential_action action) {
  switch (action) {
    case referential_action::no_action:
      w << "NO ACTION";
      break;
    case referential_action::restrict:
      w << "RESTRICT";
      break;
    case referential_action::cascade:
      w << "CASCADE";
      break;
    case referential_action::set_null:
      w << "SET NULL";
      break;
    case referential_action::set_default:
      w << "SET DEFAULT";
      break;
  }
}

template <class Action>
constexpr void render_referential_action(sql_writer& w) {
  if constexpr (requires { Action::action; }) {
    w << (std::is_same_v<Action, on_delete<Action::action>> ? " ON DELETE " : " ON UPDATE ");
    render_action(w, Action::action);
  } else {
    static_assert(std::is_void_v<Action>,
                  "references<Target, ...> takes on_delete<...> and "
                  "on_update<...> after its target");
  }
}

template <class Column, class Constraint>
struct column_constraint_renderer {
  static constexpr void render(sql_writer& w) {
    if constexpr (std::is_same_v<Constraint, primary_key>) {
      static_assert(key_column_is_not_optional<typename Column::description, !Column::is_nullable>,
                    "a primary key column cannot be std::optional (a primary key is NOT NULL)");
      w << " PRIMARY KEY";
    } else if constexpr (std::is_same_v<Constraint, unique>) {
      w << " UNIQUE";
    } else if constexpr (std::is_same_v<Constraint, identity>) {
      static_assert(key_column_is_not_optional<typename Column::description, !Column::is_nullable>,
                    "an identity column cannot be std::optional (identity columns are NOT NULL)");
      w << " GENERATED BY DEFAULT AS IDENTITY";
    } else if constexpr (requires { Constraint::sql; }) {
      w << " DEFAULT ";
      w << Constraint::sql.view();
    } else if constexpr (requires {
                           Constraint::name;
                           typename Constraint::constraint;
                         }) {
      w << " CONSTRAINT ";
      w.identifier(Constraint::name.view());
      column_constraint_renderer<Column, typename Constraint::constraint>::render(w);
    } else if constexpr (!std::is_void_v<typename referenced_column<Constraint>::type>) {
      render_references<Constraint>(w);
    } else {
      static_assert(is_type_modifier<Constraint>,
                    "not a column constraint pgdsl knows: use primary_key, unique, identity, "
                    "default_sql<...>, references<...>, varchar<n>, precision<p, s> or named<...>");
    }
  }

  template <class C>
  static constexpr void render_references(sql_writer& w) {
    using target = typename referenced_column<C>::type;
    static_assert(foreign_key_has_the_referenced_type<
                      typename Column::description, typename target::description,
                      std::is_same_v<typename Column::sql_type, typename target::sql_type>>,
                  "a foreign key column must have the C++ type of the column it references");
    w << " REFERENCES ";
    w.identifier(target::table_type::sql_name.view());
    w << " (";
    w.identifier(target::name.view());
    w << ')';
    render_actions(w, static_cast<C*>(nullptr));
  }
  template <auto Target, class... Actions>
  static constexpr void render_actions(sql_writer& w, references<Target, Actions...>*) {
    (render_referential_action<Actions>(w), ...);
  }
};

template <class Column, class Constraints>
struct column_constraints_renderer;
template <class Column, class... Constraints>
struct column_constraints_renderer<Column, type_list<Constraints...>> {
  static constexpr void render(sql_writer& w) {
    (column_constraint_renderer<Column, Constraints>::render(w), ...);
  }
};

}  // namespace detail

/// The SQL type of a column: int8, varchar(80), numeric(12, 2), "mood", text[].
template <column_type Column>
constexpr void render_column_type(sql_writer& w) {
  detail::column_type_renderer<Column, typename Column::constraints>::render(w);
}

/// "name" type [NOT NULL] [constraints...], as CREATE TABLE lists it.
template <column_type Column>
constexpr void render_column_definition(sql_writer& w) {
  w.identifier(Column::name.view());
  w << ' ';
  render_column_type<Column>(w);
  if constexpr (!Column::is_nullable) w << " NOT NULL";
  detail::column_constraints_renderer<Column, typename Column::constraints>::render(w);
}

}  // namespace pgdsl
