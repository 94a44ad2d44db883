// SPDX-License-Identifier: BSL-1.0
// The shape every expression node shares, and what turns a C++ value into an operand.
// A node is a type that renders itself (static: the SQL is a property of the type) and an object
// that carries its bound values (bind visits them in $n order); nodes nest into trees.
#pragma once

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "pgdsl/expr/fwd.hpp"
#include "pgdsl/expr/like_pattern.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/types/all.hpp"
#include "pgdsl/util/pack.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// True for expression nodes: columns, parameters, literals, operators, functions, subqueries.
template <class E>
concept expression = requires {
  typename std::remove_cvref_t<E>::pgdsl_expression_tag;
};

/// True for C++ types with a PostgreSQL mapping (a pgdsl::type_traits specialization).
template <class T>
concept has_type_traits = requires {
  type_traits<T>::category;
};

/// The C++ type of an expression's SQL value, without std::optional.
template <class E>
using sql_type_t = typename std::remove_cvref_t<E>::sql_type;

/// True when the expression can be NULL once the tables in NullTables may be missing (outer joins).
template <class E, class NullTables = type_list<>>
inline constexpr bool nullable_v = std::remove_cvref_t<E>::template nullable_in<NullTables>;

/// The C++ type a result of E is read as: std::optional when it can be NULL.
template <class E, class NullTables = type_list<>>
using result_type_t =
    std::conditional_t<nullable_v<E, NullTables>, std::optional<sql_type_t<E>>, sql_type_t<E>>;

namespace detail {

/// The parameter type a C++ value is stored as: one type per PostgreSQL type family.
template <class V>
struct parameter_storage {
  using type = V;
};
template <std::integral V>
requires(!std::same_as<V, bool>) struct parameter_storage<V> {
  static_assert(std::is_signed_v<V> || sizeof(V) < 8,
                "PostgreSQL has no unsigned 64-bit type: convert the value to std::int64_t "
                "(checking its range) or to pgdsl::numeric");
  using type = std::conditional_t<
      !std::is_signed_v<V>, std::int64_t,
      std::conditional_t<sizeof(V) <= 2, std::int16_t,
                         std::conditional_t<sizeof(V) == 4, std::int32_t, std::int64_t>>>;
};
template <std::size_t N>
struct parameter_storage<char[N]> {
  using type = std::string;
};
template <>
struct parameter_storage<const char*> {
  using type = std::string;
};
template <>
struct parameter_storage<char*> {
  using type = std::string;
};
template <class V>
struct parameter_storage<std::optional<V>> {
  using type = std::optional<typename parameter_storage<V>::type>;
};

}  // namespace detail

/// How a C++ value of type V is stored and bound.
template <class V>
using parameter_storage_t = typename detail::parameter_storage<std::remove_cvref_t<V>>::type;

/// The members every expression node has.
template <class Derived>
struct expression_ops {
  using pgdsl_expression_tag = void;

