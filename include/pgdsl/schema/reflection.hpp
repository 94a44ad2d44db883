// SPDX-License-Identifier: BSL-1.0
// The columns of a table descriptor, listed without macros: a table struct is an aggregate whose
// members are its columns, so they are counted and read by the aggregate reflection engine
// (util/detail/aggregate_members.hpp, up to 64 columns). all_of(users) puts every column in a
// select list.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/detail/aggregate_members.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

namespace detail {

// The table<...> base takes the first initializer; the columns take the rest.
template <class T>
constexpr std::size_t column_count() {
  constexpr std::size_t initializers = initializer_count<T, max_aggregate_members + 2>();
  static_assert(initializers <= max_aggregate_members + 1,
                "pgdsl reads tables of up to 64 columns; split the table");
  return initializers - 1;
}

}  // namespace detail

/// The column descriptor types of table struct T, in declaration order.
template <class T>
using columns_of_t = detail::member_types_t<T, detail::column_count<T>()>;

/// Every column of a table, for select(): select(all_of(users)). Renders as the column list.
template <class Columns>
struct column_pack;
template <class... Columns>
struct column_pack<type_list<Columns...>> {
  using columns = type_list<Columns...>;
  using tables = concat_t<typename Columns::tables...>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { detail::render_list<Columns...>(w); }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class T>
inline constexpr bool is_column_pack = false;
template <class Columns>
inline constexpr bool is_column_pack<column_pack<Columns>> = true;

template <table_type T>
constexpr auto all_of(const T&) {
  return column_pack<columns_of_t<T>>{};
}

}  // namespace pgdsl
