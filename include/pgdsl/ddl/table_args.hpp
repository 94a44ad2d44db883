// SPDX-License-Identifier: BSL-1.0
// What a table declares beyond its columns: composite primary and unique keys, CHECK conditions
// and indexes. A table lists them in a member function, where its columns are in scope:
//   constexpr auto table_args() const {
//     return pgdsl::table_args(pgdsl::primary_key_of(order_id, line),
//                              pgdsl::check<"qty_positive">(qty > pgdsl::lit<0>),
//                              pgdsl::index<"lines_product_idx">(product_id));
//   }
// (SQLAlchemy's __table_args__). Only the types matter: the function is never called.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The conditions the table_args rules check, spelled so that a failure names the table.
template <class Expression, bool Holds>
inline constexpr bool schema_expression_has_no_parameters = Holds;
template <class Table, class Referenced, bool Holds>
inline constexpr bool table_part_uses_its_own_columns = Holds;

namespace detail {

template <fixed_string Name>
constexpr void render_constraint_name(sql_writer& w) {
  if constexpr (!Name.empty()) {
    w << "CONSTRAINT ";
    w.identifier(Name.view());
    w << ' ';
  }
}

template <class Expression>
constexpr void check_schema_expression() {
  static_assert(schema_expression_has_no_parameters<Expression, Expression::params::size == 0>,
                "a CHECK condition or an index expression is part of the schema and cannot hold "
                "bound values: write constants as pgdsl::lit<42> or pgdsl::lit_text<\"...\">");
}

/// PRIMARY KEY (a, b) or UNIQUE (a, b), optionally named.
template <bool Primary, fixed_string Name, class... Columns>
struct key_part {
  using referenced = type_list<typename Columns::table_type...>;
  static constexpr void render(sql_writer& w) {
    render_constraint_name<Name>(w);
    w << (Primary ? "PRIMARY KEY (" : "UNIQUE (");
    render_column_names<Columns...>(w);
    w << ')';
  }
};

/// CHECK (condition), optionally named.
template <fixed_string Name, class Condition>
struct check_part {
  using referenced = typename Condition::tables;
  static constexpr void render(sql_writer& w) {
    check_schema_expression<Condition>();
    render_constraint_name<Name>(w);
    w << "CHECK (";
    Condition::render(w);
    w << ')';
  }
};

/// CHECK (sql), the condition written as SQL text (what pgdsl-codegen writes for a CHECK read
/// from the catalog).
template <fixed_string Name, fixed_string Sql>
struct check_sql_part {
  using referenced = type_list<>;
  static constexpr void render(sql_writer& w) {
    render_constraint_name<Name>(w);
    w << "CHECK (";
    w << Sql.view();
    w << ')';
  }
};

/// One key of an index: a column by name, or an expression in parentheses.
template <class Key>
constexpr void render_index_key(sql_writer& w) {
  if constexpr (column_type<Key>) {
    w.identifier(Key::name.view());
  } else {
    check_schema_expression<Key>();
    w << '(';
    Key::render(w);
    w << ')';
  }
}

struct no_predicate {
  using tables = type_list<>;
};

/// An index of the table: its name, keys, UNIQUE and a partial index's WHERE condition.
template <fixed_string Name, bool Unique, class Predicate, class... Keys>
struct index_part {
  static_assert(!Name.empty(), "an index needs a name: index<\"users_email_idx\">(email)");
  static constexpr auto name = Name;
  static constexpr bool is_unique = Unique;
  using referenced = concat_t<typename Keys::tables..., typename Predicate::tables>;

  /// UNIQUE INDEX.
  [[nodiscard]] constexpr auto unique() const {
    return index_part<Name, true, Predicate, Keys...>{};
  }
  /// A partial index: only the rows where `condition` holds.
  template <class Condition>
  [[nodiscard]] constexpr auto where(const Condition&) const {
    static_assert(std::is_same_v<Predicate, no_predicate>, "an index has one WHERE condition");
    return index_part<Name, Unique, Condition, Keys...>{};
  }

