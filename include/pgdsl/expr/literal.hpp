// SPDX-License-Identifier: BSL-1.0
// Compile-time literals, for constants that belong in the SQL text itself (they then take part in
// the statement's plan): lit<42>, lit<true>, lit_text<"active">. Every other value is a parameter.
// pgdsl::null is SQL NULL where a nullable column is expected.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// A number or boolean written into the SQL text.
template <auto Value>
struct literal : expression_ops<literal<Value>> {
  using value_type = decltype(Value);
  static_assert(std::is_integral_v<value_type>, "lit<V> takes an integer or a bool");

  // PostgreSQL reads an integer constant as int4 when it fits, else as int8.
  using sql_type = std::conditional_t<
      std::is_same_v<value_type, bool>, bool,
      std::conditional_t<
          (static_cast<long double>(Value) >= std::numeric_limits<std::int32_t>::min() &&
           static_cast<long double>(Value) <= std::numeric_limits<std::int32_t>::max()),
          std::int32_t, std::int64_t>>;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    if constexpr (std::is_same_v<value_type, bool>) {
      w << (Value ? "TRUE" : "FALSE");
    } else if constexpr (std::is_signed_v<value_type>) {
      w.number(static_cast<long long>(Value));
    } else {
      w.number(static_cast<std::size_t>(Value));
    }
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// A text constant written into the SQL text, quotes doubled: lit_text<"it's"> is 'it''s'.
template <fixed_string Text>
struct text_literal : expression_ops<text_literal<Text>> {
  using sql_type = std::string;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) { w.string_literal(Text.view()); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// lit<42>, lit<true>: a literal number or boolean.
template <auto Value>
inline constexpr literal<Value> lit{};
/// lit_text<"...">: a literal text constant.
template <fixed_string Text>
inline constexpr text_literal<Text> lit_text{};

/// SQL NULL, where a nullable column is expected: insert_into(t).set(t.note = pgdsl::null),
/// update(t).set(t.note = pgdsl::null). It is std::nullopt by a shorter name, so both spellings
/// follow the same rules: bound as a NULL of the column's type, refused at compile time for a
/// NOT NULL column, and refused in comparisons (= NULL is never true: use .is_null()).
inline constexpr std::nullopt_t null = std::nullopt;

}  // namespace pgdsl