  /// x IN (...): a range of values is bound as one array parameter (x = ANY($n), one SQL text
  /// whatever the length; an empty range matches nothing); a SELECT renders as a subquery; one
  /// other value is a list of one, x IN ($n).
  template <class Values>
  [[nodiscard]] constexpr auto in(Values&& values) const {
    return make_in<false>(std::forward<Values>(values));
  }
  /// x NOT IN (...), the negation of in(); over an empty range it matches every row
  /// (x <> ALL($n)).
  template <class Values>
  [[nodiscard]] constexpr auto not_in(Values&& values) const {
    return make_in<true>(std::forward<Values>(values));
  }
  /// x IN (a, b, c): a list whose length is fixed in the program, one parameter per value and
  /// no array built (x IN ($1, $2, $3)).
  template <class First, class Second, class... Rest>
  [[nodiscard]] constexpr auto in(First&& first, Second&& second, Rest&&... rest) const {
    return make_in_list<false>(std::forward<First>(first), std::forward<Second>(second),
                               std::forward<Rest>(rest)...);
  }
  template <class First, class Second, class... Rest>
  [[nodiscard]] constexpr auto not_in(First&& first, Second&& second, Rest&&... rest) const {
    return make_in_list<true>(std::forward<First>(first), std::forward<Second>(second),
                              std::forward<Rest>(rest)...);
  }
  /// x IN {a, b, c}, written inline: bound as one array, like a range.
  template <class T>
  [[nodiscard]] constexpr auto in(std::initializer_list<T> values) const {
    return make_in<false>(std::vector<T>(values));
  }
  template <class T>
  [[nodiscard]] constexpr auto not_in(std::initializer_list<T> values) const {
    return make_in<true>(std::vector<T>(values));
  }
  /// Pattern matching on text: x LIKE pattern, and its NOT and case-insensitive forms.
  template <class Pattern>
  [[nodiscard]] constexpr auto like(Pattern&& pattern) const {
    return make_match<" LIKE ">(std::forward<Pattern>(pattern));
  }
  template <class Pattern>
  [[nodiscard]] constexpr auto not_like(Pattern&& pattern) const {
    return make_match<" NOT LIKE ">(std::forward<Pattern>(pattern));
  }
  template <class Pattern>
  [[nodiscard]] constexpr auto ilike(Pattern&& pattern) const {
    return make_match<" ILIKE ">(std::forward<Pattern>(pattern));
  }
  template <class Pattern>
  [[nodiscard]] constexpr auto not_ilike(Pattern&& pattern) const {
    return make_match<" NOT ILIKE ">(std::forward<Pattern>(pattern));
  }
  /// x LIKE '%text%', x LIKE 'text%', x LIKE '%text': `text` (a value, typically user input) is
  /// matched literally, its `%`, `_` and `\` escaped (like_escape); the i- forms use ILIKE.
  template <class Text>
  [[nodiscard]] auto contains(const Text& text) const {
    return make_literal_match<" LIKE ", true, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto starts_with(const Text& text) const {
    return make_literal_match<" LIKE ", false, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto ends_with(const Text& text) const {
    return make_literal_match<" LIKE ", true, false>(text);
  }
  template <class Text>
  [[nodiscard]] auto icontains(const Text& text) const {
    return make_literal_match<" ILIKE ", true, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto istarts_with(const Text& text) const {
    return make_literal_match<" ILIKE ", false, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto iends_with(const Text& text) const {
    return make_literal_match<" ILIKE ", true, false>(text);
  }
  /// x BETWEEN low AND high.
  template <class Low, class High>
  [[nodiscard]] constexpr auto between(Low&& low, High&& high) const {
    return make_between<false>(std::forward<Low>(low), std::forward<High>(high));
  }
  template <class Low, class High>
  [[nodiscard]] constexpr auto not_between(Low&& low, High&& high) const {
    return make_between<true>(std::forward<Low>(low), std::forward<High>(high));
  }
  [[nodiscard]] constexpr auto is_null() const { return null_check<false, Derived>{{}, {self()}}; }
  [[nodiscard]] constexpr auto is_not_null() const {
    return null_check<true, Derived>{{}, {self()}};
  }
  /// x IS DISTINCT FROM y: like <>, but NULL-safe (never NULL itself).
  template <class Other>
  [[nodiscard]] constexpr auto is_distinct_from(Other&& other) const {
    return make_distinct<true>(std::forward<Other>(other));
  }
  template <class Other>
  [[nodiscard]] constexpr auto is_not_distinct_from(Other&& other) const {
    return make_distinct<false>(std::forward<Other>(other));
  }
  /// Sort orders for ORDER BY.
  [[nodiscard]] constexpr auto asc() const { return sort_item<Derived, false, 0>{self()}; }
  [[nodiscard]] constexpr auto desc() const { return sort_item<Derived, true, 0>{self()}; }
  /// expr AS "alias", for the select list.
  template <fixed_string Alias>
  [[nodiscard]] constexpr auto as() const {
    return aliased_expression<Derived, Alias>{self()};
  }

 private:
  constexpr const Derived& self() const { return static_cast<const Derived&>(*this); }

  template <fixed_string Op, class Other>
  constexpr auto make_match(Other&& other) const {
    // A pattern is text: once the operand is found not to be, skip the follow-on comparison error.
    constexpr bool is_text = detail::check_pattern_match<Derived>();
    auto right = [&] {
      if constexpr (is_text)
        return detail::comparison_operand<Derived>(std::forward<Other>(other));
      else
        return parameter<parameter_storage_t<Other>>{};
    }();
    return comparison<Op, Derived, decltype(right)>{{}, {self(), std::move(right)}};
  }
  template <fixed_string Op, bool Leading, bool Trailing, class Text>
  auto make_literal_match(const Text& text) const {
    constexpr bool is_value = detail::literal_text_argument<Text>;
    static_assert(is_value,
                  "contains(), starts_with() and ends_with() take the text to find as a value "
                  "(std::string, std::string_view, a literal), matched literally; to match "
                  "another expression's text, use like() with a pattern");
    if constexpr (is_value)
      return make_match<Op>(
          detail::literal_like_pattern<Leading, Trailing>(std::string_view(text)));
    else
      return make_match<Op>(std::string());
  }
  template <bool Negated, class Other>
  constexpr auto make_distinct(Other&& other) const {
    auto right = detail::comparison_operand<Derived>(std::forward<Other>(other));
    return distinct_from<Negated, Derived, decltype(right)>{{}, {self(), std::move(right)}};
  }
  template <bool Negated, class Low, class High>
  constexpr auto make_between(Low&& low, High&& high) const {
    auto from = detail::comparison_operand<Derived>(std::forward<Low>(low));
    auto to = detail::comparison_operand<Derived>(std::forward<High>(high));
    return between_node<Negated, Derived, decltype(from), decltype(to)>{
        {}, self(), std::move(from), std::move(to)};
  }
  template <bool Negated, class Values>
  constexpr auto make_in(Values&& values) const {
    using V = std::remove_cvref_t<Values>;
    if constexpr (detail::is_select_query<V>) {
      return in_subquery<Negated, Derived, V>{{}, self(), std::forward<Values>(values)};
    } else if constexpr (!std::ranges::range<V> ||
                         std::is_convertible_v<const V&, std::string_view> || expression<V>) {
      return make_in_list<Negated>(std::forward<Values>(values));  // one value (text is one too)
    } else {
      using element = parameter_storage_t<std::ranges::range_value_t<V>>;
      std::vector<element> list(std::ranges::begin(values), std::ranges::end(values));
      return in_array<Negated, Derived, std::vector<element>>{
          {}, self(), parameter<std::vector<element>>{{}, std::move(list)}};
    }
  }
  template <bool Negated, class... Values>
  constexpr auto make_in_list(Values&&... values) const {
    return make_in_list_of<Negated>(
        detail::comparison_operand<Derived>(std::forward<Values>(values))...);
  }
  template <bool Negated, class... Operands>
  constexpr auto make_in_list_of(Operands... operands) const {
    return in_list<Negated, Derived, Operands...>{
        {}, self(), detail::pack<Operands...>(std::move(operands)...)};
  }
};

namespace detail {

/// Renders an operand, in parentheses unless it delimits itself.
template <class E>
constexpr void render_operand(sql_writer& w) {
  if constexpr (E::is_atomic) {
    E::render(w);
  } else {
    w << '(';
    E::render(w);
    w << ')';
  }
}

/// Can be NULL when any operand can (true of operators and most functions).
template <class NullTables, class... E>
inline constexpr bool any_nullable = (E::template nullable_in<NullTables> || ...);

/// The tables and the parameter types of a node made of these operands, in rendering order.
template <class... E>
using tables_of = concat_t<typename E::tables...>;
template <class... E>
using params_of = concat_t<typename E::params...>;

/// Visits the bound values of operands, left to right.
template <class F, class... E>
constexpr void bind_all(F& f, const E&... operands) {
  (operands.bind(f), ...);
}

/// The operand of a node with one: its tables, parameters, nullability (NULL in, NULL out;
/// a node may redeclare nullable_in) and bound values.
template <class E>
struct unary_operand {
  E operand;

  using tables = typename E::tables;
  using params = typename E::params;
  template <class NullTables>
  static constexpr bool nullable_in = E::template nullable_in<NullTables>;

  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
  }
};

/// The operands of a node with two, bound left then right; NULL when either is.
template <class L, class R>
struct binary_operands {
  L left;
  R right;

  using tables = tables_of<L, R>;
  using params = params_of<L, R>;
  template <class NullTables>
  static constexpr bool nullable_in = any_nullable<NullTables, L, R>;

  template <class F>
  constexpr void bind(F& f) const {
    left.bind(f);
    right.bind(f);
  }
};

}  // namespace detail

/// A value bound as $n; it never enters the SQL text.
template <class T>
struct parameter : expression_ops<parameter<T>> {
  T value;

  using sql_type = nullable_base_t<T>;
  using tables = type_list<>;
  using params = type_list<T>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = is_optional_v<T>;

  static constexpr void render(sql_writer& w) { w.placeholder(); }
  template <class F>
  constexpr void bind(F& f) const {
    f(value);
  }
};

/// The condition of the rule that a window function (row_number(), lag(), ...) has .over().
template <class WindowFunction, bool Holds>
inline constexpr bool window_function_has_over = Holds;

/// Wraps a value as a parameter node (expressions pass through unchanged).
template <class V>
constexpr auto to_operand(V&& value) {
  if constexpr (expression<V>) {
    return std::remove_cvref_t<V>(std::forward<V>(value));
  } else if constexpr (detail::is_select_query<std::remove_cvref_t<V>>) {
    return scalar_subquery<std::remove_cvref_t<V>>{{}, std::forward<V>(value)};
  } else if constexpr (requires { typename std::remove_cvref_t<V>::pgdsl_needs_over; }) {
    static_assert(window_function_has_over<std::remove_cvref_t<V>, false>,
                  "a window function needs its window: add .over(pgdsl::window()...), e.g. "
                  "row_number().over(pgdsl::window().order_by(t.c))");
    return parameter<int>{};
  } else {
    using stored = parameter_storage_t<V>;
    static_assert(has_type_traits<nullable_base_t<stored>>,
                  "this C++ type has no PostgreSQL mapping: bind a supported type, or specialize "
                  "pgdsl::type_traits<T> for it (docs/types.md)");
    return parameter<stored>{{}, stored(std::forward<V>(value))};
  }
}

/// The node type to_operand makes of V.
template <class V>
using operand_t = decltype(to_operand(std::declval<V>()));

}  // namespace pgdsl
