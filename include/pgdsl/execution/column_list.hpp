// SPDX-License-Identifier: BSL-1.0
// column_list: the columns a COPY reads or writes (pgdsl::columns(users.id, users.name)) and the
// COPY statement's text for a table and its columns; shared by copy_into and copy_out, and
// declared before connection so its member templates can name it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/runtime_sql.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The columns a COPY reads or writes, in order: pgdsl::columns(users.id, users.name).
template <class... Columns>
struct column_list {};

/// Names the columns of copy_into / copy_out.
template <column_type... Columns>
constexpr column_list<std::remove_cvref_t<Columns>...> columns(const Columns&...) {
  static_assert(sizeof...(Columns) > 0, "columns() needs at least one column");
  return {};
}

namespace detail {

template <class T>
concept tuple_like_row = requires {
  std::tuple_size<std::remove_cvref_t<T>>::value;
};

template <class List>
struct column_list_of;
template <class... C>
struct column_list_of<type_list<C...>> {
  using type = column_list<C...>;
};

/// Which way a COPY moves rows.
enum class copy_direction { in, out };

/// COPY "table" ("a", "b") FROM STDIN / TO STDOUT, without options (every format's start).
template <copy_direction Direction, class Table, class... Columns>
std::string copy_sql_start() {
  std::string sql = "COPY ";
  render_appending(sql, 1, [](sql_writer& w) {
    Table::table_identity::render_reference(w);
    w << " (";
    detail::render_column_names<Columns...>(w);
    w << ") ";
  });
  sql += Direction == copy_direction::in ? "FROM STDIN" : "TO STDOUT";
  return sql;
}

/// COPY "table" ("a", "b") FROM STDIN / TO STDOUT (FORMAT binary), rendered once per table,
/// columns and direction.
template <copy_direction Direction, class Table, class... Columns>
const std::string& copy_sql() {
  static const std::string text =
      copy_sql_start<Direction, Table, Columns...>() + " (FORMAT binary)";
  return text;
}

/// COPY (<statement>) TO STDOUT (FORMAT binary), rendered once per statement.
template <class Q>
const std::string& copy_statement_sql() {
  static const std::string text =
      "COPY (" + std::string(Q::sql.view()) + ") TO STDOUT (FORMAT binary)";
  return text;
}

}  // namespace detail
}  // namespace pgdsl
