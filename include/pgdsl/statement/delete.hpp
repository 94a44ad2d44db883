// DELETE: delete_from(t) then .using_(...), .where(...) or .all_rows(), and .returning(...).
// A DELETE without WHERE must say .all_rows(), or it does not compile.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/logical.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/statement/clause.hpp"
#include "pgdsl/statement/from.hpp"
#include "pgdsl/statement/returning.hpp"
#include "pgdsl/statement/scope_check.hpp"
#include "pgdsl/statement/update.hpp"

namespace pgdsl {

/// USING tables (DELETE's FROM list).
template <class... Entries>
struct using_clause {
  using scope = typename from_clause<Entries...>::scope;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) {
    w << " USING ";
    detail::render_list<Entries...>(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// DELETE FROM Table [USING Using] [WHERE Where] [RETURNING Returning].
template <class Table, class Using, class Where, class Returning>
struct delete_query {
  Using using_list;
  Where condition;
  Returning returning_list;

  using target_table = Table;
  using identity = typename Table::table_identity;
  using params =
      concat_t<typename Using::params, typename Where::params, typename Returning::params>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using result_columns = returning_columns_t<Returning>;
  using scope = concat_t<type_list<identity>, typename Using::scope>;
  using outer_tables =
      difference_t<concat_t<typename Where::tables, typename Returning::tables>, scope>;

  static constexpr sql_text<delete_query> sql{};

  static constexpr void render(sql_writer& w) {
    w << "DELETE FROM ";
    identity::render_reference(w);
    Using::render(w);
    Where::render(w);
    Returning::render(w);
  }
  template <class F>
  constexpr void bind(F&& f) const {
    detail::bind_all(f, using_list, condition, returning_list);
  }
  static constexpr void check_complete() {
    static_assert(has_where_or_all_rows<delete_statement, !is_empty_clause<Where>>,
                  "DELETE without WHERE removes every row: add .where(condition), or say "
                  ".all_rows() if that is what you mean");
    detail::check_scope<outer_tables>();
  }

  /// USING other tables (joined through the WHERE condition).
  template <table_type... Tables>
  constexpr auto using_(const Tables&...) && {
    static_assert(is_empty_clause<Using>, "USING is already set");
    return make(using_clause<from_item<identity_of<Tables>>...>{}, std::move(condition),
                std::move(returning_list));
  }
  template <class Condition>
  constexpr auto where(Condition&& c) && {
    static_assert(is_empty_clause<Where>,
                  "WHERE is already set (or .all_rows() was given): combine conditions with &&");
    auto operand = to_operand(std::forward<Condition>(c));
    detail::check_boolean<decltype(operand)>();
    return make(std::move(using_list),
                keyword_clause<" WHERE ", decltype(operand)>{std::move(operand)},
                std::move(returning_list));
  }
  /// Every row of the table, on purpose.
  constexpr auto all_rows() && {
    static_assert(is_empty_clause<Where>, "WHERE is already set");
    return make(std::move(using_list), all_rows_clause{}, std::move(returning_list));
  }
  template <class... Items>
  constexpr auto returning(Items&&... items) && {
    static_assert(is_empty_clause<Returning>, "RETURNING is already set");
    return make(std::move(using_list), std::move(condition),
                detail::make_returning(std::forward<Items>(items)...));
  }

  /// A copy of this statement (what the lvalue forms of the builders start from).
  constexpr delete_query copy() const { return *this; }
  // The same builders on an lvalue statement build from a copy and leave it as it was.
  template <class... A>
  constexpr auto using_(A&&... a) const& {
    return copy().using_(std::forward<A>(a)...);
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
  template <class U, class W, class R>
  static constexpr auto make(U&& u, W&& w, R&& r) {
    return delete_query<Table, std::remove_cvref_t<U>, std::remove_cvref_t<W>,
                        std::remove_cvref_t<R>>{std::forward<U>(u), std::forward<W>(w),
                                                std::forward<R>(r)};
  }
};

/// DELETE FROM table: start of a DELETE statement.
template <table_type Table>
constexpr auto delete_from(const Table&) {
  return delete_query<Table, no_clause, no_clause, no_clause>{};
}

}  // namespace pgdsl
