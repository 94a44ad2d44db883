// SPDX-License-Identifier: BSL-1.0
// Predicates on one operand: IS [NOT] NULL, [NOT] BETWEEN, [NOT] IN over a bound array
// (= ANY($n) / <> ALL($n), one parameter whatever the list's length), [NOT] IN over a list of a
// fixed length (IN ($1, $2, $3), each value its own parameter) and [NOT] IN (subquery).
#pragma once

#include <type_traits>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// operand IS [NOT] NULL.
template <bool Negated, class E>
struct null_check : expression_ops<null_check<Negated, E>>, detail::unary_operand<E> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " IS NOT NULL" : " IS NULL");
  }
};

/// operand [NOT] BETWEEN low AND high.
template <bool Negated, class E, class Low, class High>
struct between_node : expression_ops<between_node<Negated, E, Low, High>> {
  E operand;
  Low low;
  High high;

  using sql_type = bool;
  using tables = detail::tables_of<E, Low, High>;
  using params = detail::params_of<E, Low, High>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = detail::any_nullable<NullTables, E, Low, High>;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " NOT BETWEEN " : " BETWEEN ");
    detail::render_operand<Low>(w);
    w << " AND ";
    detail::render_operand<High>(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    detail::bind_all(f, operand, low, high);
  }
};

/// operand = ANY($n), or operand <> ALL($n) when negated: IN over a list bound as one array.
template <bool Negated, class E, class Values>
struct in_array : expression_ops<in_array<Negated, E, Values>> {
  E operand;
  parameter<Values> values;

  static_assert(
      values_are_comparable<description_t<E>, sql_type_name<sql_type_t<E>>,
                            sql_type_name<typename Values::value_type>,
                            detail::comparable_types<sql_type_t<E>, typename Values::value_type>()>,
      "cannot compare values of these SQL types: the list's elements must be comparable "
      "with the expression before .in()");

  using sql_type = bool;
  using tables = typename E::tables;
  using params = concat_t<typename E::params, type_list<Values>>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = E::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " <> ALL(" : " = ANY(");
    w.placeholder();
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    detail::bind_all(f, operand, values);
  }
};

/// operand [NOT] IN (v1, v2, ...): a list whose length is fixed when the program is compiled,
/// each value checked against the operand like the right side of = and bound as its own $n.
template <bool Negated, class E, class... Values>
struct in_list : expression_ops<in_list<Negated, E, Values...>> {
  E operand;
  detail::pack<Values...> values;

  using sql_type = bool;
  using tables = detail::tables_of<E, Values...>;
  using params = detail::params_of<E, Values...>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = detail::any_nullable<NullTables, E, Values...>;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " NOT IN (" : " IN (");
    bool first = true;
    (render_value<Values>(w, first), ...);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
    values.for_each([&f](const auto& value) { value.bind(f); });
  }

 private:
  template <class V>
  static constexpr void render_value(sql_writer& w, bool& first) {
    if (!first) w << ", ";
    first = false;
    V::render(w);  // the commas delimit each value: no parentheses needed
  }
};

/// operand [NOT] IN (subquery).
template <bool Negated, class E, class Query>
struct in_subquery : expression_ops<in_subquery<Negated, E, Query>> {
  E operand;
  Query query;

  static_assert(Query::result_columns::size == 1,
                "a subquery after IN must select exactly one column");

  using sql_type = bool;
  using tables = concat_t<typename E::tables, typename Query::outer_tables>;
  using params = concat_t<typename E::params, typename Query::params>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = true;  // NOT IN meets NULL whenever the subquery yields one

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " NOT IN (" : " IN (");
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
    query.bind(f);
  }
};

}  // namespace pgdsl
