// SPDX-License-Identifier: BSL-1.0
// pgdsl::sql: a statement composed at run time from three kinds of parts, as psycopg2.sql does,
// with the compiler enforcing what psycopg documents: SQL text only from string literals (checked
// at compile time; run-time text must be marked pgdsl::runtime_sql(text), the one greppable escape
// hatch), values only as bound parameters (pgdsl::param(v) writes $n), names only through
// pgdsl::identifier / qualified_name (quoted by the same writer as static statements).
#pragma once

#include <cstddef>
#include <ranges>
#include <string>
#include <type_traits>
#include <utility>

#include "pgdsl/dynamic/detail/owned_parameters.hpp"
#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/render/sql_writer.hpp"

namespace pgdsl {

/// A value to bind in a composed statement: pgdsl::param(42) is written $n.
template <class T>
struct bound_value {
  T value;
};

/// Binds `value` as a parameter of a pgdsl::sql; it never enters the SQL text.
template <class V>
auto param(V&& value) {
  using stored = parameter_storage_t<V>;
  static_assert(has_type_traits<nullable_base_t<stored>>,
                "this C++ type has no PostgreSQL mapping: bind a supported type, or specialize "
                "pgdsl::type_traits<T> for it (docs/types.md)");
  return bound_value<stored>{stored(std::forward<V>(value))};
}

class sql;

namespace detail {
template <class Part>
inline constexpr bool is_sql_part =
    std::is_same_v<Part, identifier> || std::is_same_v<Part, qualified_name> ||
    std::is_same_v<Part, sql>;
template <class T>
inline constexpr bool is_sql_part<bound_value<T>> = true;
}  // namespace detail

/// SQL text composed at run time: pgdsl::sql("SELECT ") + identifier(column) + " FROM " +
/// qualified_name(schema, table) + " WHERE id = " + param(id).
class sql {
 public:
  sql() = default;
  /// Text from a string literal (or marked with pgdsl::runtime_sql); any other string is refused
  /// at compile time.
  sql(raw_sql text) { *this += text; }  // NOLINT: implicit, as raw_sql's own literals are

  sql& operator+=(raw_sql text) {
    text_ += text.c_str();
    return *this;
  }
  sql& operator+=(const identifier& name) {
    append_rendered(name);
    return *this;
  }
  sql& operator+=(const qualified_name& name) {
    append_rendered(name);
    return *this;
  }
  template <class T>
  sql& operator+=(const bound_value<T>& value) {
    text_ += placeholder_mark;
    parameters_.add(value.value);
    return *this;
  }
  /// Another composed statement: its text, then its parameters numbered after these.
  sql& operator+=(const sql& other) {
    text_ += other.text_;
    parameters_.append(other.parameters_);
    return *this;
  }

  friend sql operator+(sql left, raw_sql right) {
    left += right;
    return left;
  }
  template <class Part>
  requires detail::is_sql_part<Part>
  friend sql operator+(sql left, const Part& right) {
    left += right;
    return left;
  }

  /// The parts of `parts` (identifiers, values or statements) with `separator` between them:
  /// sql::join(", ", columns).
  template <std::ranges::input_range Parts>
  static sql join(raw_sql separator, const Parts& parts) {
    sql joined;
    bool first = true;
    for (const auto& part : parts) {
      if (!first) joined += separator;
      first = false;
      joined += part;
    }
    return joined;
  }

  /// The SQL text, placeholders numbered $1, $2, ... left to right.
  std::string text() const {
    std::string out;
    out.reserve(text_.size() + 4 * parameters_.size());
    std::size_t next = 1;
    for (char c : text_) {
      if (c != placeholder_mark) {
        out += c;
        continue;
      }
      out += '$';
      out += std::to_string(next++);
    }
    return out;
  }

  /// The number of bound values.
  std::size_t param_count() const noexcept { return parameters_.size(); }
  /// The bound values, in $n order.
  const detail::owned_parameters& parameters() const noexcept { return parameters_; }

 private:
  // Marks a placeholder in text_: no part can contain a NUL (literals end at one, identifiers
  // refuse it, runtime_sql text is a C string), so the mark is never SQL.
  static constexpr char placeholder_mark = '\0';

  template <class Part>
  void append_rendered(const Part& part) {
    sql_writer counter;
    part.render(counter);
    const std::size_t start = text_.size();
    text_.resize(start + counter.size());
    sql_writer writer(text_.data() + start);
    part.render(writer);
  }

  std::string text_;
  detail::owned_parameters parameters_;
};

}  // namespace pgdsl
