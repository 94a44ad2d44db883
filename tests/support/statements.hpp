// SPDX-License-Identifier: BSL-1.0
// Hand-written static statements for the execution tests: they satisfy pgdsl::static_statement
// exactly as the DSL's statements do (SQL as a static fixed_string, parameter types in $n order,
// described result columns), so the execution layer is tested before and independently of the DSL.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

#include "pgdsl/execution/statement_concept.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::test {

/// A result column named `Name` (qualified as `Table`.`Name`), decoded as T, found by Key.
template <fixed_string Table, fixed_string Name, class T, class Key = void>
struct column {
  using key_type = std::conditional_t<std::is_void_v<Key>, column, Key>;
  using value_type = T;
  static constexpr std::string_view name = Name;
  static constexpr auto qualified =
      concat(fixed_string("\""), Table, fixed_string("\".\""), Name, fixed_string("\""));
  static constexpr std::string_view qualified_name = qualified;
};

/// A statement whose SQL is `Sql`, with result columns `Columns` and parameters of types P...
template <fixed_string Sql, class Columns, class... P>
struct statement {
  static constexpr auto sql = Sql;
  static constexpr std::size_t param_count = sizeof...(P);
  using param_types = type_list<P...>;
  using result_columns = Columns;

  std::tuple<P...> values;

  template <class F>
  void bind(F&& sink) const {
    std::apply([&](const auto&... value) { (sink(value), ...); }, values);
  }
};

/// Builds a statement<Sql, Columns, P...> holding `values`.
template <fixed_string Sql, class Columns = type_list<>, class... P>
statement<Sql, Columns, P...> make_statement(P... values) {
  return statement<Sql, Columns, P...>{std::tuple<P...>(std::move(values)...)};
}

}  // namespace pgdsl::test
