// SPDX-License-Identifier: BSL-1.0
// Raw SQL for what the DSL cannot express yet: raw_sql (a NUL-terminated SQL string, never built
// from values) and the result columns of db.query<T...>(sql, args...), which are known by
// position and by the server's labels (used in messages), not by a compile-time name. Raw SQL
// whose text is fixed (a literal) is prepared once per connection like a DSL statement; text
// made at run time (runtime_sql) runs unnamed, or prepared through db.prepare<T...>(text).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The SQL of a raw query, passed to libpq as is. Values go in parameters ($1, $2, ...), never
/// into this text. A string literal converts implicitly (the text is fixed when the program is
/// compiled); text made at run time must say so with runtime_sql(), so every such place can be
/// found with grep and reviewed.
/// The condition of the raw SQL rule, spelled so that a failure names the text's type.
template <class Text, bool Holds>
inline constexpr bool sql_is_a_literal = Holds;

class raw_sql {
 public:
  /// SQL written in the program as a string literal.
  template <std::size_t N>
  consteval raw_sql(const char (&sql)[N]) noexcept  // NOLINT: implicit by design
      : sql_(sql), fixed_(true) {}

  /// SQL rendered at compile time (a statement's or a DDL script's `.sql`) is as fixed as a
  /// literal: db.run_command(pgdsl::create_all<users_t, orders_t>().sql).
  template <class Statement>
  constexpr raw_sql(sql_text<Statement> text) noexcept  // NOLINT: implicit by design
      : sql_(text.c_str()), fixed_(true) {}

  /// Any other text (a std::string, a const char* variable) is refused with the way to say it.
  template <class Text>
  requires(!std::is_array_v<Text> && std::is_convertible_v<const Text&, std::string_view>)
      raw_sql(const Text&)
      : sql_(nullptr) {  // NOLINT: exists to explain the refusal
    static_assert(sql_is_a_literal<Text, false>,
                  "raw SQL text made at run time must be marked: pass pgdsl::runtime_sql(text) "
                  "(and bind every value as a parameter)");
  }

  const char* c_str() const noexcept { return sql_; }
  /// The text is fixed for the program's life (a literal, a compile-time rendering): its address
  /// can key the connection's prepared-statement cache, as a DSL statement's does.
  constexpr bool is_fixed() const noexcept { return fixed_; }

 private:
  constexpr explicit raw_sql(const char* sql) noexcept : sql_(sql) {}
  friend raw_sql runtime_sql(const char* sql) noexcept;

  const char* sql_;
  bool fixed_ = false;
};

/// SQL text made at run time (DDL with a generated name, a script read from a file). The text
/// must outlive the call it is passed to, and must never contain values: bind them.
inline raw_sql runtime_sql(const char* sql) noexcept {
  return raw_sql(sql);
}
/// SQL text made at run time, as a std::string (see above).
inline raw_sql runtime_sql(const std::string& sql) noexcept {
  return runtime_sql(sql.c_str());
}

/// Column I of a raw query, decoded as T; its key is the column itself (read it with get<I>()).
template <std::size_t I, class T>
struct raw_column {
  using key_type = raw_column;
  using value_type = T;
  static constexpr std::string_view name{};
  static constexpr std::string_view qualified_name{};
};

namespace detail {

template <class Indices, class... T>
struct make_raw_columns;
template <std::size_t... I, class... T>
struct make_raw_columns<std::index_sequence<I...>, T...> {
  using type = type_list<raw_column<I, T>...>;
};

// A raw-query argument as the parameter it binds: string literals and C strings as text views.
template <class A>
decltype(auto) as_parameter(const A& argument) {
  if constexpr (std::is_same_v<parameter_value_t<A>, std::remove_cvref_t<A>>)
    return (argument);
  else
    return parameter_value_t<A>(argument);
}

}  // namespace detail

/// The result columns of db.query<T...>(...).
template <class... T>
using raw_columns = typename detail::make_raw_columns<std::index_sequence_for<T...>, T...>::type;

}  // namespace pgdsl
