// SPDX-License-Identifier: BSL-1.0
// table<"name"> and its columns: the compile-time descriptors users derive a table from.
//   struct users_t : pgdsl::table<"users"> { column<"id", std::int64_t, primary_key> id; ... };
// A column knows its table, SQL name, C++ type (std::optional = nullable) and constraints, and it
// is an expression: users.id == 42 builds a condition, users.name = "bob" an assignment.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/schema/assignment.hpp"
#include "pgdsl/schema/constraints.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/name_type.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// What error messages call a column: column_description<name<table>, name<column>>.
template <class TableName, class ColumnName>
struct column_description {};

/// What error messages call a table: table_description<name<table>>.
template <class TableName>
struct table_description {};

template <class Table, fixed_string Alias>
struct table_alias;

/// Base of a table descriptor; Name is the table's SQL name.
template <fixed_string Name>
struct table {
  static_assert(valid_sql_name(Name),
                "a table name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name), "a table name must be at most 63 bytes (PostgreSQL would "
                                     "truncate it); shorten it");

  /// What FROM and the column checks compare: one type per table name.
  using table_identity = table;
  using description = table_description<name_type<Name>>;
  static constexpr auto sql_name = Name;

  static constexpr void render_reference(sql_writer& w) { w.identifier(Name.view()); }

  /// A column of this table; T is std::optional<U> for a nullable column.
  template <fixed_string ColumnName, class T, class... Constraints>
  struct column : expression_ops<column<ColumnName, T, Constraints...>> {
    static_assert(valid_sql_name(ColumnName),
                  "a column name must be non-empty and contain no NUL character");
    static_assert(sql_name_fits(ColumnName), "a column name must be at most 63 bytes (PostgreSQL "
                                             "would truncate it); shorten it");

    using table_type = table;
    using value_type = T;
    using sql_type = nullable_base_t<T>;
    using constraints = type_list<Constraints...>;
    using tables = type_list<table>;
    using params = type_list<>;
    using description = column_description<name_type<Name>, name_type<ColumnName>>;
    static constexpr auto name = ColumnName;
    static constexpr bool is_atomic = true;
    static constexpr bool is_nullable = is_optional_v<T>;
    static constexpr bool has_default = (detail::gives_default<Constraints> || ...);
    template <class NullTables>
    static constexpr bool nullable_in = is_nullable || contains_v<table, NullTables>;

    static constexpr void render(sql_writer& w) {
      w.identifier(Name.view());
      w << '.';
      w.identifier(ColumnName.view());
    }
    template <class F>
    constexpr void bind(F&) const {}

    /// column = value: an assignment for INSERT's set(), UPDATE's set() and ON CONFLICT.
    template <class V>
    constexpr auto operator=(V&& value) const {  // NOLINT: builds a node, assigns nothing
      return make_assignment<column>(std::forward<V>(value));
    }
  };

  /// The same table under another name, for self-joins: users.as<"u">().
  template <fixed_string Alias>
  constexpr auto as() const {
    return table_alias<table, Alias>{};
  }
};

/// True for types derived from a table<...>.
template <class T>
concept table_type = requires {
  typename std::remove_cvref_t<T>::table_identity;
};

/// True for column descriptors (not for aliased columns or other expressions).
template <class C>
concept column_type = requires {
  typename std::remove_cvref_t<C>::table_type;
  typename std::remove_cvref_t<C>::value_type;
};

}  // namespace pgdsl
