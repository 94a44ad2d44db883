// SPDX-License-Identifier: BSL-1.0
// Multi-row INSERT from a run-time range: insert_into(t).columns(a, b).values(rows). A statement
// whose length is only known at run time: its SQL is rendered when values() builds it, by the same
// writer as every static statement ($n numbered row by row, left to right), and read as q.sql.
#pragma once

#include <cstddef>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/rendered_sql.hpp"
#include "pgdsl/render/runtime_sql.hpp"
#include "pgdsl/statement/insert.hpp"

namespace pgdsl {

/// The condition of the multi-row VALUES rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool row_value_fits_column = Holds;

/// INSERT INTO table (columns) VALUES (...), (...), ... with the rows stored by value. Row is a
/// std::tuple of the values' parameter types: the server converts them to the columns' types (as
/// for every parameter), so a value out of a column's range is an error, never truncated here.
/// Its SQL is rendered once, when values() builds it: q.sql, as for every other statement.
template <class Table, class Row, class... Columns>
class insert_multi_row_query {
 public:
  using row_type = Row;
  using identity = typename Table::table_identity;
  using result_columns = type_list<>;

  explicit insert_multi_row_query(std::vector<row_type> rows)
      : rows_(std::move(rows)), sql(render(rows_.size())) {}

 private:
  std::vector<row_type> rows_;

 public:
  /// The SQL text: INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4).
  const rendered_sql sql;

  /// The rows, as values() copied them (the SQL has one VALUES tuple per row).
  const std::vector<row_type>& rows() const noexcept { return rows_; }

  /// The number of bound values: one per column per row.
  std::size_t param_count() const { return rows_.size() * sizeof...(Columns); }

  /// Calls f(value) for each bound value, row by row, in $n order.
  template <class F>
  void bind(F&& f) const {
    for (const auto& row : rows_) std::apply([&f](const auto&... value) { (f(value), ...); }, row);
  }

 private:
  struct prefix {
    static constexpr void render(sql_writer& w) {
      w << "INSERT INTO ";
      identity::render_reference(w);
      w << " (";
      detail::render_column_names<Columns...>(w);
      w << ") VALUES ";
    }
  };

  static rendered_sql render(std::size_t row_count) {
    std::string text(sql_of<prefix>.view());
    detail::render_appending(text, 1, [row_count](sql_writer& w) {
      for (std::size_t row = 0; row < row_count; ++row) {
        w << (row == 0 ? "(" : ", (");
        for (std::size_t column = 0; column < sizeof...(Columns); ++column) {
          if (column != 0) w << ", ";
          w.placeholder();
        }
        w << ')';
      }
    });
    return rendered_sql(std::move(text));
  }
};

namespace detail {

template <class Column, class Value>
constexpr void check_row_value() {
  using column_type = typename Column::sql_type;
  using value_type = nullable_base_t<Value>;
  static_assert(
      row_value_fits_column<typename Column::description, sql_type_name<column_type>,
                            sql_type_name<value_type>, assignable_types<column_type, value_type>()>,
      "values(): a row value does not fit its column's type");
  static_assert(column_accepts_null < typename Column::description,
                Column::is_nullable || !is_optional_v < Value >>,
                "values(): a std::optional value goes into a NOT NULL column");
}

template <class Table, class... Columns, class Rows, std::size_t... I>
auto make_multi_row_insert(const Rows& range, std::index_sequence<I...>) {
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  using row = std::tuple<parameter_storage_t<std::tuple_element_t<I, element>>...>;
  (check_row_value<Columns, std::tuple_element_t<I, row>>(), ...);
  std::vector<row> rows;
  if constexpr (std::ranges::sized_range<const Rows&>) rows.reserve(std::ranges::size(range));
  for (const auto& values : range) rows.emplace_back(std::get<I>(values)...);
  return insert_multi_row_query<Table, row, Columns...>(std::move(rows));
}

}  // namespace detail

template <class Table, class... Columns>
template <std::ranges::input_range Rows>
auto insert_columns<Table, Columns...>::values(const Rows& rows) const {
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  static_assert(std::tuple_size_v<element> == sizeof...(Columns),
                "values(): each row must be a tuple with one value per listed column");
  return detail::make_multi_row_insert<Table, Columns...>(rows,
                                                          std::index_sequence_for<Columns...>{});
}

}  // namespace pgdsl
