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
#include "pgdsl/statement/assignment_list.hpp"
#include "pgdsl/statement/clause.hpp"
#include "pgdsl/statement/on_conflict.hpp"
#include "pgdsl/statement/returning.hpp"
#include "pgdsl/statement/scope_check.hpp"

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

/// An INSERT statement into Table (a table struct) with rows from Source.
template <class Table, class Source, class Conflict, class Returning>
struct insert_query {
  Source source;
  Conflict conflict;
  Returning returning_list;

  using target_table = Table;
  using identity = typename Table::table_identity;
  using params =
      concat_t<typename Source::params, typename Conflict::params, typename Returning::params>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using result_columns = returning_columns_t<Returning>;
  // VALUES sees no table; ON CONFLICT and RETURNING see the target table.
  using outer_tables =
      concat_t<typename Source::tables,
               difference_t<concat_t<typename Conflict::tables, typename Returning::tables>,
                            type_list<identity>>>;

  static constexpr sql_text<insert_query> sql{};

  static constexpr void render(sql_writer& w) {
    w << "INSERT INTO ";
    identity::render_reference(w);
    Source::render(w);
    Conflict::render(w);
    Returning::render(w);
  }
  template <class F>
  constexpr void bind(F&& f) const {
    detail::bind_all(f, source, conflict, returning_list);
  }
  static constexpr void check_complete() { detail::check_scope<outer_tables>(); }

  /// ON CONFLICT (columns): follow with .do_nothing() or .do_update(...).
  template <class... Columns>
  constexpr auto on_conflict(const Columns&...) && {
    static_assert(is_empty_clause<Conflict>, "ON CONFLICT is already set");
    (detail::static_assert_belongs<Columns, identity>(), ...);
    return pending_conflict<insert_query, Columns...>{std::move(*this)};
  }
  /// ON CONFLICT DO NOTHING, whatever the conflict.
  constexpr auto on_conflict_do_nothing() && {
    static_assert(is_empty_clause<Conflict>, "ON CONFLICT is already set");
    return std::move(*this).with_conflict(conflict_clause<type_list<>, do_nothing_action>{});
  }
  /// RETURNING items: the statement then yields rows.
  template <class... Items>
  constexpr auto returning(Items&&... items) && {
    static_assert(is_empty_clause<Returning>, "RETURNING is already set");
    auto list = detail::make_returning(std::forward<Items>(items)...);
    return insert_query<Table, Source, Conflict, decltype(list)>{
        std::move(source), std::move(conflict), std::move(list)};
  }
  /// A copy of this statement (what the lvalue forms of the builders start from).
  constexpr insert_query copy() const { return *this; }
  // The same builders on an lvalue statement build from a copy and leave it as it was.
  template <class... A>
  constexpr auto on_conflict(A&&... a) const& {
    return copy().on_conflict(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto on_conflict_do_nothing(A&&... a) const& {
    return copy().on_conflict_do_nothing(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto returning(A&&... a) const& {
    return copy().returning(std::forward<A>(a)...);
  }

  template <class New>
  constexpr auto with_conflict(New&& clause) && {
    return insert_query<Table, Source, std::remove_cvref_t<New>, Returning>{
        std::move(source), std::forward<New>(clause), std::move(returning_list)};
  }
};

namespace detail {
template <class Table, class Source>
using new_insert_query = insert_query<Table, Source, no_clause, no_clause>;
}  // namespace detail

template <class Table, class... Columns>
struct insert_columns;

/// insert_into(table): choose where the rows come from.
template <class Table>
struct insert_target {
  /// VALUES from column assignments: set(users.name = "bob", users.email = email).
  template <class... Assignments>
  constexpr auto set(Assignments&&... assignments) const {
    static_assert(sizeof...(Assignments) > 0,
                  "set() needs at least one assignment; use .default_values() for none");
    detail::check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    detail::check_required_columns<
        Table, type_list<typename std::remove_cvref_t<Assignments>::column...>>();
    return detail::new_insert_query<Table, values_clause<std::remove_cvref_t<Assignments>...>>{
        {detail::pack<std::remove_cvref_t<Assignments>...>(
            std::forward<Assignments>(assignments)...)},
        {},
        {}};
  }
  /// DEFAULT VALUES: every column takes its default.
  constexpr auto default_values() const {
    detail::check_required_columns<Table, type_list<>>();
    return detail::new_insert_query<Table, text_clause<" DEFAULT VALUES">>{};
  }
  /// The columns that .select(query) or .values(rows) fill, in order.
  template <class... Columns>
  constexpr auto columns(const Columns&...) const {
    static_assert(sizeof...(Columns) > 0, "columns() needs at least one column");
    (detail::static_assert_belongs<Columns, typename Table::table_identity>(), ...);
    detail::check_required_columns<Table, type_list<Columns...>>();
    return insert_columns<Table, Columns...>{};
  }
};

/// The condition of the INSERT ... SELECT rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool selected_value_fits_column = Holds;

template <class Table, class Row, class... Columns>
struct insert_multi_row_query;

/// insert_into(t).columns(...): rows from .select(query) or .values(range).
template <class Table, class... Columns>
struct insert_columns {
  /// INSERT INTO t (columns) SELECT ...
  template <class Query>
  requires detail::is_select_query<std::remove_cvref_t<Query>>
  constexpr auto select(Query&& query) const {
    using selected = typename std::remove_cvref_t<Query>::result_columns;
    static_assert(selected::size == sizeof...(Columns),
                  "INSERT ... SELECT: the query must select one value per listed column");
    if constexpr (selected::size == sizeof...(Columns)) check_selected(selected{});
    return detail::new_insert_query<Table,
                                    insert_select_clause<std::remove_cvref_t<Query>, Columns...>>{
        {std::forward<Query>(query)}, {}, {}};
  }
  /// Multi-row VALUES, one row per element of `rows` (tuples of the columns' values); defined in
  /// statement/insert_rows.hpp.
  template <std::ranges::input_range Rows>
  auto values(const Rows& rows) const;

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
                                             assignable_types<column_type, value_type>()>,
                  "INSERT ... SELECT: a selected value does not fit its column's type");
  }
};

/// INSERT INTO table: start of an INSERT statement.
template <table_type Table>
constexpr auto insert_into(const Table&) {
  return insert_target<Table>{};
}

}  // namespace pgdsl
