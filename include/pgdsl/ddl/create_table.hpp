// SPDX-License-Identifier: BSL-1.0
// CREATE TABLE and DROP TABLE from a table descriptor, rendered at compile time:
//   static_assert(pgdsl::create_table(users).sql == R"(CREATE TABLE "users" ("id" int8 ...))");
//   db.execute(pgdsl::create_table(users).if_not_exists());
// Columns come in declaration order, then the keys and checks of the table's table_args().
#pragma once

#include <cstddef>

#include "pgdsl/ddl/column_definition.hpp"
#include "pgdsl/ddl/detail/ddl_statement.hpp"
#include "pgdsl/ddl/table_args.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/schema/view.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

namespace detail {

template <class Columns, class Parts>
struct table_body;
template <class... Columns, class... Parts>
struct table_body<type_list<Columns...>, type_list<Parts...>> {
  template <class Table>
  static constexpr void render(sql_writer& w) {
    (check_part_tables<Table, Parts>(), ...);
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), render_column_definition<Columns>(w)), ...);
    ((w << ", ", Parts::render(w)), ...);
  }
};

/// Options of CREATE TABLE, as bits of one template argument.
enum create_table_options : unsigned { table_if_not_exists = 1, table_temporary = 2 };

template <class Table, unsigned Options>
struct create_table_statement : ddl_statement<create_table_statement<Table, Options>> {
  static constexpr void render(sql_writer& w) {
    w << ((Options & table_temporary) != 0 ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
    if constexpr ((Options & table_if_not_exists) != 0) w << "IF NOT EXISTS ";
    w.identifier(Table::sql_name.view());
    w << " (";
    table_body<columns_of_t<Table>,
               typename constraint_parts<table_parts_t<Table>>::type>::template render<Table>(w);
    w << ')';
  }

  /// CREATE TABLE IF NOT EXISTS: nothing happens when a table of that name exists (whatever its
  /// columns: verify_schema says whether they match).
  [[nodiscard]] constexpr auto if_not_exists() const {
    return create_table_statement<Table, Options | table_if_not_exists>{};
  }
  /// CREATE TEMPORARY TABLE: the table lives until the session ends.
  [[nodiscard]] constexpr auto temporary() const {
    return create_table_statement<Table, Options | table_temporary>{};
  }
};

enum drop_options : unsigned { drop_if_exists = 1, drop_cascade = 2 };

/// DROP <Kind> [IF EXISTS] names... [CASCADE], for tables and types.
template <class Names, unsigned Options>
struct drop_statement;
template <class... Named, unsigned Options>
struct drop_statement<type_list<Named...>, Options>
    : ddl_statement<drop_statement<type_list<Named...>, Options>> {
  static constexpr void render(sql_writer& w) {
    w << "DROP ";
    w << at_t<0, type_list<Named...>>::drop_kind;
    if constexpr ((Options & drop_if_exists) != 0) w << " IF EXISTS";
    std::size_t index = 0;
    ((w << (index++ == 0 ? " " : ", "), w.identifier(Named::drop_name)), ...);
    if constexpr ((Options & drop_cascade) != 0) w << " CASCADE";
  }
  /// DROP ... IF EXISTS: no error when it is missing.
  [[nodiscard]] constexpr auto if_exists() const {
    return drop_statement<type_list<Named...>, Options | drop_if_exists>{};
  }
  /// DROP ... CASCADE: also drops what depends on it (foreign keys of other tables, views).
  [[nodiscard]] constexpr auto cascade() const {
    return drop_statement<type_list<Named...>, Options | drop_cascade>{};
  }
};

template <class Table>
struct dropped_table {
  static constexpr const char* drop_kind = "TABLE";
  static constexpr std::string_view drop_name = Table::sql_name.view();
};

}  // namespace detail

/// CREATE TABLE for a table descriptor; .if_not_exists() and .temporary() change it.
template <table_type Table>
constexpr auto create_table(const Table&) {
  detail::check_not_a_view<Table>();
  return detail::create_table_statement<Table, 0>{};
}

/// DROP TABLE of one or more tables (one statement: foreign keys between them do not matter);
/// .if_exists() and .cascade() change it.
template <table_type... Tables>
constexpr auto drop_table(const Tables&...) {
  static_assert(sizeof...(Tables) > 0, "drop_table needs at least one table");
  return detail::drop_statement<type_list<detail::dropped_table<Tables>...>, 0>{};
}

}  // namespace pgdsl
