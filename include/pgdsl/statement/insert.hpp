// SPDX-License-Identifier: BSL-1.0
// INSERT: insert_into(t).set(col = value, ...), .default_values(), .columns(cols...).select(query)
// or .columns(cols...).values(range) (multi-row, rendered at run time), then optionally
// .on_conflict(...) and .returning(...). Leaving out a NOT NULL column without a default does not
// compile.
#pragma once

#include <cstddef>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/view.hpp"
#include "pgdsl/statement/assignment_list.hpp"
#include "pgdsl/statement/clause/on_conflict.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/statement/optional_part.hpp"

namespace pgdsl {

/// ("a", "b") VALUES ($1, $2), from set(a = ..., b = ...).
template <class... Assignments>
struct values_clause {
  detail::pack<Assignments...> assignments;

  using tables = concat_t<typename Assignments::tables...>;
  using params = concat_t<typename Assignments::params...>;

  static constexpr void render(sql_writer& w) {
    w << " (";
    render_each(w, [](sql_writer& out, auto a) { decltype(a)::type::render_target(out); });
    w << ") VALUES (";
    render_each(w, [](sql_writer& out, auto a) { decltype(a)::type::render_value(out); });
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    assignments.for_each([&f](const auto& a) { a.bind(f); });
  }

 private:
  template <class T>
  struct tag {
    using type = T;
  };
  template <class Render>
  static constexpr void render_each(sql_writer& w, Render render) {
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), render(w, tag<Assignments>{})), ...);
  }
};

/// (columns) followed by a SELECT.
template <class Query, class... Columns>
struct insert_select_clause {
  Query query;

  using tables = typename Query::outer_tables;
  using params = typename Query::params;

  static constexpr void render(sql_writer& w) {
    w << " (";
    detail::render_column_names<Columns...>(w);
    w << ") ";
    Query::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

namespace detail {

struct insert_head_slot {};

/// INSERT INTO Table followed by where its rows come from: the head of an INSERT statement.
/// VALUES sees no table; ON CONFLICT and RETURNING see the target table.
template <class Table, class Source>
struct insert_head {
  Source source;

  using slot = insert_head_slot;
  using target_table = Table;
  using identity = typename Table::table_identity;
  using scope = type_list<identity>;
  using unscoped_tables = typename Source::tables;
  using params = typename Source::params;

  static constexpr void render(sql_writer& w) {
    w << "INSERT INTO ";
    identity::render_reference(w);
    Source::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    source.bind(f);
  }
};

template <class Table, class Source>
constexpr auto new_insert_query(Source&& source) {
  using head = insert_head<Table, std::remove_cvref_t<Source>>;
  return statement<head, no_conflict<Table>, no_returning>(head{std::forward<Source>(source)}, {},
                                                           {});
}

}  // namespace detail

template <class Table, class... Columns>
struct insert_columns;

/// insert_into(table): choose where the rows come from.
template <class Table>
struct insert_target {
  /// VALUES from column assignments: set(users.name = "bob", users.email = email).
  template <class... Assignments>
  requires(!(detail::is_optional_part<std::remove_cvref_t<Assignments>> || ...))
  [[nodiscard]] constexpr auto set(Assignments&&... assignments) const {
    static_assert(sizeof...(Assignments) > 0,
                  "set() needs at least one assignment; use .default_values() for none");
    detail::check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    detail::check_required_columns<
        Table, type_list<typename std::remove_cvref_t<Assignments>::column...>>();
    return detail::new_insert_query<Table>(values_clause<std::remove_cvref_t<Assignments>...>{
        detail::pack<std::remove_cvref_t<Assignments>...>(
            std::forward<Assignments>(assignments)...)});
  }
  /// With an assignment present only at run time (pgdsl::when(request.note, ...)): a dynamic
  /// INSERT listing the present columns. Defined in dynamic/dynamic_insert.hpp.
  template <class... Parts>
  requires(detail::is_optional_part<std::remove_cvref_t<Parts>> || ...)
  [[nodiscard]] auto set(Parts&&... parts) const;
  /// DEFAULT VALUES: every column takes its default.
  [[nodiscard]] constexpr auto default_values() const {
    detail::check_required_columns<Table, type_list<>>();
    return detail::new_insert_query<Table>(detail::text_clause<" DEFAULT VALUES">{});
  }
  /// The columns that .select(query) or .values(rows) fill, in order.
  template <class... Columns>
  [[nodiscard]] constexpr auto columns(const Columns&...) const {
    static_assert(sizeof...(Columns) > 0, "columns() needs at least one column");
    (detail::static_assert_belongs<Columns, typename Table::table_identity>(), ...);
    detail::check_required_columns<Table, type_list<Columns...>>();
    return insert_columns<Table, Columns...>{};
  }
};

/// The condition of the INSERT ... SELECT rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool selected_value_fits_column = Holds;

/// insert_into(t).columns(...): rows from .select(query) or .values(range); .on_conflict(...) here
/// gives every statement that values() (and db.insert_rows()) builds from it that clause.
template <class Table, class... Columns>
struct insert_columns : detail::clause_methods<detail::no_conflict<Table>, insert_columns<Table, Columns...>> {
  /// INSERT INTO t (columns) SELECT ...
  template <class Query>
  requires detail::is_select_query<std::remove_cvref_t<Query>>
  [[nodiscard]] constexpr auto select(Query&& query) const {
    using selected = typename std::remove_cvref_t<Query>::result_columns;
    static_assert(selected::size == sizeof...(Columns),
                  "INSERT ... SELECT: the query must select one value per listed column");
    if constexpr (selected::size == sizeof...(Columns)) check_selected(selected{});
    return detail::new_insert_query<Table>(
        insert_select_clause<std::remove_cvref_t<Query>, Columns...>{std::forward<Query>(query)});
  }
  /// Multi-row VALUES, one row per element of `rows` (tuples of the columns' values); defined in
  /// statement/insert_rows.hpp.
  template <std::ranges::input_range Rows>
  [[nodiscard]] auto values(const Rows& rows) const;
  /// What on_conflict(...) builds (replace_clause); defined in statement/insert_rows.hpp.
  template <class Slot, class Conflict>
  [[nodiscard]] auto with_clause(Conflict&& conflict) &&;

 private:
  template <class... Selected>
  static constexpr void check_selected(type_list<Selected...>) {
    (check_one<Columns, Selected>(), ...);
  }
  template <class Column, class Selected>
  static constexpr void check_one() {
    using column_type = typename Column::sql_type;
    using value_type = typename Selected::sql_type;
    static_assert(selected_value_fits_column<typename Column::description,
                                             sql_type_name<column_type>, sql_type_name<value_type>,
                                             detail::assignable_types<column_type, value_type>()>,
                  "INSERT ... SELECT: a selected value does not fit its column's type");
  }
};

/// INSERT INTO table: start of an INSERT statement.
template <table_type Table>
[[nodiscard]] constexpr auto insert_into(const Table&) {
  detail::check_not_a_view<Table>();
  return insert_target<Table>{};
}

}  // namespace pgdsl
