// SPDX-License-Identifier: BSL-1.0
// Multi-row INSERT from a run-time range: insert_into(t).columns(a, b).values(rows), optionally
// with ON CONFLICT (before or after values(): a bulk upsert). A statement whose length is only
// known at run time: its SQL is rendered when values() builds it, by the same writer as every
// static statement ($n numbered row by row, left to right, then the ON CONFLICT clause's), and read
// as q.sql.
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

/// INSERT INTO table (columns) VALUES (...), (...), ... [ON CONFLICT ...] with the rows stored by
/// value. Row is a std::tuple of the values' parameter types: the server converts them to the
/// columns' types (as for every parameter), so a value out of a column's range is an error, never
/// truncated here. Conflict is the ON CONFLICT clause (detail::no_conflict: none). Its SQL is
/// rendered once, when values() builds it: q.sql, as for every other statement.
template <class Table, class Row, class Conflict, class... Columns>
class insert_multi_row_query
    : public detail::clause_methods<Conflict,
                                    insert_multi_row_query<Table, Row, Conflict, Columns...>> {
 public:
  using row_type = Row;
  using identity = typename Table::table_identity;
  using result_columns = type_list<>;

  explicit insert_multi_row_query(std::vector<row_type> rows, Conflict conflict = {})
      : rows_(std::move(rows)), conflict_(std::move(conflict)), sql(render(rows_.size())) {}

 private:
  std::vector<row_type> rows_;
  Conflict conflict_;

 public:
  /// The SQL text: INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4).
  const rendered_sql sql;

  /// The rows, as values() copied them (the SQL has one VALUES tuple per row).
  const std::vector<row_type>& rows() const noexcept { return rows_; }

  /// The number of bound values: one per column per row, then the ON CONFLICT clause's.
  std::size_t param_count() const {
    return rows_.size() * sizeof...(Columns) + detail::clause_params<Conflict>().size;
  }

  /// Calls f(value) for each bound value, row by row, then the ON CONFLICT clause's, in $n order.
  template <class F>
  void bind(F&& f) const {
    for (const auto& row : rows_) std::apply([&f](const auto&... value) { (f(value), ...); }, row);
    conflict_.bind(f);
  }

  /// What on_conflict(...) builds: the same rows with that clause (replace_clause).
  template <class Slot, class New>
  [[nodiscard]] auto with_clause(New&& conflict) && {
    return insert_multi_row_query<Table, Row, std::remove_cvref_t<New>, Columns...>(
        std::move(rows_), std::forward<New>(conflict));
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
      Conflict::render(w);
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

template <class Table, class... Columns, class Rows, class Conflict, std::size_t... I>
auto make_multi_row_insert(const Rows& range, Conflict conflict, std::index_sequence<I...>) {
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  using row = std::tuple<parameter_storage_t<std::tuple_element_t<I, element>>...>;
  (check_row_value<Columns, std::tuple_element_t<I, row>>(), ...);
  std::vector<row> rows;
  if constexpr (std::ranges::sized_range<const Rows&>) rows.reserve(std::ranges::size(range));
  for (const auto& values : range) rows.emplace_back(std::get<I>(values)...);
  return insert_multi_row_query<Table, row, Conflict, Columns...>(std::move(rows),
                                                                   std::move(conflict));
}

template <class Table, class... Columns, class Rows, class Conflict>
auto make_multi_row_insert(const Rows& rows, Conflict conflict) {
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  static_assert(std::tuple_size_v<element> == sizeof...(Columns),
                "values(): each row must be a tuple with one value per listed column");
  return make_multi_row_insert<Table, Columns...>(rows, std::move(conflict),
                                                  std::index_sequence_for<Columns...>{});
}

/// insert_into(t).columns(...).on_conflict(...)...: the column list whose statements all carry
/// that ON CONFLICT clause (what db.insert_rows() takes for a bulk upsert).
template <class Table, class Conflict, class... Columns>
struct insert_columns_on_conflict
    : clause_methods<Conflict, insert_columns_on_conflict<Table, Conflict, Columns...>> {
  Conflict conflict;

  explicit insert_columns_on_conflict(Conflict c) : conflict(std::move(c)) {}

  /// Multi-row VALUES with the ON CONFLICT clause.
  template <std::ranges::input_range Rows>
  [[nodiscard]] auto values(const Rows& rows) const {
    return make_multi_row_insert<Table, Columns...>(rows, conflict);
  }
};

}  // namespace detail

template <class Table, class... Columns>
template <std::ranges::input_range Rows>
auto insert_columns<Table, Columns...>::values(const Rows& rows) const {
  return detail::make_multi_row_insert<Table, Columns...>(rows, detail::no_conflict<Table>{});
}

template <class Table, class... Columns>
template <class Slot, class Conflict>
auto insert_columns<Table, Columns...>::with_clause(Conflict&& conflict) && {
  return detail::insert_columns_on_conflict<Table, std::remove_cvref_t<Conflict>, Columns...>(
      std::forward<Conflict>(conflict));
}

}  // namespace pgdsl
