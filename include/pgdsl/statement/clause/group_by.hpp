// SPDX-License-Identifier: BSL-1.0
// GROUP BY and HAVING, SELECT's grouping clauses.
#pragma once

#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/statement/clause/where.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl {

/// The condition of the grouping-key rule: names the key's SQL type.
template <class KeyType, bool Holds>
inline constexpr bool group_key_has_a_column = Holds;

namespace detail {

/// A key without a column puts every row in one group: a bound value is sent as $n.
template <class Key>
constexpr void check_group_key() {
  static_assert(group_key_has_a_column<sql_type_name<sql_type_t<Key>>, Key::tables::size != 0>,
                "GROUP BY key has no column: a bound value is sent as $n and makes one group of "
                "every row; group by a column, e.g. .group_by(orders.user_id)");
}

struct group_by_slot {};
struct having_slot {};

struct no_group_by {
  using slot = group_by_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// GROUP BY expressions.
template <class... Keys>
struct group_by_clause : keyword_clause<" GROUP BY ", item_list<Keys...>> {
  using slot = group_by_slot;
};

struct no_having {
  using slot = having_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// HAVING condition.
template <class Condition>
struct having_clause : keyword_clause<" HAVING ", Condition> {
  using slot = having_slot;
};

template <class Statement>
struct clause_methods<no_group_by, Statement> {
  /// GROUP BY expressions, all in one call.
  template <class... Keys>
  [[nodiscard]] constexpr auto group_by(Keys&&... keys) && {
    (check_group_key<operand_t<Keys>>(), ...);
    using clause = group_by_clause<operand_t<Keys>...>;
    return replace_clause<group_by_slot>(
        moved<Statement>(*this), clause{{make_item_list(to_operand(std::forward<Keys>(keys))...)}});
  }
  template <class... Keys>
  [[nodiscard]] constexpr auto group_by(Keys&&... keys) const& {
    return copied<Statement>(*this).group_by(std::forward<Keys>(keys)...);
  }
};

template <class... Keys, class Statement>
struct clause_methods<group_by_clause<Keys...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse group_by(A&&...) const {
    static_assert(clause_can_be_added<group_by_slot, Allowed>,
                  "GROUP BY is already set: list every expression in one .group_by()");
    return {};
  }
};

template <class Statement>
struct clause_methods<no_having, Statement> {
  /// HAVING condition: a boolean expression over groups.
  template <class Condition>
  [[nodiscard]] constexpr auto having(Condition&& condition) && {
    auto clause = condition_clause<" HAVING ">(std::forward<Condition>(condition));
    using content = decltype(clause.content);
    return replace_clause<having_slot>(moved<Statement>(*this),
                                       having_clause<content>{{std::move(clause.content)}});
  }
  template <class Condition>
  [[nodiscard]] constexpr auto having(Condition&& condition) const& {
    return copied<Statement>(*this).having(std::forward<Condition>(condition));
  }
};

template <class Condition, class Statement>
struct clause_methods<having_clause<Condition>, Statement> {
  template <class... A, bool Allowed = false>
  misuse having(A&&...) const {
    static_assert(clause_can_be_added<having_slot, Allowed>,
                  "HAVING is already set: combine conditions with && in one .having()");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl
