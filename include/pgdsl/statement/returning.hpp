// RETURNING items, for INSERT, UPDATE and DELETE: what the statement hands back per affected row,
// typed like a select list.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/statement/clause.hpp"
#include "pgdsl/statement/result_column.hpp"

namespace pgdsl {

/// RETURNING items.
template <class... Items>
struct returning_clause {
  item_list<Items...> list;

  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  using result_columns = result_columns_of<type_list<>, Items...>;

  static constexpr void render(sql_writer& w) {
    w << " RETURNING ";
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    list.bind(f);
  }
};

namespace detail {

template <class Clause>
struct result_columns_of_clause {
  using type = type_list<>;
};
template <class... Items>
struct result_columns_of_clause<returning_clause<Items...>> {
  using type = typename returning_clause<Items...>::result_columns;
};

template <class Item>
constexpr auto returning_item(Item&& item) {
  if constexpr (requires { item.alias; })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}

template <class... Items>
constexpr auto make_returning(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "returning() needs at least one column or expression");
  return returning_clause<decltype(returning_item(std::declval<Items>()))...>{
      make_item_list(returning_item(std::forward<Items>(items))...)};
}

}  // namespace detail

/// The result columns of a statement whose RETURNING slot is Clause (none without RETURNING).
template <class Clause>
using returning_columns_t = typename detail::result_columns_of_clause<Clause>::type;

}  // namespace pgdsl
