// SPDX-License-Identifier: BSL-1.0
// GROUP BY and HAVING, SELECT's grouping clauses. A key is an expression, or a grouping set
// (ROLLUP / CUBE / GROUPING SETS, defined in pgdsl/aggregate/grouping_sets.hpp).
#pragma once

#include <type_traits>
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

/// A grouping set key (ROLLUP, CUBE, GROUPING SETS: pgdsl/aggregate/grouping_sets.hpp) names the
/// tables whose columns it may group away, which then read as NULL in some rows.
template <class Key>
concept grouping_set_key = requires {
  typename Key::rolled_up_tables;
};

/// A GROUP BY key as stored: a grouping set as given, anything else as an operand.
template <class Key>
constexpr auto group_key(Key&& key) {
  if constexpr (grouping_set_key<std::remove_cvref_t<Key>>)
    return std::remove_cvref_t<Key>(std::forward<Key>(key));
  else
    return to_operand(std::forward<Key>(key));
}
template <class Key>
using group_key_t = decltype(group_key(std::declval<Key>()));

template <class Key>
struct rolled_up_tables {
  using type = type_list<>;
};
template <grouping_set_key Key>
struct rolled_up_tables<Key> {
  using type = typename Key::rolled_up_tables;
};

/// A key without a column puts every row in one group: a bound value is sent as $n.
template <class Key>
constexpr void check_group_key() {
  if constexpr (!grouping_set_key<Key>)
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

/// GROUP BY expressions. Columns that a grouping set may group away read as optional.
template <class... Keys>
struct group_by_clause : keyword_clause<" GROUP BY ", item_list<Keys...>> {
  using slot = group_by_slot;
  using null_tables = concat_t<typename rolled_up_tables<Keys>::type...>;
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
    (check_group_key<group_key_t<Keys>>(), ...);
    using clause = group_by_clause<group_key_t<Keys>...>;
    return replace_clause<group_by_slot>(
        moved<Statement>(*this), clause{{make_item_list(group_key(std::forward<Keys>(keys))...)}});
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
