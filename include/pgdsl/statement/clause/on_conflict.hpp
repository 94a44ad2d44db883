// SPDX-License-Identifier: BSL-1.0
// ON CONFLICT for INSERT: .on_conflict(cols...).do_nothing() or .do_update(col = excluded(col),
// ...), and .on_conflict_do_nothing() without a conflict target.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/render/lists.hpp"
#include "pgdsl/statement/assignment_list.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

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

namespace detail {

struct conflict_slot {};

/// ON CONFLICT [(targets)] DO NOTHING | DO UPDATE SET assignments.
template <class Targets, class Action>
struct conflict_clause {
  Action action;

  using slot = conflict_slot;
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
      render_column_names<Columns...>(w);
      w << ')';
    }
  }
};

/// The SET list of DO UPDATE.
template <class... Assignments>
using do_update_action = keyword_clause<" DO UPDATE SET ", item_list<Assignments...>>;
using do_nothing_action = text_clause<" DO NOTHING">;

/// An empty ON CONFLICT slot of an INSERT into Table.
template <class Table>
struct no_conflict {
  using slot = conflict_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// INSERT ... ON CONFLICT (targets) waiting for its action.
template <class Statement, class Table, class... Targets>
struct pending_conflict {
  Statement query;

  /// DO NOTHING: keep the existing row.
  [[nodiscard]] constexpr auto do_nothing() && {
    return replace_clause<conflict_slot>(
        std::move(query), conflict_clause<type_list<Targets...>, do_nothing_action>{});
  }
  /// DO UPDATE SET assignments (excluded(column) is the value the INSERT proposed).
  template <class... Assignments>
  [[nodiscard]] constexpr auto do_update(Assignments&&... assignments) && {
    static_assert(sizeof...(Targets) > 0,
                  "ON CONFLICT DO UPDATE needs conflict target columns: .on_conflict(column, ...)");
    static_assert(sizeof...(Assignments) > 0, "do_update() needs at least one assignment");
    check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    using action = do_update_action<std::remove_cvref_t<Assignments>...>;
    return replace_clause<conflict_slot>(
        std::move(query), conflict_clause<type_list<Targets...>, action>{
                              action{make_item_list(std::forward<Assignments>(assignments)...)}});
  }
};

template <class Table, class Statement>
struct clause_methods<no_conflict<Table>, Statement> {
  /// ON CONFLICT (columns): follow with .do_nothing() or .do_update(...).
  template <class... Columns>
  [[nodiscard]] constexpr auto on_conflict(const Columns&...) && {
    (static_assert_belongs<Columns, typename Table::table_identity>(), ...);
    return pending_conflict<Statement, Table, Columns...>{moved<Statement>(*this)};
  }
  template <class... Columns>
  [[nodiscard]] constexpr auto on_conflict(const Columns&... columns) const& {
    return copied<Statement>(*this).on_conflict(columns...);
  }
  /// ON CONFLICT DO NOTHING, whatever the conflict.
  [[nodiscard]] constexpr auto on_conflict_do_nothing() && {
    return replace_clause<conflict_slot>(moved<Statement>(*this),
                                         conflict_clause<type_list<>, do_nothing_action>{});
  }
  [[nodiscard]] constexpr auto on_conflict_do_nothing() const& {
    return copied<Statement>(*this).on_conflict_do_nothing();
  }
};

template <class Targets, class Action, class Statement>
struct clause_methods<conflict_clause<Targets, Action>, Statement> {
  template <class... A, bool Allowed = false>
  misuse on_conflict(A&&...) const {
    static_assert(clause_can_be_added<conflict_slot, Allowed>, "ON CONFLICT is already set");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse on_conflict_do_nothing(A&&...) const {
    static_assert(clause_can_be_added<conflict_slot, Allowed>, "ON CONFLICT is already set");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl
