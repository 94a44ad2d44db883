// copy_into: bulk loading with COPY ... FROM STDIN (FORMAT binary). Rows come from any input
// range (a vector, a view, a generator) as tuples or as structs whose members are named like the
// columns; each value is encoded by its column's binary encoder into fixed-size chunks, so memory
// stays bounded however many rows there are.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <exception>
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

/// Encodes one value into column C: the value's own encoder when it has the column's type (or
/// is a view of it, like std::string_view for text), else converted to the column's C++ type.
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
  } else if constexpr (requires { type_traits<Value>::type_oid; } && parameter_type<Value> &&
                       parameter_type<column_value>) {
    if constexpr (type_traits<Value>::type_oid == type_traits<column_value>::type_oid)
      out.field(value);
    else
      out.field(static_cast<column_value>(value));
  } else {
    static_assert(std::is_convertible_v<const Value&, column_value>,
                  "copy_into: a row value cannot be converted to its column's C++ type");
    out.field(static_cast<column_value>(value));
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
