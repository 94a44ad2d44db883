// ON CONFLICT for INSERT: .on_conflict(cols...).do_nothing() or .do_update(col = excluded(col),
// ...), and .on_conflict_do_nothing() without a conflict target.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/statement/assignment_list.hpp"
#include "pgdsl/statement/clause.hpp"

namespace pgdsl {

/// excluded."column": the value the conflicting INSERT proposed, inside DO UPDATE.
template <class Column>
struct excluded_column : expression_ops<excluded_column<Column>> {
  using sql_type = typename Column::sql_type;
  using tables = type_list<>;
  using params = type_list<>;
  using description = typename Column::description;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Column::is_nullable;

  static constexpr void render(sql_writer& w) {
    w << "\"excluded\".";
    w.identifier(Column::name.view());
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// excluded(users.email) renders "excluded"."email".
template <class Column>
requires column_type<Column>
constexpr auto excluded(const Column&) {
  return excluded_column<Column>{};
}

/// ON CONFLICT [(targets)] DO NOTHING | DO UPDATE SET assignments.
template <class Targets, class Action>
struct conflict_clause {
  Action action;

  using tables = typename Action::tables;
  using params = typename Action::params;

  static constexpr void render(sql_writer& w) {
    w << " ON CONFLICT";
    render_targets(w, Targets{});
    Action::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    action.bind(f);
  }

 private:
  template <class... Columns>
  static constexpr void render_targets(sql_writer& w, type_list<Columns...>) {
    if constexpr (sizeof...(Columns) > 0) {
      w << " (";
      detail::render_column_names<Columns...>(w);
      w << ')';
    }
  }
};

/// The SET list of DO UPDATE.
template <class... Assignments>
using do_update_action = keyword_clause<" DO UPDATE SET ", item_list<Assignments...>>;
using do_nothing_action = text_clause<" DO NOTHING">;

/// INSERT ... ON CONFLICT (targets) waiting for its action.
template <class Query, class... Targets>
struct pending_conflict {
  Query query;

  constexpr auto do_nothing() && {
    return std::move(query).with_conflict(
        conflict_clause<type_list<Targets...>, do_nothing_action>{});
  }
  template <class... Assignments>
  constexpr auto do_update(Assignments&&... assignments) && {
    static_assert(sizeof...(Targets) > 0,
                  "ON CONFLICT DO UPDATE needs conflict target columns: .on_conflict(column, ...)");
    static_assert(sizeof...(Assignments) > 0, "do_update() needs at least one assignment");
    detail::check_assignments<typename Query::target_table, std::remove_cvref_t<Assignments>...>();
    using action = do_update_action<std::remove_cvref_t<Assignments>...>;
    return std::move(query).with_conflict(conflict_clause<type_list<Targets...>, action>{
        action{make_item_list(std::forward<Assignments>(assignments)...)}});
  }
};

}  // namespace pgdsl
