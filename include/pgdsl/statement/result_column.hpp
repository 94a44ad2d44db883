// SPDX-License-Identifier: BSL-1.0
// What a statement returns, column by column: the C++ type each is read as (std::optional when it
// can be NULL, outer joins included), its name (matched against struct members), and its SQL for
// messages. The execution layer decodes rows from this list.
#pragma once

#include <string_view>
#include <type_traits>

#include "pgdsl/expr/aliased_expression.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

namespace detail {
template <class Item>
constexpr std::string_view result_name() {
  if constexpr (requires { Item::alias; })
    return Item::alias.view();
  else if constexpr (requires { Item::name; })
    return Item::name.view();
  else
    return "?column?";  // PostgreSQL's own name for an unnamed expression
}
}  // namespace detail

/// One output column of a statement: Item as it is read when NullTables may be missing.
template <class Item, class NullTables>
struct result_column {
  using key_type = Item;
  using sql_type = sql_type_t<Item>;
  using value_type = result_type_t<Item, NullTables>;
  /// The column's name or alias (what .as<Struct>() matches member names against).
  static constexpr std::string_view name = detail::result_name<Item>();
  /// The column as the SQL writes it, for messages: "users"."email".
  static constexpr std::string_view qualified_name = sql_of<Item>.view();
};

/// The result columns of a list of select items.
template <class NullTables, class... Items>
using result_columns_of = type_list<result_column<Items, NullTables>...>;

}  // namespace pgdsl
