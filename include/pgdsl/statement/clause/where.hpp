// SPDX-License-Identifier: BSL-1.0
// WHERE, shared by SELECT, UPDATE and DELETE. UPDATE and DELETE start from where_required: without
// .where() they must say .all_rows(), or their SQL does not compile.
#pragma once

#include <utility>

#include "pgdsl/expr/logical.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl {

namespace detail {

struct where_slot {};

/// Keyword followed by a condition checked to be boolean: WHERE, HAVING.
template <fixed_string Keyword, class Condition>
constexpr auto condition_clause(Condition&& condition) {
  auto operand = to_operand(std::forward<Condition>(condition));
  check_boolean<decltype(operand)>();
  return keyword_clause<Keyword, decltype(operand)>{std::move(operand)};
}

/// An empty WHERE slot (SELECT: optional).
struct no_where {
  using slot = where_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// An empty WHERE slot that must be filled, by .where() or .all_rows(), before the statement's SQL
/// is used (the statement checks it). Kind is update_statement or delete_statement.
template <class Kind>
struct where_required : no_where {
  using unfilled_where = Kind;
};

/// WHERE condition.
template <class Condition>
struct where_clause : keyword_clause<" WHERE ", Condition> {
  using slot = where_slot;
};

/// Marks a statement that affects every row on purpose.
struct all_rows_clause : no_where {};

template <class Statement>
struct clause_methods<no_where, Statement> {
  /// WHERE condition: one boolean expression (combine several with &&).
  template <class Condition>
  [[nodiscard]] constexpr auto where(Condition&& condition) && {
    auto clause = condition_clause<" WHERE ">(std::forward<Condition>(condition));
    using content = decltype(clause.content);
    return replace_clause<where_slot>(moved<Statement>(*this),
                                      where_clause<content>{{std::move(clause.content)}});
  }
  template <class Condition>
  [[nodiscard]] constexpr auto where(Condition&& condition) const& {
    return copied<Statement>(*this).where(std::forward<Condition>(condition));
  }
};

template <class Kind, class Statement>
struct clause_methods<where_required<Kind>, Statement> : clause_methods<no_where, Statement> {
  /// Every row of the table, on purpose (instead of .where()).
  [[nodiscard]] constexpr auto all_rows() && {
    return replace_clause<where_slot>(moved<Statement>(*this), all_rows_clause{});
  }
  [[nodiscard]] constexpr auto all_rows() const& { return copied<Statement>(*this).all_rows(); }
};

template <class Condition, class Statement>
struct clause_methods<where_clause<Condition>, Statement> {
  template <class... A, bool Allowed = false>
  misuse where(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>,
                  "WHERE is already set: combine conditions with && in one .where()");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse all_rows(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>,
                  "WHERE is already set: .all_rows() would drop it");
    return {};
  }
};

template <class Statement>
struct clause_methods<all_rows_clause, Statement> {
  template <class... A, bool Allowed = false>
  misuse where(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>,
                  "WHERE after .all_rows(): the statement already affects every row; drop one");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse all_rows(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>, ".all_rows() is already set");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl
