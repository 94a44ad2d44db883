// UPDATE: update(t).set(col = value, ...) then .from(...), .where(...) or .all_rows(), and
// .returning(...). An UPDATE without WHERE must say .all_rows(), or it does not compile.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/logical.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/statement/assignment_list.hpp"
#include "pgdsl/statement/clause.hpp"
#include "pgdsl/statement/from.hpp"
#include "pgdsl/statement/returning.hpp"
#include "pgdsl/statement/scope_check.hpp"

namespace pgdsl {

/// The condition of the whole-table rule for UPDATE and DELETE.
template <class Statement, bool Holds>
inline constexpr bool has_where_or_all_rows = Holds;
struct update_statement {};
struct delete_statement {};

/// Marks a statement that affects every row on purpose.
struct all_rows_clause {
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// UPDATE Table SET Set [FROM From] [WHERE Where] [RETURNING Returning].
template <class Table, class Set, class From, class Where, class Returning>
struct update_query {
  Set set_list;
  From from_list;
  Where condition;
  Returning returning_list;

  using target_table = Table;
  using identity = typename Table::table_identity;
  using params = concat_t<typename Set::params, typename From::params, typename Where::params,
                          typename Returning::params>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using result_columns = returning_columns_t<Returning>;
  using scope = concat_t<type_list<identity>, typename From::scope>;
  using outer_tables = difference_t<concat_t<typename Set::tables, typename From::tables,
                                             typename Where::tables, typename Returning::tables>,
                                    scope>;

  static constexpr sql_text<update_query> sql{};

  static constexpr void render(sql_writer& w) {
    w << "UPDATE ";
    identity::render_reference(w);
    w << " SET ";
    Set::render(w);
    if constexpr (!is_empty_clause<From>) {
      // FROM of UPDATE lists other tables: reuse the FROM clause's rendering.
      From::render(w);
    }
    Where::render(w);
    Returning::render(w);
  }
  template <class F>
  constexpr void bind(F&& f) const {
    detail::bind_all(f, set_list, from_list, condition, returning_list);
  }
  static constexpr void check_complete() {
    static_assert(has_where_or_all_rows<update_statement, !is_empty_clause<Where>>,
                  "UPDATE without WHERE changes every row: add .where(condition), or say "
                  ".all_rows() if that is what you mean");
    detail::check_scope<outer_tables>();
  }

  /// FROM other tables (joined through the WHERE condition).
  template <table_type... Tables>
  constexpr auto from(const Tables&... tables) && {
    static_assert(is_empty_clause<From>, "FROM is already set");
    return make(std::move(set_list), make_from(tables...), std::move(condition),
                std::move(returning_list));
  }
  template <class Condition>
  constexpr auto where(Condition&& c) && {
    static_assert(is_empty_clause<Where>,
                  "WHERE is already set (or .all_rows() was given): combine conditions with &&");
    auto operand = to_operand(std::forward<Condition>(c));
    detail::check_boolean<decltype(operand)>();
    return make(std::move(set_list), std::move(from_list),
                keyword_clause<" WHERE ", decltype(operand)>{std::move(operand)},
                std::move(returning_list));
  }
  /// Every row of the table, on purpose.
  constexpr auto all_rows() && {
    static_assert(is_empty_clause<Where>, "WHERE is already set");
    return make(std::move(set_list), std::move(from_list), all_rows_clause{},
                std::move(returning_list));
  }
  template <class... Items>
  constexpr auto returning(Items&&... items) && {
    static_assert(is_empty_clause<Returning>, "RETURNING is already set");
    return make(std::move(set_list), std::move(from_list), std::move(condition),
                detail::make_returning(std::forward<Items>(items)...));
  }

  /// A copy of this statement (what the lvalue forms of the builders start from).
  constexpr update_query copy() const { return *this; }
  // The same builders on an lvalue statement build from a copy and leave it as it was.
  template <class... A>
  constexpr auto from(A&&... a) const& {
    return copy().from(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto where(A&&... a) const& {
    return copy().where(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto all_rows(A&&... a) const& {
    return copy().all_rows(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto returning(A&&... a) const& {
    return copy().returning(std::forward<A>(a)...);
  }

 private:
  template <class S, class F, class W, class R>
  static constexpr auto make(S&& s, F&& f, W&& w, R&& r) {
    return update_query<Table, std::remove_cvref_t<S>, std::remove_cvref_t<F>,
                        std::remove_cvref_t<W>, std::remove_cvref_t<R>>{
        std::forward<S>(s), std::forward<F>(f), std::forward<W>(w), std::forward<R>(r)};
  }
};

/// update(table): choose the assignments with .set(...).
template <class Table>
struct update_target {
  template <class... Assignments>
  constexpr auto set(Assignments&&... assignments) const {
    static_assert(sizeof...(Assignments) > 0, "set() needs at least one assignment");
    detail::check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    using list = item_list<std::remove_cvref_t<Assignments>...>;
    return update_query<Table, list, no_clause, no_clause, no_clause>{
        make_item_list(std::forward<Assignments>(assignments)...), {}, {}, {}};
  }
};

/// UPDATE table: start of an UPDATE statement.
template <table_type Table>
constexpr auto update(const Table&) {
  return update_target<Table>{};
}

}  // namespace pgdsl