  /// "name" ON "table" (keys) [WHERE condition], after CREATE [UNIQUE] INDEX [options].
  template <class Table>
  static constexpr void render_definition(sql_writer& w) {
    w.identifier(Name.view());
    w << " ON ";
    w.identifier(Table::sql_name.view());
    w << " (";
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), render_index_key<Keys>(w)), ...);
    w << ')';
    if constexpr (!std::is_same_v<Predicate, no_predicate>) {
      check_schema_expression<Predicate>();
      w << " WHERE ";
      Predicate::render(w);
    }
  }
};

template <class Part>
inline constexpr bool is_index_part = false;
template <fixed_string Name, bool Unique, class Predicate, class... Keys>
inline constexpr bool is_index_part<index_part<Name, Unique, Predicate, Keys...>> = true;

}  // namespace detail

/// The parts a table declares in table_args(): keys, checks and indexes, in order.
template <class... Parts>
struct table_args_list {
  using parts = type_list<Parts...>;
};

/// Collects a table's keys, checks and indexes (see the top of this header).
template <class... Parts>
constexpr table_args_list<Parts...> table_args(const Parts&...) {
  return {};
}

/// PRIMARY KEY (columns...): a composite primary key; primary_key_of<"name">(...) names it.
template <fixed_string Name = "", column_type... Columns>
constexpr detail::key_part<true, Name, Columns...> primary_key_of(const Columns&...) {
  static_assert(sizeof...(Columns) > 0, "primary_key_of needs at least one column");
  return {};
}
/// UNIQUE (columns...): a composite unique key; unique_of<"name">(...) names it.
template <fixed_string Name = "", column_type... Columns>
constexpr detail::key_part<false, Name, Columns...> unique_of(const Columns&...) {
  static_assert(sizeof...(Columns) > 0, "unique_of needs at least one column");
  return {};
}
/// CHECK (condition): a DSL condition on the table's columns, constants as pgdsl::lit<...>;
/// check<"name">(...) names the constraint.
template <fixed_string Name = "", class Condition>
constexpr detail::check_part<Name, Condition> check(const Condition&) {
  return {};
}
/// CHECK (sql) with the condition as SQL text written by the schema's author; prefer check(),
/// whose condition is a typed DSL expression.
template <fixed_string Name, fixed_string Sql>
constexpr detail::check_sql_part<Name, Sql> check_sql() {
  return {};
}
/// An index on columns or expressions: index<"users_email_idx">(email), then .unique() and
/// .where(condition) for a partial index.
template <fixed_string Name, class... Keys>
constexpr detail::index_part<Name, false, detail::no_predicate, Keys...> index(const Keys&...) {
  static_assert(sizeof...(Keys) > 0, "an index needs at least one column or expression");
  return {};
}

namespace detail {

template <class Table>
struct table_args_of {
  using type = table_args_list<>;
};
template <class Table>
requires requires(const Table& t) {
  t.table_args();
}
struct table_args_of<Table> {
  using type = decltype(std::declval<const Table&>().table_args());
};

/// The parts of Table's table_args() (an empty list when it declares none).
template <class Table>
using table_parts_t = typename table_args_of<Table>::type::parts;

template <class List>
struct index_parts;
template <class... Parts>
struct index_parts<type_list<Parts...>> {
  using type = concat_t<std::conditional_t<is_index_part<Parts>, type_list<Parts>, type_list<>>...>;
};
template <class List>
struct constraint_parts;
template <class... Parts>
struct constraint_parts<type_list<Parts...>> {
  using type = concat_t<std::conditional_t<is_index_part<Parts>, type_list<>, type_list<Parts>>...>;
};

/// A table part may only use the table's own columns.
template <class Table, class Part>
constexpr void check_part_tables() {
  using referenced = typename Part::referenced;
  using own = type_list<typename Table::table_identity>;
  if constexpr (!is_subset_v<referenced, own>) {
    using stranger = at_t<0, difference_t<referenced, own>>;
    static_assert(table_part_uses_its_own_columns<typename Table::description,
                                                  typename stranger::description, false>,
                  "a key, CHECK or index declared in a table's table_args() can only use that "
                  "table's own columns");
  }
}

}  // namespace detail

}  // namespace pgdsl
