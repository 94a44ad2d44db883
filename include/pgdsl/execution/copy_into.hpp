// SPDX-License-Identifier: BSL-1.0
// copy_into: bulk loading with COPY ... FROM STDIN (FORMAT binary). Rows come from any input
// range (a vector, a view, a generator) as tuples or as structs whose members are named like the
// columns; each value is encoded by its column's binary encoder into fixed-size chunks, so memory
// stays bounded however many rows there are.
#pragma once

#include <libpq-fe.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/column_list.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/copy_format.hpp"
#include "pgdsl/execution/detail/member_names.hpp"
#include "pgdsl/execution/detail/statement_runner.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/render/runtime_sql.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

namespace detail {

/// The position of the member of Row named like the column (the member count when none is).
template <class Row, class Column>
constexpr std::size_t member_index_of() {
  constexpr auto names = member_names<Row>();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == Column::name.view()) return i;
  return names.size();
}

/// The value of column C in a row: by position for tuples, by member name for structs.
template <std::size_t I, class Column, class Row>
decltype(auto) copy_value(const Row& row) {
  if constexpr (tuple_like_row<Row>) {
    using std::get;
    return get<I>(row);
  } else {
    constexpr std::size_t count = aggregate_field_count<Row>();
    constexpr std::size_t index = member_index_of<Row, Column>();
    static_assert(index < count,
                  "copy_into: the row struct has no member named like one of the columns; rename "
                  "the member, or pass tuples");
    return std::get<(index < count ? index : 0)>(tie_members(row));
  }
}

/// A row value of C++ type Value may go into a column of C++ type Column by COPY: the DSL's
/// assignment rule (no floating point or decimal into an integer column, no number into a
/// boolean), for arithmetic types without a mapping (unsigned, long double) as well.
template <class Column, class Value>
constexpr bool copy_assignable() {
  if constexpr (std::is_arithmetic_v<Column> && std::is_arithmetic_v<Value>) {
    if constexpr (std::is_same_v<Column, bool> || std::is_same_v<Value, bool>)
      return std::is_same_v<Column, Value>;
    else
      return !(std::is_integral_v<Column> && std::is_floating_point_v<Value>);
  } else if constexpr (has_type_traits<Column> && has_type_traits<Value>) {
    return assignable_types<Column, Value>() && std::is_convertible_v<const Value&, Column>;
  } else {
    return std::is_convertible_v<const Value&, Column>;
  }
}

/// The error for a value that does not fit its column (built with append: g++ 12 at -O2 warns
/// about `"literal" + std::string`).
[[noreturn]] inline void throw_copy_out_of_range(const std::string& value, std::string_view column,
                                                 std::string_view sql_type) {
  std::string message = "copy_into: ";
  message.append(value).append(" does not fit column \"").append(column);
  message.append("\" (").append(sql_type).append(")");
  throw out_of_range_value(message);
}

/// Value converted to the column's C++ type, refusing what would change it: an integer out of
/// the column's range, a finite floating-point value past its largest (float8 into float4).
/// Floating-point values round as PostgreSQL's own assignment does.
template <class Column, class To, class From>
To checked_copy_value(const From& value) {
  if constexpr (std::is_integral_v<To> && std::is_integral_v<From>) {
    if (!std::in_range<To>(value))
      throw_copy_out_of_range(std::to_string(value), Column::name.view(),
                              type_traits<To>::sql_name);
  } else if constexpr (std::is_floating_point_v<To> && std::is_floating_point_v<From> &&
                       (sizeof(To) < sizeof(From))) {
    if (std::isfinite(value) &&
        (value > std::numeric_limits<To>::max() || value < std::numeric_limits<To>::lowest()))
      throw_copy_out_of_range(std::to_string(value), Column::name.view(),
                              type_traits<To>::sql_name);
  }
  return static_cast<To>(value);
}

/// Value is sent as it is into a column of C++ type Column: both map to one PostgreSQL type
/// (std::string_view into text).
template <class Value, class Column>
constexpr bool same_wire_type() {
  if constexpr (has_type_traits<Value> && parameter_type<Value> && parameter_type<Column>)
    return type_traits<Value>::type_oid == type_traits<Column>::type_oid;
  else
    return false;
}

/// The condition of COPY's assignment rule, spelled so that a failure names the column.
template <class ColumnDescription, bool Holds>
inline constexpr bool copy_value_fits_column = Holds;

/// Encodes one value into column C: the value's own encoder when it has the column's type (or
/// is a view of it, like std::string_view for text), else converted to the column's C++ type
/// under the assignment rule, with a range check where the conversion narrows.
template <class Column, class Value>
void copy_field(copy_writer& out, const Value& value) {
  using column_value = nullable_base_t<typename Column::value_type>;
  if constexpr (is_optional_v<Value>) {
    static_assert(Column::is_nullable,
                  "copy_into: a std::optional value goes into a NOT NULL column");
    if (!value) return out.null_field();
    copy_field<Column>(out, *value);
  } else if constexpr (std::is_same_v<Value, column_value>) {
    out.field(value);
  } else if constexpr (same_wire_type<Value, column_value>()) {
    out.field(value);
  } else {
    static_assert(copy_value_fits_column<typename Column::description,
                                         copy_assignable<column_value, Value>()>,
                  "copy_into: a row value cannot go into its column: a floating-point or "
                  "decimal value into an integer column, a number into a boolean, or a type "
                  "that does not convert; pass the column's C++ type (round explicitly)");
    if constexpr (copy_assignable<column_value, Value>())
      out.field(checked_copy_value<Column, column_value>(value));
  }
}

template <class Row, class... Columns, std::size_t... I>
void copy_row(copy_writer& out, const Row& row, std::index_sequence<I...>) {
  if constexpr (tuple_like_row<Row>)
    static_assert(std::tuple_size_v<Row> == sizeof...(Columns),
                  "copy_into: each tuple must hold one value per column");
  out.begin_row(static_cast<std::int16_t>(sizeof...(Columns)));
  (copy_field<Columns>(out, copy_value<I, Columns>(row)), ...);
  out.end_row();
}

}  // namespace detail

template <class Table, class... Columns, std::ranges::input_range Rows>
std::uint64_t connection::copy_into(const Table&, column_list<Columns...>, Rows&& rows) {
  static_assert(table_type<Table>, "copy_into: the first argument must be a table descriptor");
  static_assert(
      (std::is_same_v<typename Columns::table_type, typename Table::table_identity> && ...),
      "copy_into: every column must belong to the table being loaded");
  const std::string& sql = detail::copy_sql<detail::copy_direction::in, Table, Columns...>();
  const detail::result_ptr done = observe(sql.c_str(), [&] {
    PGconn* conn = detail::connection_access::state(*this).conn.get();
    detail::run_command(conn, sql.c_str(), PGRES_COPY_IN);
    detail::copy_writer out(conn, sql.c_str());
    try {
      for (auto&& row : rows)
        detail::copy_row<std::remove_cvref_t<decltype(row)>, Columns...>(
            out, row, std::index_sequence_for<Columns...>{});
    } catch (...) {
      out.abort();
      throw;
    }
    detail::result_ptr outcome = out.finish();
    if (!detail::succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql.c_str());
    return outcome;
  });
  return detail::affected_rows(done.get());
}

template <class Table, std::ranges::input_range Rows>
std::uint64_t connection::copy_into(const Table& table, Rows&& rows) {
  return copy_into(table, typename detail::column_list_of<columns_of_t<Table>>::type{},
                   std::forward<Rows>(rows));
}

}  // namespace pgdsl
